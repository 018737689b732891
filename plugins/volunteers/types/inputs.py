"""Filters and mutation inputs of the volunteers plugin. In update inputs a field left out
keeps its value; null clears it where that makes sense."""

from __future__ import annotations

import datetime as dt

import strawberry

from core import PeriodInput
from plugins.volunteers.types.enums import (
    ActivityKind,
    CareRecipientKind,
    CareRecipientStatus,
    DeputyKind,
    FeedbackKind,
    FeedbackStatus,
    OrganizationKind,
    SurveyStatus,
    VolunteerStatus,
)

UNSET = strawberry.UNSET

# --- filters ------------------------------------------------------------------------------------


@strawberry.input(description="Filter for volunteer organisations.")
class VolunteerOrganizationFilter:
    kind: OrganizationKind | None = None
    is_active: bool | None = None
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for volunteers.")
class VolunteerFilter:
    organization_id: strawberry.ID | None = None
    area_id: strawberry.ID | None = strawberry.field(default=None, description="Volunteers serving in this area.")
    status: VolunteerStatus | None = None
    is_party_member: bool | None = None
    deputy: DeputyKind | None = None
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for volunteer activities.")
class VolunteerActivityFilter:
    kind: ActivityKind | None = None
    area_id: strawberry.ID | None = None
    organization_id: strawberry.ID | None = None
    volunteer_id: strawberry.ID | None = strawberry.field(default=None, description="Activities this volunteer joined.")
    period: PeriodInput | None = strawberry.field(default=None, description="Activities started in the period.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for the care register.")
class CareRecipientFilter:
    kind: CareRecipientKind | None = None
    area_id: strawberry.ID | None = None
    status: CareRecipientStatus | None = None
    overdue: bool | None = strawberry.field(default=None, description="Only people whose visit is overdue (or not).")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for 向人民汇报 meetings.")
class PeopleReportMeetingFilter:
    area_id: strawberry.ID | None = None
    quarter: str | None = strawberry.field(default=None, description="e.g. 2020-Q3.")
    period: PeriodInput | None = strawberry.field(default=None, description="Meetings held in the period.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for feedback raised at 向人民汇报 meetings.")
class FeedbackItemFilter:
    status: FeedbackStatus | None = None
    kind: FeedbackKind | None = None
    meeting_id: strawberry.ID | None = None
    overdue: bool | None = strawberry.field(default=None, description="Only open items past their deadline.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for satisfaction surveys.")
class SatisfactionSurveyFilter:
    status: SurveyStatus | None = None
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for survey responses.")
class SatisfactionResponseFilter:
    survey_id: strawberry.ID | None = None


# --- organisations and volunteers ---------------------------------------------------------------


@strawberry.input(description="A new volunteer organisation.")
class CreateVolunteerOrganizationInput:
    name: str
    kind: OrganizationKind
    description: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="Changes to a volunteer organisation; omitted fields stay as they are.")
class UpdateVolunteerOrganizationInput:
    organization_id: strawberry.ID
    name: str | None = UNSET
    kind: OrganizationKind | None = UNSET
    description: str | None = UNSET
    contact_name: str | None = UNSET
    contact_phone: str | None = UNSET
    is_active: bool | None = UNSET


@strawberry.input(description="A new volunteer.")
class RegisterVolunteerInput:
    name: str
    phone: str = strawberry.field(description="Mobile number; one volunteer per phone in a station.")
    organization_id: strawberry.ID | None = None
    user_id: strawberry.ID | None = strawberry.field(default=None, description="The volunteer's login, if any.")
    skills: list[str] = strawberry.field(default_factory=list)
    area_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Areas served.")
    is_party_member: bool = False
    is_cadre: bool = False
    deputy: DeputyKind | None = None
    joined_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="Changes to a volunteer; omitted fields stay, null clears organisation, user, deputy.")
class UpdateVolunteerInput:
    volunteer_id: strawberry.ID
    name: str | None = UNSET
    phone: str | None = UNSET
    organization_id: strawberry.ID | None = UNSET
    user_id: strawberry.ID | None = UNSET
    skills: list[str] | None = UNSET
    area_ids: list[strawberry.ID] | None = UNSET
    status: VolunteerStatus | None = UNSET
    is_party_member: bool | None = UNSET
    is_cadre: bool | None = UNSET
    deputy: DeputyKind | None = UNSET


# --- activities and care ------------------------------------------------------------------------


@strawberry.input(description="A volunteer taking part in an activity.")
class ActivityParticipantInput:
    volunteer_id: strawberry.ID
    hours: float | None = strawberry.field(default=None, description="Hours served; default: the activity's hours.")


