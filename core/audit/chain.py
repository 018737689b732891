"""The hash chain: canonical encoding of an event and its SHA-256 link to the previous one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

GENESIS_HASH = "0" * 64
CHAINED_FIELDS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_username",
    "station_id",
    "action",
    "object_type",
    "object_id",
    "before",
    "after",
    "request_id",
    "client_address",
    "prev_hash",
)


def _normalise_time(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # Microsecond precision in UTC: what both SQLite and PostgreSQL give back.
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def canonical(values: dict[str, Any]) -> bytes:
    """Deterministic bytes of the chained fields: sorted keys, no spaces, UTF-8."""
    data = {name: _normalise_time(values.get(name)) for name in CHAINED_FIELDS}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def event_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()
