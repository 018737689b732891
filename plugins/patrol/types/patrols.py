"""GraphQL types of 管: patrol teams, members, shifts, route points, check-ins, compliance."""

import datetime as dt
from typing import Self

import strawberry
from strawberry.types import Info

from core import Node, distance_field, global_id, location_field, node_type, reference, row_mapping
from plugins.patrol import models
from plugins.patrol.enums import PatrolTeamKind, RoutePointStatus, ShiftStatus
from plugins.patrol.services.patrols import point_status, shift_status
from plugins.patrol.types.common import area_name, gid, load_children, load_one, user_name
from plugins.patrol.types.incidents import Incident


@strawberry.type(description="A member of a patrol team; the phone is masked by role.")
class PatrolTeamMember:
    id: strawberry.ID = strawberry.field(description="Opaque global id of the membership.")
    name: str = strawberry.field(description="The member's name.")
    phone: str | None = strawberry.field(
        description=(
            "Mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    is_leader: bool = strawberry.field(description="True for the team leader (队长).")
    user_id: strawberry.ID | None = strawberry.field(description="Global id of the member's account, if any.")

    from_row = row_mapping(models.PatrolTeamMember, user_id=reference("User", "user_id"))


@node_type(models.PatrolTeam, "patrol.team.read")
@strawberry.type(description="A patrol team (巡防队伍): police, red-armband volunteers or joint defence.")
class PatrolTeam(Node):
    name: str = strawberry.field(description="Name of the team.")
    kind: PatrolTeamKind = strawberry.field(description="Police, red-armband volunteers or joint defence.")
    level: int = strawberry.field(description="三级巡防 level: 1 station-wide, 2 village/community, 3 grid/compound.")
    area_id: strawberry.ID | None = strawberry.field(
        description="Global id of the area the team covers; null for a station-wide team."
    )
    _row: strawberry.Private[models.PatrolTeam]

    from_row = row_mapping(models.PatrolTeam, area_id=reference("Area", "area_id"))

    @strawberry.field(description="Name of the team's area.")
    async def area_name(self, info: Info) -> str | None:
        return await area_name(info, self._row.area_id)

    @strawberry.field(description="Members of the team.")
    async def members(self, info: Info) -> list[PatrolTeamMember]:
        return await load_children(info, models.PatrolTeamMember, "team_id", self._row.id, PatrolTeamMember.from_row)


@strawberry.type(description="A check-in (打卡) at a route point.")
class PatrolCheckIn:
    id: strawberry.ID = strawberry.field(description="Opaque global id of the check-in.")
    checked_at: dt.datetime = strawberry.field(
        description="When the check-in was made, by the server clock (ISO-8601 with offset)."
    )
    latitude: float | None = strawberry.field(
        deprecation_reason="Use location(datum:), which names its datum.",
        description="Where the member stood, latitude in decimal degrees; null when not sent.",
    )
    longitude: float | None = strawberry.field(
        deprecation_reason="Use location(datum:), which names its datum.",
        description="Where the member stood, longitude in decimal degrees; null when not sent.",
    )
    is_late: bool = strawberry.field(
        description=(
            "True when made more than the grace ([patrol] checkin_grace_minutes, 15 unless configured) after the "
            "point's expectedAt."
        )
    )
    note: str = strawberry.field(description="Anything seen at the point; may be empty.")
    location = location_field("Where the member stood when checking in; null when not sent.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.PatrolCheckIn]

    from_row = row_mapping(models.PatrolCheckIn)

    @strawberry.field(description="Who checked in.")
    async def user_name(self, info: Info) -> str | None:
        return await user_name(info, self._row.user_id)


async def _check_in(info: Info, point_id: int) -> PatrolCheckIn | None:
    return await load_one(info, models.PatrolCheckIn, point_id, PatrolCheckIn.from_row, by="point_id")


@node_type(models.PatrolRoutePoint, "patrol.team.read")
@strawberry.type(description="A point of a shift's route, in order, with the time the patrol is expected there.")
class PatrolRoutePoint(Node):
    sequence: int = strawberry.field(description="Position on the route, 1 for the first point.")
    name: str = strawberry.field(description="Name of the point.")
    area_id: strawberry.ID | None = strawberry.field(
        description="Global id of the area it lies in; null when not given."
    )
    latitude: float | None = strawberry.field(
        description="Latitude in decimal degrees (north positive); null when not recorded.",
    )
    longitude: float | None = strawberry.field(
        description="Longitude in decimal degrees (east positive); null when not recorded.",
    )
    expected_at: dt.datetime = strawberry.field(
        description="When the patrol is expected at the point (ISO-8601 with offset); lateness counts from here."
    )
    _row: strawberry.Private[models.PatrolRoutePoint]
    _shift_ends_at: strawberry.Private[dt.datetime | None] = None

    @classmethod
    def from_row(cls, row: models.PatrolRoutePoint, shift_ends_at: dt.datetime | None = None) -> Self:
        return cls(
            id=global_id(row, "PatrolRoutePoint"),
            sequence=row.sequence,
            name=row.name,
            area_id=gid("Area", row.area_id),
            latitude=row.latitude,
            longitude=row.longitude,
            expected_at=row.expected_at,
            _row=row,
            _shift_ends_at=shift_ends_at,
        )

    @strawberry.field(description="The check-in at this point, if any.")
    async def check_in(self, info: Info) -> PatrolCheckIn | None:
        return await _check_in(info, self._row.id)

    @strawberry.field(description="ON_TIME, LATE, MISSED (shift over without check-in) or PENDING.")
    async def status(self, info: Info) -> RoutePointStatus:
        check_in = await _check_in(info, self._row.id)
        ends_at = self._shift_ends_at
        if ends_at is None:
            shift = await load_one(info, models.PatrolShift, self._row.shift_id, lambda row: row)
            ends_at = shift.ends_at
        return point_status(self._row, check_in._row if check_in else None, ends_at)


@node_type(models.PatrolShift, "patrol.team.read")
@strawberry.type(description="A patrol shift (巡逻班次) of a team: a time window and an ordered route.")
class PatrolShift(Node):
    starts_at: dt.datetime = strawberry.field(description="Start of the shift (ISO-8601 with offset).")
    ends_at: dt.datetime = strawberry.field(
        description="End of the shift (ISO-8601 with offset); decides the period of patrolCompliance."
    )
    note: str = strawberry.field(description="Instructions for the shift; may be empty.")
    team_id: strawberry.ID = strawberry.field(description="Global id of the team on duty.")
    _row: strawberry.Private[models.PatrolShift]

    from_row = row_mapping(models.PatrolShift, team_id=reference("PatrolTeam", "team_id"))

    @strawberry.field(description="PLANNED, ON_DUTY or FINISHED, by the clock.")
    def status(self) -> ShiftStatus:
        return shift_status(self._row)

    @strawberry.field(description="The team on this shift.")
    async def team(self, info: Info) -> PatrolTeam | None:
        return await load_one(info, models.PatrolTeam, self._row.team_id, PatrolTeam.from_row)

    @strawberry.field(description="The route, in order, with each point's check-in state.")
    async def route(self, info: Info) -> list[PatrolRoutePoint]:
        ends_at = self._row.ends_at
        return await load_children(
            info,
            models.PatrolRoutePoint,
            "shift_id",
            self._row.id,
            lambda row: PatrolRoutePoint.from_row(row, ends_at),
            order=("sequence", "id"),
        )

    @strawberry.field(description="Incidents reported from this shift's findings.")
    async def findings(self, info: Info) -> list[Incident]:
        return await load_children(info, models.Incident, "patrol_shift_id", self._row.id, Incident.from_row)


@strawberry.type(
    description=(
        "Check-in compliance of a period: route points of shifts that ended in it (grace over), "
        "checked in on time, late, or missed."
    )
)
class PatrolCompliance:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")
    due: int = strawberry.field(description="Route points of shifts that ended in the period, grace over.")
    on_time: int = strawberry.field(description="Of due, points checked in within the grace.")
    late: int = strawberry.field(description="Of due, points checked in after the grace.")
    missed: int = strawberry.field(description="Of due, points never checked in.")
    rate: float | None = strawberry.field(
        description="Share of due patrols done on time = onTime / due (0–1; null when none was due)."
    )

    @classmethod
    def from_result(cls, result) -> Self:
        return cls(
            start=result.period.start,
            end=result.period.end,
            due=result.due,
            on_time=result.on_time,
            late=result.late,
            missed=result.missed,
            rate=round(result.rate, 4) if result.rate is not None else None,
        )
