"""Recording 三会一课, night school and activity days with attendance; study hours."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from core import Actor, Period, UserErrorCode, UserInputError, publish, record_audit, scoped, snapshot
from plugins.party_building.models import (
    AttendanceStatus,
    Branch,
    MeetingAttendance,
    MeetingType,
    MemberStatus,
    PartyMeeting,
    PartyMember,
)
from plugins.party_building.services.common import not_in_future, required_text, settings, writable

# A branch assembly (支部党员大会) expects every full and probationary member.
FULL_ATTENDANCE_TYPES = {MeetingType.BRANCH_ASSEMBLY}
VOTING_STATUSES = {MemberStatus.FULL, MemberStatus.PROBATIONARY}
MEETING_FIELDS = ["branch_id", "meeting_type", "held_on", "topic", "speaker", "duration_hours", "recorded_by_id"]


@dataclasses.dataclass(frozen=True)
class AttendanceEntry:
    member_id: int | None
    status: AttendanceStatus
    reason: str | None = None


@dataclasses.dataclass(frozen=True)
class MeetingDraft:
    """What a secretary enters for one meeting."""

    meeting_type: MeetingType | str
    held_on: dt.date
    topic: str
    speaker: str | None = None
    minutes: str = ""
    duration_hours: float | None = None
    attendance: Sequence[AttendanceEntry] = ()


def meeting_type_of(value: MeetingType | str) -> MeetingType:
    try:
        return value if isinstance(value, MeetingType) else MeetingType(str(value).strip().upper())
    except ValueError:
        known = ", ".join(item.value for item in MeetingType)
        raise UserInputError(f"Unknown meeting type {value!r}; known: {known}.", field="meetingType") from None


def member_active_on(member: PartyMember, day: dt.date) -> bool:
    return member.joined_on <= day and (member.left_on is None or member.left_on >= day)


async def record_meeting(actor: Actor, branch_id: int | None, draft: MeetingDraft) -> PartyMeeting:
    branch = await writable(actor, Branch, branch_id, field="branchId", label="Branch")
    meeting_type = meeting_type_of(draft.meeting_type)
    topic = required_text(draft.topic, field="topic", label="Topic", max_length=200)
    held_on = not_in_future(draft.held_on, field="heldOn", label="The meeting date")
    problems = []
    if held_on < branch.established_on:
        problems.append(UserInputError("The meeting date is before the branch was established.", field="heldOn"))
    hours = settings().default_meeting_hours if draft.duration_hours is None else draft.duration_hours
    if not 0 < hours <= 24:
        problems.append(UserInputError("The duration must be more than 0 and at most 24 hours.", field="durationHours"))
    if await PartyMeeting.filter(branch_id=branch.id, meeting_type=meeting_type, held_on=held_on).exists():
        problems.append(
            UserInputError(
                f"A {meeting_type.value} of this branch is already recorded on {held_on.isoformat()}.",
                field="heldOn",
                code=UserErrorCode.CONFLICT,
            )
        )
    problems += await _attendance_problems(branch, meeting_type, held_on, draft.attendance)
    if problems:
        raise UserInputError.many(problems)
    meeting = await PartyMeeting.create(
        station_id=branch.station_id,
        branch=branch,
        meeting_type=meeting_type,
        held_on=held_on,
        topic=topic,
        speaker=(draft.speaker or "").strip() or None,
        minutes=(draft.minutes or "").strip(),
        duration_hours=hours,
        recorded_by_id=actor.user_id,
    )
    rows = [
        MeetingAttendance(
            station_id=branch.station_id,
            meeting=meeting,
            member_id=entry.member_id,
            status=entry.status,
            reason=(entry.reason or "").strip() or None if entry.status is AttendanceStatus.EXCUSED else None,
        )
        for entry in draft.attendance
    ]
    if rows:
        await MeetingAttendance.bulk_create(rows)
    after = snapshot(meeting, MEETING_FIELDS) | {
        "attendance": {str(entry.member_id): entry.status.value for entry in draft.attendance}
    }
    await record_audit("party_building.meeting.record", obj=meeting, after=after)
    await publish(
        "party_building.meeting.recorded",
        {
            "meeting_id": meeting.id,
            "branch_id": branch.id,
            "meeting_type": meeting_type.value,
            "held_on": held_on.isoformat(),
        },
        station_id=branch.station_id,
    )
    return meeting


async def _attendance_problems(
    branch: Branch, meeting_type: MeetingType, held_on: dt.date, attendance: Sequence[AttendanceEntry]
) -> list[UserInputError]:
    problems = []
    members = {member.id: member for member in await PartyMember.filter(branch_id=branch.id).select_related("user")}
    listed: set[int] = set()
    for index, entry in enumerate(attendance):
        member = members.get(entry.member_id) if entry.member_id is not None else None
        if member is None or not member_active_on(member, held_on):
            problems.append(
                UserInputError(
                    "Not a member of this branch on the meeting date.",
                    field=f"attendance.{index}.memberId",
                    code=UserErrorCode.NOT_FOUND,
                )
            )
        elif member.id in listed:
            problems.append(UserInputError("This member is listed twice.", field=f"attendance.{index}.memberId"))
        if entry.status is AttendanceStatus.EXCUSED and not (entry.reason or "").strip():
            problems.append(
                UserInputError(
                    "An excused absence needs a reason (请假事由).",
                    field=f"attendance.{index}.reason",
                    code=UserErrorCode.REQUIRED,
                )
            )
        if entry.member_id is not None:
            listed.add(entry.member_id)
    if meeting_type in FULL_ATTENDANCE_TYPES:
        unlisted = [
            member.user.display_name
            for member in members.values()
            if member.status in VOTING_STATUSES and member_active_on(member, held_on) and member.id not in listed
        ]
        if unlisted:
            problems.append(
                UserInputError(
                    "A branch assembly lists every full and probationary member; missing: " + "、".join(unlisted),
                    field="attendance",
                    code=UserErrorCode.REQUIRED,
                )
            )
    return problems


@dataclasses.dataclass(frozen=True)
class MemberStudy:
    member: PartyMember
    hours: float
    sessions: int


def members_during(actor: Actor, period: Period, branch_id: int | None = None):
    """Members who belonged to a branch at some time in ``period``."""
    queryset = scoped(actor, PartyMember).filter(joined_on__lte=period.end)
    queryset = queryset.filter(Q(left_on__isnull=True) | Q(left_on__gte=period.start))
    return queryset.filter(branch_id=branch_id) if branch_id is not None else queryset


async def study_hours(actor: Actor, period: Period, branch_id: int | None = None) -> list[MemberStudy]:
    """Hours each member spent at study sessions (学习时长) in ``period``, zero included."""
    members = await members_during(actor, period, branch_id).select_related("user").order_by("id")
    rows = (
        await scoped(actor, MeetingAttendance)
        .filter(
            member_id__in=[member.id for member in members],
            status=AttendanceStatus.PRESENT,
            meeting__held_on__gte=period.start,
            meeting__held_on__lte=period.end,
            meeting__meeting_type__in=list(settings().study_meeting_types),
        )
        .annotate(hours=Sum("meeting__duration_hours"), sessions=Count("id"))
        .group_by("member_id")
        .values("member_id", "hours", "sessions")
    )
    found = {row["member_id"]: row for row in rows}
    return [
        MemberStudy(
            member,
            round(float(found.get(member.id, {}).get("hours") or 0), 2),
            int(found.get(member.id, {}).get("sessions") or 0),
        )
        for member in members
    ]
