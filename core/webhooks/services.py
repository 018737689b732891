"""Registering endpoints, rotating their secrets, replaying deliveries, and queueing the
deliveries of an event (run in the transaction that marks the outbox row delivered)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import socket
from urllib.parse import urlsplit

from core.audit import recorder as audit
from core.contract import Event
from core.errors import UserErrorCode, UserInputError
from core.identity.actor import Actor
from core.runtime import current_app
from core.tenancy import get_scoped
from core.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from core.webhooks.signing import new_secret

_EVENT_PATTERN = re.compile(r"^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$")
MAX_EVENT_TYPES = 50
# The longest overlap a rotation may grant the previous secret.
MAX_OVERLAP_HOURS = 24 * 7


def matches(patterns: list[str], name: str) -> bool:
    """True when ``name`` is selected by the endpoint's filters (empty: every event)."""
    if not patterns:
        return True
    for pattern in patterns:
        if pattern == "*" or pattern == name:
            return True
        if pattern.endswith(".*") and name.startswith(pattern[:-1]):
            return True
    return False


def check_event_types(event_types: list[str]) -> list[str]:
    cleaned = sorted({item.strip() for item in event_types})
    if len(cleaned) > MAX_EVENT_TYPES:
        raise UserInputError(f"At most {MAX_EVENT_TYPES} event filters.", field="eventTypes")
    for item in cleaned:
        if not _EVENT_PATTERN.match(item):
            raise UserInputError(
                f"'{item[:60]}' is not an event name or prefix (e.g. mediation.dispute.red or mediation.*).",
                field="eventTypes",
            )
    return cleaned


