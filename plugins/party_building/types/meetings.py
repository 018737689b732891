"""Meetings (三会一课, 夜校, 党员活动日), attendance and study hours."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import Node, PeriodInput, UserError, node_type, row_mapping
from plugins.party_building import models
from plugins.party_building.types import loaders
from plugins.party_building.types.branches import PartyBranch, PartyMember


@strawberry.type(description="One member's attendance at a meeting.")
class MeetingAttendance:
    status: models.AttendanceStatus = strawberry.field(description="Present, excused (请假) or absent.")
    reason: str | None = strawberry.field(description="请假事由 — why an EXCUSED member was away.")
    _row: strawberry.Private[models.MeetingAttendance]

    @strawberry.field(description="The member.")
    async def member(self, info: Info) -> PartyMember | None:
        row = await loaders.member(info, self._row.member_id)
        return PartyMember.from_row(row) if row else None


@node_type(models.PartyMeeting, "party_building.branch.read")
@strawberry.type(description="A party meeting or study session with its attendance.")
class PartyMeeting(Node):
    meeting_type: models.MeetingType = strawberry.field(
        description="Kind of meeting (三会一课: 支部党员大会, 支委会, 党小组会, 党课) or study session."
    )
    held_on: dt.date = strawberry.field(
        description="Day it was held (deployment time zone); decides compliance and study-hour periods."
    )
    topic: str = strawberry.field(description="Topic or agenda.")
    speaker: str | None = strawberry.field(description="主讲人 — who led or spoke.")
    minutes: str = strawberry.field(description="会议记录 — minutes.")
    duration_hours: float = strawberry.field(description="Length in hours; counts as study time for study types.")
    _row: strawberry.Private[models.PartyMeeting]

    from_row = row_mapping(models.PartyMeeting)

    @strawberry.field(description="The branch that met.")
    async def branch(self, info: Info) -> PartyBranch | None:
        row = await loaders.branch(info, self._row.branch_id)
        return PartyBranch.from_row(row) if row else None

    @strawberry.field(description="Attendance of the members expected.")
    async def attendance(self, info: Info) -> list[MeetingAttendance]:
        rows = await loaders.attendance(info, self._row.id)
        return [MeetingAttendance(status=row.status, reason=row.reason, _row=row) for row in rows]

    @strawberry.field(description="出席率 — present / members listed; null when nobody is listed.")
    async def attendance_rate(self, info: Info) -> float | None:
        rows = await loaders.attendance(info, self._row.id)
        present = sum(1 for row in rows if row.status is models.AttendanceStatus.PRESENT)
        return round(present / len(rows), 4) if rows else None


@strawberry.type(description="A member's study time (学习时长) in a period.")
class MemberStudyHours:
    member: PartyMember = strawberry.field(description="The member.")
    hours: float = strawberry.field(description="Hours of study sessions attended.")
    sessions: int = strawberry.field(description="Study sessions attended.")


@strawberry.type(description="Study hours of the members of the caller's branches in a period.")
class StudyHoursReport:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")
    total_hours: float = strawberry.field(description="Hours of study attended by all members together.")
    member_count: int = strawberry.field(description="Members who belonged to a branch during the period.")
    average_hours_per_member: float | None = strawberry.field(
        description="Hours per member = totalHours / memberCount; null without members."
    )
    members: list[MemberStudyHours] = strawberry.field(description="Each member's hours, zero included.")


@strawberry.input(description="Filter for meetings.")
class PartyMeetingFilter:
    branch_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only meetings of this branch (global id).",
    )
    meeting_type: models.MeetingType | None = strawberry.field(default=None, description="Only meetings of this type.")
    period: PeriodInput | None = strawberry.field(default=None, description="Held within this period.")


@strawberry.input(description="One member's attendance.")
class AttendanceInput:
    member_id: strawberry.ID = strawberry.field(description="Global id of a member of the branch.")
    status: models.AttendanceStatus = strawberry.field(description="Present, excused (请假) or absent.")
    reason: str | None = strawberry.field(default=None, description="Required when EXCUSED.")


@strawberry.input(description="A meeting held by a branch, with the attendance of the members expected.")
class RecordPartyMeetingInput:
    branch_id: strawberry.ID = strawberry.field(description="Global id of the branch that met.")
    meeting_type: models.MeetingType = strawberry.field(
        description="Which kind of meeting (三会一课, 夜校, 党员活动日); the same MeetingType enum that outputs and "
        "filters use (was free text until schema 2026-11, see schema/CHANGELOG.md)."
    )
    held_on: dt.date = strawberry.field(description="Day it was held (deployment time zone); not in the future.")
    topic: str = strawberry.field(description="Topic or agenda.")
    speaker: str | None = strawberry.field(default=None, description="主讲人 — who led or spoke; optional.")
    minutes: str = strawberry.field(default="", description="会议记录 — minutes; empty by default.")
    duration_hours: float | None = strawberry.field(default=None, description="Default: configured hours.")
    attendance: list[AttendanceInput] = strawberry.field(
        default_factory=list,
        description="Members expected; a branch assembly must list every full and probationary member.",
    )


@strawberry.type(description="Result of recordPartyMeeting.")
class RecordPartyMeetingPayload:
    meeting: PartyMeeting | None = strawberry.field(
        default=None,
        description="The meeting recorded; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
