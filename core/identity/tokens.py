"""Signed, expiring login tokens (JWT, HS256)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import jwt

ALGORITHM = "HS256"
AUDIENCE = "fengqiao"
# Tokens whose signature was checked, with their expiry: a client sends the same token with
# every request, and checking it (HMAC and JSON) was a few per cent of a list request. Bounded;
# keyed by the secret too, so a changed secret checks every token anew.
VERIFIED_SIZE = 4096
_verified: dict[tuple[str, str], tuple[float, TokenClaims]] = {}


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
    verified = _verified.get((secret, token))
    if verified is not None:
        expires, claims = verified
        return claims if expires > now.timestamp() else None
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
        claims = TokenClaims(int(payload["sub"]), int(payload.get("tv", 0)))
        if len(_verified) >= VERIFIED_SIZE:
            del _verified[next(iter(_verified))]  # the oldest
        _verified[(secret, token)] = (float(payload["exp"]), claims)
        return claims
    except (jwt.PyJWTError, ValueError, KeyError, TypeError):
        return None
