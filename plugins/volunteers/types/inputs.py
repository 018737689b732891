"""Filters and mutation inputs of the volunteers plugin. In update inputs a field left out
keeps its value; null clears it where that makes sense."""

import datetime as dt

import strawberry

from core import GeoPointInput, PeriodInput
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
    kind: OrganizationKind | None = strawberry.field(default=None, description="Only organisations of this kind.")
    is_active: bool | None = strawberry.field(
        default=None,
        description="True: only active organisations; false: only inactive ones.",
    )
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for volunteers.")
class VolunteerFilter:
    organization_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only volunteers of this organisation (global id).",
    )
    area_id: strawberry.ID | None = strawberry.field(default=None, description="Volunteers serving in this area.")
    status: VolunteerStatus | None = strawberry.field(default=None, description="Only volunteers with this status.")
    is_party_member: bool | None = strawberry.field(
        default=None,
        description="True: only party members; false: only the others.",
    )
    deputy: DeputyKind | None = strawberry.field(
        default=None,
        description="Only volunteers who are this kind of deputy (两代表一委员).",
    )
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for volunteer activities.")
class VolunteerActivityFilter:
    kind: ActivityKind | None = strawberry.field(default=None, description="Only activities of this kind.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only activities in this area (global id).",
    )
    organization_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only activities run by this organisation (global id).",
    )
    volunteer_id: strawberry.ID | None = strawberry.field(default=None, description="Activities this volunteer joined.")
    period: PeriodInput | None = strawberry.field(default=None, description="Activities started in the period.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for the care register.")
class CareRecipientFilter:
    kind: CareRecipientKind | None = strawberry.field(default=None, description="Only people of this kind.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only people living in this area (global id).",
    )
    status: CareRecipientStatus | None = strawberry.field(default=None, description="Only people with this status.")
    overdue: bool | None = strawberry.field(default=None, description="Only people whose visit is overdue (or not).")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for care visits (关爱走访记录).")
class CareVisitFilter:
    recipient_id: strawberry.ID | None = strawberry.field(default=None, description="Only visits to this person.")
    activity_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only visits made during this CARE_VISIT activity."
    )
    on_time: bool | None = strawberry.field(default=None, description="Only visits made on time (or late).")
    period: PeriodInput | None = strawberry.field(default=None, description="Only visits made in the period.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for 向人民汇报 meetings.")
class PeopleReportMeetingFilter:
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only meetings of this village or community (global id).",
    )
    quarter: str | None = strawberry.field(
        default=None, description="Only meetings of this calendar quarter, written YYYY-Qn (e.g. 2020-Q3)."
    )
    period: PeriodInput | None = strawberry.field(default=None, description="Meetings held in the period.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for feedback raised at 向人民汇报 meetings.")
class FeedbackItemFilter:
    status: FeedbackStatus | None = strawberry.field(default=None, description="Only open or only replied items.")
    kind: FeedbackKind | None = strawberry.field(default=None, description="Only this kind of feedback.")
    meeting_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only feedback of this meeting (global id).",
    )
    overdue: bool | None = strawberry.field(default=None, description="Only open items past their deadline.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for satisfaction surveys.")
class SatisfactionSurveyFilter:
    status: SurveyStatus | None = strawberry.field(default=None, description="Only open or only closed surveys.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Bureau admins: one station.")


@strawberry.input(description="Filter for survey responses.")
class SatisfactionResponseFilter:
    survey_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only responses to this survey (global id).",
    )


# --- organisations and volunteers ---------------------------------------------------------------


@strawberry.input(description="A new volunteer organisation.")
class CreateVolunteerOrganizationInput:
    name: str = strawberry.field(description="Name of the organisation, e.g. 小红志愿者工作室.")
    kind: OrganizationKind = strawberry.field(description="Kind of organisation.")
    description: str | None = strawberry.field(default=None, description="What the organisation does; optional.")
    contact_name: str | None = strawberry.field(default=None, description="Contact person; optional.")
    contact_phone: str | None = strawberry.field(
        default=None,
        description="Contact mobile number, validated; optional.",
    )
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="Changes to a volunteer organisation; omitted fields stay as they are.")
class UpdateVolunteerOrganizationInput:
    organization_id: strawberry.ID = strawberry.field(description="Global id of the organisation.")
    name: str | None = strawberry.field(default=UNSET, description="Name. Omitted → unchanged.")
    kind: OrganizationKind | None = strawberry.field(
        default=UNSET,
        description="Kind of organisation. Omitted → unchanged.",
    )
    description: str | None = strawberry.field(default=UNSET, description="What it does. Omitted → unchanged.")
    contact_name: str | None = strawberry.field(default=UNSET, description="Contact person. Omitted → unchanged.")
    contact_phone: str | None = strawberry.field(
        default=UNSET,
        description="Contact mobile number, validated. Omitted → unchanged.",
    )
    is_active: bool | None = strawberry.field(
        default=UNSET,
        description="False when the organisation no longer takes part. Omitted → unchanged.",
    )


