"""Implementations of the ``fengqiao`` sub-commands (argument parsing lives in ``core.cli``)."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import sys
from collections.abc import Iterator

from core.cli import command, read_password, settings_from
from core.errors import ConfigError


def _app(args: argparse.Namespace, **overrides):
    from core.runtime import Fengqiao

    settings = settings_from(args)
    if overrides:
        settings = dataclasses.replace(settings, **overrides)
    return Fengqiao.create(settings)


# Container allocations between two collections of the youngest generation while serving
# (Python's default is 700). A list request makes tens of thousands of short-lived objects (rows,
# their GraphQL objects, the answer) that reference counting frees by the end of the request;
# at 700 the collector ran several times a request over objects still in use — about a tenth of
# the request's time in a profile of the dispute list. Cyclic garbage waits a little longer.
SERVING_GC_THRESHOLD = 10_000


@contextlib.contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """Start-up makes some 200,000 objects that live as long as the process (modules, classes,
    the schema); the cyclic collector traversed them again and again while they were made, about
    a seventh of the start. Collect nothing meanwhile, then freeze what exists so that later
    collections skip it too; the few thousand cycles start-up discards are kept, once. Then
    collect less often while serving (``SERVING_GC_THRESHOLD``)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(SERVING_GC_THRESHOLD, older, oldest)
        gc.enable()


@command("serve")
def serve(args: argparse.Namespace) -> int:
    with _no_cyclic_collection():
        app, settings, server = _prepare_serving(args)
    if args.demo:
        import asyncio

        asyncio.run(_demo_if_empty(app))
    return _run_server(args, app, settings, server)


def _prepare_serving(args: argparse.Namespace):
    """The settings, the built schema and the start-up checks: everything before the port opens."""
    import os

    settings = settings_from(args)
    server = dataclasses.replace(
        settings.server,
        host=args.host or settings.server.host,
        port=args.port or settings.server.port,
        workers=args.workers or settings.server.workers,
    )
    if args.demo:  # a demo is for exploring: GraphiQL on, the schema open to it
        server = dataclasses.replace(server, graphiql=True, introspection="always")
        os.environ.update(FENGQIAO_SERVER__GRAPHIQL="true", FENGQIAO_SERVER__INTROSPECTION="always")
    settings = dataclasses.replace(settings, server=server)
    if server.workers > 1 and settings.is_sqlite:
        raise ConfigError("server.workers: several workers need PostgreSQL; SQLite allows one writer process")
    app = _app(args, server=server)
    _ = app.schema  # build (and validate) the schema before binding the port
    import asyncio

    asyncio.run(app.preflight())  # a wrong or missing key stops here, with one line
    return app, settings, server


def _run_server(args: argparse.Namespace, app, settings, server) -> int:
    import os

    import uvicorn

    from core.observability.logging_setup import configure_logging
    from core.observability.serving import cleanup_workers, prepare_workers

    # One root handler for uvicorn's lines and ours; uvicorn must not install its own.
    configure_logging(settings.logging)
    logging_options = {"log_config": None, "log_level": settings.logging.level.lower()}
    # Forwarded headers only from the proxies named in [server] forwarded_allow_ips; uvicorn
    # would otherwise believe 127.0.0.1, letting a local client choose its address. No uvicorn
    # access log: it would keep the addresses of anonymous informants (the GraphQL access line
    # records the user id, never the address).
    proxy = {
        "proxy_headers": bool(server.forwarded_allow_ips),
        "forwarded_allow_ips": ",".join(server.forwarded_allow_ips) or "",
        "access_log": False,
    }
    if server.workers > 1 or args.reload:
        if args.config:
            os.environ["FENGQIAO_CONFIG"] = args.config
        prepare_workers(settings)
        try:
            uvicorn.run(
                "core.observability.serving:worker_app",
                factory=True,
                host=server.host,
                port=server.port,
                workers=server.workers,
                reload=args.reload,
                ws_max_size=settings.limits.max_body_bytes,  # the WebSocket message limit, at the transport
                **logging_options,
                **proxy,
            )
        finally:
            cleanup_workers()
        return 0
    from core.app import create_app

    print(f"Fengqiao on http://{server.host}:{server.port}/graphql (plugins: {', '.join(app.plugins.names) or 'none'})")
    uvicorn.run(
        create_app(app),
        host=server.host,
        port=server.port,
        ws_max_size=settings.limits.max_body_bytes,  # the WebSocket message limit, at the transport
        **logging_options,
        **proxy,
    )
    return 0


