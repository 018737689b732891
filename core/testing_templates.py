"""Migrated template databases shared by every test process, and by later runs.

Migrating every plugin takes tens of seconds; with pytest-xdist each worker used to migrate its
own template for each set of apps. A template is now named by a digest of what it is made of:
the database server, the apps with their model and migration modules, the content of every
migration file and of the core's migration operations, and Tortoise's version. It is built
once: the first process takes a lock (a file lock on SQLite, an advisory lock on PostgreSQL),
migrates into a scratch name and renames it into place; the others wait for the lock and find
it. A changed migration file is another digest, so a stale template is never used.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import os
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any


def digest(key: tuple[Any, ...], config: dict[str, Any]) -> str:
    """What a migrated template depends on, as a hex digest."""
    hashed = hashlib.sha256(repr(key).encode())
    hashed.update(importlib.metadata.version("tortoise-orm").encode())
    # The core's own migration operations run inside the migrations.
    hashed.update(Path(__file__).with_name("migration_operations.py").read_bytes())
    for label, app in sorted(config["apps"].items()):
        hashed.update(label.encode())
        for path in _migration_files(app.get("migrations")):
            hashed.update(path.name.encode())
            hashed.update(path.read_bytes())
    return hashed.hexdigest()


def _migration_files(module: Any) -> list[Path]:
    if not module:
        return []
    spec = importlib.util.find_spec(str(module))
    if spec is None or not spec.submodule_search_locations:
        return []
    return sorted(path for folder in spec.submodule_search_locations for path in Path(folder).glob("*.py"))


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def sqlite_template(name: str, migrate: Callable[[str], Awaitable[None]]) -> str:
    """The path of the SQLite template ``name``, migrated by ``migrate(url)`` when missing."""
    folder = Path(tempfile.gettempdir()) / "fengqiao-test-templates"
    folder.mkdir(exist_ok=True)
    final = folder / f"{name}.db"
    with _file_lock(folder / f"{name}.lock"):
        if not final.exists():
            scratch = folder / f"{name}.{os.getpid()}.partial.db"
            scratch.unlink(missing_ok=True)
            await migrate(f"sqlite://{scratch}")
            os.replace(scratch, final)
    return str(final)


async def postgres_template(admin_dsn: str, name: str, migrate: Callable[[str], Awaitable[None]]) -> None:
    """Make the PostgreSQL database ``name`` a migrated template, unless it already is."""
    import asyncpg

    admin = await asyncpg.connect(admin_dsn)
    try:
        await admin.execute("SELECT pg_advisory_lock(hashtext($1))", name)
        try:
            if await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                return
            scratch = f"{name}_partial"
            await admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{scratch}"')
            await migrate(f"{admin_dsn.rpartition('/')[0]}/{scratch}".replace("postgresql://", "postgres://", 1))
            await admin.execute(f'ALTER DATABASE "{scratch}" RENAME TO "{name}"')
        finally:
            await admin.execute("SELECT pg_advisory_unlock(hashtext($1))", name)
    finally:
        await admin.close()
