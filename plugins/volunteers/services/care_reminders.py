"""关爱走访提醒: announcing each active care recipient whose visit falls due by its cadence,
once per due date, for the volunteers.care_visit.due notification (``core.DeadlineNotice``).
A visit moves the due date, so the next one is announced when it comes."""

from __future__ import annotations

from tortoise.expressions import Q

from core import DeadlineNotice, Role, User
from plugins.volunteers import models
from plugins.volunteers.services.common import PLUGIN, today

DUE_EVENT = "volunteers.care_visit.due"


def _due() -> Q:
    return Q(status=models.CareRecipientStatus.ACTIVE, next_visit_due__lte=today())


CARE_VISIT_DUE = DeadlineNotice(
    model=models.CareRecipient,
    plugin=PLUGIN,
    past_deadline=_due,
    deadline_field="next_visit_due",
    announced_field="due_notified_for",
    audit_action="volunteers.care_recipient.visit_due_notice",
    event=DUE_EVENT,
    payload_key="care_recipient_id",
)



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
