"""The keyed hash chain: canonical encoding of an event and its HMAC link to the previous one.

Each event's ``hash`` is HMAC-SHA256, under a key derived from the secret key (which is never
in the database), over the event's fields including the previous event's hash. Whoever can
write the database but does not hold the secret can neither rewrite an event nor append a
forged one that verifies: recomputing the hashes needs the key.

Events form one chain per station (``chain`` = the station's id, 0 for deployment-level events),
so writers of different stations never wait for each other. A transaction appends to one chain
only, that of its first event (``core.audit.recorder``), so an event of one station recorded
after another station's in the same transaction is in the first station's chain. ``prev_hash`` is the hash of the
previous event of the same chain. Events recorded before chains existed have no ``chain`` and
form one legacy chain; their canonical encoding has no ``chain`` key, so their stored hashes
still verify, while every newer event's hash covers its chain (it cannot be moved to another
chain, nor passed off as legacy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.personal.keys import SecretKeys

GENESIS_HASH = "0" * 64
# The chain of events that concern no station (deployment administration, access-log sealing).
DEPLOYMENT_CHAIN = 0
CHAINED_FIELDS = (
    "chain",
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
    "rows",
    "request_id",
    "client_address",
    "prev_hash",
)

_keys: SecretKeys | None = None


def set_chain_keys(keys: SecretKeys | None) -> None:
    """Install the keys the chain is written and verified with; the core calls this at start-up."""
    global _keys
    _keys = keys


def chain_keys() -> SecretKeys:
    if _keys is None:
        raise RuntimeError("audit chain keys not configured")
    return _keys


def _normalise_time(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # Microsecond precision in UTC: what both SQLite and PostgreSQL give back.
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def canonical(values: dict[str, Any]) -> bytes:
    """Deterministic bytes of the chained fields: sorted keys, no spaces, UTF-8. A legacy event
    (no ``chain``) is encoded without the key, exactly as before chains existed."""
    data = {
        name: _normalise_time(values.get(name))
        for name in CHAINED_FIELDS
        if name != "chain" or values.get("chain") is not None
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def chain_of(station_id: int | None) -> int:
    """The chain an event of ``station_id`` (None: no station) is appended to."""
    return DEPLOYMENT_CHAIN if station_id is None else station_id


def chained_values(event: Any) -> dict[str, Any]:
    """The chained fields of a stored event (an ``AuditEvent`` row)."""
    return {name: getattr(event, name) for name in CHAINED_FIELDS}


def event_hash(values: dict[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA256 of the canonical event under ``key`` (default: the installed chain key)."""
    return hmac.new(key if key is not None else chain_keys().chain_key, canonical(values), hashlib.sha256).hexdigest()
