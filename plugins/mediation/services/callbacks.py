"""What mediation offers other plugins through the core's hooks: closed disputes for
satisfaction callbacks (回访) and disputes resolved per user."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.functions import Count

from core import ClosedItem, Period, UserContribution, current_app

from ..models import Dispute, MediatorAssignment
from . import labels


async def closed_items(station_ids: Sequence[int], period: Period) -> list[ClosedItem]:
    """Disputes closed in the period; the handler is who resolved it, else who closed it."""
    start, end = period.bounds(current_app().clock)
    rows = await Dispute.filter(station_id__in=list(station_ids), closed_at__gte=start, closed_at__lt=end).order_by(
        "closed_at", "id"
    )
    return [
        ClosedItem(
            kind="mediation.dispute",
            item_id=row.id,
            station_id=row.station_id,
            # No personal data: callers show this to callback staff.
            label=f"{labels.chinese(labels.CATEGORY, row.category)} #{row.id}",
            closed_at=row.closed_at,
            handler_user_id=row.resolved_by_id or row.closed_by_id,
        )
        for row in rows
    ]


async def user_contributions(station_id: int, user_ids: Sequence[int], period: Period) -> list[UserContribution]:
    """Disputes resolved in the period with the user on the team that resolved it."""
    start, end = period.bounds(current_app().clock)
    rows = await (
        MediatorAssignment.filter(
            station_id=station_id,
            user_id__in=list(user_ids),
            dispute__resolved_at__gte=start,
            dispute__resolved_at__lt=end,
            # Only the team that reached the agreement: earlier levels' teams were retired.
            active=True,
        )
        .annotate(resolved=Count("dispute_id", distinct=True))
        .group_by("user_id")
        .values("user_id", "resolved")
    )
    return [
        UserContribution(
            user_id=row["user_id"], plugin="mediation", label="调解成功纠纷 disputes resolved", value=row["resolved"]
        )
        for row in rows
    ]
