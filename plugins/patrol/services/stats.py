"""Statistics of the patrol plugin, all SQL aggregates (grouped counts and averages).

The same functions serve the API (a queryset already scoped to the actor) and the scoring
indicators (a queryset of the stations being scored), so a figure on screen and in a score
are computed alike. Definitions:

* incidents of a period are those *received* in it; the comparison is the same dates a year
  earlier (``Period.year_before``);
* response times: received→dispatched and dispatched→arrived, averaged over the incidents
  received in the period that reached that step;
* check-in compliance: route points of shifts that ended in the period (and whose grace is
  over) checked in on time, out of all those points;
* online rate: assets installed by the end of the period that are ONLINE now;
* video share: criminal cases solved in the period with video evidence, out of all solved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count, Sum
from tortoise.queryset import QuerySet

from core import Actor, Period, UserContribution, current_app, scoped
from plugins.patrol import models
from plugins.patrol.enums import AssetKind, AssetStatus, IncidentCategory
from plugins.patrol.services.common import area_model, grace_delta, now
from plugins.patrol.services.inspections import campaign_windows


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return period.bounds(current_app().clock)


def _within(field: str, period: Period) -> Q:
    start, end = _bounds(period)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


@dataclasses.dataclass
class CountPair:
    key: Any
    count: int
    count_year_before: int


@dataclasses.dataclass
class IncidentStatsResult:
    period: Period
    total: int
    total_year_before: int
    average_dispatch_seconds: float | None
    average_arrival_seconds: float | None
    by_area: list[CountPair]
    by_category: list[CountPair]


def _year_on_year(period: Period) -> dict[str, Any]:
    """Conditional counts of the period and of the same dates a year earlier."""
    return {
        "current": Count("id", _filter=_within("received_at", period)),
        "previous": Count("id", _filter=_within("received_at", period.year_before())),
    }


def _both_years(queryset: QuerySet, period: Period) -> QuerySet:
    return queryset.filter(_within("received_at", period) | _within("received_at", period.year_before()))


async def incident_counts(queryset: QuerySet, period: Period, group: str) -> list[dict[str, Any]]:
    """``[{group: key, current, previous}]`` for incidents grouped by ``group``."""
    return await (
        _both_years(queryset, period)
        .annotate(**_year_on_year(period))
        .group_by(group)
        .values(group, "current", "previous")
    )


async def response_times(queryset: QuerySet, period: Period, group: str = "station_id") -> list[dict[str, Any]]:
    """Summed response seconds and how many incidents reached each step (sums, not means, so
    groups can be added up exactly)."""
    query = queryset.filter(_within("received_at", period)).annotate(
        dispatch=Sum("dispatch_seconds"),
        arrival=Sum("arrival_seconds"),
        dispatched=Count("dispatch_seconds"),
        arrived=Count("arrival_seconds"),
    )
    return await query.group_by(group).values(group, "dispatch", "arrival", "dispatched", "arrived")


async def incident_figures(queryset: QuerySet, period: Period, group: str = "station_id") -> list[dict[str, Any]]:
    """``incident_counts`` and ``response_times`` of ``period`` in one grouped query: one scan
    of the incidents of both years instead of two (the scoring indicators read both)."""
    current = _within("received_at", period)
    return await (
        _both_years(queryset, period)
        .annotate(
            **_year_on_year(period),
            dispatch=Sum("dispatch_seconds", _filter=current),
            arrival=Sum("arrival_seconds", _filter=current),
            dispatched=Count("dispatch_seconds", _filter=current),
            arrived=Count("arrival_seconds", _filter=current),
        )
        .group_by(group)
        .values(group, "current", "previous", "dispatch", "arrival", "dispatched", "arrived")
    )


def mean(total: Any, count: Any) -> float | None:
    return float(total) / count if count else None


async def incident_stats(actor: Actor, period: Period, station_id: int | None = None) -> IncidentStatsResult:
    """Incidents by area and category against the same period a year earlier (同比)."""
    queryset = scoped(actor, models.Incident)
    if station_id is not None:
        queryset = queryset.filter(station_id=station_id)
    by_area = await incident_counts(queryset, period, "area_id")
    by_category = await incident_counts(queryset, period, "category")
    times = _combined(await response_times(queryset, period))
    areas = {
        row.id: row for row in await scoped(actor, area_model()).filter(id__in=[item["area_id"] for item in by_area])
    }
    return IncidentStatsResult(
        period=period,
        total=sum(item["current"] for item in by_category),
        total_year_before=sum(item["previous"] for item in by_category),
        average_dispatch_seconds=mean(times["dispatch"], times["dispatched"]),
        average_arrival_seconds=mean(times["arrival"], times["arrived"]),
        by_area=sorted(
            (CountPair(areas.get(item["area_id"]), item["current"], item["previous"]) for item in by_area),
            key=lambda pair: (-pair.count, pair.key.id if pair.key else 0),
        ),
        by_category=sorted(
            (CountPair(IncidentCategory(item["category"]), item["current"], item["previous"]) for item in by_category),
            key=lambda pair: (-pair.count, pair.key.value),
        ),
    )


def _combined(rows: list[dict[str, Any]]) -> defaultdict[str, Any]:
    """Per-station aggregate rows added up (a bureau admin sees several stations). Every
    aggregate is grouped by a column: Tortoise groups an ungrouped aggregate over a join by
    every column, which would count rows one by one."""
    total: defaultdict[str, Any] = defaultdict(int)
    for row in rows:
        for key, value in row.items():
            if key != "station_id" and value is not None:
                total[key] += value
    return total


@dataclasses.dataclass
class SurveillanceStatsResult:
    period: Period
    added_by_kind: dict[AssetKind, int]
    total: int
    online: int
    solved_cases: int
    solved_with_video: int

    @property
    def online_rate(self) -> float | None:
        return self.online / self.total if self.total else None

    @property
    def video_share(self) -> float | None:
        return self.solved_with_video / self.solved_cases if self.solved_cases else None


async def assets_added(queryset: QuerySet, period: Period, group: str) -> list[dict[str, Any]]:
    return await (
        queryset.filter(installed_on__gte=period.start, installed_on__lte=period.end)
        .annotate(added=Count("id"))
        .group_by(group)
        .values(group, "added")
    )


async def online_counts(queryset: QuerySet, period: Period, group: str = "station_id") -> list[dict[str, Any]]:
    query = queryset.filter(installed_on__lte=period.end).annotate(
        total=Count("id"), online=Count("id", _filter=Q(status=AssetStatus.ONLINE))
    )
    return await query.group_by(group).values(group, "total", "online")


async def solved_cases(queryset: QuerySet, period: Period, group: str = "station_id") -> list[dict[str, Any]]:
    query = queryset.filter(_within("solved_at", period)).annotate(
        solved=Count("id"), video=Count("id", _filter=Q(solved_with_video=True))
    )
    return await query.group_by(group).values(group, "solved", "video")


async def surveillance_stats(actor: Actor, period: Period, station_id: int | None = None) -> SurveillanceStatsResult:
    """Assets added in the period by kind (the article: 125, 43, 25), online rate, and the
    share of solved cases solved with video (the article: over 70%)."""
    assets, cases = scoped(actor, models.SurveillanceAsset), scoped(actor, models.CriminalCase)
    if station_id is not None:
        assets, cases = assets.filter(station_id=station_id), cases.filter(station_id=station_id)
    added = {AssetKind(item["kind"]): item["added"] for item in await assets_added(assets, period, "kind")}
    online = _combined(await online_counts(assets, period))
    solved = _combined(await solved_cases(cases, period))
    return SurveillanceStatsResult(
        period=period,
        added_by_kind={kind: added.get(kind, 0) for kind in AssetKind},
        total=online["total"],
        online=online["online"],
        solved_cases=solved["solved"],
        solved_with_video=solved["video"],
    )


@dataclasses.dataclass
class PatrolComplianceResult:
    period: Period
    due: int
    on_time: int
    late: int

    @property
    def missed(self) -> int:
        return self.due - self.on_time - self.late

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def _points_due(period: Period, prefix: str) -> Q:
    """Points whose shift ended in the period and whose grace is over, so they are settled."""
    start, end = _bounds(period)
    latest = min(end, now() - grace_delta())
    return Q(**{f"{prefix}ends_at__gte": start, f"{prefix}ends_at__lt": end, f"{prefix}ends_at__lte": latest})


async def points_due(queryset: QuerySet, period: Period, group: str = "station_id") -> list[dict[str, Any]]:
    query = queryset.filter(_points_due(period, "shift__")).annotate(due=Count("id"))
    return await query.group_by(group).values(group, "due")


async def check_ins_done(queryset: QuerySet, period: Period, group: str = "station_id") -> list[dict[str, Any]]:
    query = queryset.filter(_points_due(period, "shift__")).annotate(
        on_time=Count("id", _filter=Q(is_late=False)), late=Count("id", _filter=Q(is_late=True))
    )
    return await query.group_by(group).values(group, "on_time", "late")


async def patrol_compliance(actor: Actor, period: Period, station_id: int | None = None) -> PatrolComplianceResult:
    points, check_ins = scoped(actor, models.PatrolRoutePoint), scoped(actor, models.PatrolCheckIn)
    if station_id is not None:
        points, check_ins = points.filter(station_id=station_id), check_ins.filter(station_id=station_id)
    due = _combined(await points_due(points, period))["due"]
    done = _combined(await check_ins_done(check_ins, period))
    return PatrolComplianceResult(period, due, done["on_time"], done["late"])


async def user_contributions(station_id: int, user_ids: Sequence[int], period: Period) -> list[UserContribution]:
    """Incidents closed as assignee, inspections recorded and patrol check-ins, per user."""
    ids = list(user_ids)
    closed = await (
        models.Incident.filter(station_id=station_id, assignee_id__in=ids)
        .filter(_within("closed_at", period))
        .annotate(n=Count("id"))
        .group_by("assignee_id")
        .values("assignee_id", "n")
    )
    inspections = await (
        models.Inspection.filter(station_id=station_id, inspector_id__in=ids)
        .filter(_within("inspected_at", period))
        .annotate(n=Count("id"))
        .group_by("inspector_id")
        .values("inspector_id", "n")
    )
    check_ins = await (
        models.PatrolCheckIn.filter(station_id=station_id, user_id__in=ids)
        .filter(_within("checked_at", period))
        .annotate(n=Count("id"))
        .group_by("user_id")
        .values("user_id", "n")
    )
    return [
        *(UserContribution(row["assignee_id"], "patrol", "警情处置 incidents closed", row["n"]) for row in closed),
        *(
            UserContribution(row["inspector_id"], "patrol", "检查 inspections recorded", row["n"])
            for row in inspections
        ),
        *(UserContribution(row["user_id"], "patrol", "巡逻打卡 patrol check-ins", row["n"]) for row in check_ins),
    ]


def _subtrees(areas: list[dict[str, Any]]) -> Callable[[int], set[int]]:
    children: dict[int, list[int]] = {}
    for row in areas:
        children.setdefault(row["parent_id"], []).append(row["id"])

    def subtree(area_id: int) -> set[int]:
        found, stack = set(), [area_id]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(children.get(current, []))
        return found

    return subtree


async def campaign_incident_counts(actor: Actor, campaign_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Incidents in each campaign's areas (sub-areas included) in the days before it started
    and as many days since: one conditional count per campaign, in a single query."""
    campaigns = await scoped(actor, models.HotspotCampaign).filter(id__in=list(campaign_ids))
    links = await scoped(actor, models.HotspotCampaignArea).filter(campaign_id__in=list(campaign_ids))
    station_ids = {campaign.station_id for campaign in campaigns}
    subtree = _subtrees(await scoped(actor, area_model()).filter(station_id__in=station_ids).values("id", "parent_id"))
    clock = current_app().clock
    counts, results = {}, {key: {"before": 0, "after": 0, "days": 0} for key in campaign_ids}
    for campaign in campaigns:
        areas = set().union(*(subtree(link.area_id) for link in links if link.campaign_id == campaign.id))
        for label, (first, stop) in zip(("before", "after"), campaign_windows(campaign), strict=True):
            window = Q(
                area_id__in=sorted(areas), received_at__gte=clock.start_of(first), received_at__lt=clock.start_of(stop)
            )
            counts[f"{label}_{campaign.id}"] = Count("id", _filter=window)
            results[campaign.id]["days"] = (stop - first).days
    if counts:
        rows = await scoped(actor, models.Incident).annotate(**counts).values(*counts)
        row = rows[0] if rows else {}
        for campaign in campaigns:
            results[campaign.id].update(
                before=row.get(f"before_{campaign.id}") or 0, after=row.get(f"after_{campaign.id}") or 0
            )
    return results
