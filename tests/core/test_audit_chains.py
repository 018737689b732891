"""One audit chain per station: linking, tamper evidence across chains, the legacy chain written
before chains existed, checkpoints of every chain's head, and key rotation."""

import datetime as dt

from core.audit import audit_context, record
from core.audit.chain import DEPLOYMENT_CHAIN, GENESIS_HASH, event_hash
from core.audit.checkpoints import sign, sign_head
from core.audit.checks import VerifyOptions, run_checks
from core.audit.models import AuditCheckpoint, AuditEvent
from core.audit.verify import Checkpoint, head, verify_chain
from core.db import dialect, transaction
from core.identity.actor import SYSTEM

EAST, WEST = 11, 12  # station ids; events carry them, no station rows are needed
NEW_KEY = "the-new-secret-0123456789-abcdefghijklmnopqrstuvw"


async def append(*stations: int | None) -> list[AuditEvent]:
    """One event per item, each in its own transaction, for that station (None: no station)."""
    events = []
    with audit_context(SYSTEM):
        for i, station in enumerate(stations):
            async with transaction():
                events.append(await record("test.thing.change", object_type="Thing", object_id=i, station_id=station))
    return events


async def write_legacy_events(count: int) -> list[AuditEvent]:
    """Events as the code before chains wrote them: no chain, sequence 1, 2, 3…, each linked to
    the one before, hashed without a chain; then the PostgreSQL sequence set after them, as the
    migration that added chains does."""
    events, previous = [], GENESIS_HASH
    for sequence in range(1, count + 1):
        values = {
            "sequence": sequence,
            "created_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=sequence),
            "actor_id": None,
            "actor_username": None,
            "station_id": EAST,
            "action": "test.legacy.change",
            "object_type": "Thing",
            "object_id": str(sequence),
            "before": None,
            "after": {"value": sequence},
            "rows": None,
            "request_id": None,
            "client_address": None,
            "prev_hash": previous,
        }
        values["hash"] = event_hash(values)
        events.append(await AuditEvent.create(**values))
        previous = values["hash"]
    if dialect() == "postgres":
        async with transaction() as connection:
            await connection.execute_query(f"SELECT setval('core_audit_event_sequence', {count + 1}, false)")
    return events


async def checks(**options) -> dict:
    return {result.name: result for result in await run_checks(VerifyOptions(**options))}


async def test_an_event_links_to_the_previous_event_of_its_own_station(app):
    first_east, first_west, second_east = await append(EAST, WEST, EAST)
    assert (first_east.chain, first_west.chain, second_east.chain) == (EAST, WEST, EAST)
    assert first_west.prev_hash == GENESIS_HASH and second_east.prev_hash == first_east.hash


async def test_an_event_of_no_station_goes_to_the_deployment_chain(app):
    (event,) = await append(None)
    assert event.chain == DEPLOYMENT_CHAIN and event.station_id is None


async def test_a_transaction_appends_all_its_events_to_the_chain_of_its_first(app):
    (earlier_west,) = await append(WEST)
    with audit_context(SYSTEM):
        async with transaction():
            east = await record("test.thing.change", station_id=EAST)
            async with transaction():  # a savepoint belongs to the same transaction
                west = await record("test.thing.change", station_id=WEST)
    assert (east.chain, west.chain, west.station_id) == (EAST, EAST, WEST)
    assert west.prev_hash == east.hash and earlier_west.chain == WEST
    assert (await verify_chain()).ok


async def test_interleaved_chains_of_several_stations_verify(app):
    await append(EAST, WEST, None, WEST, EAST, EAST, None)
    result = await verify_chain()
    assert result.ok and result.checked == 7


async def test_an_event_deleted_from_the_middle_of_one_stations_chain_is_found_at_its_successor(app):
    events = await append(EAST, WEST, EAST, WEST, EAST)
    await AuditEvent.filter(id=events[2].id).delete()
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == events[4].sequence and "deleted" in result.reason


