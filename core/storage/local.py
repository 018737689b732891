"""Local-directory storage: the embedded default, a folder beside the database."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

from core.storage import StorageError

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$")


class LocalStorage:
    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        # Keys come from the core, but a path never leaves the root whatever the key says.
        if not _KEY.match(key) or ".." in key.split("/"):
            raise StorageError(f"invalid storage key {key!r}")
        return self.root / key

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, self._path(key), data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(path.name + ".part")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise StorageError(f"stored object {key} is missing") from None

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(self._path(key).unlink)
        except FileNotFoundError:
            pass

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).is_file)

    async def listing(self) -> list[tuple[str, float]]:
        def scan() -> list[tuple[str, float]]:
            if not self.root.is_dir():
                return []
            return [
                (path.relative_to(self.root).as_posix(), path.stat().st_mtime)
                for path in self.root.rglob("*")
                if path.is_file() and not path.name.endswith(".part")
            ]

        return await asyncio.to_thread(scan)
