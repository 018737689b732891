"""整改逾期提醒: announcing each open rectification whose deadline has passed, once per deadline,
for the patrol.rectification.overdue notification.

Each announcement is claimed by a conditional update of ``overdue_notified_for`` in the same
transaction as its audit event and outbox event: two sweeps racing for one finding update it
once between them, and a rolled-back sweep leaves it unannounced for the next one.
"""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import F, Q

from core import Station, publish, record_audit, transaction
from plugins.patrol import models
from plugins.patrol.enums import RectificationStatus
from plugins.patrol.services.common import PLUGIN, today

OVERDUE_EVENT = "patrol.rectification.overdue"


def _not_announced(deadline) -> Q:
    """Not announced for ``deadline`` (a value, or ``F("deadline")`` for the row's own)."""
    return (
        Q(overdue_notified_for__isnull=True)
        | Q(overdue_notified_for__lt=deadline)
        | Q(overdue_notified_for__gt=deadline)
    )


def _overdue() -> Q:
    # The deadline day itself is still in time: overdue from the day after.
    return Q(status=RectificationStatus.OPEN, deadline__lt=today())


async def _stations_running_patrol() -> list[int]:
    rows = await Station.all().values("id", "enabled_plugins")
    return [row["id"] for row in rows if PLUGIN in (row["enabled_plugins"] or [])]


async def announce_overdue_rectifications() -> int:
    """Announce every overdue open rectification not yet announced for its deadline; returns
    how many. Each finding commits on its own, so one failure does not hold back the others."""
    candidates = (
        await models.InspectionFinding.filter(_overdue(), _not_announced(F("deadline")))
        .filter(station_id__in=await _stations_running_patrol())
        .order_by("deadline", "id")
        .values_list("id", "deadline")
    )
    announced = 0
    for finding_id, deadline in candidates:
        async with transaction():
            announced += await announce_overdue(finding_id, deadline)
    return announced


async def announce_overdue(finding_id: int, deadline: dt.date) -> bool:
    """Claim, audit and publish the announcement of one finding's missed ``deadline``; False
    when it was announced meanwhile, closed or given another deadline."""
    claimed = (
        await models.InspectionFinding.filter(_overdue(), _not_announced(deadline))
        .filter(id=finding_id, deadline=deadline)
        .update(overdue_notified_for=deadline)
    )
    if not claimed:
        return False
    finding = await models.InspectionFinding.get(id=finding_id)
    await record_audit("patrol.rectification.overdue_notice", obj=finding, after={"overdue_notified_for": deadline})
    await publish(OVERDUE_EVENT, {"finding_id": finding.id}, station_id=finding.station_id)
    return True


async def responsible_officer(event) -> list[int]:
    """The officer who recorded the inspection that found the problem."""
    rows = await models.InspectionFinding.filter(id=event.payload.get("finding_id")).values_list(
        "inspection__inspector_id", flat=True
    )
    return [user_id for user_id in rows if user_id is not None]
