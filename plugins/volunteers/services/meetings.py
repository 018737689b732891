"""向人民汇报: the quarterly "report to the people" meeting held by the community officer in
every village and community, its report pack, and the feedback raised there.

Compliance: every village/community holds at least one meeting per calendar quarter. A quarter
that has not ended yet is PENDING until its meeting is held; an ended quarter without one is
MISSING.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from collections.abc import Sequence
from typing import Any

from tortoise.functions import Count

from core import (
    Actor,
    Area,
    IndicatorValue,
    Period,
    Station,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    get_scoped,
    occurrence,
    publish,
    record_audit,
    remember,
    scoped,
    snapshot,
    stations_running,
    validate_mobile,
)
from plugins.volunteers import models
from plugins.volunteers.services.common import (
    PLUGIN,
    VILLAGE_KINDS,
    Problems,
    Quarter,
    area_of_station,
    clock,
    not_in_future,
    quarters_overlapping,
    settings,
    station_runs_plugin,
    text,
    today,
    user_of_station,
)

MAX_ATTENDANCE = 100_000
MAX_FEEDBACK_ITEMS = 100


@dataclasses.dataclass(frozen=True)
class FeedbackSpec:
    kind: models.FeedbackKind
    content: str
    raised_by: str | None = None
    contact_phone: str | None = None
    reply_due_on: dt.date | None = None


# --- report pack --------------------------------------------------------------------------------


async def report_pack(station_id: int, period: Period) -> dict[str, Any]:
    """The station's figures for ``period`` from the indicators of every plugin it runs, so
    the pack follows whichever pillars the station has switched on."""
    station = await Station.get(id=station_id)
    enabled = set(station.enabled_plugins or [])
    indicators = []
    for plugin, specs in current_app().plugins.call_each("fengqiao_score_indicators"):
        if plugin.name not in enabled:
            continue
        for spec in specs or []:
            result = spec.compute([station_id], period)
            figures = await result if inspect.isawaitable(result) else result
            figure = figures.get(station_id)
            if not isinstance(figure, IndicatorValue):
                figure = IndicatorValue(figure, "")
            indicators.append(
                {
                    "plugin": plugin.name,
                    "key": spec.key,
                    "label": spec.label,
                    "unit": spec.unit,
                    "target": spec.target,
                    "value": None if figure.value is None else round(float(figure.value), 2),
                    "explanation": figure.explanation or "本期无数据 — no data in the period.",
                }
            )
    return {
        "periodStart": period.start.isoformat(),
        "periodEnd": period.end.isoformat(),
        "generatedAt": clock().now().isoformat(),
        "indicators": indicators,
    }


def default_report_period(held_on: dt.date) -> Period:
    """The last full quarter before the meeting: figures the people can judge."""
    return Quarter.of(held_on).previous().period


# --- meetings and feedback ----------------------------------------------------------------------


def _check_feedback(item: FeedbackSpec, held_on: dt.date, prefix: str, problems: Problems) -> None:
    """Check one item; ``prefix`` locates it in the input (``"feedback.2."`` or ``""``)."""
    text(item.content, f"{prefix}content", "Content", max_length=2000, problems=problems)
    text(item.raised_by, f"{prefix}raisedBy", "Name", max_length=50, required=False, problems=problems)
    if item.contact_phone:
        problems.check(validate_mobile, item.contact_phone, field=f"{prefix}contactPhone")
    if item.reply_due_on is not None and item.reply_due_on < held_on:
        problems.add("The reply deadline is before the meeting.", f"{prefix}replyDueOn")


async def _create_feedback(meeting: models.PeopleReportMeeting, items: Sequence[FeedbackSpec]) -> list:
    default_due = meeting.held_on + dt.timedelta(days=settings().feedback_reply_days)
    created = []
    for item in items:
        feedback = await models.FeedbackItem.create(
            station_id=meeting.station_id,
            meeting=meeting,
            kind=item.kind,
            content=item.content.strip(),
            raised_by=(item.raised_by or "").strip() or None,
            contact_phone=validate_mobile(item.contact_phone) if item.contact_phone else None,
            reply_due_on=item.reply_due_on or default_due,
        )
        await record_audit("volunteers.feedback.raise", obj=feedback, after=snapshot(feedback))
        created.append(feedback)
    return created


async def record_meeting(
    actor: Actor,
    *,
    area_id: int,
    held_on: dt.date,
    attendance: int,
    host_user_id: int | None = None,
    summary: str | None = None,
    report_period: Period | None = None,
    feedback: Sequence[FeedbackSpec] = (),
) -> models.PeopleReportMeeting:
    area = await area_of_station(actor, area_id, None, field="areaId", kinds=VILLAGE_KINDS)
    await station_runs_plugin(actor, area.station_id)
    problems = Problems()
    not_in_future(held_on, "heldOn", "The meeting date", problems)
    if not 0 <= attendance <= MAX_ATTENDANCE:
        problems.add(f"Attendance is 0 to {MAX_ATTENDANCE}.", "attendance")
    summary = text(summary, "summary", "Summary", max_length=10_000, required=False, problems=problems)
    if len(feedback) > MAX_FEEDBACK_ITEMS:
        problems.add(f"At most {MAX_FEEDBACK_ITEMS} feedback items at once.", "feedback")
    for index, item in enumerate(feedback):
        _check_feedback(item, held_on, f"feedback.{index}.", problems)
    problems.raise_any()
    if host_user_id is not None:
        await user_of_station(actor, host_user_id, area.station_id, field="hostId")
    period = report_period or default_report_period(held_on)
    meeting = await models.PeopleReportMeeting.create(
        station_id=area.station_id,
        area_id=area.id,
        held_on=held_on,
        quarter=Quarter.of(held_on).label,
        attendance=attendance,
        host_id=host_user_id,
        summary=summary or "",
        report_period_start=period.start,
        report_period_end=period.end,
        report_pack=await report_pack(area.station_id, period),
    )
    await record_audit("volunteers.meeting.record", obj=meeting, after=snapshot(meeting, _MEETING_FIELDS))
    items = await _create_feedback(meeting, feedback)
    await publish(
        "volunteers.meeting.recorded",
        {"meetingId": meeting.id, "areaId": area.id, "quarter": meeting.quarter, "feedbackItems": len(items)},
        station_id=meeting.station_id,
    )
    return meeting


# The pack is large and derived; the audit keeps what was decided.
_MEETING_FIELDS = ["area_id", "held_on", "quarter", "attendance", "host_id", "summary", "report_period_start"]


async def add_feedback(actor: Actor, meeting_id: int, item: FeedbackSpec) -> models.FeedbackItem:
    meeting = await get_scoped(actor, models.PeopleReportMeeting, meeting_id, field="meetingId", label="Meeting")
    await station_runs_plugin(actor, meeting.station_id)
    problems = Problems()
    _check_feedback(item, meeting.held_on, "", problems)
    problems.raise_any()
    return (await _create_feedback(meeting, [item]))[0]


async def reply_feedback(
    actor: Actor, feedback_id: int, reply: str, *, replied_at: dt.datetime | None = None
) -> models.FeedbackItem:
    """Record the reply. ``replied_at`` enters a reply given earlier (补录, from a paper
    register): whether it was on time depends on when it was given, not when it was entered."""
    item = await get_scoped(actor, models.FeedbackItem, feedback_id, field="feedbackId", label="Feedback")
    await station_runs_plugin(actor, item.station_id)
    reply = text(reply, "reply", "Reply", max_length=4000)
    if item.status is not models.FeedbackStatus.OPEN:
        raise UserInputError(
            "This feedback has been replied to already.", field="feedbackId", code=UserErrorCode.INVALID_TRANSITION
        )
    held_on = await models.PeopleReportMeeting.filter(id=item.meeting_id).values_list("held_on", flat=True)
    when = occurrence(
        replied_at,
        after=clock().start_of(held_on[0]) if held_on else None,
        after_label="the meeting",
        label="The reply",
    )
    replied_at = when.at
    before = snapshot(item)
    item.status = models.FeedbackStatus.REPLIED
    item.reply = reply
    item.replied_at = replied_at
    item.replied_by_id = actor.user_id
    item.replied_on_time = clock().local(replied_at).date() <= item.reply_due_on
    item.recorded_steps = remember(item.recorded_steps, "reply", when)
    await item.save()
    await record_audit("volunteers.feedback.reply", obj=item, before=before, after=snapshot(item))
    await audit_backdating(when, obj=item, step="reply")
    await publish(
        "volunteers.feedback.replied",
        {"feedbackId": item.id, "meetingId": item.meeting_id, "onTime": item.replied_on_time},
        station_id=item.station_id,
    )
    return item


def overdue_feedback(queryset):
    return queryset.filter(status=models.FeedbackStatus.OPEN, reply_due_on__lt=today())


# --- compliance ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ComplianceRow:
    area: Area
    quarter: str
    meetings: int
    status: str  # HELD, MISSING, PENDING


async def compliance(actor: Actor, period: Period, *, station_id: int | None = None) -> list[ComplianceRow]:
    """Each village/community and each quarter overlapping ``period``: held, missing or pending."""
    quarters = quarters_overlapping(period)
    areas = scoped(actor, Area).filter(kind__in=list(VILLAGE_KINDS))
    meetings = scoped(actor, models.PeopleReportMeeting).filter(quarter__in=[q.label for q in quarters])
    if station_id is not None:
        areas, meetings = areas.filter(station_id=station_id), meetings.filter(station_id=station_id)
    elif actor.sees_all_stations:
        areas = areas.filter(station_id__in=await stations_running(PLUGIN))
    counts = {
        (row["area_id"], row["quarter"]): row["meetings"]
        for row in await meetings.annotate(meetings=Count("id"))
        .group_by("area_id", "quarter")
        .values("area_id", "quarter", "meetings")
    }
    day = today()
    rows = []
    for area in await areas.order_by("station_id", "id"):
        for quarter in quarters:
            held = counts.get((area.id, quarter.label), 0)
            status = "HELD" if held else ("PENDING" if quarter.end >= day else "MISSING")
            rows.append(ComplianceRow(area, quarter.label, held, status))
    return rows
