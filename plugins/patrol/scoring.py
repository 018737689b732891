"""Performance indicators (绩效考评) of the patrol plugin.

Each ``compute(station_ids, period)`` runs one or two grouped SQL queries for all stations and
explains every figure in one line. Definitions (see also ``services/stats.py``):

* ``patrol.incident_trend`` — incidents received in the period as a percentage of the same
  dates a year earlier (100 = no change; lower is better: 警情同比下降);
* ``patrol.dispatch_minutes`` / ``patrol.arrival_minutes`` — mean minutes from reception to
  dispatch and from dispatch to arrival, over the period's incidents;
* ``patrol.checkin_compliance`` — % of due route points checked in on time;
* ``patrol.camera_online_rate`` — % of assets installed by the period's end that are online;
* ``patrol.rectification_on_time`` — % of rectifications whose first deadline fell in the
  period (and has passed) that were closed by that deadline;
* ``patrol.basic_info_coverage`` — % of standard addresses created by the period's end that
  have at least one resident, housing or unit record (一标三实 coverage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from tortoise.expressions import F, Q
from tortoise.functions import Count

from core import Direction, IndicatorCategory, IndicatorSpec, IndicatorValue, Period, current_app, shared_figures
from plugins.patrol import models
from plugins.patrol.services import stats
from plugins.patrol.services.common import today

Figures = dict[int, IndicatorValue]


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2)


def _by_station(rows: list[dict], key: str = "station_id") -> dict[int, dict]:
    return {row[key]: row for row in rows}


@shared_figures
async def _incident_figures(station_ids: Sequence[int], period: Period) -> list[dict[str, Any]]:
    """Read by the trend, dispatch and arrival indicators: one scan of the incidents."""
    return await stats.incident_figures(models.Incident.filter(station_id__in=station_ids), period, "station_id")


async def incident_trend(station_ids: Sequence[int], period: Period) -> Figures:
    rows = await _incident_figures(station_ids, period)
    figures = {}
    for row in rows:
        current, previous = row["current"], row["previous"]
        if previous:
            figures[row["station_id"]] = IndicatorValue(
                _percent(current, previous), f"{current} incidents against {previous} a year earlier"
            )
        else:
            figures[row["station_id"]] = IndicatorValue(None, f"{current} incidents, none a year earlier to compare")
    return figures


async def _response(station_ids: Sequence[int], period: Period, column: str, count: str, step: str) -> Figures:
    rows = await _incident_figures(station_ids, period)
    return {
        row["station_id"]: IndicatorValue(
            round(stats.mean(row[column], row[count]) / 60, 2), f"mean of {row[count]} incidents, {step}"
        )
        for row in rows
        if row[count]
    }


async def dispatch_minutes(station_ids: Sequence[int], period: Period) -> Figures:
    return await _response(station_ids, period, "dispatch", "dispatched", "reception to dispatch")


async def arrival_minutes(station_ids: Sequence[int], period: Period) -> Figures:
    return await _response(station_ids, period, "arrival", "arrived", "dispatch to arrival")


async def checkin_compliance(station_ids: Sequence[int], period: Period) -> Figures:
    due = _by_station(
        await stats.points_due(models.PatrolRoutePoint.filter(station_id__in=station_ids), period, "station_id")
    )
    done = _by_station(
        await stats.check_ins_done(models.PatrolCheckIn.filter(station_id__in=station_ids), period, "station_id")
    )
    figures = {}
    for station_id, row in due.items():
        on_time = (done.get(station_id) or {}).get("on_time") or 0
        figures[station_id] = IndicatorValue(
            _percent(on_time, row["due"]), f"{on_time} of {row['due']} route points checked in on time"
        )
    return figures


async def camera_online_rate(station_ids: Sequence[int], period: Period) -> Figures:
    rows = await stats.online_counts(models.SurveillanceAsset.filter(station_id__in=station_ids), period, "station_id")
    return {
        row["station_id"]: IndicatorValue(
            _percent(row["online"], row["total"]), f"{row['online']} of {row['total']} assets online"
        )
        for row in rows
        if row["total"]
    }


async def rectification_on_time(station_ids: Sequence[int], period: Period) -> Figures:
    last_due = min(period.end, today() - dt.timedelta(days=1))
    rows = await (
        models.InspectionFinding.filter(
            station_id__in=station_ids, original_deadline__gte=period.start, original_deadline__lte=last_due
        )
        .annotate(
            due=Count("id"),
            on_time=Count("id", _filter=Q(closed_on__isnull=False, closed_on__lte=F("original_deadline"))),
        )
        .group_by("station_id")
        .values("station_id", "due", "on_time")
    )
    return {
        row["station_id"]: IndicatorValue(
            _percent(row["on_time"], row["due"]),
            f"{row['on_time']} of {row['due']} rectifications closed by the deadline",
        )
        for row in rows
        if row["due"]
    }


async def basic_info_coverage(station_ids: Sequence[int], period: Period) -> Figures:
    _, end = period.bounds(current_app().clock)
    addresses = models.StandardAddress.filter(station_id__in=station_ids, created_at__lt=end)
    totals = await addresses.annotate(n=Count("id")).group_by("station_id").values("station_id", "n")
    linked = Q(housing__id__isnull=False) | Q(residents__id__isnull=False) | Q(units__id__isnull=False)
    covered = _by_station(
        await addresses.filter(linked)
        .annotate(n=Count("id", distinct=True))
        .group_by("station_id")
        .values("station_id", "n")
    )
    figures = {}
    for row in totals:
        done = (covered.get(row["station_id"]) or {}).get("n") or 0
        figures[row["station_id"]] = IndicatorValue(
            _percent(done, row["n"]), f"{done} of {row['n']} standard addresses with people, housing or units"
        )
    return figures


def _spec(key, label, unit, direction, target, weight, category, compute) -> IndicatorSpec:
    return IndicatorSpec(
        key=f"patrol.{key}",
        label=label,
        unit=unit,
        direction=direction,
        target=target,
        weight=weight,
        category=category,
        compute=compute,
    )


LOWER, HIGHER = Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER
SAFETY, WORK = IndicatorCategory.SAFETY, IndicatorCategory.WORK

INDICATORS = (
    _spec("incident_trend", "警情同比 Incidents vs. a year earlier", "%", LOWER, 95.0, 2.0, SAFETY, incident_trend),
    _spec("dispatch_minutes", "派警用时 Reception to dispatch", "min", LOWER, 3.0, 1.0, WORK, dispatch_minutes),
    _spec("arrival_minutes", "到场用时 Dispatch to arrival", "min", LOWER, 10.0, 1.0, WORK, arrival_minutes),
    _spec(
        "checkin_compliance", "巡逻打卡率 Patrol check-ins on time", "%", HIGHER, 90.0, 1.0, WORK, checkin_compliance
    ),
    _spec(
        "camera_online_rate", "监控在线率 Surveillance online rate", "%", HIGHER, 95.0, 1.0, SAFETY, camera_online_rate
    ),
    _spec(
        "rectification_on_time",
        "整改按期率 Rectifications closed on time",
        "%",
        HIGHER,
        90.0,
        1.0,
        SAFETY,
        rectification_on_time,
    ),
    _spec("basic_info_coverage", "一标三实覆盖率 一标三实 coverage", "%", HIGHER, 90.0, 1.0, WORK, basic_info_coverage),
)
