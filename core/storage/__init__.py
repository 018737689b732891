"""Object storage for files: one small interface, two backends (local directory, S3).

The core stores only ciphertext here (see ``core.attachments.crypto``); a storage key is an
opaque path-like name chosen by the core, never by a client. Backends are selected by
``[storage] backend`` and built once per application with ``storage_for(settings)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from core.storage.settings import AttachmentSettings, StorageSettings

if TYPE_CHECKING:  # core.config imports core.storage.settings, which runs this package first
    from core.config import Settings


class StorageError(Exception):
    """The storage backend failed (unreachable, denied, missing object)."""


class Storage(Protocol):
    """Where the bytes of files live."""

    name: str

    async def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (replacing nothing: keys are unique)."""

    async def get(self, key: str) -> bytes:
        """The bytes under ``key``; ``StorageError`` when missing."""

    async def delete(self, key: str) -> None:
        """Remove ``key``; removing a missing key is not an error."""

    async def exists(self, key: str) -> bool:
        """Whether ``key`` is stored."""

    async def listing(self) -> list[tuple[str, float]]:
        """Every stored key with its last-modified time (POSIX seconds)."""


def local_path(settings: Settings) -> Path:
    """The local storage folder: configured, or beside the SQLite database file."""
    if settings.storage.path:
        return Path(settings.storage.path)
    if settings.is_sqlite:
        database = settings.database_url[len("sqlite://") :].split("?")[0]
        if database and database != ":memory:":
            return Path(database + ".files")
    return Path("fengqiao-files")


def storage_for(settings: Settings) -> Storage:
    """The backend configured in ``[storage]``."""
    if settings.storage.backend == "s3":
        from core.storage.s3 import S3Storage

        return S3Storage(settings.storage)
    from core.storage.local import LocalStorage

    return LocalStorage(local_path(settings))


__all__ = ["AttachmentSettings", "Storage", "StorageError", "StorageSettings", "local_path", "storage_for"]