@strawberry.input(description="An activity to record.")
class RecordActivityInput:
    kind: ActivityKind
    title: str
    started_at: dt.datetime
    hours: float = strawberry.field(description="Duration in hours (more than 0, at most 24).")
    participants: list[ActivityParticipantInput]
    area_id: strawberry.ID | None = None
    organization_id: strawberry.ID | None = strawberry.field(default=None, description="The organisation running it.")
    description: str | None = None
    care_recipient_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="People visited; required for CARE_VISIT only."
    )
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="A person to add to the care register.")
class RegisterCareRecipientInput:
    kind: CareRecipientKind
    name: str
    area_id: strawberry.ID
    birth_date: dt.date | None = strawberry.field(
        default=None, description="Required for a child unless idNumber is given."
    )
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None
    guardian_name: str | None = None
    guardian_phone: str | None = None
    needs: str | None = None
    visit_interval_days: int | None = strawberry.field(default=None, description="Default: the station's cadence (30).")
    registered_on: dt.date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.input(description="Changes to a person in the care register; omitted fields stay as they are.")
class UpdateCareRecipientInput:
    care_recipient_id: strawberry.ID
    visit_interval_days: int | None = UNSET
    status: CareRecipientStatus | None = UNSET
    area_id: strawberry.ID | None = UNSET
    phone: str | None = UNSET
    address: str | None = UNSET
    guardian_name: str | None = UNSET
    guardian_phone: str | None = UNSET
    needs: str | None = UNSET


# --- 向人民汇报 ---------------------------------------------------------------------------------


@strawberry.input(description="A suggestion, complaint or question raised by a resident.")
class FeedbackItemInput:
    kind: FeedbackKind
    content: str
    raised_by: str | None = None
    contact_phone: str | None = None
    reply_due_on: dt.date | None = strawberry.field(default=None, description="Default: 15 days after the meeting.")


@strawberry.input(description="A 向人民汇报 meeting held in a village or community.")
class RecordPeopleReportMeetingInput:
    area_id: strawberry.ID = strawberry.field(description="A VILLAGE or COMMUNITY.")
    held_on: dt.date
    attendance: int
    host_id: strawberry.ID | None = strawberry.field(default=None, description="The hosting officer (User).")
    summary: str | None = None
    report_period: PeriodInput | None = strawberry.field(
        default=None, description="Figures to report; default: the last full quarter before the meeting."
    )
    feedback: list[FeedbackItemInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Feedback raised after the meeting was recorded.")
class AddFeedbackItemInput:
    meeting_id: strawberry.ID
    kind: FeedbackKind
    content: str
    raised_by: str | None = None
    contact_phone: str | None = None
    reply_due_on: dt.date | None = None


@strawberry.input(description="The reply to a feedback item.")
class ReplyFeedbackInput:
    feedback_id: strawberry.ID
    reply: str
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the reply was given, for a paper register entered later (补录; default now); decides "
        "whether it was on time. Not in the future, not before the meeting, within the back-dating window.",
    )


# --- satisfaction and callbacks -----------------------------------------------------------------


@strawberry.input(description="A new satisfaction survey.")
class CreateSatisfactionSurveyInput:
    title: str
    period: PeriodInput
    questions: list[str] = strawberry.field(description="1 to 20 questions, each rated 1–5.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="The survey to close.")
class CloseSatisfactionSurveyInput:
    survey_id: strawberry.ID


@strawberry.input(description="How many answer tokens to issue.")
class IssueSurveyTokensInput:
    survey_id: strawberry.ID
    count: int


@strawberry.input(description="A rating of one question.")
class SatisfactionAnswerInput:
    question_id: strawberry.ID
    rating: int = strawberry.field(description="1 (very dissatisfied) to 5 (very satisfied).")


@strawberry.input(description="A resident's answers, with the token they were given.")
class SubmitSatisfactionInput:
    token: str
    answers: list[SatisfactionAnswerInput]
    comment: str | None = None


@strawberry.input(description="Draw a callback sample (回访抽样) for an ended period.")
class DrawCallbackSampleInput:
    period: PeriodInput
    size: int | None = strawberry.field(default=None, description="Items to draw; default from settings (10).")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="The outcome of one callback.")
class RecordCallbackInput:
    item_id: strawberry.ID
    reached: bool = strawberry.field(description="Whether the person was reached.")
    rating: int | None = strawberry.field(default=None, description="1–5 rating heard; required when reached.")
    comment: str | None = None
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the call was made, for a call entered later (补录; default now). Not in the future, "
        "not before the sample was drawn, within the back-dating window.",
    )
