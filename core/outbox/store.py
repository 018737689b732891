"""Writing, claiming and completing outbox rows, and the ``core.outbox.dispatch`` job.

``record`` runs inside the publisher's transaction. After commit the publishing process
delivers at once (``claim`` → fan-out → ``complete``); a row it never completed — the process
was killed, the Redis relay was down — is delivered by the dispatcher job once its claim has
expired. Delivery is therefore at least once: listeners and webhook receivers use the event id
to recognise a repeat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from tortoise.expressions import F, Q

from core.clock import Clock
from core.contract import Event, Job
from core.db import transaction
from core.outbox.models import OutboxEvent

if TYPE_CHECKING:
    from core.events import EventBus

log = logging.getLogger("fengqiao.outbox")

# How long a process may take to hand one event to its listeners before another may take over.
CLAIM_SECONDS = 120
# Rows handed on in one run of the dispatcher (the next run takes the rest).
DISPATCH_BATCH = 500
# Delivered rows (and their webhook deliveries) are kept this long for replay and inspection.
RETENTION = dt.timedelta(days=30)
DISPATCH_JOB = "core.outbox.dispatch"


class Outbox:
    """The outbox of one application; ``after_dispatch`` functions turn a committed event into
    durable work (webhook deliveries, inbox notifications) before it is announced."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.after_dispatch: list[Callable[[Event, dt.datetime], Awaitable[None]]] = []

    async def record(self, event: Event) -> Event:
        """Write the event in the current transaction; returns it with its ``id``."""
        payload = json.loads(json.dumps(event.payload, default=str))
        row = await OutboxEvent.create(
            name=event.name, payload=payload, station_id=event.station_id, created_at=self.clock.now()
        )
        return dataclasses.replace(event, id=row.id)

    async def claim(self, event_id: int) -> bool:
        """True when this process may deliver the event now (nobody delivered or holds it)."""
        now = self.clock.now()
        updated = await OutboxEvent.filter(
            Q(id=event_id),
            Q(dispatched_at__isnull=True),
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        ).update(claimed_until=now + dt.timedelta(seconds=CLAIM_SECONDS), attempts=F("attempts") + 1)
        return updated == 1

    async def prepare(self, event: Event) -> None:
        """Run the ``after_dispatch`` steps (queue webhook deliveries, write inbox items) in one
        transaction, before listeners and subscribers hear of the event, so a subscriber can
        read what the event produced. Steps are idempotent: a process that died after this ran
        leaves the work done, and the next delivery finds it there."""
        now = self.clock.now()
        async with transaction():
            for step in self.after_dispatch:
                await step(event, now)

    async def complete(self, event: Event) -> None:
        await OutboxEvent.filter(id=event.id).update(dispatched_at=self.clock.now(), claimed_until=None)

    async def dispatch_pending(self, bus: EventBus) -> int:
        """Deliver every undelivered event whose claim is free or expired; returns how many."""
        now = self.clock.now()
        rows = (
            await OutboxEvent.filter(
                Q(dispatched_at__isnull=True), Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
            )
            .order_by("id")
            .limit(DISPATCH_BATCH)
        )
        delivered = 0
        for row in rows:
            if row.attempts:
                log.warning("event %s (%s) was left undelivered by the process that claimed it", row.id, row.name)
            event = Event(row.name, row.payload, row.station_id, row.id)
            if await bus.deliver_recorded(event):
                delivered += 1
        await self.prune(now)
        return delivered

    async def prune(self, now: dt.datetime) -> int:
        return await OutboxEvent.filter(dispatched_at__lt=now - RETENTION).delete()


async def run_dispatcher() -> int:
    """The ``core.outbox.dispatch`` job."""
    from core.runtime import current_app

    app = current_app()
    return await app.events.outbox.dispatch_pending(app.events)


DISPATCH_OUTBOX_JOB = Job(
    name=DISPATCH_JOB,
    run=run_dispatcher,
    every=dt.timedelta(seconds=15),
    description=(
        "Deliver domain events left in the outbox (发件箱) — their process stopped before handing them to "
        "listeners, subscribers and webhooks — and drop delivered ones after 30 days."
    ),
)
