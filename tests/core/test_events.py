"""The event bus: delivery after commit, listeners, and fan-out through Redis."""

import asyncio
import contextlib
import socket

import pytest

from core.contract import Event
from core.events import EventBus, MemoryBackend, RedisBackend


async def test_event_published_inside_a_failed_block_is_never_delivered():
    bus = EventBus(MemoryBackend())
    seen: list[Event] = []

    async def listener(event: Event) -> None:
        seen.append(event)

    await bus.start(listener)
    with contextlib.suppress(RuntimeError):
        async with bus.deferred():
            await bus.publish(Event("test.thing.done", {}))
            raise RuntimeError("rolled back")
    async with bus.deferred():
        await bus.publish(Event("test.thing.kept", {}))
        assert seen == []  # held until the block ends
    await bus.stop()
    assert [event.name for event in seen] == ["test.thing.kept"]


async def test_subscribers_receive_only_the_names_they_asked_for():
    bus = EventBus(MemoryBackend())
    await bus.start(lambda event: asyncio.sleep(0))
    stream = bus.subscribe({"test.wanted"})
    receiver = asyncio.create_task(anext(stream))
    await asyncio.sleep(0)
    await bus.publish(Event("test.other", {}))
    await bus.publish(Event("test.wanted", {"n": 1}))
    assert (await asyncio.wait_for(receiver, 2)).payload == {"n": 1}
    await stream.aclose()
    await bus.stop()


def redis_reachable() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.skipif(not redis_reachable(), reason="Redis is not reachable on 127.0.0.1:6379")
async def test_redis_backend_fans_events_out_to_every_worker():
    async def nothing(event: Event) -> None:
        return None

    publisher, other_worker = (
        EventBus(RedisBackend("redis://127.0.0.1:6379/0")),
        EventBus(RedisBackend("redis://127.0.0.1:6379/0")),
    )
    await publisher.start(nothing)
    await other_worker.start(nothing)
    stream = other_worker.subscribe({"test.redis.fanout"})
    receiver = asyncio.create_task(anext(stream))
    await asyncio.sleep(0.2)  # let both subscriptions reach Redis
    await publisher.publish(Event("test.redis.fanout", {"dispute_id": 7}, station_id=3))
    event = await asyncio.wait_for(receiver, 5)
    await stream.aclose()
    await publisher.stop()
    await other_worker.stop()
    assert (event.name, event.payload, event.station_id) == ("test.redis.fanout", {"dispute_id": 7}, 3)
