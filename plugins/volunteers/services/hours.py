"""Service hours (志愿服务时长) per volunteer and per organisation, and their rankings.

An hour counts in the period in which its activity started. Organisation hours are the hours
its members served while they belonged to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from tortoise.functions import Count, Sum

from core import Actor, Period, UserContribution, scoped
from plugins.volunteers import models
from plugins.volunteers.services.common import PLUGIN, period_bounds

MAX_RANKING = 200


@dataclasses.dataclass(frozen=True)
class Hours:
    hours: float
    activities: int


@dataclasses.dataclass(frozen=True)
class Ranked:
    rank: int
    key: int
    hours: float
    activities: int


def _served_in(queryset, period: Period):
    start, end = period_bounds(period)
    return queryset.filter(served_at__gte=start, served_at__lt=end)


async def hours_by(actor: Actor, column: str, keys: Sequence[int], period: Period) -> dict[int, Hours]:
    """Hours of the volunteers (``column="volunteer_id"``) or organisations
    (``"organization_id"``) in ``keys``, one grouped query."""
    rows = (
        await _served_in(scoped(actor, models.ActivityParticipant), period)
        .filter(**{f"{column}__in": list(keys)})
        .annotate(total=Sum("hours"), activities=Count("id"))
        .group_by(column)
        .values(column, "total", "activities")
    )
    return {row[column]: Hours(float(row["total"] or 0), row["activities"]) for row in rows}


def competition_ranks(values: Sequence[float]) -> list[int]:
    """Ranks of values sorted highest first; equal values share a rank ("1224")."""
    ranks: list[int] = []
    for index, value in enumerate(values):
        ranks.append(ranks[-1] if index and value == values[index - 1] else index + 1)
    return ranks


async def ranking(
    actor: Actor,
    column: str,
    period: Period,
    *,
    station_id: int | None = None,
    limit: int = 10,
) -> list[Ranked]:
    """The top ``limit`` volunteers or organisations by hours in the period."""
    queryset = _served_in(scoped(actor, models.ActivityParticipant), period).filter(**{f"{column}__isnull": False})
    if station_id is not None:
        queryset = queryset.filter(station_id=station_id)
    rows = (
        await queryset.annotate(total=Sum("hours"), activities=Count("id"))
        .group_by(column)
        .order_by("-total", column)
        .limit(max(1, min(limit, MAX_RANKING)))
        .values(column, "total", "activities")
    )
    ranks = competition_ranks([round(float(row["total"]), 2) for row in rows])
    return [
        Ranked(rank, row[column], round(float(row["total"]), 2), row["activities"])
        for rank, row in zip(ranks, rows, strict=True)
    ]


async def user_contributions(station_id: int, user_ids: Sequence[int], period: Period) -> list[UserContribution]:
    """Service hours of users who are also registered volunteers."""
    start, end = period_bounds(period)
    rows = (
        await models.ActivityParticipant.filter(
            station_id=station_id,
            volunteer__user_id__in=list(user_ids),
            served_at__gte=start,
            served_at__lt=end,
        )
        .annotate(total=Sum("hours"))
        .group_by("volunteer__user_id")
        .values("volunteer__user_id", "total")
    )
    return [
        UserContribution(
            user_id=row["volunteer__user_id"], plugin=PLUGIN, label="志愿服务时长 (小时)", value=float(row["total"])
        )
        for row in rows
    ]
