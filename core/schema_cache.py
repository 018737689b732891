"""A cache of the printed schema (SDL) for ``fengqiao schema export``.

Building the Strawberry schema takes seconds; its printed form only changes when the code or the
settings that shape it change. An entry is found by a key over the settings (the secret key left
out: the schema does not depend on it), the installed plugins' entry points and versions, the
interpreter and ``sys.path``. It records every Python file the build had loaded, and is used only
while each still has the same size and modification time, or failing that the same content — the
test Python applies to its own bytecode cache, made stricter. Anything else rebuilds.

Entries live in ``cache_dir`` (default ``$XDG_CACHE_HOME/fengqiao``, else ``~/.cache/fengqiao``;
an empty value turns the cache off). An unwritable or corrupt cache is ignored: the schema is
then built as without one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.metadata
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1
KEEP = 8  # entries kept: a few configurations side by side


def cache_directory(settings: Any) -> Path | None:
    """Where entries are kept, or ``None`` when the cache is off."""
    if settings.cache_dir is not None:
        return Path(settings.cache_dir).expanduser() if settings.cache_dir.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fengqiao"


def cache_key(settings: Any) -> str:
    """Hash of everything known before the build that can shape the schema."""
    from core.plugins import ENTRY_POINT_GROUP

    shaping = dataclasses.replace(settings, secret_key=None, source=None)
    plugins = sorted(
        (point.name, point.value, point.dist.name if point.dist else "", point.dist.version if point.dist else "")
        for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    )
    parts = [FORMAT, sys.version, sys.path, repr(shaping), plugins, _version("strawberry-graphql")]
    return hashlib.blake2b(json.dumps(parts, default=str).encode(), digest_size=20).hexdigest()


def printed_schema(settings: Any, build: Callable[[], str]) -> str:
    """The SDL from a fresh cache entry, else from ``build()`` (stored for next time)."""
    directory = cache_directory(settings)
    if directory is None:
        return build()
    entry = directory / f"schema-{cache_key(settings)}.json"
    sdl = _read_fresh(entry)
    if sdl is None:
        sdl = build()
        _write(entry, sdl, _loaded_files())
    return sdl


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _loaded_files() -> dict[str, list]:
    """Every module file loaded so far: size, modification time and content hash."""
    files: dict[str, list] = {}
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None)
        if not filename or filename in files:
            continue
        try:
            status = os.stat(filename)
            # Extension modules are large and change only with their package: size and time.
            digest = _digest(filename) if filename.endswith(".py") else ""
            files[filename] = [status.st_size, status.st_mtime_ns, digest]
        except OSError:
            continue
    return files


def _digest(filename: str) -> str:
    with open(filename, "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()


def _unchanged(filename: str, size: int, mtime_ns: int, digest: str) -> bool:
    try:
        status = os.stat(filename)
        if status.st_size != size:
            return False
        return status.st_mtime_ns == mtime_ns or (bool(digest) and _digest(filename) == digest)
    except OSError:
        return False


def _read_fresh(entry: Path) -> str | None:
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        files, sdl = stored["files"], stored["sdl"]
        if not all(_unchanged(name, *recorded) for name, recorded in files.items()):
            return None
        return sdl if isinstance(sdl, str) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(entry: Path, sdl: str, files: dict[str, list]) -> None:
    """Store atomically (a concurrent reader sees the old entry or the new one); keep the
    ``KEEP`` most recent entries."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".schema-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"files": files, "sdl": sdl}, handle)
        os.replace(temporary, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    with contextlib.suppress(OSError):
        entries = sorted(entry.parent.glob("schema-*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
