"""Mutation payloads: the changed object (null on error) and ``errors``."""

from __future__ import annotations

import strawberry

from core import UserError
from plugins.volunteers.types.care import CareRecipient
from plugins.volunteers.types.meetings import FeedbackItem, PeopleReportMeeting
from plugins.volunteers.types.satisfaction import CallbackItem, CallbackSample, SatisfactionSurvey
from plugins.volunteers.types.volunteers import Volunteer, VolunteerActivity, VolunteerOrganization


def _errors():
    return strawberry.field(default_factory=list)


@strawberry.type(description="Result of createVolunteerOrganization.")
class CreateVolunteerOrganizationPayload:
    organization: VolunteerOrganization | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of updateVolunteerOrganization.")
class UpdateVolunteerOrganizationPayload:
    organization: VolunteerOrganization | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of registerVolunteer.")
class RegisterVolunteerPayload:
    volunteer: Volunteer | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of updateVolunteer.")
class UpdateVolunteerPayload:
    volunteer: Volunteer | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of recordActivity.")
class RecordActivityPayload:
    activity: VolunteerActivity | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of registerCareRecipient.")
class RegisterCareRecipientPayload:
    care_recipient: CareRecipient | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of updateCareRecipient.")
class UpdateCareRecipientPayload:
    care_recipient: CareRecipient | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of recordPeopleReportMeeting.")
class RecordPeopleReportMeetingPayload:
    meeting: PeopleReportMeeting | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of addFeedbackItem.")
class AddFeedbackItemPayload:
    feedback_item: FeedbackItem | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of replyFeedback.")
class ReplyFeedbackPayload:
    feedback_item: FeedbackItem | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of createSatisfactionSurvey.")
class CreateSatisfactionSurveyPayload:
    survey: SatisfactionSurvey | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of closeSatisfactionSurvey.")
class CloseSatisfactionSurveyPayload:
    survey: SatisfactionSurvey | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of issueSurveyTokens: the tokens, shown this once only.")
class IssueSurveyTokensPayload:
    survey: SatisfactionSurvey | None = None
    tokens: list[str] | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of submitSatisfaction.")
class SubmitSatisfactionPayload:
    accepted: bool | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of drawCallbackSample.")
class DrawCallbackSamplePayload:
    sample: CallbackSample | None = None
    errors: list[UserError] = _errors()


@strawberry.type(description="Result of recordCallback.")
class RecordCallbackPayload:
    item: CallbackItem | None = None
    errors: list[UserError] = _errors()