async def _demo_if_empty(app) -> None:
    from core.demo import load_demo
    from core.identity.models import Station

    await app.start()
    try:
        if not await Station.exists():
            await load_demo(app, out=sys.stdout)
    finally:
        await app.stop()


@command("migrate")
async def migrate(args: argparse.Namespace) -> int:
    from core.db import migrate as run

    app = _app(args)

    def progress(event: str, label: str, name: str) -> None:
        if event == "apply_done":
            print(f"applied {label}.{name}")

    await run(app.db_config, progress=progress)
    print("database is up to date")
    return 0


@command("makemigrations")
async def makemigrations(args: argparse.Namespace) -> int:
    from core.db import make_migrations

    app = _app(args)
    names = await make_migrations(app.db_config, write=not args.check)
    for name in names:
        print(("missing " if args.check else "created ") + name)
    if not names:
        print("no changes")
    return 1 if (args.check and names) else 0


@command("schema export")
def schema_export(args: argparse.Namespace) -> int:
    from core.schema_cache import printed_schema

    settings = settings_from(args)
    if args.no_cache:
        settings = dataclasses.replace(settings, cache_dir="")

    def build() -> str:
        from strawberry.printer import print_schema

        # The schema does not depend on the secret key: without one configured, do not read or
        # create the key file beside the database (exporting touches no database at all).
        key = settings.secret_key or "schema-export-without-a-configured-key-0123456789"
        return print_schema(_app(args, secret_key=key).schema)

    print(printed_schema(settings, build))
    return 0


