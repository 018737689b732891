"""The limiter: buckets per caller and category on top of the ``limits`` library."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import logging
from collections.abc import Iterable

from limits import RateLimitItem, RateLimitItemPerMinute, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from core.config import RateLimitSettings
from core.identity.actor import Actor

log = logging.getLogger("fengqiao.ratelimit")


class Category(enum.Enum):
    READ = "read"
    WRITE = "write"
    EXPORT = "export"


def categorise(operation: str, root_fields: Iterable[str]) -> Category:
    """``query``/``subscription`` → READ, ``mutation`` → WRITE; any ``export…`` root field → EXPORT."""
    if any(name.startswith("export") for name in root_fields):
        return Category.EXPORT
    return Category.WRITE if operation == "mutation" else Category.READ


class RateLimits:
    """One per process; the counters themselves may be shared through Redis."""

    def __init__(self, settings: RateLimitSettings, *, anonymous_writes: int, address_key: bytes) -> None:
        self.settings = settings
        self._address_key = address_key
        if settings.storage == "redis":
            storage: Storage = RedisStorage(
                "async+" + settings.redis_url, implementation="redispy", key_prefix="fengqiao-limits"
            )
        else:
            storage = MemoryStorage()
        self.storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        per_minute = {
            (False, Category.READ): settings.anonymous_reads_per_minute,
            (False, Category.WRITE): anonymous_writes,
            (False, Category.EXPORT): anonymous_writes,
            (True, Category.READ): settings.user_reads_per_minute,
            (True, Category.WRITE): settings.user_writes_per_minute,
            (True, Category.EXPORT): settings.exports_per_minute,
        }
        self._items: dict[tuple[bool, Category], RateLimitItem | None] = {
            key: RateLimitItemPerMinute(value) if value > 0 else None for key, value in per_minute.items()
        }

    def address_hash(self, address: str | None) -> str:
        """A keyed hash of ``address`` that changes every UTC day; never the address itself."""
        day = dt.datetime.now(dt.UTC).date().isoformat().encode()
        message = day + b"\x00" + (address or "unknown").encode()
        return hmac.new(self._address_key, message, hashlib.sha256).hexdigest()[:32]

    def _identity(self, actor: Actor, address: str | None) -> tuple[bool, str]:
        if actor.is_authenticated:
            return True, f"user:{actor.user_id}"
        return False, f"addr:{self.address_hash(address)}"

    async def allow(self, category: Category, actor: Actor, address: str | None) -> bool:
        """Count one operation; False when the caller is over its limit for ``category``."""
        if not self.settings.enabled:
            return True
        logged_in, identity = self._identity(actor, address)
        item = self._items[(logged_in, category)]
        if item is None:
            return True
        try:
            return await self._limiter.hit(item, category.value, identity)
        except Exception:  # noqa: BLE001 — a limiter outage must not take the API down
            log.exception("rate-limit storage unavailable; allowing the request")
            return True

    # --- failed logins of names that are not accounts --------------------------------------

    def _login_item(self, failures: int, minutes: int) -> RateLimitItem:
        return parse(f"{max(failures, 1)}/{max(minutes, 1)} minutes")

    def _name_key(self, username: str) -> str:
        return hmac.new(self._address_key, b"login\x00" + username.encode(), hashlib.sha256).hexdigest()[:32]

    async def login_blocked(self, username: str, failures: int, minutes: int) -> bool:
        """Whether ``username`` has had ``failures`` failed logins within ``minutes``."""
        try:
            return not await self._limiter.test(self._login_item(failures, minutes), "login", self._name_key(username))
        except Exception:  # noqa: BLE001
            log.exception("rate-limit storage unavailable")
            return False

    async def login_failed(self, username: str, failures: int, minutes: int) -> None:
        try:
            await self._limiter.hit(self._login_item(failures, minutes), "login", self._name_key(username))
        except Exception:  # noqa: BLE001
            log.exception("rate-limit storage unavailable")

    async def reset(self) -> None:
        """Forget every counter (tests, and operators after an incident)."""
        await self.storage.reset()
