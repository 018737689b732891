"""Cadence compliance of meetings: each required occurrence and the rates."""

import datetime as dt
from typing import Self

import strawberry
from strawberry.types import Info

from plugins.party_building import models
from plugins.party_building.services.compliance import RuleOccurrence, Tally
from plugins.party_building.types import loaders
from plugins.party_building.types.branches import PartyBranch
from plugins.party_building.types.enums import OccurrenceStatus
from plugins.party_building.types.meetings import PartyMeeting

RATE_DESCRIPTION = (
    "(held + lateCredit × late) / (held + late + missing); occurrences still DUE are left out; "
    "null when nothing is settled yet. lateCredit is configured (default 0.5)."
)


@strawberry.type(description="One required occurrence (a week, month or quarter) of a branch's meeting rule.")
class MeetingOccurrence:
    meeting_type: models.MeetingType = strawberry.field(description="The meeting type required (三会一课).")
    cadence: models.Cadence = strawberry.field(
        description="How often the type is required: weekly, monthly or quarterly."
    )
    slot_start: dt.date = strawberry.field(description="First day of the week, month or quarter.")
    due_date: dt.date = strawberry.field(description="Last day of the slot: the meeting is due by then.")
    status: OccurrenceStatus = strawberry.field(description="HELD, LATE, MISSING or DUE (not yet due).")
    held_on: dt.date | None = strawberry.field(description="When the meeting answering it was held.")
    days_late: int | None = strawberry.field(description="Days after the due date, for LATE occurrences.")
    _item: strawberry.Private[RuleOccurrence]

    @classmethod
    def from_item(cls, item: RuleOccurrence) -> Self:
        occurrence = item.occurrence
        return cls(
            meeting_type=item.meeting_type,
            cadence=item.cadence,
            slot_start=occurrence.slot.start,
            due_date=occurrence.slot.end,
            status=OccurrenceStatus(occurrence.status),
            held_on=occurrence.held_on,
            days_late=occurrence.days_late,
            _item=item,
        )

    @strawberry.field(description="The branch.")
    async def branch(self, info: Info) -> PartyBranch | None:
        row = await loaders.branch(info, self._item.branch_id)
        return PartyBranch.from_row(row) if row else None

    @strawberry.field(description="The meeting that answered it (HELD or LATE).")
    async def meeting(self, info: Info) -> PartyMeeting | None:
        if self._item.occurrence.meeting_id is None:
            return None
        row = await loaders.meeting(info, self._item.occurrence.meeting_id)
        return PartyMeeting.from_row(row) if row else None


@strawberry.type(description="Counts of occurrences by status and the compliance rate.")
class ComplianceTally:
    required: int = strawberry.field(description="All required occurrences, DUE included.")
    held: int = strawberry.field(description="Occurrences answered by a meeting held by the due date.")
    late: int = strawberry.field(description="Occurrences answered by a meeting held after the due date.")
    missing: int = strawberry.field(description="Occurrences past their due date without a meeting.")
    due: int = strawberry.field(description="Occurrences not yet due (due date not passed on asOf) and not yet held.")
    rate: float | None = strawberry.field(description=RATE_DESCRIPTION)

    @classmethod
    def from_tally(cls, tally: Tally, late_credit: float) -> Self:
        rate = tally.rate(late_credit)
        return cls(
            required=tally.required,
            held=tally.held,
            late=tally.late,
            missing=tally.missing,
            due=tally.due,
            rate=None if rate is None else round(rate, 4),
        )


@strawberry.type(description="Compliance of one meeting type.")
class MeetingTypeCompliance:
    meeting_type: models.MeetingType = strawberry.field(description="The meeting type.")
    cadence: models.Cadence = strawberry.field(description="How often it is required.")
    tally: ComplianceTally = strawberry.field(description="Its occurrences by status.")


@strawberry.type(
    description=(
        "三会一课 cadence compliance in a period: every required occurrence whose due date falls in "
        "the period, as HELD, LATE, MISSING or DUE, with the rates."
    )
)
class MeetingCompliance:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")
    as_of: dt.date = strawberry.field(description="The day the statuses were computed (DUE/MISSING depend on it).")
    overall: ComplianceTally = strawberry.field(description="All occurrences of all branches and types together.")
    by_type: list[MeetingTypeCompliance] = strawberry.field(description="Tallies per meeting type.")
    occurrences: list[MeetingOccurrence] = strawberry.field(
        description="Every required occurrence with its status, by branch, type and due date."
    )
