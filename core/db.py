"""Database: Tortoise configuration from the enabled plugins, migrations, transactions.

One connection, one app label per plugin (``core``, ``mediation``, …). Schema changes are
Tortoise's built-in migrations, one package per app: unlike aerich they handle per-plugin apps
with foreign keys into ``core``, and a third-party plugin ships its migrations inside its own
distribution. A disabled plugin's tables are left alone; enabling it applies what is pending.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from tortoise import Tortoise, connections
from tortoise.migrations.executor import MigrationExecutor
from tortoise.transactions import in_transaction

from core.config import Settings
from core.errors import ConfigError
from core.plugins import PluginRegistry

log = logging.getLogger("fengqiao.db")

CORE_MODELS = [
    "core.identity.models",
    "core.audit.models",
    "core.scoring.models",
    "core.personal.models",
    "core.operations.models",
    "core.attachments.models",
    "core.jobs.models",
    "core.outbox.models",
    "core.webhooks.models",
    "core.notifications.models",
    "core.exports.models",
]
CORE_MIGRATIONS = "core.migrations"
SQLITE_BUSY_TIMEOUT_MS = 5000


def database_url(settings: Settings) -> str:
    url = settings.database_url
    if url.startswith("postgresql://"):
        url = "postgres://" + url[len("postgresql://") :]
    if url.startswith("sqlite://") and "busy_timeout" not in url:
        url += ("&" if "?" in url else "?") + f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}"
    return url


def tortoise_config(settings: Settings, registry: PluginRegistry) -> dict[str, Any]:
    """The Tortoise config: ``core`` plus every enabled plugin that declares models."""
    apps: dict[str, Any] = {
        "core": {"models": list(CORE_MODELS), "migrations": CORE_MIGRATIONS, "default_connection": "default"}
    }
    for plugin, declaration in registry.call_each("fengqiao_models"):
        if declaration is None:
            continue
        apps[plugin.name] = {
            "models": list(declaration.models),
            "migrations": declaration.migrations,
            "default_connection": "default",
        }
    check_tables(apps)
    return {
        "connections": {"default": database_url(settings)},
        "apps": apps,
        "use_tz": True,
        "timezone": "UTC",
    }


def check_tables(apps: dict[str, Any]) -> None:
    """Refuse two apps whose models claim the same table (including the core's tables)."""
    import importlib

    from tortoise.models import Model

    owners: dict[str, str] = {}
    for label, app in apps.items():
        for module_name in app["models"]:
            try:
                module = importlib.import_module(module_name)
            except Exception as error:  # noqa: BLE001 — one clear line instead of a traceback
                raise ConfigError(f"plugin '{label}': cannot import its models {module_name} ({error})") from None
            for model in vars(module).values():
                if not (isinstance(model, type) and issubclass(model, Model) and model.__module__ == module_name):
                    continue
                if model._meta.abstract:
                    continue
                index_foreign_keys(model)
                table = model._meta.db_table or model.__name__.lower()
                if table in owners and owners[table] != label:
                    raise ConfigError(
                        f"plugins '{owners[table]}' and '{label}' both define the table '{table}'; "
                        "prefix table names with the plugin name"
                    )
                owners[table] = label


def index_foreign_keys(model: type) -> None:
    """Give every foreign key column an index, whoever declared the model.

    PostgreSQL does not index the referencing side of a foreign key: without one, loading a
    dispute's parties scans the parties table and deleting an address scans every resident.
    Setting it here, before Tortoise copies the flag onto the ``*_id`` column, makes the rule
    hold for the core, the built-ins and third-party plugins alike (and for generated migrations).
    """
    from tortoise.fields.relational import ForeignKeyFieldInstance

    for field in model._meta.fields_map.values():
        if isinstance(field, ForeignKeyFieldInstance) and not field.unique:
            field.index = True


async def init_orm(config: dict[str, Any]) -> None:
    """Initialise Tortoise so that every task (requests included) sees it."""
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    # Tortoise caches each table's INSERT statement by connection name, not by database kind: a
    # process that opens SQLite and later PostgreSQL as "default" would send '?' placeholders.
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=config, _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()


def _running_sqlite_connections() -> list[Any]:
    """The aiosqlite connections whose worker thread still runs. Objects are told apart by
    ``type()``: ``isinstance`` on a weak proxy whose object is gone raises ``ReferenceError``."""
    import gc

    import aiosqlite

    return [obj for obj in gc.get_objects() if issubclass(type(obj), aiosqlite.Connection) and obj._running]


def open_sqlite_connections() -> set[int]:
    """Ids of the aiosqlite connections whose worker thread still runs."""
    return {id(connection) for connection in _running_sqlite_connections()}


async def stop_sqlite_threads(keep: set[int] = frozenset(), grace: float = 5.0) -> None:
    """Stop the worker thread of every aiosqlite connection still open except ``keep`` (one
    interrupted by Ctrl-C in the middle of a query escapes Tortoise's close) and wait for them
    to finish while the event loop still runs: a live worker keeps the process from exiting,
    and one finishing after the loop closed prints a traceback."""
    import asyncio

    stops = [connection.stop() for connection in _running_sqlite_connections() if id(connection) not in keep]
    waiting = [future for future in stops if future is not None]
    if waiting:
        await asyncio.wait(waiting, timeout=grace)


async def migrate(config: dict[str, Any], progress: Callable[[str, str, str], object] | None = None) -> None:
    """Apply every pending migration of the configured apps, each in a transaction.

    Closes the connections it opened on every path: an open aiosqlite connection keeps a
    non-daemon thread alive, and the process would never exit."""
    from tortoise.migrations.api import migrate as run_migrations

    try:
        await run_migrations(config=config, progress=progress)
    except ConfigError:
        raise
    except Exception as error:  # noqa: BLE001 — report one line
        raise ConfigError(f"applying migrations failed: {type(error).__name__}: {error}") from None
    finally:
        await close_orm()


async def pending_migrations(config: dict[str, Any]) -> list[str]:
    """Names (``app.migration``) of migrations not yet applied; the ORM must be initialised."""
    executor = MigrationExecutor(connections.get("default"), config["apps"])
    steps = await executor.plan(None)
    return [f"{step.migration.app_label}.{step.migration.name}" for step in steps if not step.backward]


async def ensure_migrated(settings: Settings, config: dict[str, Any]) -> None:
    """Migrate the embedded default automatically; refuse an unmigrated server database."""
    if settings.is_sqlite:
        await migrate(config)
        return
    await init_orm(config)
    try:
        pending = await pending_migrations(config)
    finally:
        await close_orm()
    if pending:
        shown = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        raise ConfigError(
            f"the database has {len(pending)} unapplied migration(s) ({shown}); run 'fengqiao migrate' first"
        )


def transaction():
    """A transaction on the default connection; queries inside it use it."""
    return in_transaction("default")


@contextlib.asynccontextmanager
async def consistent_snapshot():
    """Run the block's reads in one snapshot of the database: on PostgreSQL a ``REPEATABLE
    READ`` transaction (unless the block is already inside a transaction, whose isolation the
    caller chose); on SQLite as is, where one writer at a time commits in order anyway.

    A reader that pages through audit events by ``sequence`` needs it on PostgreSQL: events of
    different chains may commit out of sequence order, so a page read later could hold an event
    whose number an earlier page had already passed."""
    from tortoise.backends.base.client import TransactionalDBClient

    if dialect() != "postgres" or isinstance(connections.get("default"), TransactionalDBClient):
        yield
        return
    async with transaction() as connection:
        await connection.execute_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def dialect() -> str:
    return connections.get("default").capabilities.dialect


def placeholder(index: int, dialect_name: str | None = None) -> str:
    """The ``index``-th (from 1) parameter mark of hand-written SQL: ``$n`` on PostgreSQL, ``?``
    on SQLite; for ``dialect_name``, or the default connection's."""
    return f"${index}" if (dialect_name or dialect()) == "postgres" else "?"


@contextlib.asynccontextmanager
async def custom_plans():
    """On PostgreSQL, run the block's statements in one transaction that plans every execution
    for its actual parameters (``plan_cache_mode = force_custom_plan``); elsewhere, as is.

    asyncpg prepares each statement once per connection. After five executions PostgreSQL may
    switch a prepared statement to a generic plan, made without the parameters' values; for
    an aggregate over a station set bound as ``station_id IN ($1 … $500)`` that plan can be ten
    times slower, so the same request slows down from its sixth run on. Inside an enclosing
    transaction the setting holds until that transaction ends.
    """
    if dialect() != "postgres":
        yield
        return
    async with transaction():
        await set_custom_plans(True)
        yield


async def set_custom_plans(enabled: bool) -> None:
    """On PostgreSQL, plan the current transaction's next statements for their actual
    parameters (``force_custom_plan``, see ``custom_plans``) or as usual (``auto``) until the
    transaction ends or this is called again; elsewhere nothing. A bulk ``executemany`` wants
    the usual plans: custom plans would plan it again for every row."""
    if dialect() == "postgres":
        mode = "force_custom_plan" if enabled else "auto"
        await connections.get("default").execute_script(f"SET LOCAL plan_cache_mode = {mode}")


@contextlib.asynccontextmanager
async def orm(settings: Settings, registry: PluginRegistry, *, migrate_first: bool = True):
    """Migrate (when allowed), initialise the ORM for the block, close it afterwards."""
    config = tortoise_config(settings, registry)
    if migrate_first:
        await ensure_migrated(settings, config)
    await init_orm(config)
    try:
        yield config
    finally:
        await close_orm()


async def make_migrations(config: dict[str, Any], *, write: bool = True) -> list[str]:
    """Generate migrations for model changes of the configured apps (``core`` must be among
    them so plugin migrations depend on it). Returns ``app.name`` of each (would-be) file."""
    import importlib
    from pathlib import Path

    from tortoise.context import TortoiseContext
    from tortoise.migrations.autodetector import MigrationAutodetector

    for app in config["apps"].values():
        package = app["migrations"]
        parent, _, leaf = package.rpartition(".")
        parent_path = Path(importlib.import_module(parent).__path__[0]) / leaf
        if write and not parent_path.exists():
            parent_path.mkdir()
            (parent_path / "__init__.py").write_text("")
            importlib.invalidate_caches()
    async with TortoiseContext() as context:
        await context.init(config=config)
        writers = await MigrationAutodetector(context.apps, config["apps"]).changes()
    names = []
    for writer in writers:
        if write:
            writer.write()
        names.append(f"{writer.app_label}.{writer.name}")
    return names
