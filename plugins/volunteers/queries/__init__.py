"""Root query fields of the volunteers plugin; thin, the rules live in services."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core import (
    AreaNode,
    PeriodInput,
    connection,
    decode_id,
    query_field,
    scoped,
)
from plugins.volunteers import models
from plugins.volunteers.services import callbacks, care, hours, meetings, satisfaction
from plugins.volunteers.services.common import period_bounds, target_station, today
from plugins.volunteers.types import inputs
from plugins.volunteers.types.care import CareRecipient
from plugins.volunteers.types.common import feature_errors, gid
from plugins.volunteers.types.enums import MeetingComplianceStatus
from plugins.volunteers.types.meetings import (
    FeedbackItem,
    PeopleReportCompliance,
    PeopleReportMeeting,
    PeopleReportPack,
)
from plugins.volunteers.types.satisfaction import (
    CallbackSample,
    CallbackSampleCheck,
    PublicSurvey,
    SatisfactionResponse,
    SatisfactionStats,
    SatisfactionSurvey,
    SurveyQuestion,
)
from plugins.volunteers.types.volunteers import (
    OrganizationHoursRank,
    Volunteer,
    VolunteerActivity,
    VolunteerHoursRank,
    VolunteerOrganization,
)


def _pk(global_id: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return decode_id(global_id, type_name, field=field, required=False)


def _common(queryset, where):
    """The station filter every list offers (useful to bureau admins, who see all stations)."""
    if where is None:
        return queryset
    station_id = _pk(getattr(where, "station_id", None), "Station", "filter.stationId")
    if station_id is not None:
        queryset = queryset.filter(station_id=station_id)
    return queryset


def _equal(queryset, **values):
    return queryset.filter(**{name: value for name, value in values.items() if value is not None})


def _within(queryset, column: str, period: PeriodInput | None):
    if period is None:
        return queryset
    window = period.to_period()
    if column.endswith("_at"):
        start, end = period_bounds(window)
        return queryset.filter(**{f"{column}__gte": start, f"{column}__lt": end})
    return queryset.filter(**{f"{column}__gte": window.start, f"{column}__lte": window.end})


async def _query_station(info: Info, station_id: strawberry.ID | None) -> int | None:
    """A station for a statistics query: the caller's own, or any one (or all) for bureau admins."""
    actor = info.context.actor
    pk = _pk(station_id, "Station", "stationId")
    if pk is None and actor.sees_all_stations:
        return None
    with feature_errors():
        return await target_station(actor, pk)