async def test_an_edited_event_of_one_station_is_found(app):
    events = await append(EAST, WEST, EAST)
    await AuditEvent.filter(id=events[1].id).update(after={"value": "rewritten"})
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == events[1].sequence and "HMAC" in result.reason


async def test_an_event_moved_to_another_stations_chain_is_found(app):
    events = await append(EAST, WEST)
    await AuditEvent.filter(id=events[1].id).update(chain=EAST, prev_hash=events[0].hash)
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == events[1].sequence and "HMAC" in result.reason


async def test_an_event_passed_off_as_older_than_chains_is_found(app):
    events = await append(EAST, EAST)
    await AuditEvent.filter(id=events[0].id).update(chain=None)
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == events[0].sequence


async def test_the_cut_tail_of_one_stations_chain_is_found_by_its_checkpoint(app):
    events = await append(EAST, EAST, WEST)
    await sign_head()
    saved = await head()
    await AuditEvent.filter(id=events[1].id).delete()  # east's newest; west's event stays the newest overall
    assert (await verify_chain()).ok  # what is left is consistent
    result = await verify_chain(saved)
    assert not result.ok and result.first_broken_sequence == events[1].sequence
    assert f"chain {EAST}" in result.reason and "missing" in result.reason
    found = await checks()
    assert not found["checkpoints"].ok and "cut off" in found["checkpoints"].problems[0]


async def test_a_checkpoint_signs_the_head_of_every_chain(app):
    legacy = await write_legacy_events(2)
    east, west, deployment = await append(EAST, WEST, None)
    signed = await sign_head()
    assert signed.heads == {
        "legacy": [legacy[1].sequence, legacy[1].hash],
        str(EAST): [east.sequence, east.hash],
        str(WEST): [west.sequence, west.hash],
        str(DEPLOYMENT_CHAIN): [deployment.sequence, deployment.hash],
    }
    assert (signed.sequence, signed.hash) == (deployment.sequence, deployment.hash) and signed.signature_ok()


async def test_changed_heads_break_a_checkpoints_signature(app):
    await append(EAST, WEST)
    await sign_head()
    row = await AuditCheckpoint.first()
    await AuditCheckpoint.filter(id=row.id).update(heads={str(WEST): row.heads[str(WEST)]})  # east's head dropped
    found = await checks()
    assert not found["checkpoints"].ok and "signature" in found["checkpoints"].problems[0]


async def test_a_checkpoint_file_keeps_the_heads_and_finds_a_cut_chain(app, tmp_path):
    events = await append(WEST, EAST, WEST)
    path = tmp_path / "head.json"
    (await head()).save(path)
    await AuditEvent.filter(id=events[1].id).delete()
    result = await verify_chain(Checkpoint.load(path))
    assert not result.ok and result.first_broken_sequence == events[1].sequence and f"chain {EAST}" in result.reason


async def test_the_legacy_chain_written_before_chains_still_verifies_with_new_chains_after_it(app):
    await write_legacy_events(3)
    await append(EAST, None)
    result = await verify_chain()
    assert result.ok and result.checked == 5


async def test_an_edited_legacy_event_is_still_found(app):
    legacy = await write_legacy_events(3)
    await append(EAST)
    await AuditEvent.filter(id=legacy[1].id).update(after={"value": "rewritten"})
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == 2 and "HMAC" in result.reason


async def test_a_legacy_event_given_a_chain_is_found(app):
    legacy = await write_legacy_events(2)
    await AuditEvent.filter(id=legacy[1].id).update(chain=EAST)
    result = await verify_chain()
    assert not result.ok and result.first_broken_sequence == 2


async def test_a_checkpoint_older_than_chains_still_verifies(app):
    legacy = await write_legacy_events(3)
    when = dt.datetime(2026, 2, 1, 8, 30, tzinfo=dt.UTC)
    old = sign(legacy[2].sequence, legacy[2].hash, when)  # signed without heads, as before chains
    await AuditCheckpoint.create(
        sequence=old.sequence,
        hash=old.hash,
        created_at=when,
        public_key=old.public_key,
        signature=old.signature,
    )
    await append(EAST)
    found = await checks()
    assert found["chain"].ok and found["checkpoints"].ok and old.heads is None
    assert (await verify_chain(Checkpoint(old.sequence, old.hash))).ok


