"""Root mutations of the volunteers plugin; thin, the rules live in services. The core runs
each in one transaction and turns a refused input into ``errors`` with nothing written."""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from core import decode_id, mutation_field
from plugins.volunteers.services import activities, callbacks, care, meetings, satisfaction, volunteers
from plugins.volunteers.services.common import UNCHANGED
from plugins.volunteers.types import inputs
from plugins.volunteers.types import payloads as p
from plugins.volunteers.types.care import CareRecipient
from plugins.volunteers.types.meetings import FeedbackItem, PeopleReportMeeting
from plugins.volunteers.types.satisfaction import CallbackItem, CallbackSample, SatisfactionSurvey
from plugins.volunteers.types.volunteers import Volunteer, VolunteerActivity, VolunteerOrganization


def _id(value: Any, type_name: str, field: str) -> int | None:
    return decode_id(value, type_name, field=field, required=False)


def _ids(values: list[Any] | None, type_name: str, field: str) -> list[int]:
    return [decode_id(value, type_name, field=f"{field}.{index}") for index, value in enumerate(values or [])]


def _given(value: Any) -> Any:
    """An update field: UNCHANGED when left out of the input."""
    return UNCHANGED if value is strawberry.UNSET else value


def _given_id(value: Any, type_name: str, field: str) -> Any:
    if value is strawberry.UNSET:
        return UNCHANGED
    return None if value is None else decode_id(value, type_name, field=field)


def _feedback(item: Any) -> meetings.FeedbackSpec:
    return meetings.FeedbackSpec(item.kind, item.content, item.raised_by, item.contact_phone, item.reply_due_on)


