"""The personal-data access log (个人信息访问记录) and its sealing into the audit chain.

Every request that shows personal data in full leaves one row in ``core_personal_access``,
written with a single ``INSERT`` before the response goes out: no chain lock, no chain read,
so requests of different stations never wait for each other. The row carries a keyed MAC, so
nobody without the secret key can forge or edit one.

A periodic job then seals the rows into the hash chain in id order, in batches: one
``core.personal.access_sealed`` event per batch records the first and last id, the count and a
digest of the rows, and the rows get that event's sequence in ``sealed_by``. From then on a
deleted, altered or renumbered row no longer matches the chain. ``check_access_log`` (an
``audit verify`` check) proves all of it, and reports rows left unsealed for too long.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable
from typing import Any, cast

from core.audit.chain import _normalise_time, chain_keys
from core.audit.models import AuditEvent, PersonalDataAccess
from core.contract import Job

SEALED_ACTION = "core.personal.access_sealed"
SEAL_BATCH = 1000
SEAL_EVERY = dt.timedelta(minutes=1)
# Rows younger than this are left for the next run: on PostgreSQL ids are taken before commit,
# so a row with a lower id may still be on its way; sealing past it would leave it behind.
SETTLE = dt.timedelta(seconds=30)
# Unsealed rows older than this mean sealing has stopped (a few periods of the job).
OVERDUE = dt.timedelta(minutes=15)
MAC_FIELDS = (
    "created_at",
    "actor_id",
    "actor_username",
    "station_id",
    "request_id",
    "client_address",
    "shown",
    "objects",
)
# Arbitrary constant naming the sealing job's advisory lock in PostgreSQL ("FQAS").
_SEAL_LOCK_KEY = 0x46514153


def _canonical(values: dict[str, Any]) -> bytes:
    data = {name: _normalise_time(values.get(name)) for name in MAC_FIELDS}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode()


def access_mac(values: dict[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA256 of a row's content under ``key`` (default: the installed chain key)."""
    return hmac.new(key if key is not None else chain_keys().chain_key, _canonical(values), hashlib.sha256).hexdigest()


