"""In-process event bus with pluggable fan-out (memory or Redis).

Plugins publish domain events with ``core.publish(name, payload, station_id=...)``. Inside a
mutation the event waits until the transaction commits (a rolled-back change announces
nothing); outside one it is delivered at once. Delivery has two sides:

* plugin listeners (``fengqiao_event`` hook) run once, in the process that published;
* subscribers (GraphQL subscriptions) receive the event in every worker: the memory backend
  serves one process, the Redis backend relays through a channel to all workers.

With an outbox (every application has one) each event is first written to ``core_outbox_event``
in the publisher's transaction; after commit the publisher claims and delivers it, and the
``core.outbox.dispatch`` job delivers any event a process left behind. Listeners, subscribers,
Redis and webhooks are all fed from those rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import logging
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from core.contract import Event
from core.observability import metrics

if TYPE_CHECKING:
    from core.outbox.store import Outbox

log = logging.getLogger("fengqiao.events")

# Events published inside an open mutation transaction, delivered after commit.
_pending: contextvars.ContextVar[list[Event] | None] = contextvars.ContextVar("pending_events", default=None)


class MemoryBackend:
    """Fan-out inside one process."""

    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[Event]] = set()

    async def start(self, deliver_local) -> None:
        self._deliver_local = deliver_local

    async def stop(self) -> None:
        self._queues.clear()

    async def broadcast(self, event: Event) -> None:
        await self._deliver_local(event)


class RedisBackend:
    """Fan-out to every worker through a Redis pub/sub channel."""

    channel = "fengqiao:events"

    def __init__(self, url: str) -> None:
        import redis.asyncio as redis  # optional dependency: pip install fengqiao[redis]

        self._redis = redis.from_url(url)
        self._task: asyncio.Task[None] | None = None

    async def start(self, deliver_local) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(self.channel)

        async def relay() -> None:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                data = json.loads(message["data"])
                await deliver_local(Event(data["name"], data["payload"], data.get("station_id"), data.get("id")))

        self._pubsub = pubsub
        self._task = asyncio.create_task(relay())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        with contextlib.suppress(Exception):
            await self._pubsub.unsubscribe(self.channel)
            await self._pubsub.aclose()
        await self._redis.aclose()

    async def broadcast(self, event: Event) -> None:
        data = {"name": event.name, "payload": event.payload, "station_id": event.station_id, "id": event.id}
        await self._redis.publish(self.channel, json.dumps(data, default=str))


class EventBus:
    def __init__(self, backend: MemoryBackend | RedisBackend | None = None, outbox: Outbox | None = None) -> None:
        self.backend = backend or MemoryBackend()
        self.outbox = outbox
        self._subscribers: set[tuple[asyncio.Queue[Event], frozenset[str] | None]] = set()
        self._listeners: Any = None
        self._started = False

    async def start(self, listeners) -> None:
        """``listeners(event)`` is awaited for every event published in this process."""
        self._listeners = listeners
        await self.backend.start(self._deliver_local)
        self._started = True

    async def stop(self) -> None:
        if self._started:
            await self.backend.stop()
            self._started = False

    async def publish(self, event: Event) -> None:
        if self.outbox is not None:
            event = await self.outbox.record(event)  # in the publisher's transaction, if any
        pending = _pending.get()
        if pending is not None:
            pending.append(event)
            return
        await self._deliver(event)

    async def announce(self, event: Event) -> None:
        """Tell subscribers (in every worker) without recording the event: for passing news such
        as an export's progress, which nobody needs after a crash."""
        if self._started:
            await self.backend.broadcast(event)
        else:
            await self._deliver_local(event)

    async def _deliver(self, event: Event) -> None:
        if self.outbox is not None and event.id is not None:
            await self.deliver_recorded(event)
        else:
            await self._fan_out(event)

    async def deliver_recorded(self, event: Event) -> bool:
        """Claim an outbox event, hand it on, mark it delivered; False when another process has
        it or it was delivered already."""
        if not await self.outbox.claim(event.id):
            return False
        try:
            await self.outbox.prepare(event)
        except Exception:  # noqa: BLE001 — the change is committed; the dispatcher job tries again
            log.exception("event %s (%s) could not be prepared; the dispatcher will retry it", event.id, event.name)
            return False
        await self._fan_out(event)
        await self.outbox.complete(event)
        return True

    async def _fan_out(self, event: Event) -> None:
        metrics.EVENTS.labels(event.name).inc()
        if self._listeners is not None:
            await self._listeners(event)
        if self._started:
            await self.backend.broadcast(event)
        else:
            await self._deliver_local(event)

    async def _deliver_local(self, event: Event) -> None:
        for queue, names in list(self._subscribers):
            if names is None or event.name in names:
                queue.put_nowait(event)

    async def subscribe(self, names: set[str] | None = None) -> AsyncIterator[Event]:
        """Yield events (optionally only those named) until the consumer stops."""
        queue: asyncio.Queue[Event] = asyncio.Queue()
        entry = (queue, frozenset(names) if names else None)
        self._subscribers.add(entry)
        metrics.SUBSCRIPTIONS.inc()
        try:
            while True:
                yield await queue.get()
        finally:
            self._subscribers.discard(entry)
            metrics.SUBSCRIPTIONS.dec()

    @contextlib.asynccontextmanager
    async def deferred(self):
        """Hold events published inside the block; deliver them only if it exits cleanly."""
        held: list[Event] = []
        token = _pending.set(held)
        try:
            yield
        finally:
            _pending.reset(token)
        for event in held:
            await self._deliver(event)
