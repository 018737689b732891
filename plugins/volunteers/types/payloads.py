"""Mutation payloads: the changed object (null on error) and ``errors``."""

import strawberry

from core import UserError
from plugins.volunteers.types.care import CareRecipient
from plugins.volunteers.types.meetings import FeedbackItem, PeopleReportMeeting
from plugins.volunteers.types.satisfaction import CallbackItem, CallbackSample, SatisfactionSurvey
from plugins.volunteers.types.volunteers import Volunteer, VolunteerActivity, VolunteerOrganization


def _errors():
    return strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of createVolunteerOrganization.")
class CreateVolunteerOrganizationPayload:
    organization: VolunteerOrganization | None = strawberry.field(
        default=None,
        description="The organisation after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of updateVolunteerOrganization.")
class UpdateVolunteerOrganizationPayload:
    organization: VolunteerOrganization | None = strawberry.field(
        default=None,
        description="The organisation after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of registerVolunteer.")
class RegisterVolunteerPayload:
    volunteer: Volunteer | None = strawberry.field(
        default=None,
        description="The volunteer after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of updateVolunteer.")
class UpdateVolunteerPayload:
    volunteer: Volunteer | None = strawberry.field(
        default=None,
        description="The volunteer after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of recordActivity.")
class RecordActivityPayload:
    activity: VolunteerActivity | None = strawberry.field(
        default=None,
        description="The activity recorded after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of registerCareRecipient.")
class RegisterCareRecipientPayload:
    care_recipient: CareRecipient | None = strawberry.field(
        default=None,
        description="The person in the care register after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of updateCareRecipient.")
class UpdateCareRecipientPayload:
    care_recipient: CareRecipient | None = strawberry.field(
        default=None,
        description="The person in the care register after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of recordPeopleReportMeeting.")
class RecordPeopleReportMeetingPayload:
    meeting: PeopleReportMeeting | None = strawberry.field(
        default=None,
        description=(
            "The meeting recorded, with its frozen report pack after the change; null when the input was refused."
        ),
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of addFeedbackItem.")
class AddFeedbackItemPayload:
    feedback_item: FeedbackItem | None = strawberry.field(
        default=None,
        description="The feedback item after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of replyFeedback.")
class ReplyFeedbackPayload:
    feedback_item: FeedbackItem | None = strawberry.field(
        default=None,
        description="The feedback item after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of createSatisfactionSurvey.")
class CreateSatisfactionSurveyPayload:
    survey: SatisfactionSurvey | None = strawberry.field(
        default=None,
        description="The survey after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of closeSatisfactionSurvey.")
class CloseSatisfactionSurveyPayload:
    survey: SatisfactionSurvey | None = strawberry.field(
        default=None,
        description="The survey after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of issueSurveyTokens: the tokens, shown this once only.")
class IssueSurveyTokensPayload:
    survey: SatisfactionSurvey | None = strawberry.field(
        default=None,
        description="The survey after the change; null when the input was refused.",
    )
    tokens: list[str] | None = strawberry.field(
        default=None,
        description=(
            "The one-time answer tokens, shown only in this answer: hand one to each resident asked; null when "
            "refused."
        ),
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of submitSatisfaction.")
class SubmitSatisfactionPayload:
    accepted: bool | None = strawberry.field(
        default=None,
        description="True when the answers were stored; null when refused (e.g. a used or unknown token).",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of drawCallbackSample.")
class DrawCallbackSamplePayload:
    sample: CallbackSample | None = strawberry.field(
        default=None,
        description="The sample drawn, with its items after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of recordCallback.")
class RecordCallbackPayload:
    item: CallbackItem | None = strawberry.field(
        default=None,
        description="The callback item with its outcome after the change; null when the input was refused.",
    )
    errors: list[UserError] = _errors()
