"""小区调处中心: compound mediation centres run with community cadres, property staff and volunteers."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from core import (
    Actor,
    AreaKind,
    User,
    UserErrorCode,
    UserInputError,
    get_scoped,
    record_audit,
    scoped,
    snapshot,
    validate_mobile,
)

from ..models import CentreMember, CentreMemberKind, MediationCentre
from .common import ensure_enabled, get_area, now, optional_text, required_text


@dataclasses.dataclass(frozen=True)
class MemberData:
    name: str
    kind: CentreMemberKind
    phone: str | None = None
    user_id: int | None = None


async def _validated_member(actor: Actor, member: MemberData, station_id: int, prefix: str) -> dict:
    problems: list[UserInputError] = []
    values: dict = {"kind": member.kind, "station_id": station_id}
    try:
        values["name"] = required_text(member.name, f"{prefix}name", "Name", max_length=100)
    except UserInputError as error:
        problems.append(error)
    if optional_text(member.phone):
        try:
            values["phone"] = validate_mobile(member.phone, field=f"{prefix}phone")
        except UserInputError as error:
            problems.append(error)
    if member.user_id is not None:
        user = await scoped(actor, User).get_or_none(id=member.user_id)
        if user is None or user.station_id != station_id:
            problems.append(UserInputError("User not found.", field=f"{prefix}userId", code=UserErrorCode.NOT_FOUND))
        values["user_id"] = member.user_id
    if problems:
        raise UserInputError.many(problems)
    return values


async def create_centre(
    actor: Actor, *, name: str, area_id: int | None, members: Sequence[MemberData] = ()
) -> MediationCentre:
    """A centre for one residential compound (小区)."""
    name = required_text(name, "name", "Name", max_length=100)
    area = await get_area(actor, area_id, field="areaId")
    if area.kind is not AreaKind.COMPOUND:
        raise UserInputError("A mediation centre belongs to a residential compound (小区).", field="areaId")
    await ensure_enabled(actor, area.station_id)
    problems: list[UserInputError] = []
    rows = []
    for index, member in enumerate(members):
        try:
            rows.append(await _validated_member(actor, member, area.station_id, f"members.{index}."))
        except UserInputError as error:
            problems.extend(error.problems)
    if problems:
        raise UserInputError.many(problems)
    centre = await MediationCentre.create(station_id=area.station_id, name=name, area=area, created_at=now())
    for values in rows:
        await CentreMember.create(centre=centre, **values)
    await record_audit("mediation.centre.create", obj=centre, after={**snapshot(centre), "members": len(rows)})
    return centre


async def add_member(actor: Actor, centre_id: int | None, member: MemberData) -> CentreMember:
    centre = await get_scoped(actor, MediationCentre, centre_id, field="centreId", label="Mediation centre")
    await ensure_enabled(actor, centre.station_id)
    values = await _validated_member(actor, member, centre.station_id, "member.")
    row = await CentreMember.create(centre=centre, **values)
    await record_audit("mediation.centre.add_member", obj=row, after=snapshot(row))
    return row
