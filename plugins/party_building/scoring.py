"""Indicators of party building (绩效考评, category PARTY); each computes every station at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from core import Direction, IndicatorCategory, IndicatorSpec, IndicatorValue, Period
from plugins.party_building.models import (
    AttendanceStatus,
    Branch,
    MeetingAttendance,
    PartyMeeting,
    PartyMember,
    Responsibility,
    ResponsibilityCheck,
)
from plugins.party_building.services import compliance
from plugins.party_building.services.common import settings, today

AVERAGE_MONTH_DAYS = 30.4375


async def cadence_compliance(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    """Share of required meeting occurrences held (LATE ones at the configured credit)."""
    config = settings()
    branches = await Branch.filter(station_id__in=station_ids).values_list("id", "station_id", "established_on")
    first, last = compliance.meeting_window(period, config)
    meetings = await PartyMeeting.filter(station_id__in=station_ids, held_on__gte=first, held_on__lte=last).values_list(
        "branch_id", "meeting_type", "held_on"
    )
    station_of = {branch_id: station_id for branch_id, station_id, _ in branches}
    items = compliance.occurrences(
        [(branch_id, founded) for branch_id, _, founded in branches],
        [(branch_id, meeting_type, held_on, None) for branch_id, meeting_type, held_on in meetings],
        period,
        config=config,
        on=today(),
    )
    by_station: dict[int, list[compliance.RuleOccurrence]] = {}
    for item in items:
        by_station.setdefault(station_of[item.branch_id], []).append(item)
    result = {}
    for station_id, found in by_station.items():
        tally = compliance.tally(found)
        rate = tally.rate(config.late_credit)
        if rate is not None:
            result[station_id] = IndicatorValue(round(100 * rate, 2), tally.explain())
    return result


async def attendance_rate(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    """Present / listed attendance entries of meetings held in the period."""
    rows = (
        await MeetingAttendance.filter(
            station_id__in=station_ids, meeting__held_on__gte=period.start, meeting__held_on__lte=period.end
        )
        .annotate(listed=Count("id"), present=Count("id", _filter=Q(status=AttendanceStatus.PRESENT)))
        .group_by("station_id")
        .values("station_id", "listed", "present")
    )
    return {
        row["station_id"]: IndicatorValue(
            round(100 * row["present"] / row["listed"], 2),
            f"{row['present']} of {row['listed']} expected attendances present",
        )
        for row in rows
        if row["listed"]
    }


async def study_hours_per_member(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    """Study hours attended per member, per month of the period (so periods of any length compare)."""
    hours = (
        await MeetingAttendance.filter(
            station_id__in=station_ids,
            status=AttendanceStatus.PRESENT,
            meeting__held_on__gte=period.start,
            meeting__held_on__lte=period.end,
            meeting__meeting_type__in=list(settings().study_meeting_types),
        )
        .annotate(hours=Sum("meeting__duration_hours"))
        .group_by("station_id")
        .values("station_id", "hours")
    )
    members = (
        await PartyMember.filter(station_id__in=station_ids, joined_on__lte=period.end)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=period.start))
        .annotate(count=Count("id"))
        .group_by("station_id")
        .values("station_id", "count")
    )
    studied = {row["station_id"]: float(row["hours"] or 0) for row in hours}
    months = period.days / AVERAGE_MONTH_DAYS
    result = {}
    for row in members:
        total = studied.get(row["station_id"], 0.0)
        value = total / row["count"] / months
        result[row["station_id"]] = IndicatorValue(
            round(value, 2),
            f"{total:g} study hours by {row['count']} members in {period.days} days ≈ {value:.1f} h per member a month",
        )
    return result


async def checks_on_time(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    """On-time checks / (checks in the period + checks that fell due in it and are still outstanding)."""
    checks = (
        await ResponsibilityCheck.filter(
            station_id__in=station_ids, checked_on__gte=period.start, checked_on__lte=period.end
        )
        .annotate(total=Count("id"), timely=Count("id", _filter=Q(on_time=True)))
        .group_by("station_id")
        .values("station_id", "total", "timely")
    )
    last_overdue_day = min(period.end, today() - dt.timedelta(days=1))
    outstanding = (
        await Responsibility.filter(
            station_id__in=station_ids, next_check_due__gte=period.start, next_check_due__lte=last_overdue_day
        )
        .annotate(count=Count("id"))
        .group_by("station_id")
        .values("station_id", "count")
    )
    done = {row["station_id"]: (row["total"], row["timely"]) for row in checks}
    overdue = {row["station_id"]: row["count"] for row in outstanding}
    result = {}
    for station_id in set(done) | set(overdue):
        total, on_time = done.get(station_id, (0, 0))
        missed = overdue.get(station_id, 0)
        result[station_id] = IndicatorValue(
            round(100 * on_time / (total + missed), 2),
            f"{on_time} of {total + missed} responsibility checks on time ({missed} overdue, not yet done)",
        )
    return result


def _indicator(key: str, label: str, unit: str, target: float, weight: float, compute) -> IndicatorSpec:
    return IndicatorSpec(
        key=f"party_building.{key}",
        label=label,
        unit=unit,
        direction=Direction.HIGHER_IS_BETTER,
        target=target,
        weight=weight,
        category=IndicatorCategory.PARTY,
        compute=compute,
    )


INDICATORS = (
    _indicator("cadence_compliance", "三会一课按期召开率 Meeting cadence kept", "%", 95.0, 3.0, cadence_compliance),
    _indicator("attendance_rate", "党员平均出席率 Average attendance", "%", 90.0, 2.0, attendance_rate),
    _indicator(
        "study_hours_per_member", "人均月学习时长 Study hours per member a month", "h", 6.0, 2.0, study_hours_per_member
    ),
    _indicator("responsibility_checks_on_time", "一岗双责按期检查率 Checks on time", "%", 90.0, 2.0, checks_on_time),
)
