"""Indicators of whole-society participation (绩效考评). Each is computed for many stations at
once with grouped queries; a station without data in the period is left out (no data, not 0).

* ``volunteers.public_satisfaction`` (PUBLIC_OPINION, weighted ×3: the article wants public
  opinion to weigh more) — share of ratings that are 4 or 5, over survey answers submitted and
  callbacks (回访) that reached someone in the period.
* ``volunteers.volunteer_hours`` — volunteer service hours per 30 days, per 1,000 residents
  where ``[volunteers] population`` knows the station, otherwise per village/community.
* ``volunteers.care_visits_on_time`` — of the care visits due in the period, the share made by
  the due date; a visit still overdue counts as missed.
* ``volunteers.feedback_replied_on_time`` — of the 向人民汇报 feedback items whose reply
  deadline fell in the period (and has passed or been met), the share replied to by it.
* ``volunteers.people_report_meetings`` — share of village/community quarters with a
  向人民汇报 meeting; a quarter still running counts only once its meeting is held.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from core import Area, Direction, IndicatorCategory, IndicatorSpec, IndicatorValue, Period, Station
from plugins.volunteers import models
from plugins.volunteers.services.common import (
    VILLAGE_KINDS,
    period_bounds,
    quarters_overlapping,
    settings,
    today,
)
from plugins.volunteers.services.satisfaction import SATISFIED_RATING

DAYS_PER_MONTH = 30


def _share(numerator: int, denominator: int) -> float:
    return round(100 * numerator / denominator, 1)


async def _rating_counts(model, column: str, station_ids: Sequence[int], period: Period, **extra) -> dict[int, tuple]:
    start, end = period_bounds(period)
    rows = (
        await model.filter(station_id__in=list(station_ids), **{f"{column}__gte": start, f"{column}__lt": end}, **extra)
        .annotate(total=Count("id"), satisfied=Count("id", _filter=Q(rating__gte=SATISFIED_RATING)))
        .group_by("station_id")
        .values("station_id", "total", "satisfied")
    )
    return {row["station_id"]: (row["total"], row["satisfied"]) for row in rows}


async def public_satisfaction(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    surveys = await _rating_counts(models.SatisfactionAnswer, "submitted_at", station_ids, period)
    callbacks = await _rating_counts(
        models.CallbackItem, "called_at", station_ids, period, status=models.CallbackStatus.REACHED
    )
    result = {}
    for station_id in set(surveys) | set(callbacks):
        survey_total, survey_satisfied = surveys.get(station_id, (0, 0))
        call_total, call_satisfied = callbacks.get(station_id, (0, 0))
        total, satisfied = survey_total + call_total, survey_satisfied + call_satisfied
        if total:
            result[station_id] = IndicatorValue(
                _share(satisfied, total),
                f"{satisfied} of {total} ratings were 4 or 5 "
                f"({survey_total} from surveys, {call_total} from callbacks)",
            )
    return result


async def volunteer_hours(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    start, end = period_bounds(period)
    hours = {
        row["station_id"]: float(row["total"] or 0)
        for row in await models.ActivityParticipant.filter(
            station_id__in=list(station_ids), served_at__gte=start, served_at__lt=end
        )
        .annotate(total=Sum("hours"))
        .group_by("station_id")
        .values("station_id", "total")
    }
    if not hours:
        return {}
    codes = dict(await Station.filter(id__in=list(hours)).values_list("id", "code"))
    areas = {
        row["station_id"]: row["areas"]
        for row in await Area.filter(station_id__in=list(hours), kind__in=list(VILLAGE_KINDS))
        .annotate(areas=Count("id"))
        .group_by("station_id")
        .values("station_id", "areas")
    }
    months = period.days / DAYS_PER_MONTH
    population = settings().population
    result = {}
    for station_id, total in hours.items():
        residents = population.get(codes.get(station_id, ""), 0)
        if residents:
            value = total / months / (residents / 1000)
            basis = f"per 1,000 of {residents} residents"
        elif areas.get(station_id):
            value = total / months / areas[station_id]
            basis = f"per village/community ({areas[station_id]}; population unknown)"
        else:
            continue
        result[station_id] = IndicatorValue(round(value, 2), f"{total:g} hours in {period.days} days, {basis}")
    return result


async def care_visits_on_time(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    visits = {
        row["station_id"]: (row["due"], row["timely"])
        for row in await models.CareVisit.filter(
            station_id__in=list(station_ids), due_on__gte=period.start, due_on__lte=period.end
        )
        .annotate(due=Count("id"), timely=Count("id", _filter=Q(on_time=True)))
        .group_by("station_id")
        .values("station_id", "due", "timely")
    }
    missed_until = min(period.end, today())
    still_overdue = {
        row["station_id"]: row["overdue"]
        for row in await models.CareRecipient.filter(
            station_id__in=list(station_ids),
            status=models.CareRecipientStatus.ACTIVE,
            next_visit_due__gte=period.start,
            next_visit_due__lt=missed_until,
        )
        .annotate(overdue=Count("id"))
        .group_by("station_id")
        .values("station_id", "overdue")
    }
    result = {}
    for station_id in set(visits) | set(still_overdue):
        due, on_time = visits.get(station_id, (0, 0))
        overdue = still_overdue.get(station_id, 0)
        result[station_id] = IndicatorValue(
            _share(on_time, due + overdue),
            f"{on_time} of {due + overdue} care visits due were made on time ({overdue} still overdue)",
        )
    return result


async def feedback_replied_on_time(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    rows = (
        await models.FeedbackItem.filter(
            Q(status=models.FeedbackStatus.REPLIED) | Q(reply_due_on__lt=today()),
            station_id__in=list(station_ids),
            reply_due_on__gte=period.start,
            reply_due_on__lte=period.end,
        )
        .annotate(due=Count("id"), timely=Count("id", _filter=Q(replied_on_time=True)))
        .group_by("station_id")
        .values("station_id", "due", "timely")
    )
    return {
        row["station_id"]: IndicatorValue(
            _share(row["timely"], row["due"]),
            f"{row['timely']} of {row['due']} feedback items replied to by their deadline",
        )
        for row in rows
        if row["due"]
    }


async def people_report_meetings(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    quarters = quarters_overlapping(period)
    ended = {quarter.label for quarter in quarters if quarter.end < today()}
    areas = {
        row["station_id"]: row["areas"]
        for row in await Area.filter(station_id__in=list(station_ids), kind__in=list(VILLAGE_KINDS))
        .annotate(areas=Count("id"))
        .group_by("station_id")
        .values("station_id", "areas")
    }
    held: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        await models.PeopleReportMeeting.filter(
            station_id__in=list(station_ids), quarter__in=[quarter.label for quarter in quarters]
        )
        .annotate(areas=Count("area_id", distinct=True))
        .group_by("station_id", "quarter")
        .values("station_id", "quarter", "areas")
    ):
        held[row["station_id"]][row["quarter"]] = row["areas"]
    result = {}
    for station_id, area_count in areas.items():
        done = sum(held[station_id].values())
        expected = area_count * len(ended) + sum(n for q, n in held[station_id].items() if q not in ended)
        if expected:
            result[station_id] = IndicatorValue(
                _share(done, expected), f"{done} of {expected} village/community quarters held their meeting"
            )
    return result


def indicators() -> list[IndicatorSpec]:
    work, opinion, higher = IndicatorCategory.WORK, IndicatorCategory.PUBLIC_OPINION, Direction.HIGHER_IS_BETTER
    return [
        IndicatorSpec(
            "volunteers.public_satisfaction",
            "群众满意度 Public satisfaction",
            "% satisfied",
            higher,
            90.0,
            3.0,
            opinion,
            public_satisfaction,
        ),
        IndicatorSpec(
            "volunteers.volunteer_hours",
            "志愿服务时长 Volunteer hours",
            "hours per 30 days per 1,000 residents (or per village/community)",
            higher,
            20.0,
            1.0,
            work,
            volunteer_hours,
        ),
        IndicatorSpec(
            "volunteers.care_visits_on_time",
            "关爱走访按时率 Care visits on time",
            "%",
            higher,
            95.0,
            1.0,
            work,
            care_visits_on_time,
        ),
        IndicatorSpec(
            "volunteers.feedback_replied_on_time",
            "群众意见按时答复率 Feedback replied on time",
            "%",
            higher,
            95.0,
            1.0,
            work,
            feedback_replied_on_time,
        ),
        IndicatorSpec(
            "volunteers.people_report_meetings",
            "向人民汇报会召开率 Report-to-the-people meetings held",
            "%",
            higher,
            100.0,
            1.0,
            work,
            people_report_meetings,
        ),
    ]
