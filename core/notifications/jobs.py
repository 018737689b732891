"""The notification jobs: ``core.notifications.digest`` (one message per user with the day's
DIGEST items) and ``core.notifications.deliver`` (send due channel messages, with retries)."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from tortoise.expressions import F, Q

from core.contract import Job, NotificationMode
from core.db import transaction
from core.notifications.inbox import queue_messages
from core.notifications.models import MessageState, Notification, NotificationAddress, NotificationMessage
from core.notifications.registry import notification_registry

log = logging.getLogger("fengqiao.notifications")
BATCH = 200
LEASE = dt.timedelta(minutes=5)


async def write_digests(app) -> int:
    """Collect every DIGEST item not yet digested into one message per user; returns how many users."""
    now = app.clock.now()
    async with transaction():
        rows = await Notification.filter(mode=NotificationMode.DIGEST, digested_at__isnull=True, created_at__lte=now)
        by_user: dict[int, list[Notification]] = defaultdict(list)
        for row in rows:
            by_user[row.user_id].append(row)
        for user_id, items in by_user.items():
            lines = [f"· {item.title}: {item.message}" for item in sorted(items, key=lambda item: item.id)]
            subject = f"[枫桥] 今日通知摘要（{len(items)} 条）"
            await queue_messages([user_id], subject, "\n".join(lines), now)
        if rows:
            await Notification.filter(id__in=[row.id for row in rows]).update(digested_at=now)
    return len(by_user)


async def send_due(app) -> int:
    """Send due channel messages; a failure is retried (retry_seconds doubling) until
    ``max_attempts``, then FAILED. Returns how many were sent."""
    settings = app.settings.notifications
    channels = notification_registry(app).channels
    now = app.clock.now()
    due = (
        await NotificationMessage.filter(
            Q(state=MessageState.PENDING, next_attempt_at__lte=now) | Q(state=MessageState.PENDING, lease_until__lt=now)
        )
        .order_by("next_attempt_at", "id")
        .limit(BATCH)
    )
    sent = 0
    for message in due:
        claimed = await NotificationMessage.filter(
            Q(id=message.id), Q(lease_until__isnull=True) | Q(lease_until__lt=now)
        ).update(lease_until=now + LEASE, attempts=F("attempts") + 1)
        if not claimed:
            continue
        attempts = message.attempts + 1
        channel = channels.get(message.channel)
        address = await NotificationAddress.get_or_none(user_id=message.user_id, channel=message.channel)
        error = None
        if channel is None or address is None:
            error = "the channel is no longer offered or the user removed the address"
        else:
            try:
                await channel.send(address.address, message.subject, message.text)
            except Exception as exc:  # noqa: BLE001 — recorded and retried
                error = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"[:300]
        changes: dict = {"lease_until": None, "error": error}
        if error is None:
            changes.update(state=MessageState.SENT, sent_at=app.clock.now())
            sent += 1
        elif attempts >= settings.max_attempts or channel is None or address is None:
            changes.update(state=MessageState.FAILED)
            log.warning("notification message %s on %s failed for good: %s", message.id, message.channel, error)
        else:
            wait = dt.timedelta(seconds=settings.retry_seconds * 2 ** (attempts - 1))
            changes.update(next_attempt_at=app.clock.now() + wait)
        await NotificationMessage.filter(id=message.id).update(**changes)
    return sent


async def run_digest() -> int:
    from core.runtime import current_app

    return await write_digests(current_app())


async def run_deliver() -> int:
    from core.runtime import current_app

    return await send_due(current_app())


DIGEST_JOB = Job(
    name="core.notifications.digest",
    run=run_digest,
    cron="0 18 * * *",
    description="At 18:00 (deployment time zone) send each user one digest of the day's notifications "
    "they chose to receive as a digest (每日通知摘要).",
)
DELIVER_JOB = Job(
    name="core.notifications.deliver",
    run=run_deliver,
    every=dt.timedelta(seconds=30),
    description="Send due notification messages through their channels (e-mail, SMS gateways), with retries.",
)
