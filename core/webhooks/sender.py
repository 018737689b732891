"""Sending due webhook deliveries (the ``core.webhooks.deliver`` job).

A delivery is claimed (``SENDING`` with a lease) before it is sent, so two workers never send it
at once; a sender killed mid-flight leaves the lease to expire and the delivery is sent again
with the same ``webhook-id`` — at least once. A failure is retried with exponential backoff and
jitter until ``[webhooks] max_attempts``, then dead-lettered (``DEAD``) until an admin replays it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import logging
import random
import socket
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tortoise.expressions import F, Q

from core.contract import Job
from core.db import transaction
from core.webhooks import signing
from core.webhooks.models import DeliveryState, WebhookAttempt, WebhookDelivery, WebhookEndpoint

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("fengqiao.webhooks")

DELIVER_JOB = "core.webhooks.deliver"
BATCH = 200
PARALLEL = 10
EXCERPT = 500
LONGEST_WAIT = dt.timedelta(hours=6)
USER_AGENT = "Fengqiao-Webhooks/1"


def backoff(attempts: int, base_seconds: int, rng: random.Random = random._inst) -> dt.timedelta:
    """Wait before the next try after ``attempts`` failures: base·2^(n−1), ±25 % jitter, ≤ 6 h."""
    seconds = base_seconds * 2 ** (attempts - 1)
    return min(dt.timedelta(seconds=seconds * rng.uniform(0.75, 1.25)), LONGEST_WAIT)


def body_of(delivery: WebhookDelivery) -> str:
    """The JSON body: ``type``, ``timestamp`` (when the event happened, UTC) and ``data`` (the
    event's payload with the station's id; keyed hashes of personal values — ``*_hash`` keys —
    only for endpoints granted personal data)."""
    event = delivery.event
    payload = event.payload
    if not delivery.endpoint.personal_data:
        payload = {key: value for key, value in payload.items() if not key.endswith("_hash")}
    data = {**payload, "station_id": event.station_id}
    message = {"type": event.name, "timestamp": event.created_at.astimezone(dt.UTC).isoformat(), "data": data}
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def message_id(delivery: WebhookDelivery) -> str:
    return f"evt_{delivery.event_id}"


class Sender:
    def __init__(self, app, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.app = app
        self.settings = app.settings.webhooks
        self.transport = transport

    async def run(self) -> int:
        """Send every due delivery; returns how many were delivered."""
        now = self.app.clock.now()
        due = (
            await WebhookDelivery.filter(
                Q(state=DeliveryState.PENDING, next_attempt_at__lte=now)
                | Q(state=DeliveryState.SENDING, lease_until__lt=now)
            )
            .order_by("next_attempt_at", "id")
            .limit(BATCH)
            .values_list("id", flat=True)
        )
        if not due:
            return 0
        import httpx  # some 25 ms to import (its command line brings rich and pygments): only to send

        gate = asyncio.Semaphore(PARALLEL)
        async with httpx.AsyncClient(
            timeout=self.settings.timeout_seconds,
            follow_redirects=False,
            transport=self.transport,
            headers={"user-agent": USER_AGENT},
        ) as client:

            async def one(delivery_id: int) -> bool:
                async with gate:
                    return await self.send(client, delivery_id)

            results = await asyncio.gather(*(one(delivery_id) for delivery_id in due))
        return sum(results)

    async def claim(self, delivery_id: int) -> WebhookDelivery | None:
        now = self.app.clock.now()
        lease = now + dt.timedelta(seconds=self.settings.timeout_seconds + 60)
        claimed = await WebhookDelivery.filter(
            Q(id=delivery_id),
            Q(state=DeliveryState.PENDING, next_attempt_at__lte=now)
            | Q(state=DeliveryState.SENDING, lease_until__lt=now),
        ).update(state=DeliveryState.SENDING, lease_until=lease, attempts=F("attempts") + 1)
        if claimed != 1:
            return None  # another worker took it
        return await WebhookDelivery.get(id=delivery_id).select_related("event", "endpoint")

    async def send(self, client: httpx.AsyncClient, delivery_id: int) -> bool:
        import httpx

        delivery = await self.claim(delivery_id)
        if delivery is None:
            return False
        endpoint: WebhookEndpoint = delivery.endpoint
        started = self.app.clock.now()
        body = body_of(delivery)
        headers = signing.headers(self.secrets(endpoint, started), message_id(delivery), int(started.timestamp()), body)
        status, excerpt, error = None, "", None
        clock_start = time.perf_counter()
        try:
            self.check_destination(endpoint.url)
            response = await client.post(endpoint.url, content=body.encode(), headers=headers)
            status, excerpt = response.status_code, response.text[:EXCERPT]
        except (httpx.HTTPError, OSError, RefusedDestination) as exc:
            error = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"[:300]
        latency = int((time.perf_counter() - clock_start) * 1000)
        ok = status is not None and 200 <= status < 300
        await self.record(delivery, endpoint, started, status, latency, excerpt, error, ok)
        return ok

    def secrets(self, endpoint: WebhookEndpoint, now: dt.datetime) -> list[str]:
        found = [endpoint.secret]
        if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
            found.append(endpoint.previous_secret)
        return found

    def check_destination(self, url: str) -> None:
        """Resolve again at send time: a name that now points inside the network is refused."""
        if self.settings.allow_private_networks:
            return
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        for info in socket.getaddrinfo(parts.hostname, port):
            if not ipaddress.ip_address(info[4][0].split("%")[0]).is_global:
                raise RefusedDestination("the host resolves to a private address")

    async def record(self, delivery, endpoint, started, status, latency, excerpt, error, ok) -> None:
        now = self.app.clock.now()
        changes: dict = {"lease_until": None, "last_status": status}
        if ok:
            changes.update(state=DeliveryState.DELIVERED, delivered_at=now)
        elif status == 410:
            # Standard Webhooks: 410 Gone means the receiver wants no more; stop sending to it.
            changes.update(state=DeliveryState.DEAD)
        elif delivery.attempts >= self.settings.max_attempts:
            changes.update(state=DeliveryState.DEAD)
        else:
            changes.update(
                state=DeliveryState.PENDING,
                next_attempt_at=now + backoff(delivery.attempts, self.settings.retry_seconds),
            )
        async with transaction():
            await WebhookAttempt.create(
                delivery_id=delivery.id,
                started_at=started,
                status_code=status,
                latency_ms=latency,
                response_excerpt=excerpt,
                error=error,
                succeeded=ok,
            )
            await WebhookDelivery.filter(id=delivery.id, state=DeliveryState.SENDING).update(**changes)
            if status == 410:
                await WebhookEndpoint.filter(id=endpoint.id).update(enabled=False)
        if changes["state"] is DeliveryState.DEAD:
            log.warning(
                "webhook delivery %s of %s to endpoint %s is dead after %s attempt(s)",
                delivery.id,
                delivery.event_name,
                endpoint.id,
                delivery.attempts,
            )


class RefusedDestination(Exception):
    """The endpoint's host resolves into a private network, which the deployment forbids."""


async def run_sender() -> int:
    from core.runtime import current_app

    return await Sender(current_app()).run()


DELIVER_WEBHOOKS_JOB = Job(
    name=DELIVER_JOB,
    run=run_sender,
    every=dt.timedelta(seconds=10),
    description=(
        "Send due webhook deliveries, signed (Standard Webhooks); retry failures with backoff and "
        "dead-letter them after [webhooks] max_attempts."
    ),
)
