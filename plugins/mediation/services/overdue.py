"""督办提醒: announcing each dispute that passed its intervention deadline with no intervention,
once per deadline, for the mediation.dispute.overdue notification.

Each announcement is claimed by a conditional update of ``overdue_notified_for`` in the same
transaction as its outbox event: two sweeps racing for one dispute update it once between them,
and a rolled-back sweep leaves it unannounced for the next one.
"""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import F, Q

from core import Station, publish, record_audit, transaction

from ..models import Dispute
from .common import PLUGIN
from .listing import overdue_condition

OVERDUE_EVENT = "mediation.dispute.overdue"


def _not_announced(deadline) -> Q:
    """Not announced for ``deadline`` (a value, or ``F("deadline_at")`` for the row's own)."""
    return (
        Q(overdue_notified_for__isnull=True)
        | Q(overdue_notified_for__lt=deadline)
        | Q(overdue_notified_for__gt=deadline)
    )


async def stations_running_mediation() -> list[int]:
    rows = await Station.all().values("id", "enabled_plugins")
    return [row["id"] for row in rows if PLUGIN in (row["enabled_plugins"] or [])]


async def announce_overdue_disputes() -> int:
    """Announce every overdue dispute not yet announced for its current deadline; returns how
    many. Each dispute commits on its own, so one failure does not hold back the others."""
    candidates = (
        await Dispute.filter(overdue_condition(), _not_announced(F("deadline_at")))
        .filter(station_id__in=await stations_running_mediation())
        .order_by("deadline_at", "id")
        .values_list("id", "deadline_at")
    )
    announced = 0
    for dispute_id, deadline in candidates:
        async with transaction():
            announced += await announce_overdue(dispute_id, deadline)
    return announced


async def announce_overdue(dispute_id: int, deadline: dt.datetime) -> bool:
    """Claim, audit and publish the announcement of one dispute's missed ``deadline``; False
    when it was announced meanwhile, or the dispute is no longer overdue for that deadline."""
    claimed = (
        await Dispute.filter(overdue_condition(), _not_announced(deadline))
        .filter(id=dispute_id, deadline_at=deadline)
        .update(overdue_notified_for=deadline)
    )
    if not claimed:
        return False
    dispute = await Dispute.get(id=dispute_id)
    await record_audit("mediation.dispute.overdue_notice", obj=dispute, after={"overdue_notified_for": deadline})
    await publish(OVERDUE_EVENT, {"dispute_id": dispute.id}, station_id=dispute.station_id)
    return True
