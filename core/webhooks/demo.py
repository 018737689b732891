"""Demo data for webhooks: the main station's endpoint of its mediation events, switched off so
that a demo server never calls out, with one delivered event a front end can show."""

from __future__ import annotations

import datetime as dt

from core.audit import recorder as audit
from core.outbox.models import OutboxEvent
from core.webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from core.webhooks.services import audited_view
from core.webhooks.signing import new_secret

DEMO_URL = "https://hooks.example.com/fengqiao/511725-CD"  # example.com: reserved, never a receiver


async def add_demo_webhook(station_id: int, now: dt.datetime) -> None:
    endpoint = await WebhookEndpoint.create(
        station_id=station_id,
        url=DEMO_URL,
        description="县局矛盾纠纷多元化解平台（演示，已停用）",
        event_types=["mediation.*"],
        enabled=False,
        secret=new_secret(),
        created_at=now,
    )
    await audit.record("core.webhook_endpoint.create", obj=endpoint, after=audited_view(endpoint))
    event = await OutboxEvent.filter(station_id=station_id, name__startswith="mediation.").order_by("id").first()
    if event is None:  # the mediation pillar is off
        return
    delivery = await WebhookDelivery.create(
        station_id=station_id,
        endpoint=endpoint,
        event=event,
        event_name=event.name,
        state=DeliveryState.DELIVERED,
        attempts=1,
        next_attempt_at=event.created_at,
        created_at=event.created_at,
        delivered_at=event.created_at,
        last_status=200,
    )
    await WebhookAttempt.create(
        delivery=delivery, started_at=event.created_at, status_code=200, latency_ms=87, succeeded=True
    )
