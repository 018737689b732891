"""Root query fields of party building: thin resolvers over ``services``."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import (
    ApiError,
    PeriodInput,
    connection,
    decode_id,
    query_field,
    scoped,
)
from plugins.party_building import models
from plugins.party_building.services import compliance, meetings, stars
from plugins.party_building.services.common import month_key, settings, today
from plugins.party_building.types.branches import BranchFilter, PartyBranch, PartyMember, PartyMemberFilter
from plugins.party_building.types.compliance import (
    ComplianceTally,
    MeetingCompliance,
    MeetingOccurrence,
    MeetingTypeCompliance,
)
from plugins.party_building.types.facilities import FacilityItem, FacilityItemFilter
from plugins.party_building.types.meetings import MemberStudyHours, PartyMeeting, PartyMeetingFilter, StudyHoursReport
from plugins.party_building.types.responsibilities import (
    DutyPost,
    Responsibility,
    ResponsibilityCheck,
    ResponsibilityCheckFilter,
    ResponsibilityFilter,
)
from plugins.party_building.types.stars import StarCandidate, StarMonth, StarNomination, StarOfMonth

READ = "party_building.branch.read"
RESPONSIBILITY_READ = "party_building.responsibility.read"
STAR_READ = "party_building.star.read"
FACILITY_READ = "party_building.facility.read"


def one_station(info: Info, station_id: strawberry.ID | None) -> int:
    """The station a per-station answer is about: the caller's, or the named one for bureau admins."""
    actor = info.context.actor
    if actor.sees_all_stations:
        if station_id is None:
            raise ApiError("stationId is required for deployment-wide accounts.")
        return decode_id(station_id, "Station", field="stationId")
    if station_id is not None and decode_id(station_id, "Station", field="stationId") != actor.station_id:
        raise ApiError("stationId: Station not found.")
    return actor.station_id


