"""管 — three-level patrols (三级巡防) and joint defence: teams, shifts, routes, check-ins.

A shift's route is an ordered list of points, each with the time the patrol is expected there.
A check-in later than the grace after that time is late; a point without a check-in once the
shift (plus grace) is over is missed. Time always comes from the injectable clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core import Actor, GeoPointInput, UserErrorCode, UserInputError, get_scoped, place, record_audit, scoped, snapshot
from plugins.patrol import models
from plugins.patrol.enums import PatrolTeamKind, RoutePointStatus, ShiftStatus
from plugins.patrol.services.common import (
    check_coordinates,
    get_area,
    get_station_user,
    grace_delta,
    now,
    optional_text,
    phone_fields,
    point_of,
    raise_all,
    require_same_station,
    required_text,
    settings,
    taken,
    target_station,
)

MAX_SHIFT = dt.timedelta(hours=24)
MAX_POINTS = 100


@dataclasses.dataclass
class MemberDraft:
    name: str
    phone: str | None = None
    user_id: int | None = None
    is_leader: bool = False


@dataclasses.dataclass
class RoutePointDraft:
    name: str
    area_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    expected_at: dt.datetime | None = None


async def _member_rows(
    actor: Actor, station_id: int, members: Sequence[MemberDraft], prefix: str
) -> list[models.PatrolTeamMember]:
    rows, problems = [], []
    for index, member in enumerate(members):
        field = f"{prefix}.{index}"
        try:
            name = required_text(member.name, field=f"{field}.name", label="Name", max_length=50)
            phone, phone_hash = phone_fields(member.phone, field=f"{field}.phone")
            if member.user_id is not None:
                await get_station_user(actor, member.user_id, station_id, field=f"{field}.userId")
        except UserInputError as error:
            problems.extend(error.problems)
            continue
        rows.append(
            models.PatrolTeamMember(
                station_id=station_id,
                user_id=member.user_id,
                name=name,
                phone=phone,
                phone_hash=phone_hash,
                is_leader=member.is_leader,
            )
        )
    raise_all(problems)
    return rows


async def create_team(
    actor: Actor,
    name: str,
    kind: PatrolTeamKind,
    level: int,
    *,
    area_id: int | None = None,
    members: Sequence[MemberDraft] = (),
) -> models.PatrolTeam:
    """A police patrol team, a red-armband (红袖章) volunteer team or a joint-defence team."""
    area = await get_area(actor, area_id) if area_id is not None else None
    station_id = await target_station(actor, area)
    name = required_text(name, field="name", label="Name", max_length=100)
    if level not in (1, 2, 3):
        raise UserInputError("The patrol level is 1, 2 or 3 (三级巡防).", field="level")
    if await taken(models.PatrolTeam, station_id, name=name):
        raise UserInputError(f"A team named {name} exists.", field="name", code=UserErrorCode.CONFLICT)
    rows = await _member_rows(actor, station_id, members, "members")
    team = await models.PatrolTeam.create(
        station_id=station_id, name=name, kind=kind, level=level, area=area, created_at=now()
    )
    for row in rows:
        row.team_id = team.id
    if rows:
        await models.PatrolTeamMember.bulk_create(rows)
    await record_audit("patrol.team.create", obj=team, after={**snapshot(team), "members": len(rows)})
    return team


async def add_team_members(actor: Actor, team_id: int, members: Sequence[MemberDraft]) -> models.PatrolTeam:
    team = await get_scoped(actor, models.PatrolTeam, team_id, field="teamId", label="Team")
    await target_station(actor, team)
    if not members:
        raise UserInputError("Give at least one member.", field="members", code=UserErrorCode.REQUIRED)
    rows = await _member_rows(actor, team.station_id, members, "members")
    for row in rows:
        row.team_id = team.id
    await models.PatrolTeamMember.bulk_create(rows)
    await record_audit("patrol.team.add_members", obj=team, after={"added": [row.name for row in rows]})
    return team


def _expected_times(starts_at: dt.datetime, ends_at: dt.datetime, count: int) -> list[dt.datetime]:
    """Evenly spaced arrival times when the planner gives none: the first point at the start,
    the others spread over the window so the last is reached before the end."""
    step = (ends_at - starts_at) / count
    return [starts_at + step * index for index in range(count)]


async def _point_rows(
    actor: Actor, station_id: int, starts_at: dt.datetime, ends_at: dt.datetime, points: Sequence[RoutePointDraft]
) -> list[models.PatrolRoutePoint]:
    if not points:
        raise UserInputError("A route needs at least one point.", field="route", code=UserErrorCode.REQUIRED)
    if len(points) > MAX_POINTS:
        raise UserInputError(f"A route may have at most {MAX_POINTS} points.", field="route")
    defaults = _expected_times(starts_at, ends_at, len(points))
    rows, problems, previous = [], [], starts_at
    for index, point in enumerate(points):
        field = f"route.{index}"
        try:
            name = required_text(point.name, field=f"{field}.name", label="Point name", max_length=100)
            check_coordinates(point.latitude, point.longitude, field=f"{field}.latitude")
            if point.area_id is not None:
                area = await get_area(actor, point.area_id, field=f"{field}.areaId")
                require_same_station(station_id, area, field=f"{field}.areaId", label="Area")
            expected = point.expected_at or defaults[index]
            if not starts_at <= expected <= ends_at:
                raise UserInputError("The expected time lies outside the shift.", field=f"{field}.expectedAt")
            if expected < previous:
                raise UserInputError("Route points must be in time order.", field=f"{field}.expectedAt")
            previous = expected
        except UserInputError as error:
            problems.extend(error.problems)
            continue
        rows.append(
            models.PatrolRoutePoint(
                station_id=station_id,
                sequence=index + 1,
                name=name,
                area_id=point.area_id,
                latitude=point.latitude,
                longitude=point.longitude,
                expected_at=expected,
            )
        )
    raise_all(problems)
    return rows


async def create_shift(
    actor: Actor,
    team_id: int,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    route: Sequence[RoutePointDraft],
    note: str = "",
) -> models.PatrolShift:
    """Plan a shift of a team with a time window and an ordered route."""
    team = await get_scoped(actor, models.PatrolTeam, team_id, field="teamId", label="Team")
    station_id = await target_station(actor, team)
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise UserInputError("Shift times need a time-zone offset.", field="startsAt")
    if ends_at <= starts_at:
        raise UserInputError("The shift must end after it starts.", field="endsAt")
    if ends_at - starts_at > MAX_SHIFT:
        raise UserInputError("A shift lasts at most 24 hours.", field="endsAt")
    text = optional_text(note, field="note", label="Note", max_length=255)
    points = await _point_rows(actor, station_id, starts_at, ends_at, route)
    shift = await models.PatrolShift.create(
        station_id=station_id, team=team, starts_at=starts_at, ends_at=ends_at, note=text, created_by_id=actor.user_id
    )
    for point in points:
        point.shift_id = shift.id
    await models.PatrolRoutePoint.bulk_create(points)
    await record_audit("patrol.shift.create", obj=shift, after={**snapshot(shift), "points": len(points)})
    return shift


async def _require_member(actor: Actor, shift: models.PatrolShift) -> None:
    if actor.has("patrol.team.manage"):
        return
    if not await scoped(actor, models.PatrolTeamMember).filter(team_id=shift.team_id, user_id=actor.user_id).exists():
        raise UserInputError(
            "Only members of the shift's team may check in.", field="pointId", code=UserErrorCode.FORBIDDEN
        )


async def check_in(
    actor: Actor,
    point_id: int,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    note: str = "",
    location: GeoPointInput | None = None,
) -> models.PatrolCheckIn:
    """打卡 at a route point, now. Refused outside the shift window or twice at one point."""
    point = await get_scoped(actor, models.PatrolRoutePoint, point_id, field="pointId", label="Route point")
    shift = await get_scoped(actor, models.PatrolShift, point.shift_id, field="pointId", label="Route point")
    await target_station(actor, point)
    await _require_member(actor, shift)
    spot = point_of(location, latitude, longitude)
    moment, config = now(), settings()
    opens = shift.starts_at - dt.timedelta(minutes=config.checkin_early_minutes)
    if not opens <= moment <= shift.ends_at + grace_delta():
        raise UserInputError("Check-ins are accepted only during the shift.", field="pointId")
    if await taken(models.PatrolCheckIn, point.station_id, point_id=point.id):
        raise UserInputError("This point is already checked in.", field="pointId", code=UserErrorCode.CONFLICT)
    row = models.PatrolCheckIn(
        station_id=point.station_id,
        shift=shift,
        point=point,
        checked_at=moment,
        user_id=actor.user_id,
        is_late=moment > point.expected_at + grace_delta(),
        note=optional_text(note, field="note", label="Note", max_length=255),
    )
    await place(row, spot)
    await row.save()
    await record_audit("patrol.checkin.create", obj=row, after=snapshot(row))
    return row


def point_status(
    point: models.PatrolRoutePoint, check_in: models.PatrolCheckIn | None, shift_ends_at: dt.datetime
) -> RoutePointStatus:
    if check_in is not None:
        return RoutePointStatus.LATE if check_in.is_late else RoutePointStatus.ON_TIME
    if now() > shift_ends_at + grace_delta():
        return RoutePointStatus.MISSED
    return RoutePointStatus.PENDING


def shift_status(shift: models.PatrolShift) -> ShiftStatus:
    moment = now()
    if moment < shift.starts_at:
        return ShiftStatus.PLANNED
    if moment <= shift.ends_at:
        return ShiftStatus.ON_DUTY
    return ShiftStatus.FINISHED
