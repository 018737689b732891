"""Signed, expiring login tokens (JWT, HS256)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import jwt

ALGORITHM = "HS256"
AUDIENCE = "fengqiao"


@dataclasses.dataclass(frozen=True)
class TokenClaims:
    user_id: int
    token_version: int


def issue_token(secret: str, user_id: int, token_version: int, now: dt.datetime, ttl: dt.timedelta) -> str:
    payload = {
        "sub": str(user_id),
        "tv": token_version,
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "aud": AUDIENCE,
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


def read_token(secret: str, token: str, now: dt.datetime) -> TokenClaims | None:
    """The claims of a valid token, or None (expired, tampered, wrong secret, malformed)."""
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            options={"require": ["sub", "exp", "iat", "aud"], "verify_exp": False},
        )
        if payload["exp"] <= now.timestamp():
            return None
        return TokenClaims(int(payload["sub"]), int(payload.get("tv", 0)))
    except (jwt.PyJWTError, ValueError, KeyError, TypeError):
        return None