@strawberry.type
class VolunteersMutation:
    @mutation_field(permission="volunteers.organization.manage", description="Register a volunteer organisation.")
    async def create_volunteer_organization(
        self,
        info: Info,
        input: Annotated[
            inputs.CreateVolunteerOrganizationInput,
            strawberry.argument(description="Name, kind, description and contact of the organisation."),
        ],
    ) -> p.CreateVolunteerOrganizationPayload:
        row = await volunteers.create_organization(
            info.context.actor,
            station_id=_id(input.station_id, "Station", "stationId"),
            name=input.name,
            kind=input.kind,
            description=input.description,
            contact_name=input.contact_name,
            contact_phone=input.contact_phone,
        )
        return p.CreateVolunteerOrganizationPayload(organization=VolunteerOrganization.from_row(row))

    @mutation_field(permission="volunteers.organization.manage", description="Edit or deactivate an organisation.")
    async def update_volunteer_organization(
        self,
        info: Info,
        input: Annotated[
            inputs.UpdateVolunteerOrganizationInput,
            strawberry.argument(description="The organisation and the values to change."),
        ],
    ) -> p.UpdateVolunteerOrganizationPayload:
        row = await volunteers.update_organization(
            info.context.actor,
            decode_id(input.organization_id, "VolunteerOrganization", field="organizationId"),
            name=_given(input.name),
            kind=_given(input.kind),
            description=_given(input.description),
            contact_name=_given(input.contact_name),
            contact_phone=_given(input.contact_phone),
            is_active=_given(input.is_active),
        )
        return p.UpdateVolunteerOrganizationPayload(organization=VolunteerOrganization.from_row(row))

    @mutation_field(permission="volunteers.volunteer.manage", description="Register a volunteer (志愿者登记).")
    async def register_volunteer(
        self,
        info: Info,
        input: Annotated[
            inputs.RegisterVolunteerInput,
            strawberry.argument(description="The volunteer's name, phone, organisation, skills and areas."),
        ],
    ) -> p.RegisterVolunteerPayload:
        row = await volunteers.register_volunteer(
            info.context.actor,
            station_id=_id(input.station_id, "Station", "stationId"),
            name=input.name,
            phone=input.phone,
            organization_id=_id(input.organization_id, "VolunteerOrganization", "organizationId"),
            user_id=_id(input.user_id, "User", "userId"),
            skills=input.skills,
            area_ids=_ids(input.area_ids, "Area", "areaIds"),
            is_party_member=input.is_party_member,
            is_cadre=input.is_cadre,
            deputy=input.deputy,
            joined_on=input.joined_on,
        )
        return p.RegisterVolunteerPayload(volunteer=Volunteer.from_row(row))

    @mutation_field(
        permission="volunteers.volunteer.manage", description="Edit a volunteer, e.g. suspend or move them."
    )
    async def update_volunteer(
        self,
        info: Info,
        input: Annotated[
            inputs.UpdateVolunteerInput,
            strawberry.argument(description="The volunteer and the values to change."),
        ],
    ) -> p.UpdateVolunteerPayload:
        area_ids = _given(input.area_ids)
        row = await volunteers.update_volunteer(
            info.context.actor,
            decode_id(input.volunteer_id, "Volunteer", field="volunteerId"),
            name=_given(input.name),
            phone=_given(input.phone),
            organization_id=_given_id(input.organization_id, "VolunteerOrganization", "organizationId"),
            user_id=_given_id(input.user_id, "User", "userId"),
            skills=_given(input.skills),
            area_ids=area_ids if area_ids is UNCHANGED else _ids(area_ids, "Area", "areaIds"),
            status=_given(input.status),
            is_party_member=_given(input.is_party_member),
            is_cadre=_given(input.is_cadre),
            deputy=_given(input.deputy),
        )
        return p.UpdateVolunteerPayload(volunteer=Volunteer.from_row(row))

    @mutation_field(
        permission="volunteers.activity.record",
        description="Record an activity with its participants and hours; a CARE_VISIT marks the people visited.",
    )
    async def record_activity(
        self,
        info: Info,
        input: Annotated[
            inputs.RecordActivityInput,
            strawberry.argument(description="Kind, title, start, hours and participants of the activity."),
        ],
    ) -> p.RecordActivityPayload:
        participants = [
            activities.Participant(
                decode_id(item.volunteer_id, "Volunteer", field=f"participants.{index}.volunteerId"), item.hours
            )
            for index, item in enumerate(input.participants)
        ]
        row = await activities.record_activity(
            info.context.actor,
            station_id=_id(input.station_id, "Station", "stationId"),
            kind=input.kind,
            title=input.title,
            started_at=input.started_at,
            hours=input.hours,
            participants=participants,
            area_id=_id(input.area_id, "Area", "areaId"),
            organization_id=_id(input.organization_id, "VolunteerOrganization", "organizationId"),
            description=input.description,
            care_recipient_ids=_ids(input.care_recipient_ids, "CareRecipient", "careRecipientIds"),
            care_visit_locations={
                decode_id(
                    item.care_recipient_id, "CareRecipient", field=f"careVisitLocations.{index}.careRecipientId"
                ): (item.location)
                for index, item in enumerate(input.care_visit_locations)
            },
        )
        return p.RecordActivityPayload(activity=VolunteerActivity.from_row(row))

    @mutation_field(permission="volunteers.care.manage", description="Add a person to the care register (关爱对象).")
    async def register_care_recipient(
        self,
        info: Info,
        input: Annotated[
            inputs.RegisterCareRecipientInput,
            strawberry.argument(description="The person to add to the care register (关爱对象)."),
        ],
    ) -> p.RegisterCareRecipientPayload:
        row = await care.register_care_recipient(
            info.context.actor,
            kind=input.kind,
            name=input.name,
            area_id=decode_id(input.area_id, "Area", field="areaId"),
            birth_date=input.birth_date,
            id_number=input.id_number,
            phone=input.phone,
            address=input.address,
            guardian_name=input.guardian_name,
            guardian_phone=input.guardian_phone,
            needs=input.needs,
            visit_interval_days=input.visit_interval_days,
            registered_on=input.registered_on,
            responsible_user_id=(
                decode_id(input.responsible_user_id, "User", field="responsibleUserId")
                if input.responsible_user_id is not None
                else None
            ),
        )
        return p.RegisterCareRecipientPayload(care_recipient=CareRecipient.from_row(row))

    @mutation_field(permission="volunteers.care.manage", description="Change a person's cadence, status or details.")
    async def update_care_recipient(
        self,
        info: Info,
        input: Annotated[
            inputs.UpdateCareRecipientInput,
            strawberry.argument(description="The person and the values to change."),
        ],
    ) -> p.UpdateCareRecipientPayload:
        row = await care.update_care_recipient(
            info.context.actor,
            decode_id(input.care_recipient_id, "CareRecipient", field="careRecipientId"),
            visit_interval_days=_given(input.visit_interval_days),
            status=_given(input.status),
            area_id=_given_id(input.area_id, "Area", "areaId"),
            responsible_user_id=_given_id(input.responsible_user_id, "User", "responsibleUserId"),
            phone=_given(input.phone),
            address=_given(input.address),
            guardian_name=_given(input.guardian_name),
            guardian_phone=_given(input.guardian_phone),
            needs=_given(input.needs),
        )
        return p.UpdateCareRecipientPayload(care_recipient=CareRecipient.from_row(row))

    @mutation_field(
        permission="volunteers.meeting.record",
        description="Record a 向人民汇报 meeting; its report pack is generated from the station's figures.",
    )
    async def record_people_report_meeting(
        self,
        info: Info,
        input: Annotated[
            inputs.RecordPeopleReportMeetingInput,
            strawberry.argument(description="The village or community, date, attendance and feedback raised."),
        ],
    ) -> p.RecordPeopleReportMeetingPayload:
        row = await meetings.record_meeting(
            info.context.actor,
            area_id=decode_id(input.area_id, "Area", field="areaId"),
            held_on=input.held_on,
            attendance=input.attendance,
            host_user_id=_id(input.host_id, "User", "hostId"),
            summary=input.summary,
            report_period=input.report_period.to_period() if input.report_period else None,
            feedback=[_feedback(item) for item in input.feedback],
        )
        return p.RecordPeopleReportMeetingPayload(meeting=PeopleReportMeeting.from_row(row))

    @mutation_field(permission="volunteers.meeting.record", description="Add feedback raised after a meeting.")
    async def add_feedback_item(
        self,
        info: Info,
        input: Annotated[
            inputs.AddFeedbackItemInput,
            strawberry.argument(description="The meeting and the feedback raised after it was recorded."),
        ],
    ) -> p.AddFeedbackItemPayload:
        meeting_id = decode_id(input.meeting_id, "PeopleReportMeeting", field="meetingId")
        row = await meetings.add_feedback(info.context.actor, meeting_id, _feedback(input))
        return p.AddFeedbackItemPayload(feedback_item=FeedbackItem.from_row(row))

    @mutation_field(permission="volunteers.feedback.reply", description="Reply to feedback (答复群众意见).")
    async def reply_feedback(
        self,
        info: Info,
        input: Annotated[
            inputs.ReplyFeedbackInput,
            strawberry.argument(description="The feedback item and the reply given."),
        ],
    ) -> p.ReplyFeedbackPayload:
        feedback_id = decode_id(input.feedback_id, "FeedbackItem", field="feedbackId")
        row = await meetings.reply_feedback(info.context.actor, feedback_id, input.reply, replied_at=input.occurred_at)
        return p.ReplyFeedbackPayload(feedback_item=FeedbackItem.from_row(row))

    @mutation_field(permission="volunteers.survey.manage", description="Create a satisfaction survey for a period.")
    async def create_satisfaction_survey(
        self,
        info: Info,
        input: Annotated[
            inputs.CreateSatisfactionSurveyInput,
            strawberry.argument(description="Title, period and questions of the survey."),
        ],
    ) -> p.CreateSatisfactionSurveyPayload:
        row = await satisfaction.create_survey(
            info.context.actor,
            station_id=_id(input.station_id, "Station", "stationId"),
            title=input.title,
            period=input.period.to_period(),
            questions=input.questions,
        )
        return p.CreateSatisfactionSurveyPayload(survey=SatisfactionSurvey.from_row(row))

    @mutation_field(permission="volunteers.survey.manage", description="Close a survey; it takes no more answers.")
    async def close_satisfaction_survey(
        self,
        info: Info,
        input: Annotated[inputs.CloseSatisfactionSurveyInput, strawberry.argument(description="The survey to close.")],
    ) -> p.CloseSatisfactionSurveyPayload:
        survey_id = decode_id(input.survey_id, "SatisfactionSurvey", field="surveyId")
        row = await satisfaction.close_survey(info.context.actor, survey_id, at=input.occurred_at)
        return p.CloseSatisfactionSurveyPayload(survey=SatisfactionSurvey.from_row(row))

    @mutation_field(
        permission="volunteers.survey.manage",
        description="Issue one-answer tokens for anonymous residents; the tokens are shown only in this answer.",
    )
    async def issue_survey_tokens(
        self,
        info: Info,
        input: Annotated[
            inputs.IssueSurveyTokensInput,
            strawberry.argument(description="The survey and how many tokens to issue."),
        ],
    ) -> p.IssueSurveyTokensPayload:
        survey_id = decode_id(input.survey_id, "SatisfactionSurvey", field="surveyId")
        row, tokens = await satisfaction.issue_tokens(info.context.actor, survey_id, input.count)
        return p.IssueSurveyTokensPayload(survey=SatisfactionSurvey.from_row(row), tokens=tokens)

    @mutation_field(
        public=True, description="Answer a satisfaction survey with a token (anonymous; one answer per token)."
    )
    async def submit_satisfaction(
        self,
        info: Info,
        input: Annotated[
            inputs.SubmitSatisfactionInput,
            strawberry.argument(description="The token and the resident's ratings. Public: no login needed."),
        ],
    ) -> p.SubmitSatisfactionPayload:
        answers = [
            satisfaction.Answer(
                decode_id(item.question_id, "SurveyQuestion", field=f"answers.{index}.questionId"), item.rating
            )
            for index, item in enumerate(input.answers)
        ]
        await satisfaction.submit(input.token, answers, input.comment)
        return p.SubmitSatisfactionPayload(accepted=True)

    @mutation_field(
        permission="volunteers.callback.draw",
        description="Draw a random callback sample (回访抽样) of the items closed in an ended period; once per period.",
    )
    async def draw_callback_sample(
        self,
        info: Info,
        input: Annotated[
            inputs.DrawCallbackSampleInput,
            strawberry.argument(description="The ended period and sample size."),
        ],
    ) -> p.DrawCallbackSamplePayload:
        row = await callbacks.draw_sample(
            info.context.actor,
            station_id=_id(input.station_id, "Station", "stationId"),
            period=input.period.to_period(),
            size=input.size,
        )
        return p.DrawCallbackSamplePayload(sample=CallbackSample.from_row(row))

    @mutation_field(
        permission="volunteers.callback.record",
        description="Record a callback's outcome; the item's handler may not record it.",
    )
    async def record_callback(
        self,
        info: Info,
        input: Annotated[
            inputs.RecordCallbackInput,
            strawberry.argument(description="The callback item and what the person said."),
        ],
    ) -> p.RecordCallbackPayload:
        item_id = decode_id(input.item_id, "CallbackItem", field="itemId")
        row = await callbacks.record_callback(
            info.context.actor,
            item_id,
            reached=input.reached,
            rating=input.rating,
            comment=input.comment,
            at=input.occurred_at,
        )
        return p.RecordCallbackPayload(item=CallbackItem.from_row(row))
