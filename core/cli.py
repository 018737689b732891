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
    parser = argparse.ArgumentParser(prog="fengqiao", description="Fengqiao community-policing GraphQL server (枫桥).")
    parser.add_argument("--config", help="path to fengqiao.toml (default: $FENGQIAO_CONFIG or ./fengqiao.toml)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the HTTP/WebSocket server")
    serve.add_argument("--host", help="bind address (default from [server] host)")
    serve.add_argument("--port", type=int, help="port (default from [server] port)")
    serve.add_argument("--workers", type=int, help="worker processes (use PostgreSQL for more than one)")
    serve.add_argument("--reload", action="store_true", help="restart on code changes (development)")
    serve.add_argument("--demo", action="store_true", help="load demo data first if the database has no stations")

    sub.add_parser("migrate", help="apply pending migrations for core and every enabled plugin")
    make = sub.add_parser("makemigrations", help="(developers) generate migrations for model changes")
    make.add_argument("--check", action="store_true", help="only report; exit 1 if migrations are missing")

    schema = sub.add_parser("schema", help="GraphQL schema tools")
    schema_sub = schema.add_subparsers(dest="schema_command", required=True, metavar="ACTION")
    schema_sub.add_parser("export", help="print the SDL of the composed schema")

    sub.add_parser("plugins", help="list installed plugins: name, version, enabled, hooks")
    sub.add_parser("demo", help="create demo stations, users and every enabled plugin's demo data")

    station = sub.add_parser("createstation", help="create a station")
    station.add_argument("--name", required=True)
    station.add_argument("--code", required=True)
    station.add_argument("--class", dest="station_class", default="FOUR", choices=["ONE", "TWO", "THREE", "FOUR"])

    user = sub.add_parser("createuser", help="create a user account")
    user.add_argument("--username", required=True)
    user.add_argument("--display-name")
    user.add_argument("--role", action="append", required=True, help="a Role; repeat for several")
    user.add_argument(
        "--station",
        help="station code; not for BUREAU_ADMIN; an AUDITOR with a station reads only its audit log, "
        "without one the whole deployment's",
    )
    user.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    audit = sub.add_parser("audit", help="audit log tools")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser(
        "verify", help="verify the keyed chain, signed checkpoints, the latest witness copy and the audited rows"
    )
    verify.add_argument("--checkpoint", help="a checkpoint file written by 'audit checkpoint'")
    verify.add_argument("--no-witness", action="store_true", help="do not read the configured witness")
    checkpoint = audit_sub.add_parser("checkpoint", help="write a signed checkpoint of the chain head to a file")
    checkpoint.add_argument("path")
    audit_sub.add_parser(
        "export-checkpoint", help="sign the chain head and copy it to the [audit] witness (run on a schedule)"
    )

    keys = sub.add_parser("keys", help="secret key tools")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    keys_sub.add_parser("check", help="check the configured key is the one the database was written with")
    rotate = keys_sub.add_parser(
        "rotate", help="re-encrypt personal data, re-key lookup hashes and the audit chain under a new key (resumable)"
    )
    rotate.add_argument("--new-key-file", help="file holding the new secret key (at least 32 characters)")
    rotate.add_argument("--new-key-stdin", action="store_true", help="read the new secret key from standard input")
    rotate.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")

    scoring = sub.add_parser("scoring", help="performance evaluation (绩效考评) tools")
    scoring_sub = scoring.add_subparsers(dest="scoring_command", required=True, metavar="ACTION")
    snapshot = scoring_sub.add_parser("snapshot", help="freeze a finished month's scores and ranking")
    snapshot.add_argument("--month", required=True, help="the month to freeze, YYYY-MM")
    snapshot.add_argument("--refreeze", action="store_true", help="replace an existing freeze (audited)")
    snapshot.add_argument("--reason", help="why (kept in the audit log)")

    plugin = sub.add_parser("plugin", help="tools for plugin authors")
    plugin_sub = plugin.add_subparsers(dest="plugin_command", required=True, metavar="ACTION")
    new = plugin_sub.add_parser(
        "new", help="write a ready plugin package (pyproject, hookimpls, models, migration, passing test)"
    )
    new.add_argument("name", help="plugin name, e.g. school_safety (writes fengqiao-school-safety/)")
    new.add_argument("--directory", default=".", help="where to create the package folder (default: here)")
    return parser


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
    import core.commands  # noqa: F401 — registers the command implementations

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
    for sub_name in ("schema_command", "audit_command", "scoring_command", "plugin_command", "keys_command"):
        if getattr(args, sub_name, None):
            name = f"{name} {getattr(args, sub_name)}"
    try:
        result = COMMANDS[name](args)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        return int(result or 0)
    except ConfigError as error:
        print(f"fengqiao: {error}", file=sys.stderr)
        return 2
    except UserInputError as error:
        problems = "; ".join(f"{p.field + ': ' if p.field else ''}{p.message}" for p in error.problems)
        print(f"fengqiao: {problems}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


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