def batch_digest(rows: Iterable[dict[str, Any]]) -> str:
    """SHA-256 over the ids and canonical content of ``rows`` in id order. Not over the MACs,
    so that a key rotation (which recomputes them) leaves sealed digests valid; the sealing
    event that holds the digest is itself keyed by the chain."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(str(row["id"]).encode() + b"\x00" + _canonical(row) + b"\n")
    return digest.hexdigest()


def _objects(shown: list[dict[str, str]]) -> str:
    found = sorted({f"{item['type']}:{item['id']}" for item in shown if item["id"]})
    return " " + " ".join(found) + " " if found else " "


async def record_access(
    views: Iterable[tuple[str, str, str]],
    *,
    actor,
    request_id: str | None,
    client_address: str | None,
    now: dt.datetime,
) -> PersonalDataAccess:
    """Append one access row for ``views`` (type, field, object id) — one ``INSERT``, committed
    on its own, outside any transaction of the request."""
    if not actor.is_authenticated:
        client_address = None  # informant protection, as in the audit log
    shown = [{"type": t, "field": f, "id": i} for t, f, i in sorted(set(views))]
    values: dict[str, Any] = {
        "created_at": now,
        "actor_id": actor.user_id,
        "actor_username": actor.username,
        "station_id": actor.station_id,
        "request_id": request_id,
        "client_address": client_address,
        "shown": shown,
        "objects": _objects(shown),
    }
    values["mac"] = access_mac(values)
    return await PersonalDataAccess.create(**values)


_ROW_FIELDS = ("id", *MAC_FIELDS, "mac", "sealed_by")


async def seal_access_log(now: dt.datetime | None = None, batch_size: int = SEAL_BATCH) -> int:
    """Seal every settled unsealed row, in id order, one chain event per batch; returns how
    many rows were sealed. Two sealers never seal the same rows: a PostgreSQL advisory lock
    serialises them, and a batch whose rows were sealed meanwhile rolls back."""
    from core import audit
    from core.db import dialect, transaction
    from core.runtime import current_app

    cutoff = (now or current_app().clock.now()) - SETTLE
    sealed = 0
    while True:
        async with transaction() as connection:
            if dialect() == "postgres":
                await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_SEAL_LOCK_KEY])
            rows = await (
                PersonalDataAccess.filter(sealed_by__isnull=True).order_by("id").limit(batch_size).values(*_ROW_FIELDS)
            )
            settled = []
            for row in rows:
                if row["created_at"] > cutoff:
                    break  # keep id order: the rows after a young one wait with it
                settled.append(row)
            if not settled:
                return sealed
            ids = [row["id"] for row in settled]
            event = await audit.record(
                SEALED_ACTION,
                object_type="PersonalDataAccess",
                after={
                    "first_id": ids[0],
                    "last_id": ids[-1],
                    "count": len(ids),
                    "digest": batch_digest(settled),
                },
            )
            claimed = await PersonalDataAccess.filter(id__in=ids, sealed_by__isnull=True).update(
                sealed_by=event.sequence
            )
            if claimed != len(ids):
                raise RuntimeError("access log rows were sealed by another run at the same time; rolled back")
        sealed += len(ids)
        if len(settled) < batch_size:
            return sealed


async def _seal_job() -> int:
    return await seal_access_log()


SEAL_JOB = Job(
    name="core.audit.seal_access_log",
    run=_seal_job,
    every=SEAL_EVERY,
    description="Seal the personal-data access log into the audit chain: one chained event per batch of rows "
    "(ids, count and digest), so a deleted or altered access record is found by 'audit verify'.",
)


@dataclasses.dataclass
class AccessLogReport:
    rows: int = 0
    batches: int = 0
    unsealed: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)


async def _missing_ids(last: int, limit: int = 20) -> list[int]:
    """Ids from 1 to ``last`` that no row has (first ``limit``), read in batches of ids."""
    missing: list[int] = []
    expected, after = 1, 0
    while expected <= last and len(missing) < limit:
        ids = cast(
            list[int],
            await PersonalDataAccess.filter(id__gt=after, id__lte=last)
            .order_by("id")
            .limit(SEAL_BATCH)
            .values_list("id", flat=True),
        )
        for found in ids:
            missing.extend(range(expected, min(found, expected + limit)))
            expected = found + 1
        if len(ids) < SEAL_BATCH:
            missing.extend(range(expected, min(last + 1, expected + limit)))
            break
        after = ids[-1]
    return missing[:limit]


async def check_access_log(now: dt.datetime, key: bytes | None = None) -> AccessLogReport:
    """Every row's MAC; every sealing event's rows, count and digest; no id missing up to the
    last sealed row; no row left unsealed past ``OVERDUE``."""
    report = AccessLogReport()
    sealed_total, last_sealed, after_sequence = 0, 0, 0
    while True:
        events = await (
            AuditEvent.filter(action=SEALED_ACTION, sequence__gt=after_sequence)
            .order_by("sequence")
            .limit(SEAL_BATCH)
            .values("sequence", "after")
        )
        for event in events:
            report.batches += 1
            sealed_total += await _check_batch(event["sequence"], event["after"] or {}, key, report)
            last_sealed = max(last_sealed, int((event["after"] or {}).get("last_id") or 0))
        if len(events) < SEAL_BATCH:
            break
        after_sequence = events[-1]["sequence"]
    stray = await PersonalDataAccess.filter(sealed_by__isnull=False).count() - sealed_total
    if stray:
        report.problems.append(f"{stray} rows claim to be sealed by events that did not seal them")
    if last_sealed and await PersonalDataAccess.filter(id__lte=last_sealed).count() != last_sealed:
        missing = ", ".join(str(i) for i in await _missing_ids(last_sealed))
        report.problems.append(f"rows missing inside the sealed ids 1-{last_sealed} (deleted): {missing}")
    await _check_unsealed(now, key, report)
    return report


def _check_mac(row: dict[str, Any], key: bytes | None, report: AccessLogReport) -> None:
    if access_mac(row, key) != row["mac"]:
        report.problems.append(f"access record {row['id']}: content changed or forged (its MAC does not verify)")


async def _check_batch(sequence: int, sealed: dict[str, Any], key: bytes | None, report: AccessLogReport) -> int:
    rows = await PersonalDataAccess.filter(sealed_by=sequence).order_by("id").values(*_ROW_FIELDS)
    report.rows += len(rows)
    for row in rows:
        _check_mac(row, key, report)
    where = f"batch sealed at sequence {sequence}"
    ids = [row["id"] for row in rows]
    if len(rows) != sealed.get("count"):
        report.problems.append(f"{where}: {sealed.get('count')} rows were sealed, {len(rows)} are left")
    elif ids and (ids[0], ids[-1]) != (sealed.get("first_id"), sealed.get("last_id")):
        report.problems.append(
            f"{where}: ids {ids[0]}-{ids[-1]} differ from the sealed {sealed.get('first_id')}-{sealed.get('last_id')}"
        )
    elif batch_digest(rows) != sealed.get("digest"):
        report.problems.append(f"{where}: the rows differ from what was sealed (digest mismatch)")
    return len(rows)


async def _check_unsealed(now: dt.datetime, key: bytes | None, report: AccessLogReport) -> None:
    after = 0
    overdue = 0
    while True:
        rows = await (
            PersonalDataAccess.filter(sealed_by__isnull=True, id__gt=after)
            .order_by("id")
            .limit(SEAL_BATCH)
            .values(*_ROW_FIELDS)
        )
        for row in rows:
            report.rows += 1
            report.unsealed += 1
            _check_mac(row, key, report)
            if row["created_at"] < now - OVERDUE:
                overdue += 1
        if len(rows) < SEAL_BATCH:
            break
        after = rows[-1]["id"]
    if overdue:
        report.problems.append(
            f"{overdue} access records are unsealed after more than {int(OVERDUE.total_seconds() // 60)} minutes: "
            "sealing has stopped (job core.audit.seal_access_log)"
        )


async def remac_access_log(old_key: bytes, new_key: bytes, batch_size: int = SEAL_BATCH) -> int:
    """Recompute every row's MAC under ``new_key`` (key rotation). Rows whose MAC verifies under
    neither key stop the rotation: re-keying them would hide the tampering."""
    from core.db import transaction
    from core.errors import ConfigError

    after, changed = 0, 0
    while True:
        async with transaction():
            rows = await PersonalDataAccess.filter(id__gt=after).order_by("id").limit(batch_size).values(*_ROW_FIELDS)
            for row in rows:
                if access_mac(row, new_key) == row["mac"]:
                    continue  # re-keyed by an earlier, interrupted run
                if access_mac(row, old_key) != row["mac"]:
                    raise ConfigError(f"access record {row['id']} does not verify under the old key; stopping")
                await PersonalDataAccess.filter(id=row["id"]).update(mac=access_mac(row, new_key))
                changed += 1
        if len(rows) < batch_size:
            return changed
        after = rows[-1]["id"]