@strawberry.input(description="A new volunteer.")
class RegisterVolunteerInput:
    name: str = strawberry.field(description="Full name.")
    phone: str = strawberry.field(description="Mobile number; one volunteer per phone in a station.")
    organization_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the organisation the volunteer serves with; optional.",
    )
    user_id: strawberry.ID | None = strawberry.field(default=None, description="The volunteer's login, if any.")
    skills: list[str] = strawberry.field(
        default_factory=list,
        description="Free-text skills, e.g. 法律, 医疗; none by default.",
    )
    area_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Areas served.")
    is_party_member: bool = strawberry.field(default=False, description="党员; false by default.")
    is_cadre: bool = strawberry.field(default=False, description="干部; false by default.")
    deputy: DeputyKind | None = strawberry.field(default=None, description="Which of the 两代表一委员, if any.")
    joined_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="Changes to a volunteer; omitted fields stay, null clears organisation, user, deputy.")
class UpdateVolunteerInput:
    volunteer_id: strawberry.ID = strawberry.field(description="Global id of the volunteer.")
    name: str | None = strawberry.field(default=UNSET, description="Full name. Omitted → unchanged.")
    phone: str | None = strawberry.field(
        default=UNSET,
        description="Mobile number, validated; unique per station. Omitted → unchanged.",
    )
    organization_id: strawberry.ID | None = strawberry.field(
        default=UNSET,
        description="Global id of the organisation; null clears it. Omitted → unchanged.",
    )
    user_id: strawberry.ID | None = strawberry.field(
        default=UNSET,
        description="Global id of the volunteer's login; null clears it. Omitted → unchanged.",
    )
    skills: list[str] | None = strawberry.field(default=UNSET, description="Replaces the skills. Omitted → unchanged.")
    area_ids: list[strawberry.ID] | None = strawberry.field(
        default=UNSET,
        description="Replaces the areas served (global ids). Omitted → unchanged.",
    )
    status: VolunteerStatus | None = strawberry.field(
        default=UNSET,
        description="Active, suspended or left. Omitted → unchanged.",
    )
    is_party_member: bool | None = strawberry.field(default=UNSET, description="党员. Omitted → unchanged.")
    is_cadre: bool | None = strawberry.field(default=UNSET, description="干部. Omitted → unchanged.")
    deputy: DeputyKind | None = strawberry.field(
        default=UNSET,
        description="Which of the 两代表一委员; null clears it. Omitted → unchanged.",
    )


# --- activities and care ------------------------------------------------------------------------


@strawberry.input(description="A volunteer taking part in an activity.")
class ActivityParticipantInput:
    volunteer_id: strawberry.ID = strawberry.field(description="Global id of an active volunteer of the station.")
    hours: float | None = strawberry.field(default=None, description="Hours served; default: the activity's hours.")


@strawberry.input(description="Where one care visit took place.")
class CareVisitLocationInput:
    care_recipient_id: strawberry.ID = strawberry.field(description="Global id of the person visited.")
    location: GeoPointInput = strawberry.field(
        description="Where the visit took place, in any datum (stored in WGS-84); personal: masked by role."
    )


