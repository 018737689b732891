"""Password hashing with Argon2id, off the event loop.

Argon2 is deliberately slow and memory-hard (~50-100 ms and 64 MiB per hash with the library's
defaults). Run on the event loop, a burst of logins would stall every other request of the
worker; so hashes run in a small thread pool (argon2 releases the GIL), and at most
``HashPool.limit`` run at once. Callers beyond ``HashPool.queue_limit`` waiting are refused
with ``HashPoolBusy`` at once instead of queueing without bound.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import Callable
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def _dummy() -> str:
    """Verified against when the username is unknown, so both failures cost the same time.
    Made on first use: hashing at import cost every command, ``--help`` included, a full hash."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("fengqiao-timing-equaliser")
    return _dummy_hash

T = TypeVar("T")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


class HashPoolBusy(Exception):
    """Too many password checks are already waiting; the caller should try again later."""


class HashPool:
    """A bounded thread pool for password hashing shared by one process."""

    def __init__(self, limit: int | None = None, queue_limit: int = 64) -> None:
        self.limit = limit or max(1, min(4, (os.cpu_count() or 2) // 2))
        self.queue_limit = queue_limit
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._waiting = 0

    def _pool(self) -> concurrent.futures.ThreadPoolExecutor:
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(self.limit, thread_name_prefix="fengqiao-argon2")
        return self._executor

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """Run ``function(*args)`` in the pool; ``HashPoolBusy`` when the queue is full."""
        if self._waiting >= self.queue_limit:
            raise HashPoolBusy()
        self._waiting += 1
        try:
            # The executor has ``limit`` threads: at most that many hashes run at once, the
            # rest wait in its queue without holding the event loop.
            return await asyncio.get_running_loop().run_in_executor(self._pool(), function, *args)
        finally:
            self._waiting -= 1

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


_pool = HashPool()


def configure_pool(limit: int | None, queue_limit: int) -> None:
    """Size the process's hash pool (from ``[auth] hash_concurrency`` and ``hash_queue``)."""
    global _pool
    _pool.close()
    _pool = HashPool(limit or None, queue_limit)


async def hash_password_async(password: str) -> str:
    return await _pool.run(hash_password, password)


async def verify_password_async(password_hash: str | None, password: str) -> bool:
    return await _pool.run(verify_password, password_hash, password)