@command("plugins")
def plugins(args: argparse.Namespace) -> int:
    """List every installed plugin; one that cannot load is listed with the reason. Exits 1
    when an enabled plugin is broken (the server would not start), 2 on a configuration
    mistake such as an unknown name in [plugins] enabled."""
    from core.doctor import plugin_rows
    from core.plugins import load_plugins

    settings = settings_from(args)
    rows = [("NAME", "VERSION", "ENABLED", "HOOKS")]
    registry = None
    problem: str | None
    try:
        registry = load_plugins(settings)
    except ConfigError as error:
        problem = str(error)
    else:
        problem = None
    for name, version, state, reason in plugin_rows(settings):
        plugin = registry.plugins.get(name) if registry is not None else None
        if state == "broken":
            rows.append((name, version, "broken", reason))
        elif plugin is not None:
            rows.append((name, version, "yes", ",".join(hook.removeprefix("fengqiao_") for hook in plugin.hooks)))
        else:
            rows.append((name, version, state, "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3])
    if problem is None:
        return 0
    enabled = settings.plugins.enabled
    if any(row[2] == "broken" and (enabled is None or row[0] in enabled) for row in rows[1:]):
        print(f"fengqiao: the enabled plugins cannot load: {problem}", file=sys.stderr)
        return 1
    raise ConfigError(problem)  # a configuration mistake (e.g. an unknown name): exit 2


@command("demo")
async def demo(args: argparse.Namespace) -> int:
    from core.demo import load_demo

    app = _app(args)
    await app.start()
    try:
        await load_demo(app, out=sys.stdout)
    finally:
        await app.stop()
    return 0


@command("createstation")
async def createstation(args: argparse.Namespace) -> int:
    from core.db import transaction
    from core.identity.models import StationClass
    from core.identity.services import create_station

    app = _app(args)
    await app.start()
    try:
        async with transaction():
            station = await create_station(args.name, args.code, StationClass(args.station_class))
        print(f"created station {station.code} ({station.name}), id {station.id}")
    finally:
        await app.stop()
    return 0


@command("createuser")
async def createuser(args: argparse.Namespace) -> int:
    from core.contract import Role
    from core.db import transaction
    from core.identity.actor import SYSTEM
    from core.identity.models import Station
    from core.identity.services import create_user

    try:
        roles = [Role[name.upper()] for name in args.role]
    except KeyError as error:
        raise ConfigError(f"unknown role {error.args[0]}; roles: {', '.join(r.name for r in Role)}") from None
    password = read_password(args)
    app = _app(args)
    await app.start()
    try:
        station_id = None
        if args.station:
            station = await Station.get_or_none(code=args.station)
            if station is None:
                raise ConfigError(f"no station with code {args.station!r}")
            station_id = station.id
        system = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
        async with transaction():
            user = await create_user(
                system, args.username, password, args.display_name or args.username, roles, station_id
            )
        print(f"created user {user.username} ({', '.join(user.roles)})")
    finally:
        await app.stop()
    return 0


@command("audit verify")
async def audit_verify(args: argparse.Namespace) -> int:
    from core.audit.checks import VerifyOptions, run_checks
    from core.audit.verify import Checkpoint

    checkpoint = Checkpoint.load(args.checkpoint) if args.checkpoint else None
    if args.sample is not None and args.sample < 1:
        raise ConfigError("--sample: must be at least 1")
    app = _app(args)
    await app.start()
    try:
        options = VerifyOptions(checkpoint=checkpoint, use_witness=not args.no_witness, extra={"sample": args.sample})
        results = await run_checks(options)
    finally:
        await app.stop()
    for result in results:
        state = "skipped" if result.skipped else ("ok" if result.ok else "FAILED")
        print(f"{result.name}: {state}: {result.summary}")
        for problem in result.problems:
            print(f"  - {problem}")
    broken = [result.name for result in results if not result.ok]
    if broken:
        print(f"audit verification FAILED ({', '.join(broken)})")
        return 1
    print(f"audit chain ok: {', '.join(r.name for r in results if not r.skipped)} verified")
    return 0


@command("audit checkpoint")
async def audit_checkpoint(args: argparse.Namespace) -> int:
    from core.audit.checkpoints import sign_head
    from core.audit.verify import Checkpoint

    app = _app(args)
    await app.start()
    try:
        signed = await sign_head()
    finally:
        await app.stop()
    Checkpoint(signed.sequence, signed.hash, signed.signature, signed.public_key, signed.created_at, signed.heads).save(
        args.path
    )
    print(f"signed checkpoint written to {args.path}: sequence {signed.sequence}, {len(signed.heads or {})} chains")
    return 0


@command("audit export-checkpoint")
async def audit_export_checkpoint(args: argparse.Namespace) -> int:
    from core.audit.checkpoints import export_checkpoint

    app = _app(args)
    await app.start()
    try:
        sequence = await export_checkpoint()
        witness = app.settings.audit.witness
    finally:
        await app.stop()
    where = "the witness" if witness else "the database only (no [audit] witness configured)"
    print(f"signed checkpoint at sequence {sequence or 0} kept in {where}")
    return 0


@command("keys check")
async def keys_check(args: argparse.Namespace) -> int:
    app = _app(args)
    await app.start()
    await app.stop()
    print(f"the configured key is the database's key (fingerprint {app.keys.fingerprint[:8]}…)")
    return 0


@command("keys rotate")
async def keys_rotate(args: argparse.Namespace) -> int:
    from core.personal.rotation import rotate

    new_secret = _read_new_key(args)
    app = _app(args)
    await app.start(check_keys=False)
    try:
        report = await rotate(app, new_secret, batch_size=max(1, args.batch_size), out=sys.stdout)
    finally:
        await app.stop()
    print(report)
    print("now configure the new key (secret_key / FENGQIAO_SECRET_KEY, or the .secret file) and start the servers")
    return 0


def _read_new_key(args: argparse.Namespace) -> str:
    from pathlib import Path

    if args.new_key_stdin:
        value = sys.stdin.readline().strip()
    elif args.new_key_file:
        try:
            value = Path(args.new_key_file).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigError(f"cannot read the new key: {error}") from None
    else:
        raise ConfigError("give the new key with --new-key-file PATH or --new-key-stdin")
    if len(value) < 32:
        raise ConfigError("the new key must be at least 32 characters")
    return value


@command("scoring snapshot")
async def scoring_snapshot(args: argparse.Namespace) -> int:
    from core.audit import audit_context
    from core.contract import Role
    from core.db import transaction
    from core.identity.actor import SYSTEM
    from core.scoring.services import freeze_month

    app = _app(args)
    await app.start()
    try:
        system = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
        with audit_context(system):
            async with transaction():
                result = await freeze_month(system, args.month, refreeze=args.refreeze, reason=args.reason)
    finally:
        await app.stop()
    print(f"froze {result.month} (revision {result.revision}): {len(result.ranking)} stations")
    for entry in result.ranking:
        total = "-" if entry.result.total is None else f"{entry.result.total:.2f}"
        rank = "-" if entry.rank is None else str(entry.rank)
        station = entry.result.station
        print(f"  {rank:>4}  {total:>6}  {station.code}  {station.name} ({station.station_class.value})")
    return 0


async def run_plugin_command(item, args: argparse.Namespace) -> int:
    """Run a plugin's sub-command with the application started."""
    app = _app(args)
    await app.start()
    try:
        return int(await item.run(app, args) or 0)
    finally:
        await app.stop()


import core.attachments.commands  # noqa: E402,F401 — registers ``attachments purge``