async def test_a_checkpoint_older_than_chains_still_finds_the_cut_legacy_tail(app):
    legacy = await write_legacy_events(3)
    await AuditEvent.filter(id=legacy[2].id).delete()
    result = await verify_chain(Checkpoint(legacy[2].sequence, legacy[2].hash))
    assert not result.ok and "missing" in result.reason


async def test_concurrent_appends_of_two_stations_keep_each_chain_linear(app):
    import asyncio

    async def one(station: int, i: int) -> None:
        with audit_context(SYSTEM):
            async with transaction():
                await record("test.concurrent.write", object_type="Thing", object_id=i, station_id=station)
                await asyncio.sleep(0.005)  # hold the transaction so writers overlap

    await asyncio.gather(*(one(station, i) for i in range(12) for station in (EAST, WEST)))
    for station in (EAST, WEST):
        links = await AuditEvent.filter(chain=station).values_list("prev_hash", flat=True)
        assert len(links) == 12 and len(set(links)) == 12
    assert (await verify_chain()).ok


async def test_rotation_re_keys_the_legacy_chain_and_every_station_chain(app):
    from core.personal.rotation import rotate

    await write_legacy_events(3)
    await append(EAST, WEST, EAST, None)
    await sign_head()
    await rotate(app, NEW_KEY, batch_size=2)
    found = await checks()
    assert found["chain"].ok and found["checkpoints"].ok, [str(r) for r in found.values()]
    assert await AuditEvent.filter(chain__isnull=True).count() == 3


async def test_an_interrupted_re_keying_of_the_chains_resumes_where_it_stopped(app, monkeypatch):
    import pytest

    from core.personal import rotation

    await write_legacy_events(2)
    await append(EAST, WEST, EAST, WEST, None)
    real, calls = rotation.event_hash, []

    def crash_on_the_eleventh(*args, **kwargs):
        calls.append(1)
        if len(calls) == 11:  # two hashes per event: in the third batch of two
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(rotation, "event_hash", crash_on_the_eleventh)
    with pytest.raises(RuntimeError, match="power cut"):
        await rotation.rotate(app, NEW_KEY, batch_size=2)
    monkeypatch.setattr(rotation, "event_hash", real)
    await rotation.rotate(app, NEW_KEY, batch_size=2)
    assert (await checks())["chain"].ok


async def test_a_witness_table_from_before_chains_keeps_its_copies_and_takes_heads(app, tmp_path):
    import sqlite3

    from core.audit.witness import witness_for

    legacy = await write_legacy_events(2)
    old = sign(legacy[1].sequence, legacy[1].hash)
    path = tmp_path / "witness.db"
    with sqlite3.connect(path) as db:  # the table as witnesses created it before chains
        db.execute(
            "CREATE TABLE fengqiao_audit_witness (id INTEGER PRIMARY KEY, sequence BIGINT NOT NULL, "
            "hash VARCHAR(64) NOT NULL, created_at VARCHAR(40) NOT NULL, public_key VARCHAR(64) NOT NULL, "
            "signature VARCHAR(128) NOT NULL)"
        )
        db.execute(
            "INSERT INTO fengqiao_audit_witness (sequence, hash, created_at, public_key, signature) "
            "VALUES (?, ?, ?, ?, ?)",
            (old.sequence, old.hash, old.created_at, old.public_key, old.signature),
        )
    witness = witness_for(f"sqlite://{path}")
    kept = await witness.latest()
    assert kept is not None and kept.heads is None and kept.signature_ok()
    await append(EAST)
    await witness.append(await sign_head())
    latest = await witness.latest()
    assert latest is not None and latest.signature_ok() and str(EAST) in (latest.heads or {})
