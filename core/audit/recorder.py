"""Recording audit events — one mechanism, inside the transaction of the change.

``record()`` refuses to run outside a transaction, so a change and its audit row commit or
roll back together. An event goes to its station's chain (``core.audit.chain``), or rather to
the chain of the first event its transaction recorded: a transaction appends to one chain only,
so it holds one chain lock and two transactions never deadlock on chain locks (one holding
station A's and waiting for B's while the other holds B's and waits for A's). Appends to one
chain are serialised (PostgreSQL: a transaction-scoped advisory lock per chain; SQLite: the
single writer connection), so each chain stays linear with several workers, and writers of
different stations never wait for each other. On PostgreSQL the global ``sequence`` comes from
a database sequence, taken under the chain's lock: it increases within a chain, and numbers of
rolled-back appends are left out.
With ``obj`` the event also keeps keyed digests of that row as the change left it
(``core.audit.rows``), so ``audit verify`` finds later edits made outside the API.

Anonymous callers (tip senders, survey respondents) are informants: their client address is
never recorded.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.models import Model

from core.audit.chain import GENESIS_HASH, chain_of, event_hash
from core.audit.models import AuditEvent
from core.audit.rows import row_entry
from core.db import placeholder
from core.identity.actor import SYSTEM, Actor

REDACTED = "[redacted]"
# Arbitrary constant naming the audit chains' advisory locks in PostgreSQL (the first of the
# two keys; the second is the chain).
CHAIN_LOCK_CLASS = 0x46514A41
# The PostgreSQL sequence the events' ``sequence`` numbers come from (migration 0013).
SEQUENCE_NAME = "core_audit_event_sequence"
# The chain each open transaction appends to, by its outermost connection wrapper (a new
# object per transaction, dropped with it).
_transaction_chains: weakref.WeakKeyDictionary[TransactionalDBClient, int] = weakref.WeakKeyDictionary()
_HEAD = "SELECT hash FROM core_audit_event WHERE chain = {chain} ORDER BY sequence DESC LIMIT 1"


@dataclasses.dataclass(frozen=True)
class AuditContext:
    actor: Actor
    request_id: str | None = None
    client_address: str | None = None


_context: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "audit_context",
    default=AuditContext(SYSTEM),  # noqa: B039 — a frozen dataclass, never mutated
)


@contextlib.contextmanager
def audit_context(actor: Actor, request_id: str | None = None, client_address: str | None = None) -> Iterator[None]:
    """Who is acting (and from where) for every event recorded inside the block."""
    if not actor.is_authenticated:
        client_address = None  # informant protection: no address of anonymous callers
    token = _context.set(AuditContext(actor, request_id, client_address))
    try:
        yield
    finally:
        _context.reset(token)


def current_audit_context() -> AuditContext:
    return _context.get()


def snapshot(row: Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of ``row`` for before/after, with personal values redacted.

    Encrypted columns are never copied into the audit log; keyed-hash columns are kept
    (they identify without revealing).
    """
    from core.personal.fields import EncryptedTextField

    meta = row._meta
    names = list(fields) if fields is not None else sorted(meta.db_fields)
    result: dict[str, Any] = {}
    for name in names:
        field = meta.fields_map.get(name)
        value = getattr(row, name, None)
        if isinstance(field, EncryptedTextField):
            result[name] = None if value is None else REDACTED
        else:
            result[name] = _json_safe(value)
    return result


def _json_safe(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if hasattr(value, "value") and hasattr(type(value), "__members__"):
        return value.value
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


async def record(
    action: str,
    *,
    obj: Model | None = None,
    object_type: str | None = None,
    object_id: Any = None,
    station_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
    rows: list[dict[str, Any]] | None = None,
) -> AuditEvent:
    """Append one event to the chain in the current transaction.

    ``action`` is ``<owner>.<object>.<verb>`` (``mediation.dispute.escalate``). With ``obj``
    the object type, id and station are taken from the row, and the row's digests are kept;
    record after the row's last change in the transaction. ``rows`` gives digest entries of
    further rows (``core.audit.rows.row_entry``), e.g. for changes made in bulk.
    """
    connection = connections.get("default")
    if not isinstance(connection, TransactionalDBClient):
        raise RuntimeError("audit.record() must run inside a transaction (core.db.transaction())")
    if obj is not None:
        object_type = object_type or type(obj).__name__
        object_id = object_id if object_id is not None else obj.pk
        if station_id is None:
            station_id = getattr(obj, "station_id", None)
    context = current_audit_context()
    entries = list(rows or [])
    if obj is not None and obj.pk is not None:
        entries.insert(0, await row_entry(obj))
    if station_id is None:
        station_id = context.actor.station_id
    chain = _transaction_chains.setdefault(_outermost(connection), chain_of(station_id))
    sequence, prev_hash = await _next_link(connection, chain)
    values = {
        "chain": chain,
        "sequence": sequence,
        "created_at": now or dt.datetime.now(dt.UTC),
        "actor_id": context.actor.user_id,
        "actor_username": context.actor.username,
        "station_id": station_id,
        "action": action,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "before": _json_safe(before) if before is not None else None,
        "after": _json_safe(after) if after is not None else None,
        "rows": entries or None,
        "request_id": context.request_id,
        "client_address": context.client_address,
        "prev_hash": prev_hash,
    }
    values["hash"] = event_hash(values)
    return await AuditEvent.create(**values)


def _outermost(connection: TransactionalDBClient) -> TransactionalDBClient:
    """The wrapper of the whole transaction, for a savepoint's (nested ``transaction()``)."""
    while isinstance(getattr(connection, "_parent", None), TransactionalDBClient):
        connection = connection._parent  # type: ignore[attr-defined]
    return connection


async def _next_link(connection: TransactionalDBClient, chain: int) -> tuple[int, str]:
    """The new event's ``sequence`` and the hash of its chain's head, with the chain locked
    until the transaction ends. One lock per chain, no lock shared by all stations. The lock is
    taken on every append (again, if held: PostgreSQL counts it), so one released with a
    rolled-back savepoint is taken anew."""
    dialect = connection.capabilities.dialect
    if dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1, $2)", [CHAIN_LOCK_CLASS, chain])
        next_sequence = f"nextval('{SEQUENCE_NAME}')"
    else:  # SQLite: one writer at a time, so the next number is the largest plus one
        next_sequence = "(SELECT coalesce(max(sequence), 0) + 1 FROM core_audit_event)"
    head = _HEAD.format(chain=placeholder(1, dialect))
    rows = await connection.execute_query_dict(f"SELECT {next_sequence} AS sequence, ({head}) AS hash", [chain])
    return int(rows[0]["sequence"]), rows[0]["hash"] or GENESIS_HASH
