"""Behaviour that only PostgreSQL shows: concurrent writers and the migration gate."""

import asyncio
import os

import pytest

from core.errors import ConfigError

POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="PostgreSQL tests need FENGQIAO_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB (CI sets it)",
)


async def test_concurrent_audit_appends_keep_one_linear_chain(app):
    from core.audit import audit_context, record
    from core.audit.verify import verify_chain
    from core.db import transaction
    from core.identity.actor import SYSTEM

    async def append(i: int) -> None:
        with audit_context(SYSTEM):
            async with transaction():
                await record("test.concurrent.write", object_type="Thing", object_id=i)
                await asyncio.sleep(0.01)  # hold the transaction so writers overlap

    await asyncio.gather(*(append(i) for i in range(20)))
    result = await verify_chain()
    assert result.ok, result


async def _hold_an_append(station_id: int, recorded: asyncio.Event, release: asyncio.Event) -> None:
    """Record an event of ``station_id`` and keep its transaction open until ``release``."""
    from core.audit import audit_context, record
    from core.db import transaction
    from core.identity.actor import SYSTEM

    with audit_context(SYSTEM):
        async with transaction():
            await record("test.held.write", object_type="Thing", station_id=station_id)
            recorded.set()
            await release.wait()


async def _append(station_id: int) -> None:
    from core.audit import audit_context, record
    from core.db import transaction
    from core.identity.actor import SYSTEM

    with audit_context(SYSTEM):
        async with transaction():
            await record("test.other.write", object_type="Thing", station_id=station_id)


async def test_a_station_appends_while_another_stations_append_is_uncommitted(app):
    from core.audit.verify import verify_chain

    recorded, release = asyncio.Event(), asyncio.Event()
    held = asyncio.create_task(_hold_an_append(1, recorded, release))
    await asyncio.wait_for(recorded.wait(), timeout=30)
    try:
        await asyncio.wait_for(_append(2), timeout=30)  # waits for nothing of station 1
    finally:
        release.set()
        await held
    assert (await verify_chain()).ok


async def test_an_append_to_the_same_station_waits_for_the_uncommitted_one(app):
    from core.audit.models import AuditEvent

    recorded, release = asyncio.Event(), asyncio.Event()
    held = asyncio.create_task(_hold_an_append(1, recorded, release))
    await asyncio.wait_for(recorded.wait(), timeout=30)
    second = asyncio.create_task(_append(1))
    await asyncio.sleep(0.5)
    waited = not second.done()
    release.set()
    await asyncio.wait_for(asyncio.gather(held, second), timeout=30)
    first, last = await AuditEvent.filter(chain=1).order_by("sequence")
    assert waited and last.prev_hash == first.hash


async def test_transactions_recording_two_stations_in_opposite_orders_both_commit(app):
    from core.audit import audit_context, record
    from core.audit.verify import verify_chain
    from core.db import transaction
    from core.identity.actor import SYSTEM

    both_started = asyncio.Barrier(2)

    async def write(first: int, second: int) -> None:
        with audit_context(SYSTEM):
            async with transaction():
                await record("test.crossed.write", object_type="Thing", station_id=first)
                await both_started.wait()  # each holds its first station's chain now
                await record("test.crossed.write", object_type="Thing", station_id=second)

    await asyncio.wait_for(asyncio.gather(write(1, 2), write(2, 1)), timeout=30)
    assert (await verify_chain()).ok


async def test_a_postgres_witness_from_before_chains_keeps_its_copies_and_takes_heads(app):
    import asyncpg

    from core.audit.checkpoints import sign, sign_head
    from core.audit.witness import witness_for
    from core.testing import reset_postgres

    url = POSTGRES_URL.split("?")[0] + "_witness"
    await reset_postgres(url)
    old = sign(1, "ab" * 32)  # a checkpoint as signed before chains: no heads
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:  # the table as witnesses created it before chains
        await connection.execute(
            "CREATE TABLE fengqiao_audit_witness (id BIGSERIAL PRIMARY KEY, sequence BIGINT NOT NULL, "
            "hash VARCHAR(64) NOT NULL, created_at VARCHAR(40) NOT NULL, public_key VARCHAR(64) NOT NULL, "
            "signature VARCHAR(128) NOT NULL)"
        )
        await connection.execute(
            "INSERT INTO fengqiao_audit_witness (sequence, hash, created_at, public_key, signature) "
            "VALUES ($1, $2, $3, $4, $5)",
            old.sequence,
            old.hash,
            old.created_at,
            old.public_key,
            old.signature,
        )
    finally:
        await connection.close()
    witness = witness_for(url)
    kept = await witness.latest()
    assert kept is not None and kept.heads is None and kept.signature_ok()
    await _append(3)
    await witness.append(await sign_head())
    latest = await witness.latest()
    assert latest is not None and latest.signature_ok() and "3" in (latest.heads or {})


async def test_unmigrated_postgres_database_is_refused_with_the_fix(tmp_path):
    from core.db import ensure_migrated
    from core.runtime import Fengqiao
    from core.testing import make_settings, reset_postgres

    await reset_postgres(POSTGRES_URL)
    app = Fengqiao.create(make_settings(POSTGRES_URL, []))
    with pytest.raises(ConfigError, match="run 'fengqiao migrate' first"):
        await ensure_migrated(app.settings, app.db_config)
