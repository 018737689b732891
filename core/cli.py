"""The ``fengqiao`` command: serve, migrate, schema, plugins, demo, accounts, audit, scoring.

Every failure the user can fix (bad config, bad argument, unknown plugin) prints one line on
stderr and exits with status 2; no tracebacks.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable, Sequence
from typing import Any

from core.config import load_settings
from core.errors import ConfigError, UserInputError

COMMANDS: dict[str, Callable[[argparse.Namespace], Any]] = {}


def command(name: str):
    def register(function):
        COMMANDS[name] = function
        return function

    return register


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fengqiao",
        description="Fengqiao community-policing GraphQL server (枫桥).",
        epilog="Example: fengqiao migrate && fengqiao serve --host 0.0.0.0 --port 8000\n"
        "Settings come from fengqiao.toml and FENGQIAO_* variables (see fengqiao.example.toml).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", help="path to fengqiao.toml (default: $FENGQIAO_CONFIG or ./fengqiao.toml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str, example: str, description: str | None = None) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help,
            description=description or help[0].upper() + help[1:] + ".",
            epilog=f"Example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    _add_server_commands(add)
    _add_account_commands(add)
    _add_record_commands(add)
    _add_stored_data_commands(add)
    _add_plugin_tools(add)
    from core.cli_operations import add_operation_commands

    add_operation_commands(add)
    return parser


Add = Callable[..., argparse.ArgumentParser]


def _add_server_commands(add: Add) -> None:
    """serve, migrate, makemigrations, schema, plugins, demo."""
    serve = add(
        "serve",
        "run the HTTP/WebSocket server (GraphQL at /graphql, /healthz, /metrics when enabled)",
        "fengqiao serve --host 0.0.0.0 --port 8000 --workers 4",
        "Run the HTTP/WebSocket server. Periodic jobs run inside it ([jobs]); logs follow [logging].",
    )
    serve.add_argument("--host", help="bind address (default from [server] host, 127.0.0.1)")
    serve.add_argument("--port", type=int, help="TCP port (default from [server] port, 8000)")
    serve.add_argument("--workers", type=int, help="worker processes (more than one needs PostgreSQL)")
    serve.add_argument("--reload", action="store_true", help="restart on code changes (development only)")
    serve.add_argument("--demo", action="store_true", help="load demo data first if the database has no stations")

    add(
        "migrate",
        "apply pending migrations for core and every enabled plugin",
        "fengqiao migrate && fengqiao serve",
        "Apply pending migrations for the core and every enabled plugin, each in a transaction. "
        "Run it before 'serve' on PostgreSQL, and after every upgrade.",
    )
    make = add(
        "makemigrations",
        "(developers) generate migrations for model changes",
        "FENGQIAO_PLUGINS__THIRD_PARTY=false fengqiao makemigrations --check",
    )
    make.add_argument("--check", action="store_true", help="only report; exit 1 if migrations are missing (CI)")

    from core.exports.command import add_export_parser

    add_export_parser(add)

    schema = add("schema", "GraphQL schema tools", "fengqiao schema export > schema.graphql")
    schema_sub = schema.add_subparsers(dest="schema_command", required=True, metavar="ACTION")
    export = schema_sub.add_parser(
        "export",
        help="print the SDL of the composed schema (enabled plugins only)",
        description="Print the SDL of the schema this configuration serves. The printed schema is "
        "kept in cache_dir and reused while the code and settings that shape it are unchanged.",
    )
    export.add_argument("--no-cache", action="store_true", help="build the schema; neither read nor write the cache")

    add(
        "plugins",
        "list installed plugins: name, version, enabled, hooks (and why a plugin cannot load)",
        "fengqiao plugins",
    )
    config = add("config", "configuration tools", "fengqiao config example > fengqiao.example.toml")
    config_sub = config.add_subparsers(dest="config_command", required=True, metavar="ACTION")
    config_sub.add_parser(
        "example", help="print every core and plugin setting with its default and help (fengqiao.example.toml)"
    )
    add(
        "permissions",
        "print every permission with its description and default roles (docs/permissions.md)",
        "fengqiao permissions > docs/permissions.md",
    )
    add(
        "demo",
        "create demo stations, users and every enabled plugin's demo data (prints the passwords once)",
        "fengqiao demo",
    )


def _add_account_commands(add: Add) -> None:
    """createstation, createuser."""
    station = add(
        "createstation",
        "create a station",
        "fengqiao createstation --name 渠县公安局城东派出所 --code 511725-CD --class ONE",
    )
    station.add_argument("--name", required=True, help="the station's full name")
    station.add_argument("--code", required=True, help="a unique short code used by other commands")
    station.add_argument(
        "--class",
        dest="station_class",
        default="FOUR",
        choices=["ONE", "TWO", "THREE", "FOUR"],
        help="the station's class (一类 … 四类), used to rank like with like (default: FOUR)",
    )

    user = add(
        "createuser",
        "create a user account",
        "echo 'a-long-password' | fengqiao createuser --username wang.suozhang --role STATION_CHIEF "
        "--station 511725-CD --password-stdin",
    )
    user.add_argument("--username", required=True, help="login name")
    user.add_argument("--display-name", help="name shown to others (default: the username)")
    user.add_argument(
        "--role", action="append", required=True, help="a Role such as OFFICER or BUREAU_ADMIN; repeat for several"
    )
    user.add_argument(
        "--station",
        help="station code; not for BUREAU_ADMIN; an AUDITOR with a station reads only its audit log, "
        "without one the whole deployment's",
    )
    user.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input instead of a prompt"
    )


def _add_record_commands(add: Add) -> None:
    """audit, scoring."""
    audit = add("audit", "audit log tools", "fengqiao audit verify --checkpoint /safe/place/head.json")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser(
        "verify",
        help="verify the keyed chains, checkpoints, the witness copy, audited rows, stored files and the access log",
        description="Run every audit check and report each: the keyed hash chains (one per station), the signed "
        "checkpoints, the latest witness copy, the audited business rows (a direct SQL edit shows as table, id "
        "and field) and "
        "the stored files re-hashed against their recorded SHA-256, and the personal-data access log (each "
        "record's MAC, sealed batches against the chain, sealing not stalled). Exit 1 when any check fails.",
    )
    verify.add_argument("--checkpoint", help="a checkpoint file written by 'audit checkpoint' (detects truncation)")
    verify.add_argument("--no-witness", action="store_true", help="do not read the configured witness")
    verify.add_argument(
        "--sample", type=int, metavar="N", help="re-hash N stored files chosen at random (default: every file)"
    )
    checkpoint = audit_sub.add_parser(
        "checkpoint",
        help="write a signed checkpoint of every chain's head to a file",
        description="Write a signed checkpoint (each chain's head sequence and hash, Ed25519 signature) to a file; "
        "keep it away from the database.",
    )
    checkpoint.add_argument("path", help="where to write the checkpoint (JSON)")
    audit_sub.add_parser(
        "export-checkpoint",
        help="sign every chain's head and copy it to the [audit] witness (also a periodic job)",
        description="Sign the head of every audit chain and copy the checkpoint to the [audit] witness.",
    )

    keys = add("keys", "secret key tools", "fengqiao keys rotate --new-key-file /secure/new.key")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    keys_sub.add_parser(
        "check",
        help="check the configured key is the one the database was written with",
        description="Check the configured key is the one the database was written with (exit 2 if not).",
    )
    rotate = keys_sub.add_parser(
        "rotate",
        help="re-encrypt personal data, re-key lookup hashes and the audit chain under a new key (resumable)",
        description="Re-encrypt personal data, re-key lookup hashes and the audit chain under a new key, in "
        "batches; an interrupted rotation resumes where it stopped.",
    )
    rotate.add_argument("--new-key-file", help="file holding the new secret key (at least 32 characters)")
    rotate.add_argument("--new-key-stdin", action="store_true", help="read the new secret key from standard input")
    rotate.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")

    scoring = add("scoring", "performance evaluation (绩效考评) tools", "fengqiao scoring snapshot --month 2020-07")
    scoring_sub = scoring.add_subparsers(dest="scoring_command", required=True, metavar="ACTION")
    snapshot = scoring_sub.add_parser(
        "snapshot",
        help="freeze a finished month's scores and ranking",
        description="Freeze a finished month's scores and ranking (月度考评冻结).",
    )
    snapshot.add_argument("--month", required=True, help="the month to freeze, YYYY-MM")
    snapshot.add_argument("--refreeze", action="store_true", help="replace an existing freeze (audited)")
    snapshot.add_argument("--reason", help="why (kept in the audit log)")


def _add_stored_data_commands(add: Add) -> None:
    """operations register|list|remove, attachments purge, areas import-geojson."""
    from core.operations.commands import add_parser as add_operations_parser

    add_operations_parser(add)
    from core.geo.commands import add_parser as add_areas_parser

    add_areas_parser(add)
    attachments = add("attachments", "stored files (附件)", "fengqiao attachments purge --dry-run")
    attachments_sub = attachments.add_subparsers(dest="attachments_command", required=True, metavar="ACTION")
    purge = attachments_sub.add_parser(
        "purge",
        help="delete the files whose retention has passed (audited)",
        description="Delete the files whose retention has passed, and stored files no row refers to (audited).",
    )
    purge.add_argument("--dry-run", action="store_true", help="only count the files that are due")


def _add_plugin_tools(add: Add) -> None:
    """plugin new, check, readme."""
    plugin = add("plugin", "tools for plugin authors", "fengqiao plugin new school_safety")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True, metavar="ACTION")
    new = plugin_sub.add_parser(
        "new",
        help="write a ready plugin package (pyproject, hookimpls, models, migration, passing test)",
        description="Write a ready plugin package: pyproject, hookimpls, models, migration and a passing test.",
    )
    new.add_argument("name", help="plugin name, e.g. school_safety (writes fengqiao-school-safety/)")
    new.add_argument("--directory", default=".", help="where to create the package folder (default: here)")
    check = plugin_sub.add_parser(
        "check",
        help="check plugin packages against the plugin shape and their README's generated blocks",
        description="Check plugin packages against the plugin shape (docs/plugins.md, 'The package') and "
        "their README's generated blocks; exits 1 naming every file that departs.",
    )
    check.add_argument("folders", nargs="+", metavar="FOLDER", help="a plugin package folder, e.g. plugins/patrol")
    readme = plugin_sub.add_parser(
        "readme",
        help="rewrite the generated blocks (permissions, settings, indicators) of plugin READMEs",
        description="Rewrite the generated blocks of each plugin package's README.md from its hooks.",
    )
    readme.add_argument("folders", nargs="+", metavar="FOLDER", help="a plugin package folder, e.g. plugins/patrol")


def add_plugin_commands(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> dict[str, Any]:
    """Load the configured plugins and add their ``fengqiao_commands`` as sub-commands."""
    from core.plugins import load_plugins

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--config")
    early.add_argument("command", nargs="?")
    known, _ = early.parse_known_args(argv)
    sub = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    commands: dict[str, Any] = {}
    if known.command in sub.choices:
        return commands  # a core command: it loads what it needs itself
    registry = load_plugins(load_settings(known.config))
    for plugin, contributed in registry.call_each("fengqiao_commands"):
        for item in contributed or ():
            if item.name in sub.choices:
                raise ConfigError(f"plugin '{plugin.name}' adds command '{item.name}', which already exists")
            item.arguments(sub.add_parser(item.name, help=f"{item.help} ({plugin.name} plugin)"))
            commands[item.name] = item
    return commands


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: exit status 0 ok, 1 the command found a problem, 2 a mistake the
    user can fix (one line on stderr), 130 interrupted by Ctrl-C — at any moment, imports included."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("fengqiao: interrupted", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None = None) -> int:
    import core.commands  # noqa: F401 — registers the command implementations
    import core.commands_operations  # noqa: F401 — jobs and doctor
    import core.commands_plugins  # noqa: F401 — plugin new, check, readme
    import core.commands_reference  # noqa: F401
    import core.geo.commands  # noqa: F401 — areas import-geojson

    parser = build_parser()
    try:
        plugin_commands = add_plugin_commands(parser, argv)
    except ConfigError as error:
        print(f"fengqiao: {error}", file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    name = args.command
    if name in plugin_commands:
        from core.commands import run_plugin_command

        COMMANDS[name] = lambda parsed: run_plugin_command(plugin_commands[name], parsed)
    for sub_name in (
        "schema_command",
        "audit_command",
        "scoring_command",
        "plugin_command",
        "jobs_command",
        "operations_command",
        "attachments_command",
        "config_command",
        "keys_command",
        "areas_command",
    ):
        if getattr(args, sub_name, None):
            name = f"{name} {getattr(args, sub_name)}"
    try:
        result = COMMANDS[name](args)
        if asyncio.iscoroutine(result):
            result = asyncio.run(closing_connections(result))
        return int(result or 0)
    except ConfigError as error:
        print(f"fengqiao: {error}", file=sys.stderr)
        return 2
    except UserInputError as error:
        problems = "; ".join(f"{p.field + ': ' if p.field else ''}{p.message}" for p in error.problems)
        print(f"fengqiao: {problems}", file=sys.stderr)
        return 2


async def closing_connections(command: Any) -> Any:
    """Await a command and close every database connection afterwards, whatever happened: an
    open aiosqlite connection keeps a thread alive and the process would never exit."""
    from core.db import close_orm, open_sqlite_connections, stop_sqlite_threads

    already_open = open_sqlite_connections()  # not this command's (an embedding program's)
    try:
        return await command
    finally:
        try:
            await close_orm()
        except Exception:  # noqa: BLE001 — closing is best effort; the command's outcome stands
            pass
        await stop_sqlite_threads(keep=already_open)


def settings_from(args: argparse.Namespace):
    return load_settings(args.config)


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ConfigError("the passwords do not match")
    return first


if __name__ == "__main__":  # pragma: no cover
    # Run through the importable module so command registrations land in one COMMANDS table.
    from core.cli import main as run_main

    sys.exit(run_main())
