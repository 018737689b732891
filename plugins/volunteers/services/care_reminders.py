"""关爱走访提醒: announcing each active care recipient whose visit falls due by its cadence,
once per due date, for the volunteers.care_visit.due notification.

Each announcement is claimed by a conditional update of ``due_notified_for`` in the same
transaction as its audit event and outbox event: two sweeps racing for one recipient update it
once between them, and a rolled-back sweep leaves it unannounced for the next one. A visit
moves the due date, so the next one is announced when it comes.
"""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import F, Q

from core import Role, Station, User, publish, record_audit, transaction
from plugins.volunteers import models
from plugins.volunteers.services.common import PLUGIN, today

DUE_EVENT = "volunteers.care_visit.due"


def _not_announced(due) -> Q:
    """Not announced for ``due`` (a value, or ``F("next_visit_due")`` for the row's own)."""
    return Q(due_notified_for__isnull=True) | Q(due_notified_for__lt=due) | Q(due_notified_for__gt=due)


def _due() -> Q:
    return Q(status=models.CareRecipientStatus.ACTIVE, next_visit_due__lte=today())


async def _stations_running_volunteers() -> list[int]:
    rows = await Station.all().values("id", "enabled_plugins")
    return [row["id"] for row in rows if PLUGIN in (row["enabled_plugins"] or [])]


async def announce_due_care_visits() -> int:
    """Announce every active recipient whose visit is due and not yet announced for that date;
    returns how many. Each recipient commits on its own."""
    candidates = (
        await models.CareRecipient.filter(_due(), _not_announced(F("next_visit_due")))
        .filter(station_id__in=await _stations_running_volunteers())
        .order_by("next_visit_due", "id")
        .values_list("id", "next_visit_due")
    )
    announced = 0
    for recipient_id, due in candidates:
        async with transaction():
            announced += await announce_due(recipient_id, due)
    return announced


async def announce_due(recipient_id: int, due: dt.date) -> bool:
    """Claim, audit and publish the announcement of one recipient's visit due on ``due``; False
    when it was announced meanwhile, the person was visited or left the register."""
    claimed = (
        await models.CareRecipient.filter(_due(), _not_announced(due))
        .filter(id=recipient_id, next_visit_due=due)
        .update(due_notified_for=due)
    )
    if not claimed:
        return False
    recipient = await models.CareRecipient.get(id=recipient_id)
    await record_audit("volunteers.care_recipient.visit_due_notice", obj=recipient, after={"due_notified_for": due})
    await publish(DUE_EVENT, {"care_recipient_id": recipient.id}, station_id=recipient.station_id)
    return True


async def visit_due_recipients(event) -> list[int]:
    """The active account responsible for the visits; with none, the station's chiefs."""
    responsible = await models.CareRecipient.filter(id=event.payload.get("care_recipient_id")).values_list(
        "responsible_user_id", flat=True
    )
    user_ids = [user_id for user_id in responsible if user_id is not None]
    if user_ids and await User.filter(id__in=user_ids, is_active=True).exists():
        return user_ids
    chiefs = await User.filter(station_id=event.station_id, is_active=True).values_list("id", "roles")
    return [user_id for user_id, roles in chiefs if Role.STATION_CHIEF.value in (roles or ())]
