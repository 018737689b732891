"""Login with a lockout that holds under concurrent attempts (登录锁定).

* The password is checked before any transaction, in the hash pool: a slow hash never holds
  a database connection or the SQLite writer.
* A failure increments ``failed_logins`` with one ``UPDATE … SET failed_logins =
  failed_logins + 1`` and reads the result back in the same transaction: the update's row lock
  (PostgreSQL) or the single writer (SQLite) serialises concurrent failures, so none is lost.
  The failure that reaches the limit locks the account.
* A success clears the counter only with a conditional ``UPDATE … WHERE locked_until IS NULL
  OR locked_until <= now``: a lock set by a concurrent failure is never undone, and a locked
  account gets no token even with the right password.
* Unknown usernames answer exactly like accounts: ``INVALID``, and ``LOCKED`` once the name
  had ``max_failed_logins`` failures (counted by the rate limiter, keyed by a hash of the
  name). Both paths run one password hash, so neither answer nor time tells names apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from tortoise.expressions import F, Q

from core import audit
from core.db import transaction
from core.identity.models import User
from core.identity.passwords import HashPoolBusy, verify_password_async
from core.identity.tokens import issue_token
from core.runtime import current_app

LOGIN_FAILED = "Wrong username or password."
LOGIN_LOCKED = "Too many failed logins for this username; try again later."
LOGIN_BUSY = "The server is busy checking passwords; try again in a moment."


@dataclasses.dataclass(frozen=True)
class LoginResult:
    user: User | None = None
    token: str | None = None
    error: str | None = None
    code: str | None = None  # INVALID, LOCKED or RATE_LIMITED


def _failed(message: str = LOGIN_FAILED, code: str = "INVALID") -> LoginResult:
    return LoginResult(error=message, code=code)


async def login(username: str, password: str) -> LoginResult:
    """Check the credentials and issue a token; see the module docstring for the rules."""
    app = current_app()
    settings = app.settings.auth
    name = (username or "").strip()
    now = app.clock.now()
    user = await User.get_or_none(username=name).select_related("station")
    try:
        password_ok = await verify_password_async(user.password_hash if user else None, password or "")
    except HashPoolBusy:
        return _failed(LOGIN_BUSY, "RATE_LIMITED")
    if user is None:
        return await _unknown_name(name, settings)
    if user.locked_until is not None and user.locked_until > now:
        async with transaction():
            await audit.record(
                "core.user.login_failed",
                object_type="User",
                object_id=user.id,
                station_id=user.station_id,
                after={"reason": "locked"},
            )
        return _failed(LOGIN_LOCKED, "LOCKED")
    if not password_ok or not user.is_active:
        return await _count_failure(user, settings, now)
    async with transaction():
        cleared = await User.filter(Q(id=user.id) & (Q(locked_until__isnull=True) | Q(locked_until__lte=now))).update(
            failed_logins=0, locked_until=None, last_login_at=now
        )
        if not cleared:  # a concurrent failure locked the account after we looked
            await audit.record(
                "core.user.login_failed",
                object_type="User",
                object_id=user.id,
                station_id=user.station_id,
                after={"reason": "locked"},
            )
            return _failed(LOGIN_LOCKED, "LOCKED")
        await user.refresh_from_db(fields=["failed_logins", "locked_until", "last_login_at"])
        await audit.record("core.user.login", obj=user)
    ttl = dt.timedelta(minutes=settings.token_ttl_minutes)
    return LoginResult(user=user, token=issue_token(app.token_secret, user.id, user.token_version, now, ttl))


async def _count_failure(user: User, settings, now: dt.datetime) -> LoginResult:
    async with transaction():
        await User.filter(id=user.id).update(failed_logins=F("failed_logins") + 1)
        failures = await User.filter(id=user.id).values_list("failed_logins", flat=True)
        if failures and failures[0] >= settings.max_failed_logins:
            until = now + dt.timedelta(minutes=settings.lockout_minutes)
            await User.filter(id=user.id).update(locked_until=until, failed_logins=0)
        await audit.record("core.user.login_failed", obj=user, after={"reason": "password"})
    return _failed()


async def _unknown_name(name: str, settings) -> LoginResult:
    limits = current_app().rate_limits
    window = settings.lockout_minutes
    if await limits.login_blocked(name, settings.max_failed_logins, window):
        code, message = "LOCKED", LOGIN_LOCKED
    else:
        await limits.login_failed(name, settings.max_failed_logins, window)
        code, message = "INVALID", LOGIN_FAILED
    async with transaction():
        await audit.record("core.user.login_failed", object_type="User", after={"reason": "unknown"})
    return _failed(message, code)