def check_url(url: str, *, allow_private: bool, resolve=socket.getaddrinfo) -> str:
    """An http(s) URL without credentials; unless allowed, its host must not resolve to a
    loopback, private, link-local or reserved address (server-side request forgery)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserInputError("Give an http:// or https:// URL.", field="url")
    if parts.username or parts.password:
        raise UserInputError("Put no credentials in the URL; receivers check the signature.", field="url")
    if len(url) > 500:
        raise UserInputError("The URL is longer than 500 characters.", field="url")
    if not allow_private:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            addresses = {info[4][0] for info in resolve(parts.hostname, port)}
        except (OSError, ValueError):
            raise UserInputError("The URL's host cannot be resolved.", field="url") from None
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global:
                raise UserInputError(
                    "The URL points into a private network; an operator must allow that "
                    "([webhooks] allow_private_networks).",
                    field="url",
                    code=UserErrorCode.FORBIDDEN,
                )
    return url


def _now() -> dt.datetime:
    return current_app().clock.now()


def _settings():
    return current_app().settings.webhooks


def audited_view(endpoint: WebhookEndpoint) -> dict:
    return {
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": endpoint.event_types,
        "enabled": endpoint.enabled,
        "personal_data": endpoint.personal_data,
    }


def check_personal_grant(actor: Actor, wanted: bool) -> bool:
    if wanted and not actor.has("core.personal.view_full"):
        raise UserInputError(
            "Only someone who may see personal data in full may grant it to an endpoint.",
            field="personalData",
            code=UserErrorCode.FORBIDDEN,
        )
    return wanted


async def create_endpoint(
    actor: Actor, station_id: int, url: str, description: str, event_types: list[str], personal_data: bool = False
) -> tuple[WebhookEndpoint, str]:
    from core.identity.services import get_station

    station = await get_station(actor, station_id, field="stationId")
    url = check_url(url, allow_private=_settings().allow_private_networks)
    description = (description or "").strip()
    if len(description) > 200:
        raise UserInputError("The description is longer than 200 characters.", field="description")
    secret = new_secret()
    endpoint = await WebhookEndpoint.create(
        station=station,
        url=url,
        description=description,
        event_types=check_event_types(event_types),
        personal_data=check_personal_grant(actor, personal_data),
        secret=secret,
        created_at=_now(),
        created_by_id=actor.user_id,
    )
    await audit.record("core.webhook_endpoint.create", obj=endpoint, after=audited_view(endpoint))
    return endpoint, secret


async def update_endpoint(
    actor: Actor,
    endpoint_id: int,
    *,
    url: str | None,
    description: str | None,
    event_types: list[str] | None,
    enabled: bool | None,
    personal_data: bool | None = None,
) -> WebhookEndpoint:
    endpoint = await get_scoped(actor, WebhookEndpoint, endpoint_id, field="id", label="Webhook endpoint")
    before = audited_view(endpoint)
    if url is not None:
        endpoint.url = check_url(url, allow_private=_settings().allow_private_networks)
    if description is not None:
        if len(description.strip()) > 200:
            raise UserInputError("The description is longer than 200 characters.", field="description")
        endpoint.description = description.strip()
    if event_types is not None:
        endpoint.event_types = check_event_types(event_types)
    if enabled is not None:
        endpoint.enabled = enabled
    if personal_data is not None:
        endpoint.personal_data = check_personal_grant(actor, personal_data)
    await endpoint.save()
    await audit.record("core.webhook_endpoint.update", obj=endpoint, before=before, after=audited_view(endpoint))
    return endpoint


async def rotate_secret(actor: Actor, endpoint_id: int, overlap_hours: int) -> tuple[WebhookEndpoint, str]:
    """A new secret; the previous one keeps signing (a second signature) for ``overlap_hours``
    so receivers can switch without losing messages."""
    if not 0 <= overlap_hours <= MAX_OVERLAP_HOURS:
        raise UserInputError(f"Keep the old secret 0 to {MAX_OVERLAP_HOURS} hours.", field="keepPreviousHours")
    endpoint = await get_scoped(actor, WebhookEndpoint, endpoint_id, field="id", label="Webhook endpoint")
    secret = new_secret()
    if overlap_hours:
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_until = _now() + dt.timedelta(hours=overlap_hours)
    else:
        endpoint.previous_secret, endpoint.previous_secret_until = None, None
    endpoint.secret = secret
    await endpoint.save()
    await audit.record(
        "core.webhook_endpoint.rotate_secret", obj=endpoint, after={"previous_valid_hours": overlap_hours}
    )
    return endpoint, secret


async def replay_delivery(actor: Actor, delivery_id: int) -> WebhookDelivery:
    """Send a delivered or dead-lettered event again, with a fresh attempt budget and the
    same ``webhook-id`` (receivers that already have it can ignore it)."""
    delivery = await get_scoped(actor, WebhookDelivery, delivery_id, field="id", label="Webhook delivery")
    if delivery.state in (DeliveryState.PENDING, DeliveryState.SENDING):
        raise UserInputError(
            "The delivery is still being tried; replay it once it is delivered or dead.",
            field="id",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    before = {"state": delivery.state.value, "attempts": delivery.attempts}
    delivery.state, delivery.attempts, delivery.next_attempt_at = DeliveryState.PENDING, 0, _now()
    delivery.lease_until = None
    await delivery.save()
    await audit.record("core.webhook_delivery.replay", obj=delivery, before=before, after={"state": "PENDING"})
    return delivery


async def enqueue_deliveries(event: Event, now: dt.datetime) -> None:
    """Queue one delivery per enabled endpoint of the event's station whose filters select it."""
    if event.station_id is None:
        return
    endpoints = await WebhookEndpoint.filter(station_id=event.station_id, enabled=True).only("id", "event_types")
    selected = [endpoint.id for endpoint in endpoints if matches(endpoint.event_types, event.name)]
    if not selected or await WebhookDelivery.filter(event_id=event.id).exists():
        return  # nobody listens, or queued already by a process that died before finishing
    await WebhookDelivery.bulk_create(
        [
            WebhookDelivery(
                station_id=event.station_id,
                endpoint_id=endpoint_id,
                event_id=event.id,
                event_name=event.name,
                next_attempt_at=now,
                created_at=now,
            )
            for endpoint_id in selected
        ]
    )
