"""Turning a committed event into inbox items (an outbox ``after_dispatch`` step), and what a
user does with their inbox: preferences, channel addresses, marking read."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterable

from core.contract import Event, NotificationKind, NotificationMode
from core.errors import UserErrorCode, UserInputError
from core.identity.actor import Actor
from core.identity.models import User
from core.notifications.models import (
    MessageState,
    Notification,
    NotificationAddress,
    NotificationMessage,
    NotificationPreference,
)
from core.notifications.registry import notification_registry
from core.runtime import current_app
from core.services import station_runs

NOTIFICATION_EVENT = "core.notification.created"


async def recipients_of(kind: NotificationKind, event: Event) -> set[int]:
    users: set[int] = set()
    if kind.roles and event.station_id is not None:
        wanted = {role.value for role in kind.roles}
        for user_id, roles in await User.filter(station_id=event.station_id, is_active=True).values_list("id", "roles"):
            if wanted & set(roles or ()):
                users.add(user_id)
    if kind.recipients is not None:
        named = kind.recipients(event)
        named = await named if inspect.isawaitable(named) else named
        active = await User.filter(id__in=list(named or ()), is_active=True).values_list("id", flat=True)
        users |= set(active)
    return users


async def modes_for(kind: NotificationKind, user_ids: Iterable[int]) -> dict[int, NotificationMode]:
    chosen = dict(
        await NotificationPreference.filter(kind=kind.name, user_id__in=list(user_ids)).values_list("user_id", "mode")
    )
    return {user_id: NotificationMode(chosen.get(user_id, kind.default)) for user_id in user_ids}


async def create_notifications(event: Event, now: dt.datetime) -> None:
    """Write one inbox item per recipient of every kind the event triggers, and queue the
    channel messages of those who receive the kind at once. Idempotent per event."""
    registry = notification_registry(current_app())
    kinds = registry.by_event.get(event.name)
    if not kinds or await Notification.filter(event_id=event.id).exists():
        return
    for kind in kinds:
        owner = registry.owners[kind.name]
        if event.station_id is not None and not await station_runs(event.station_id, owner):
            continue
        users = await recipients_of(kind, event)
        modes = await modes_for(kind, users)
        text = kind.message(event)[:500]
        rows = [
            Notification(
                user_id=user_id,
                kind=kind.name,
                title=kind.title[:200],
                message=text,
                station_id=event.station_id,
                event_id=event.id,
                mode=mode,
                created_at=now,
            )
            for user_id, mode in sorted(modes.items())
            if mode is not NotificationMode.OFF
        ]
        if rows:
            await Notification.bulk_create(rows)
        immediate = [row.user_id for row in rows if row.mode is NotificationMode.INBOX]
        await queue_messages(immediate, f"[枫桥] {kind.title}", text, now)
        if rows and event.station_id is not None:
            # The webhook channel: the station's endpoints that select core.notification.* learn who
            # was told what (ids only), e.g. to page a WeCom group. Delivered by the dispatcher job.
            await current_app().events.outbox.record(
                Event(
                    NOTIFICATION_EVENT,
                    {"kind": kind.name, "source_event_id": event.id, "user_ids": sorted(r.user_id for r in rows)},
                    event.station_id,
                )
            )


async def queue_messages(user_ids: list[int], subject: str, text: str, now: dt.datetime) -> None:
    """One channel message per registered address of each user, on channels still offered."""
    channels = notification_registry(current_app()).channels
    if not user_ids or not channels:
        return
    addresses = await NotificationAddress.filter(user_id__in=user_ids, channel__in=list(channels)).values_list(
        "user_id", "channel"
    )
    await NotificationMessage.bulk_create(
        [
            NotificationMessage(
                user_id=user_id, channel=channel, subject=subject[:200], text=text, next_attempt_at=now, created_at=now
            )
            for user_id, channel in addresses
        ]
    )


def _kind(name: str) -> NotificationKind:
    kind = notification_registry(current_app()).kinds.get(name)
    if kind is None:
        raise UserInputError("No such notification kind.", field="kind", code=UserErrorCode.NOT_FOUND)
    return kind


async def set_preference(actor: Actor, kind_name: str, mode: NotificationMode) -> NotificationMode:
    kind = _kind(kind_name)
    if kind.mandatory and mode is NotificationMode.OFF:
        raise UserInputError(
            f"'{kind.title}' is mandatory: choose INBOX or DIGEST.", field="mode", code=UserErrorCode.FORBIDDEN
        )
    await NotificationPreference.update_or_create(defaults={"mode": mode}, user_id=actor.user_id, kind=kind.name)
    return mode


def mask_address(address: str) -> str:
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return address[:3] + "****" + address[-4:] if len(address) > 7 else "****"


async def set_address(actor: Actor, channel_name: str, address: str | None) -> str | None:
    """Register (or with no address, remove) where the user is reached on a channel."""
    channel = notification_registry(current_app()).channels.get(channel_name)
    if channel is None:
        raise UserInputError("No such notification channel.", field="channel", code=UserErrorCode.NOT_FOUND)
    if not (address or "").strip():
        await NotificationAddress.filter(user_id=actor.user_id, channel=channel.name).delete()
        return None
    try:
        normalised = channel.check_address(address)
    except ValueError as error:
        raise UserInputError(f"Not a valid address for {channel.title}: {error}.", field="address") from None
    masked = mask_address(normalised)
    await NotificationAddress.update_or_create(
        defaults={"address": normalised, "masked": masked},
        user_id=actor.user_id,
        channel=channel.name,
    )
    return masked


async def mark_read(actor: Actor, ids: list[int] | None, now: dt.datetime) -> int:
    """Mark the user's items read (all unread ones when ``ids`` is None); returns how many."""
    queryset = Notification.filter(user_id=actor.user_id, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    return await queryset.update(read_at=now)


__all__ = ["MessageState", "create_notifications", "mark_read", "set_address", "set_preference"]