@strawberry.type
class VolunteersQuery:
    @query_field(permission="volunteers.organization.read", description="Volunteer organisations (志愿组织).")
    @connection(VolunteerOrganization)
    async def volunteer_organizations(
        self,
        info: Info,
        filter: Annotated[
            inputs.VolunteerOrganizationFilter | None,
            strawberry.argument(
                description="Narrow by kind, active and station; omitted → every organisation in scope."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.VolunteerOrganization), filter)
        if filter is not None:
            queryset = _equal(queryset, kind=filter.kind, is_active=filter.is_active)
        return queryset.order_by("name", "id")

    @query_field(permission="volunteers.volunteer.read", description="Volunteers (志愿者).")
    @connection(Volunteer)
    async def volunteers(
        self,
        info: Info,
        filter: Annotated[
            inputs.VolunteerFilter | None,
            strawberry.argument(
                description="Narrow by organisation, area, status, party membership, deputy and station."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.Volunteer), filter)
        if filter is not None:
            queryset = _equal(
                queryset,
                organization_id=_pk(filter.organization_id, "VolunteerOrganization", "filter.organizationId"),
                area_links__area_id=_pk(filter.area_id, "Area", "filter.areaId"),
                status=filter.status,
                is_party_member=filter.is_party_member,
                deputy=filter.deputy,
            ).distinct()
        return queryset.order_by("id")

    @query_field(permission="volunteers.activity.read", description="Volunteer activities, newest first.")
    @connection(VolunteerActivity)
    async def volunteer_activities(
        self,
        info: Info,
        filter: Annotated[
            inputs.VolunteerActivityFilter | None,
            strawberry.argument(description="Narrow by kind, area, organisation, volunteer, start period and station."),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.VolunteerActivity), filter)
        if filter is not None:
            if filter.kind is not None:
                queryset = queryset.filter(kind__in=models.ActivityKind.spellings(filter.kind))
            queryset = _equal(
                queryset,
                area_id=_pk(filter.area_id, "Area", "filter.areaId"),
                organization_id=_pk(filter.organization_id, "VolunteerOrganization", "filter.organizationId"),
                participants__volunteer_id=_pk(filter.volunteer_id, "Volunteer", "filter.volunteerId"),
            )
            queryset = _within(queryset, "started_at", filter.period).distinct()
        return queryset.order_by("-started_at", "-id")

    @query_field(permission="volunteers.volunteer.read", description="Volunteers ranked by service hours in a period.")
    async def volunteer_hours_ranking(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; hours count when the activity started (startedAt) "
                    "in them."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station (bureau roles); omitted → the caller's own station, or every station "
                    "for bureau roles."
                )
            ),
        ] = None,
        first: Annotated[
            int,
            strawberry.argument(description="Places to return (top N): 10 by default, held between 1 and 200."),
        ] = 10,
    ) -> list[VolunteerHoursRank]:
        station = await _query_station(info, station_id)
        ranked = await hours.ranking(
            info.context.actor, "volunteer_id", period.to_period(), station_id=station, limit=first
        )
        rows = {
            row.id: row
            for row in await scoped(info.context.actor, models.Volunteer).filter(id__in=[r.key for r in ranked])
        }
        return [
            VolunteerHoursRank(
                rank=r.rank, volunteer=Volunteer.from_row(rows[r.key]), hours=r.hours, activities=r.activities
            )
            for r in ranked
        ]

    @query_field(
        permission="volunteers.organization.read", description="Organisations ranked by service hours in a period."
    )
    async def organization_hours_ranking(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; hours count when the activity started (startedAt) "
                    "in them."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station (bureau roles); omitted → the caller's own station, or every station "
                    "for bureau roles."
                )
            ),
        ] = None,
        first: Annotated[
            int,
            strawberry.argument(description="Places to return (top N): 10 by default, held between 1 and 200."),
        ] = 10,
    ) -> list[OrganizationHoursRank]:
        actor = info.context.actor
        station = await _query_station(info, station_id)
        ranked = await hours.ranking(actor, "organization_id", period.to_period(), station_id=station, limit=first)
        rows = {
            row.id: row
            for row in await scoped(actor, models.VolunteerOrganization).filter(id__in=[r.key for r in ranked])
        }
        return [
            OrganizationHoursRank(
                rank=r.rank,
                organization=VolunteerOrganization.from_row(rows[r.key]),
                hours=r.hours,
                activities=r.activities,
            )
            for r in ranked
        ]

    @query_field(
        permission="volunteers.care.read",
        description="The care register (关爱对象); people under 14 only for roles that may see minors.",
    )
    @connection(CareRecipient)
    async def care_recipients(
        self,
        info: Info,
        filter: Annotated[
            inputs.CareRecipientFilter | None,
            strawberry.argument(description="Narrow by kind, area, status, overdue and station."),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.CareRecipient), filter)
        if filter is not None:
            queryset = _equal(
                queryset,
                kind=filter.kind,
                area_id=_pk(filter.area_id, "Area", "filter.areaId"),
                status=filter.status,
            )
            if filter.overdue is not None:
                overdue = Q(status=models.CareRecipientStatus.ACTIVE, next_visit_due__lt=today())
                queryset = queryset.filter(overdue if filter.overdue else ~overdue)
        return queryset.order_by("id")

    @query_field(
        permission="volunteers.care.read", description="People whose care visit is overdue, most overdue first."
    )
    @connection(CareRecipient)
    async def overdue_care_visits(
        self,
        info: Info,
    ) -> QuerySet:
        return care.overdue(info.context.actor)

    @query_field(permission="volunteers.meeting.read", description="向人民汇报 meetings, newest first.")
    @connection(PeopleReportMeeting)
    async def people_report_meetings(
        self,
        info: Info,
        filter: Annotated[
            inputs.PeopleReportMeetingFilter | None,
            strawberry.argument(description="Narrow by area, quarter, held-on period and station."),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.PeopleReportMeeting), filter)
        if filter is not None:
            queryset = _equal(queryset, area_id=_pk(filter.area_id, "Area", "filter.areaId"), quarter=filter.quarter)
            queryset = _within(queryset, "held_on", filter.period)
        return queryset.order_by("-held_on", "-id")

    @query_field(
        permission="volunteers.meeting.read",
        description="Preview the report pack of a station for a period (the figures a meeting would report).",
    )
    async def people_report_pack(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description="Inclusive dates (deployment time zone) the figures cover, as each indicator counts them."
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of the station; required for bureau roles, omitted for station roles (their own)."
                )
            ),
        ] = None,
    ) -> PeopleReportPack:
        with feature_errors():
            station = await target_station(info.context.actor, _pk(station_id, "Station", "stationId"))
        return PeopleReportPack.from_json(await meetings.report_pack(station, period.to_period()))

    @query_field(
        permission="volunteers.meeting.read",
        description="Which villages/communities held their quarterly 向人民汇报 meeting, quarter by quarter.",
    )
    async def people_report_compliance(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(description="Inclusive dates; every calendar quarter overlapping them is checked."),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station (bureau roles); omitted → the caller's own station, or every station "
                    "for bureau roles."
                )
            ),
        ] = None,
        missing_only: Annotated[
            bool,
            strawberry.argument(
                description="True: only village/quarter pairs without a meeting (MISSING); false by default."
            ),
        ] = False,
    ) -> list[PeopleReportCompliance]:
        station = await _query_station(info, station_id)
        rows = await meetings.compliance(info.context.actor, period.to_period(), station_id=station)
        return [
            PeopleReportCompliance(
                area=AreaNode.from_row(row.area),
                station_id=gid("Station", row.area.station_id),
                quarter=row.quarter,
                meetings=row.meetings,
                status=MeetingComplianceStatus(row.status),
            )
            for row in rows
            if not missing_only or row.status == "MISSING"
        ]

    @query_field(
        permission="volunteers.feedback.read", description="Feedback raised at 向人民汇报 meetings, by deadline."
    )
    @connection(FeedbackItem)
    async def feedback_items(
        self,
        info: Info,
        filter: Annotated[
            inputs.FeedbackItemFilter | None,
            strawberry.argument(description="Narrow by status, kind, meeting, overdue and station."),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.FeedbackItem), filter)
        if filter is not None:
            queryset = _equal(
                queryset,
                status=filter.status,
                kind=filter.kind,
                meeting_id=_pk(filter.meeting_id, "PeopleReportMeeting", "filter.meetingId"),
            )
            if filter.overdue:
                queryset = meetings.overdue_feedback(queryset)
        return queryset.order_by("reply_due_on", "id")

    @query_field(permission="volunteers.survey.read", description="Satisfaction surveys, newest period first.")
    @connection(SatisfactionSurvey)
    async def satisfaction_surveys(
        self,
        info: Info,
        filter: Annotated[
            inputs.SatisfactionSurveyFilter | None,
            strawberry.argument(description="Narrow by status and station."),
        ] = None,
    ) -> QuerySet:
        queryset = _common(scoped(info.context.actor, models.SatisfactionSurvey), filter)
        if filter is not None:
            queryset = _equal(queryset, status=filter.status)
        return queryset.order_by("-period_start", "-id")

    @query_field(permission="volunteers.survey.read", description="Survey responses, newest first.")
    @connection(SatisfactionResponse)
    async def satisfaction_responses(
        self,
        info: Info,
        filter: Annotated[
            inputs.SatisfactionResponseFilter | None,
            strawberry.argument(description="Narrow by survey; omitted → all responses in scope."),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.SatisfactionResponse)
        if filter is not None:
            queryset = _equal(queryset, survey_id=_pk(filter.survey_id, "SatisfactionSurvey", "filter.surveyId"))
        return queryset.order_by("-submitted_at", "-id")

    @query_field(
        permission="volunteers.survey.read",
        description="群众满意度 of a period: responses, mean, share satisfied (4 or 5), per question; callbacks.",
    )
    async def satisfaction_stats(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; responses count by when they were submitted, "
                    "callbacks by when they were made."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station (bureau roles); omitted → the caller's own station, or every station "
                    "for bureau roles."
                )
            ),
        ] = None,
    ) -> SatisfactionStats:
        station = await _query_station(info, station_id)
        figures = await satisfaction.stats(info.context.actor, period.to_period(), station_id=station)
        return SatisfactionStats.of(figures)

    @query_field(
        public=True,
        description="The survey a token belongs to, so a resident can answer it; null for an unknown token.",
    )
    async def satisfaction_survey_for_token(
        self,
        info: Info,
        token: Annotated[
            str,
            strawberry.argument(description="The answer token the resident was given. Public: no login needed."),
        ],
    ) -> PublicSurvey | None:
        found = await satisfaction.survey_for_token(token)
        if found is None:
            return None
        survey, questions, answered = found
        return PublicSurvey(
            title=survey.title,
            period_start=survey.period_start,
            period_end=survey.period_end,
            questions=[SurveyQuestion.from_row(row) for row in questions],
            answered=answered,
            open=survey.status is models.SurveyStatus.OPEN,
        )

    @query_field(permission="volunteers.callback.read", description="Callback samples (回访抽样), newest first.")
    @connection(CallbackSample)
    async def callback_samples(
        self,
        info: Info,
    ) -> QuerySet:
        return callbacks.samples(info.context.actor).order_by("-drawn_at", "-id")

    @query_field(
        permission="volunteers.callback.read",
        description="Repeat a sample's draw from its seed and candidates to show it was not steered.",
    )
    async def callback_sample_check(
        self,
        info: Info,
        sample_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="Global id of the callback sample to re-check."),
        ],
    ) -> CallbackSampleCheck:
        pk = decode_id(sample_id, "CallbackSample", field="sampleId")
        sample, check = await callbacks.verify_sample(info.context.actor, pk)
        return CallbackSampleCheck(
            sample=CallbackSample.from_row(sample),
            candidate_count=check.candidate_count,
            digest_matches=check.digest_matches,
            draw_matches=check.draw_matches,
            candidates_unchanged=check.candidates_unchanged,
        )
