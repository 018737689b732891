"""GraphQL types of organisations, volunteers, activities and service hours."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import (
    AreaNode,
    Node,
    PeriodInput,
    RecordedStep,
    count_children,
    load_children,
    load_row,
    node_type,
    recorded_steps,
    reference,
    related_field,
    row_mapping,
)
from plugins.volunteers import models
from plugins.volunteers.services import hours as hours_service
from plugins.volunteers.services.common import period_bounds
from plugins.volunteers.types.care import CareVisit
from plugins.volunteers.types.common import load, period_key
from plugins.volunteers.types.enums import ActivityKind, DeputyKind, OrganizationKind, VolunteerStatus


@strawberry.type(description="Service hours (志愿服务时长) in a period.")
class ServiceHours:
    hours: float = strawberry.field(description="Hours served in the period (activities that started in it).")
    activities: int = strawberry.field(description="Activities taken part in.")


async def _service_hours(info: Info, column: str, key: int, period: PeriodInput) -> ServiceHours:
    window = period.to_period()

    async def batch(keys: list[int]) -> list[ServiceHours]:
        found = await hours_service.hours_by(info.context.actor, column, keys, window)
        return [
            ServiceHours(hours=round(found[k].hours, 2), activities=found[k].activities)
            if k in found
            else ServiceHours(hours=0.0, activities=0)
            for k in keys
        ]

    return await load(info, f"hours.{column}.{period_key(period)}", batch, key)


@node_type(models.VolunteerOrganization, "volunteers.organization.read")
@strawberry.type(
    description="A social organisation taking part (志愿组织), e.g. 小红志愿者工作室 or a chamber of commerce."
)
class VolunteerOrganization(Node):
    name: str = strawberry.field(description="Name of the organisation.")
    kind: OrganizationKind = strawberry.field(description="Kind of organisation.")
    description: str = strawberry.field(description="What it does; may be empty.")
    contact_name: str | None = strawberry.field(
        description=(
            "Contact person; null when not given. Masked (e.g. 张*) unless the caller holds core.personal.view_full "
            "(station chiefs, officers, bureau admins); full views are audited."
        )
    )
    contact_phone: str | None = strawberry.field(
        description=(
            "Contact mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    is_active: bool = strawberry.field(description="False when the organisation no longer takes part.")
    created_at: dt.datetime = strawberry.field(description="When it was registered (ISO-8601 with offset).")
    _row: strawberry.Private[models.VolunteerOrganization]

    from_row = row_mapping(models.VolunteerOrganization)

    @strawberry.field(description="Volunteers registered with the organisation (any status).")
    async def volunteer_count(self, info: Info) -> int:
        return await count_children(info, models.Volunteer, "organization_id", self._row.id)

    @strawberry.field(description="Hours its members served in the period while belonging to it.")
    async def service_hours(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(description="Inclusive dates; activities count when they started (startedAt) in them."),
        ],
    ) -> ServiceHours:
        return await _service_hours(info, "organization_id", self._row.id, period)


async def load_organization(info: Info, organization_id: int | None) -> VolunteerOrganization | None:
    row = await load_row(info, models.VolunteerOrganization, organization_id)
    return None if row is None else VolunteerOrganization.from_row(row)


@node_type(models.Volunteer, "volunteers.volunteer.read")
@strawberry.type(description="A volunteer (志愿者), possibly a party member, cadre or one of the 两代表一委员.")
class Volunteer(Node):
    name: str = strawberry.field(description="Full name.")
    phone: str = strawberry.field(
        description=(
            "Mobile number. Masked (e.g. 138****5678) unless the caller holds core.personal.view_full (station "
            "chiefs, officers, bureau admins); full views are audited."
        )
    )
    skills: list[str] = strawberry.field(description="Free-text skills.")
    status: VolunteerStatus = strawberry.field(description="Active, suspended or left.")
    is_party_member: bool = strawberry.field(description="党员 — member of the Communist Party.")
    is_cadre: bool = strawberry.field(description="干部 — village, community or government cadre.")
    deputy: DeputyKind | None = strawberry.field(description="Which of the 两代表一委员, if any.")
    joined_on: dt.date = strawberry.field(description="Day the volunteer joined (deployment time zone).")
    user_id: strawberry.ID | None = strawberry.field(description="Global id of the volunteer's login, if any.")
    created_at: dt.datetime = strawberry.field(description="When the volunteer was registered (ISO-8601 with offset).")
    _row: strawberry.Private[models.Volunteer]

    from_row = row_mapping(
        models.Volunteer, skills=lambda row: list(row.skills or []), user_id=reference("User", "user_id")
    )

    @strawberry.field(description="The organisation the volunteer serves with.")
    async def organization(self, info: Info) -> VolunteerOrganization | None:
        return await load_organization(info, self._row.organization_id)

    @strawberry.field(description="Areas the volunteer serves in.")
    async def areas(self, info: Info) -> list[AreaNode]:
        links = await load_children(info, models.VolunteerArea, "volunteer_id", self._row.id, related=("area",))
        return [AreaNode.from_row(link.area) for link in links]

    @strawberry.field(description="Hours served in the period.")
    async def service_hours(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(description="Inclusive dates; activities count when they started (startedAt) in them."),
        ],
    ) -> ServiceHours:
        return await _service_hours(info, "volunteer_id", self._row.id, period)

    @strawberry.field(description="Activities taken part in during the period, newest first.")
    async def activities(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(description="Inclusive dates; activities count when they started (startedAt) in them."),
        ],
    ) -> "list[ActivityParticipation]":
        start, end = period_bounds(period.to_period())

        rows = await load_children(
            info,
            models.ActivityParticipant,
            "volunteer_id",
            self._row.id,
            where={"served_at__gte": start, "served_at__lt": end},
            related=("activity",),
            order=("-served_at", "id"),
        )
        return [
            ActivityParticipation(activity=VolunteerActivity.from_row(row.activity), hours=row.hours) for row in rows
        ]


@strawberry.type(description="A volunteer's part in an activity.")
class ActivityParticipation:
    activity: "VolunteerActivity" = strawberry.field(description="The activity.")
    hours: float = strawberry.field(description="Hours the volunteer served in it.")


@strawberry.type(description="A volunteer taking part in an activity, with the hours served.")
class ActivityParticipant:
    volunteer: Volunteer = strawberry.field(description="The volunteer.")
    hours: float = strawberry.field(description="Hours the volunteer served in the activity.")


@node_type(models.VolunteerActivity, "volunteers.activity.read")
@strawberry.type(description="A volunteer activity (志愿活动): care visit, patrol, publicity, mediation support…")
class VolunteerActivity(Node):
    kind: ActivityKind = strawberry.field(description="Kind of activity.")
    title: str = strawberry.field(description="Short title.")
    description: str = strawberry.field(description="What was done; may be empty.")
    started_at: dt.datetime = strawberry.field(
        description="When it started (ISO-8601 with offset); decides the period its hours count in."
    )
    hours: float = strawberry.field(description="Duration in hours; participants' hours default to it.")
    recorded_by_id: strawberry.ID | None = strawberry.field(description="Global id of the User who recorded it.")
    created_at: dt.datetime = strawberry.field(description="When it was recorded (ISO-8601 with offset).")
    _row: strawberry.Private[models.VolunteerActivity]

    from_row = row_mapping(models.VolunteerActivity, recorded_by_id=reference("User", "recorded_by_id"))

    @strawberry.field(
        description="The record (record): when the activity started (startedAt) and when it was entered "
        "(补录); a back-dated record is marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    area = related_field("area", AreaNode, description="Where it took place.")

    @strawberry.field(description="The organisation that ran it, if any.")
    async def organization(self, info: Info) -> VolunteerOrganization | None:
        return await load_organization(info, self._row.organization_id)

    @strawberry.field(description="The volunteers who took part and their hours.")
    async def participants(self, info: Info) -> list[ActivityParticipant]:
        rows = await load_children(
            info, models.ActivityParticipant, "activity_id", self._row.id, related=("volunteer",)
        )
        return [ActivityParticipant(volunteer=Volunteer.from_row(row.volunteer), hours=row.hours) for row in rows]

    @strawberry.field(description="People visited, for a CARE_VISIT.")
    async def care_visits(self, info: Info) -> list[CareVisit]:
        return [
            CareVisit.from_row(row) for row in await load_children(info, models.CareVisit, "activity_id", self._row.id)
        ]


@strawberry.type(description="A volunteer's place in the service-hours ranking (志愿服务排行).")
class VolunteerHoursRank:
    rank: int = strawberry.field(description="Competition rank: equal hours share a rank.")
    volunteer: Volunteer = strawberry.field(description="The volunteer.")
    hours: float = strawberry.field(description="Service hours in the period.")
    activities: int = strawberry.field(description="Activities taken part in during the period.")


@strawberry.type(description="An organisation's place in the service-hours ranking.")
class OrganizationHoursRank:
    rank: int = strawberry.field(description="Competition rank: equal hours share a rank.")
    organization: VolunteerOrganization = strawberry.field(description="The organisation.")
    hours: float = strawberry.field(description="Service hours of its volunteers in the period.")
    activities: int = strawberry.field(description="Activities they took part in during the period.")
