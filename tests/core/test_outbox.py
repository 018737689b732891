"""The transactional outbox: an event exists exactly when its change was committed, is
delivered once after commit, and is never lost — the dispatcher job delivers what a process
left behind (claim expired, or killed with SIGKILL between commit and delivery)."""

import asyncio
import contextlib
import os
import subprocess
import sys
import textwrap

import pytest

import tests.core.sample_plugin as sample_plugin
from core import Event, publish, transaction
from core.identity.models import Station
from core.jobs.runner import JobRunner
from core.outbox.models import OutboxEvent
from core.outbox.store import CLAIM_SECONDS
from core.testing import TEST_SECRET, create_station


@pytest.fixture
def seen(app):
    """Events handed to plugin listeners, in order."""
    events = []
    original = app._dispatch_event

    async def listener(event):
        events.append(event)
        await original(event)

    app.events._listeners = listener
    return events


async def test_a_committed_event_is_written_and_delivered_once_with_its_id(app, seen, station):
    async with app.events.deferred():
        async with transaction():
            await publish("sample.person.created", {"person_id": 7}, station_id=station.id)
    [row] = await OutboxEvent.all()
    assert (row.name, row.payload, row.station_id) == ("sample.person.created", {"person_id": 7}, station.id)
    assert row.dispatched_at is not None and row.attempts == 1
    assert [(event.name, event.id) for event in seen] == [("sample.person.created", row.id)]


async def test_a_rolled_back_change_leaves_no_event_and_notifies_nobody(app, seen, station):
    with contextlib.suppress(RuntimeError):
        async with app.events.deferred():
            async with transaction():
                await Station.filter(id=station.id).update(name="改名")
                await publish("sample.person.created", {"person_id": 7}, station_id=station.id)
                raise RuntimeError("the change fails")
    assert await OutboxEvent.all().count() == 0
    assert seen == []
    assert (await Station.get(id=station.id)).name != "改名"
    assert await JobRunner(app).run_now("core.outbox.dispatch") and seen == []


async def test_the_dispatcher_delivers_an_event_its_publisher_never_delivered(app, seen, station, clock):
    async with transaction():
        event = await app.events.outbox.record(  # committed, then the process stopped
            Event("sample.person.created", {"person_id": 1}, station.id)
        )
    stream = app.events.subscribe({"sample.person.created"})
    received = asyncio.create_task(anext(stream))
    await asyncio.sleep(0)
    run = await JobRunner(app).run_now("core.outbox.dispatch")
    assert run.items_changed == 1
    assert [e.id for e in seen] == [event.id]
    assert (await asyncio.wait_for(received, 2)).id == event.id  # subscribers read the same event
    await stream.aclose()
    clock.advance(seconds=15)
    again = await JobRunner(app).run_now("core.outbox.dispatch")
    assert again.items_changed == 0 and len(seen) == 1


async def test_an_event_claimed_by_a_live_process_waits_until_its_claim_expires(app, seen, station, clock):
    async with transaction():
        event = await app.events.outbox.record(Event("sample.person.created", {}, station.id))
    assert await app.events.outbox.claim(event.id)  # another process is delivering it
    assert (await JobRunner(app).run_now("core.outbox.dispatch")).items_changed == 0
    clock.advance(seconds=CLAIM_SECONDS + 1)  # … and died
    assert (await JobRunner(app).run_now("core.outbox.dispatch")).items_changed == 1
    row = await OutboxEvent.get(id=event.id)
    assert row.attempts == 2 and row.dispatched_at is not None and [e.id for e in seen] == [event.id]


async def test_an_event_is_not_lost_when_its_publisher_is_killed_after_commit(app, seen, station, tmp_path):
    script = textwrap.dedent(
        f"""
        import asyncio, os, signal
        from core import Event, publish, transaction
        from core.testing import make_settings, running_app

        async def main():
            settings = make_settings({app.settings.database_url!r}, [])
            async with running_app_no_reset(settings) as app:
                async with app.events.deferred():
                    async with transaction():
                        await publish("sample.person.created", {{"person_id": 42}}, station_id={station.id})
                    os.kill(os.getpid(), signal.SIGKILL)  # committed; never delivered

        import contextlib
        from core.runtime import Fengqiao

        @contextlib.asynccontextmanager
        async def running_app_no_reset(settings):
            app = Fengqiao.create(settings)
            await app.start(migrate=False)
            yield app

        asyncio.run(main())
        """
    )
    environment = {**os.environ, "FENGQIAO_SECRET_KEY": TEST_SECRET}
    command = [sys.executable, "-c", script]
    result = await asyncio.to_thread(subprocess.run, command, env=environment, timeout=60, capture_output=True)
    assert result.returncode == -9, result.stderr.decode()[-2000:]
    [row] = await OutboxEvent.all()
    assert row.dispatched_at is None and row.payload == {"person_id": 42}
    assert (await JobRunner(app).run_now("core.outbox.dispatch")).items_changed == 1
    assert [(e.name, e.payload) for e in seen] == [("sample.person.created", {"person_id": 42})]


@pytest.fixture
async def app(make_app):
    return await make_app(["sample"], extra_plugins=[sample_plugin])


@pytest.fixture
async def station(app):
    return await create_station(app)