@strawberry.type
class PartyBuildingQuery:
    @query_field(permission=READ, description="党支部 — party branches of the caller's station(s).")
    @connection(PartyBranch)
    async def branches(
        self,
        info: Info,
        filter: Annotated[
            BranchFilter | None,
            strawberry.argument(
                description="Narrow by station (bureau roles); omitted → every branch the caller may see."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.Branch)
        if filter and filter.station_id:
            queryset = queryset.filter(station_id=decode_id(filter.station_id, "Station", field="filter.stationId"))
        return queryset.order_by("id")

    @query_field(permission=READ, description="Party members (党员、预备党员、入党积极分子).")
    @connection(PartyMember)
    async def party_members(
        self,
        info: Info,
        filter: Annotated[
            PartyMemberFilter | None,
            strawberry.argument(description="Narrow by branch and status; former members only with includeFormer."),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.PartyMember)
        where = filter or PartyMemberFilter()
        if where.branch_id:
            queryset = queryset.filter(branch_id=decode_id(where.branch_id, "PartyBranch", field="filter.branchId"))
        if where.status:
            queryset = queryset.filter(status=where.status)
        if not where.include_former:
            queryset = queryset.filter(left_on__isnull=True)
        return queryset.order_by("id")

    @query_field(permission=READ, description="Meetings and study sessions, newest first.")
    @connection(PartyMeeting)
    async def party_meetings(
        self,
        info: Info,
        filter: Annotated[
            PartyMeetingFilter | None,
            strawberry.argument(description="Narrow by branch, type and the period they were held in (heldOn)."),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.PartyMeeting)
        where = filter or PartyMeetingFilter()
        if where.branch_id:
            queryset = queryset.filter(branch_id=decode_id(where.branch_id, "PartyBranch", field="filter.branchId"))
        if where.period:
            period = where.period.to_period()
            queryset = queryset.filter(held_on__gte=period.start, held_on__lte=period.end)
        if where.meeting_type:
            queryset = queryset.filter(meeting_type=where.meeting_type)
        return queryset.order_by("-held_on", "-id")

    @query_field(
        permission=READ,
        description=(
            "三会一课 cadence compliance: every required occurrence (week, month or quarter) whose due date "
            "falls in the period, per branch and meeting type, as HELD, LATE, MISSING or DUE, with rates."
        ),
    )
    async def meeting_compliance(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; an occurrence counts when its due date (the last "
                    "day of its week, month or quarter) falls in them."
                )
            ),
        ],
        branch_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this branch (global id); omitted → every branch in scope."),
        ] = None,
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only branches of this station (global id); omitted → every station the caller reaches."
            ),
        ] = None,
    ) -> MeetingCompliance:
        span = period.to_period()
        branch = decode_id(branch_id, "PartyBranch", field="branchId", required=False)
        station = decode_id(station_id, "Station", field="stationId", required=False)
        items = await compliance.meeting_compliance(info.context.actor, span, branch_id=branch, station_id=station)
        late_credit = settings().late_credit
        by_type = []
        for meeting_type, rule in compliance.rules(settings()):
            of_type = [item for item in items if item.meeting_type is meeting_type]
            tally = ComplianceTally.from_tally(compliance.tally(of_type), late_credit)
            by_type.append(MeetingTypeCompliance(meeting_type=meeting_type, cadence=rule, tally=tally))
        return MeetingCompliance(
            start=span.start,
            end=span.end,
            as_of=today(),
            overall=ComplianceTally.from_tally(compliance.tally(items), late_credit),
            by_type=by_type,
            occurrences=[MeetingOccurrence.from_item(item) for item in items],
        )

    @query_field(permission=READ, description="学习时长 — study hours per member in a period.")
    async def study_hours(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; a study session counts when it was held (heldOn) "
                    "in them, for members who belonged to a branch during the period."
                )
            ),
        ],
        branch_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only members of this branch (global id); omitted → every branch of the caller's station."
            ),
        ] = None,
    ) -> StudyHoursReport:
        span = period.to_period()
        branch = decode_id(branch_id, "PartyBranch", field="branchId", required=False)
        found = await meetings.study_hours(info.context.actor, span, branch)
        total = round(sum(item.hours for item in found), 2)
        return StudyHoursReport(
            start=span.start,
            end=span.end,
            total_hours=total,
            member_count=len(found),
            average_hours_per_member=round(total / len(found), 2) if found else None,
            members=[
                MemberStudyHours(member=PartyMember.from_row(item.member), hours=item.hours, sessions=item.sessions)
                for item in found
            ],
        )

    @query_field(permission=RESPONSIBILITY_READ, description="岗位 — posts with their two duties (一岗双责).")
    @connection(DutyPost)
    async def duty_posts(
        self,
        info: Info,
    ) -> QuerySet:
        return scoped(info.context.actor, models.DutyPost).order_by("id")

    @query_field(
        permission=RESPONSIBILITY_READ,
        description="Responsibilities bound to people and points, soonest check first; filter overdue: true lists "
        "those whose check is overdue.",
    )
    @connection(Responsibility)
    async def responsibilities(
        self,
        info: Info,
        filter: Annotated[
            ResponsibilityFilter | None,
            strawberry.argument(
                description="Narrow by holder, post, duty kind and overdue; omitted → all responsibilities in scope."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.Responsibility)
        where = filter or ResponsibilityFilter()
        if where.holder_id:
            queryset = queryset.filter(holder_id=decode_id(where.holder_id, "User", field="filter.holderId"))
        if where.post_id:
            queryset = queryset.filter(post_id=decode_id(where.post_id, "DutyPost", field="filter.postId"))
        if where.kind:
            queryset = queryset.filter(kind=where.kind)
        if where.overdue is True:
            queryset = queryset.filter(next_check_due__lt=today())
        elif where.overdue is False:
            queryset = queryset.filter(next_check_due__gte=today())
        return queryset.order_by("next_check_due", "id")

    @query_field(permission=RESPONSIBILITY_READ, description="Responsibility checks, newest first.")
    @connection(ResponsibilityCheck)
    async def responsibility_checks(
        self,
        info: Info,
        filter: Annotated[
            ResponsibilityCheckFilter | None,
            strawberry.argument(description="Narrow by responsibility and on-time; omitted → all checks in scope."),
        ] = None,
        period: Annotated[
            PeriodInput | None,
            strawberry.argument(
                description="Only checks made (checkedOn) on these inclusive dates; omitted → any date."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.ResponsibilityCheck)
        where = filter or ResponsibilityCheckFilter()
        if where.responsibility_id:
            pk = decode_id(where.responsibility_id, "Responsibility", field="filter.responsibilityId")
            queryset = queryset.filter(responsibility_id=pk)
        if period:
            span = period.to_period()
            queryset = queryset.filter(checked_on__gte=span.start, checked_on__lte=span.end)
        if where.on_time is not None:
            queryset = queryset.filter(on_time=where.on_time)
        return queryset.order_by("-checked_on", "-id")

    @query_field(permission=STAR_READ, description="警营之星 nominations of a month (YYYY-MM), with evidence.")
    @connection(StarNomination)
    async def star_nominations(
        self,
        info: Info,
        month: Annotated[str, strawberry.argument(description="Calendar month, YYYY-MM (deployment time zone).")],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of the station; required for bureau admins, omitted (or the caller's own) for station "
                    "roles."
                )
            ),
        ] = None,
    ) -> QuerySet:
        key, _ = month_key(month)
        station = decode_id(station_id, "Station", field="stationId", required=False)
        queryset = scoped(info.context.actor, models.StarNomination).filter(month=key)
        if station is not None:
            queryset = queryset.filter(station_id=station)
        return queryset.order_by("id")

    @query_field(permission=STAR_READ, description="A month of 警营之星: calendar, phase, candidates and star.")
    async def star_month(
        self,
        info: Info,
        month: Annotated[str, strawberry.argument(description="Calendar month, YYYY-MM (deployment time zone).")],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of the station; required for bureau admins, omitted (or the caller's own) for station "
                    "roles."
                )
            ),
        ] = None,
    ) -> StarMonth:
        actor = info.context.actor
        calendar = stars.star_calendar(month)
        station = one_station(info, station_id)
        award = await scoped(actor, models.StarAward).get_or_none(station_id=station, month=calendar.month)
        phase = calendar.phase(today(), closed=award is not None)
        show_votes = phase is stars.StarPhase.CLOSED or actor.has("party_building.star.manage")
        ranked = await stars.candidates(station, calendar.month)
        mine = {"station_id": station, "month": calendar.month}
        return StarMonth(
            month=calendar.month,
            phase=phase,
            nomination_start=calendar.period.start,
            nomination_end=calendar.nomination_end,
            voting_start=calendar.voting_start,
            voting_end=calendar.voting_end,
            candidates=[
                StarCandidate(
                    nomination_count=c.nominations, vote_count=c.votes if show_votes else None, _user_id=c.user_id
                )
                for c in (ranked if show_votes else sorted(ranked, key=lambda c: c.first_nomination_id))
            ],
            viewer_has_nominated=await scoped(actor, models.StarNomination)
            .filter(**mine, nominator_id=actor.user_id)
            .exists(),
            viewer_has_voted=await scoped(actor, models.StarVote).filter(**mine, voter_id=actor.user_id).exists(),
            star=StarOfMonth.from_row(award) if award else None,
        )

    @query_field(permission=STAR_READ, description="警营之星 of a month (YYYY-MM); null until the month is closed.")
    async def star_of_month(
        self,
        info: Info,
        month: Annotated[str, strawberry.argument(description="Calendar month, YYYY-MM (deployment time zone).")],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of the station; required for bureau admins, omitted (or the caller's own) for station "
                    "roles."
                )
            ),
        ] = None,
    ) -> StarOfMonth | None:
        key, _ = month_key(month)
        station = one_station(info, station_id)
        award = await scoped(info.context.actor, models.StarAward).get_or_none(station_id=station, month=key)
        return StarOfMonth.from_row(award) if award else None

    @query_field(permission=STAR_READ, description="Stars of past months, newest first (警营之星 history).")
    @connection(StarOfMonth)
    async def star_history(
        self,
        info: Info,
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only stars of this station (global id); omitted → every station the caller may see."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.StarAward)
        if station_id is not None:
            queryset = queryset.filter(station_id=decode_id(station_id, "Station", field="stationId"))
        return queryset.order_by("-month", "id")

    @query_field(permission=FACILITY_READ, description="五小工程 facility items of the caller's station(s).")
    @connection(FacilityItem)
    async def facility_items(
        self,
        info: Info,
        filter: Annotated[
            FacilityItemFilter | None,
            strawberry.argument(description="Narrow by kind and status; omitted → every item in scope."),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.FacilityItem)
        if filter and filter.kind:
            queryset = queryset.filter(kind=filter.kind)
        if filter and filter.status:
            queryset = queryset.filter(status=filter.status)
        return queryset.order_by("id")
