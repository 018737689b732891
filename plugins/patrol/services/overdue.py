"""整改逾期提醒: announcing each open rectification whose deadline has passed, once per deadline,
for the patrol.rectification.overdue notification (``core.DeadlineNotice``)."""

from __future__ import annotations

from tortoise.expressions import Q

from core import DeadlineNotice
from plugins.patrol import models
from plugins.patrol.enums import RectificationStatus
from plugins.patrol.services.common import PLUGIN, today

OVERDUE_EVENT = "patrol.rectification.overdue"


def _overdue() -> Q:
    # The deadline day itself is still in time: overdue from the day after.
    return Q(status=RectificationStatus.OPEN, deadline__lt=today())


RECTIFICATION_OVERDUE = DeadlineNotice(
    model=models.InspectionFinding,
    plugin=PLUGIN,
    past_deadline=_overdue,
    deadline_field="deadline",
    announced_field="overdue_notified_for",
    audit_action="patrol.rectification.overdue_notice",
    event=OVERDUE_EVENT,
    payload_key="finding_id",
)


async def responsible_officer(event) -> list[int]:
    """The officer who recorded the inspection that found the problem."""
    rows = await models.InspectionFinding.filter(id=event.payload.get("finding_id")).values_list(
        "inspection__inspector_id", flat=True
    )
    return [user_id for user_id in rows if user_id is not None]