@strawberry.input(description="An activity to record.")
class RecordActivityInput:
    kind: ActivityKind = strawberry.field(description="Kind of activity.")
    title: str = strawberry.field(description="Short title, e.g. 重阳节走访孤寡老人.")
    started_at: dt.datetime = strawberry.field(
        description="When it started (ISO-8601 with offset); decides the period its hours count in. A paper record "
        "entered later (补录) gives the real start: not in the future, within the back-dating window ([records] "
        "backdating_days); the entry time is kept in recordedSteps."
    )
    hours: float = strawberry.field(description="Duration in hours (more than 0, at most 24).")
    participants: list[ActivityParticipantInput] = strawberry.field(
        description="The volunteers who took part (at least one), each with their hours."
    )
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the area where it took place; optional.",
    )
    organization_id: strawberry.ID | None = strawberry.field(default=None, description="The organisation running it.")
    description: str | None = strawberry.field(default=None, description="What was done; optional.")
    care_recipient_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="People visited; required for CARE_VISIT only."
    )
    care_visit_locations: list[CareVisitLocationInput] = strawberry.field(
        default_factory=list,
        description="Where some of the visits took place (走访地点), each naming one of careRecipientIds; optional.",
    )
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="A person to add to the care register.")
class RegisterCareRecipientInput:
    kind: CareRecipientKind = strawberry.field(description="Why the person is cared for.")
    name: str = strawberry.field(description="Full name.")
    area_id: strawberry.ID = strawberry.field(
        description="Global id of the village, community or grid the person lives in."
    )
    birth_date: dt.date | None = strawberry.field(
        default=None, description="Required for a child unless idNumber is given."
    )
    id_number: str | None = strawberry.field(default=None, description="Resident ID number, validated; optional.")
    phone: str | None = strawberry.field(default=None, description="Mobile number, validated; optional.")
    address: str | None = strawberry.field(default=None, description="Home address; optional.")
    guardian_name: str | None = strawberry.field(
        default=None,
        description="Guardian (监护人) of a child, or next of kin; optional.",
    )
    guardian_phone: str | None = strawberry.field(
        default=None,
        description="Guardian's mobile number, validated; optional.",
    )
    needs: str | None = strawberry.field(default=None, description="What help the person needs; optional.")
    visit_interval_days: int | None = strawberry.field(default=None, description="Default: the station's cadence (30).")
    registered_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    responsible_user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Global id of the volunteer, grid worker or police account of the station who makes the visits and "
            "is told when one is due (volunteers.care_visit.due). Omitted → nobody: the station chief is told."
        ),
    )


@strawberry.input(description="Changes to a person in the care register; omitted fields stay as they are.")
class UpdateCareRecipientInput:
    care_recipient_id: strawberry.ID = strawberry.field(description="Global id of the person in the care register.")
    visit_interval_days: int | None = strawberry.field(
        default=UNSET,
        description="Days between two care visits. Omitted → unchanged.",
    )
    status: CareRecipientStatus | None = strawberry.field(
        default=UNSET,
        description="ACTIVE or CLOSED. Omitted → unchanged.",
    )
    area_id: strawberry.ID | None = strawberry.field(
        default=UNSET,
        description="Global id of the new area of residence. Omitted → unchanged.",
    )
    responsible_user_id: strawberry.ID | None = strawberry.field(
        default=UNSET,
        description=(
            "Global id of the volunteer, grid worker or police account who makes the visits; null: nobody (the "
            "station chief is told when a visit is due). Omitted → unchanged."
        ),
    )
    phone: str | None = strawberry.field(
        default=UNSET,
        description="Mobile number, validated; null clears it. Omitted → unchanged.",
    )
    address: str | None = strawberry.field(
        default=UNSET,
        description="Home address; null clears it. Omitted → unchanged.",
    )
    guardian_name: str | None = strawberry.field(
        default=UNSET,
        description="Guardian or next of kin; null clears it. Omitted → unchanged.",
    )
    guardian_phone: str | None = strawberry.field(
        default=UNSET,
        description="Guardian's mobile number; null clears it. Omitted → unchanged.",
    )
    needs: str | None = strawberry.field(
        default=UNSET,
        description="What help the person needs; null clears it. Omitted → unchanged.",
    )


# --- 向人民汇报 ---------------------------------------------------------------------------------


@strawberry.input(description="A suggestion, complaint or question raised by a resident.")
class FeedbackItemInput:
    kind: FeedbackKind = strawberry.field(description="Suggestion, complaint or question.")
    content: str = strawberry.field(description="What the resident raised.")
    raised_by: str | None = strawberry.field(default=None, description="Who raised it, if they gave a name; optional.")
    contact_phone: str | None = strawberry.field(
        default=None,
        description="Where to send the reply, validated; optional.",
    )
    reply_due_on: dt.date | None = strawberry.field(default=None, description="Default: 15 days after the meeting.")


@strawberry.input(description="A 向人民汇报 meeting held in a village or community.")
class RecordPeopleReportMeetingInput:
    area_id: strawberry.ID = strawberry.field(description="A VILLAGE or COMMUNITY.")
    held_on: dt.date = strawberry.field(
        description="Day the meeting was held (deployment time zone); decides its quarter."
    )
    attendance: int = strawberry.field(description="How many people attended.")
    host_id: strawberry.ID | None = strawberry.field(default=None, description="The hosting officer (User).")
    summary: str | None = strawberry.field(default=None, description="Summary of the meeting; optional.")
    report_period: PeriodInput | None = strawberry.field(
        default=None, description="Figures to report; default: the last full quarter before the meeting."
    )
    feedback: list[FeedbackItemInput] = strawberry.field(
        default_factory=list,
        description="Suggestions, complaints and questions raised; none by default.",
    )


@strawberry.input(description="Feedback raised after the meeting was recorded.")
class AddFeedbackItemInput:
    meeting_id: strawberry.ID = strawberry.field(description="Global id of the 向人民汇报 meeting where it was raised.")
    kind: FeedbackKind = strawberry.field(description="Suggestion, complaint or question.")
    content: str = strawberry.field(description="What the resident raised.")
    raised_by: str | None = strawberry.field(default=None, description="Who raised it, if they gave a name; optional.")
    contact_phone: str | None = strawberry.field(
        default=None,
        description="Where to send the reply, validated; optional.",
    )
    reply_due_on: dt.date | None = strawberry.field(
        default=None,
        description="Deadline for the reply; default: 15 days after the meeting.",
    )


@strawberry.input(description="The reply to a feedback item.")
class ReplyFeedbackInput:
    feedback_id: strawberry.ID = strawberry.field(description="Global id of an OPEN feedback item.")
    reply: str = strawberry.field(description="The reply given to the resident (答复).")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the reply was given, for a paper register entered later (补录; default now); decides "
        "whether it was on time. Not in the future, not before the meeting, within the back-dating window.",
    )


# --- satisfaction and callbacks -----------------------------------------------------------------


@strawberry.input(description="A new satisfaction survey.")
class CreateSatisfactionSurveyInput:
    title: str = strawberry.field(description="Title shown to residents.")
    period: PeriodInput = strawberry.field(description="The period the survey asks about (inclusive dates).")
    questions: list[str] = strawberry.field(description="1 to 20 questions, each rated 1–5.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="The survey to close.")
class CloseSatisfactionSurveyInput:
    survey_id: strawberry.ID = strawberry.field(description="Global id of an OPEN survey; it stops taking answers.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the survey was closed, for a record entered later (补录; default now): not in the future, "
        "not before its last token or answer, within the back-dating window ([records] backdating_days).",
    )


@strawberry.input(description="How many answer tokens to issue.")
class IssueSurveyTokensInput:
    survey_id: strawberry.ID = strawberry.field(description="Global id of an OPEN survey.")
    count: int = strawberry.field(
        description=(
            "How many one-time answer tokens to issue (one per resident asked): 1 to [volunteers] "
            "max_survey_tokens_per_request, 500 unless configured."
        )
    )


@strawberry.input(description="A rating of one question.")
class SatisfactionAnswerInput:
    question_id: strawberry.ID = strawberry.field(description="Global id of a question of the token's survey.")
    rating: int = strawberry.field(description="1 (very dissatisfied) to 5 (very satisfied).")


@strawberry.input(description="A resident's answers, with the token they were given.")
class SubmitSatisfactionInput:
    token: str = strawberry.field(
        description="The one-time answer token the resident was given; a used token is refused."
    )
    answers: list[SatisfactionAnswerInput] = strawberry.field(description="One rating per question.")
    comment: str | None = strawberry.field(default=None, description="Free comment; optional.")


@strawberry.input(description="Draw a callback sample (回访抽样) for an ended period.")
class DrawCallbackSampleInput:
    period: PeriodInput = strawberry.field(
        description="An ended period (inclusive dates); items closed in it are the candidates."
    )
    size: int | None = strawberry.field(default=None, description="Items to draw; default from settings (10).")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.input(description="The outcome of one callback.")
class RecordCallbackInput:
    item_id: strawberry.ID = strawberry.field(
        description="Global id of a PENDING callback item (not one the caller handled)."
    )
    reached: bool = strawberry.field(description="Whether the person was reached.")
    rating: int | None = strawberry.field(default=None, description="1–5 rating heard; required when reached.")
    comment: str | None = strawberry.field(default=None, description="What the person said; optional.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the call was made, for a call entered later (补录; default now). Not in the future, "
        "not before the sample was drawn, within the back-dating window.",
    )
