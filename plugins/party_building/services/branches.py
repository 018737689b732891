"""Branches (党支部) and their members: status, join date, offices held."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core import Actor, UserErrorCode, UserInputError, publish, record_audit, snapshot
from plugins.party_building.models import Branch, MemberStatus, Office, PartyMember
from plugins.party_building.services.common import (
    not_in_future,
    required_text,
    station_staff,
    target_station,
    today,
    writable,
)

# Membership only moves forward: activist → probationary (发展) → full (转正).
STATUS_STEPS = {
    MemberStatus.ACTIVIST: {MemberStatus.PROBATIONARY},
    MemberStatus.PROBATIONARY: {MemberStatus.FULL},
    MemberStatus.FULL: set(),
}
MEMBER_FIELDS = ["branch_id", "user_id", "status", "joined_on", "left_on", "offices"]


async def create_branch(
    actor: Actor, name: str, *, established_on: dt.date | None = None, station_id: int | None = None
) -> Branch:
    station = await target_station(actor, station_id)
    name = required_text(name, field="name", label="Name", max_length=100)
    established_on = not_in_future(established_on or today(), field="establishedOn", label="The founding date")
    if await Branch.filter(station_id=station, name=name).exists():
        raise UserInputError(
            "This station already has a branch of this name.", field="name", code=UserErrorCode.CONFLICT
        )
    branch = await Branch.create(station_id=station, name=name, established_on=established_on)
    await record_audit("party_building.branch.create", obj=branch, after=snapshot(branch))
    return branch


async def add_member(
    actor: Actor,
    branch_id: int | None,
    user_id: int | None,
    status: MemberStatus,
    joined_on: dt.date,
    offices: Sequence[Office] = (),
) -> PartyMember:
    branch = await writable(actor, Branch, branch_id, field="branchId", label="Branch")
    user = await station_staff(actor, user_id, branch.station_id, field="userId")
    not_in_future(joined_on, field="joinedOn", label="The joining date")
    if await PartyMember.filter(station_id=branch.station_id, user_id=user.id, left_on=None).exists():
        raise UserInputError(
            "This person is already a member of a branch of the station.", field="userId", code=UserErrorCode.CONFLICT
        )
    offices = await _checked_offices(branch.id, status, offices, member_id=None)
    member = await PartyMember.create(
        station_id=branch.station_id,
        branch=branch,
        user_id=user.id,
        status=status,
        joined_on=joined_on,
        offices=offices,
    )
    await record_audit("party_building.member.add", obj=member, after=snapshot(member, MEMBER_FIELDS))
    return member


async def update_member(
    actor: Actor,
    member_id: int | None,
    *,
    status: MemberStatus | None = None,
    offices: Sequence[Office] | None = None,
) -> PartyMember:
    member = await writable(actor, PartyMember, member_id, field="memberId", label="Party member")
    if member.left_on is not None:
        raise UserInputError(
            "This member has left the branch.", field="memberId", code=UserErrorCode.INVALID_TRANSITION
        )
    before = snapshot(member, MEMBER_FIELDS)
    if status is not None and status is not member.status:
        if status not in STATUS_STEPS[member.status]:
            raise UserInputError(
                f"A {member.status.value} member cannot become {status.value}; "
                "membership goes ACTIVIST → PROBATIONARY → FULL.",
                field="status",
                code=UserErrorCode.INVALID_TRANSITION,
            )
        member.status = status
    current = [Office(value) for value in member.offices]
    member.offices = await _checked_offices(
        member.branch_id, member.status, current if offices is None else offices, member_id=member.id
    )
    await member.save(update_fields=["status", "offices"])
    await record_audit("party_building.member.update", obj=member, before=before, after=snapshot(member, MEMBER_FIELDS))
    return member


async def remove_member(actor: Actor, member_id: int | None, left_on: dt.date | None = None) -> PartyMember:
    member = await writable(actor, PartyMember, member_id, field="memberId", label="Party member")
    if member.left_on is not None:
        raise UserInputError(
            "This member has already left the branch.", field="memberId", code=UserErrorCode.INVALID_TRANSITION
        )
    left_on = not_in_future(left_on or today(), field="leftOn", label="The leaving date")
    if left_on < member.joined_on:
        raise UserInputError("A member cannot leave before joining.", field="leftOn")
    before = snapshot(member, MEMBER_FIELDS)
    member.left_on, member.offices = left_on, []
    await member.save(update_fields=["left_on", "offices"])
    await record_audit("party_building.member.remove", obj=member, before=before, after=snapshot(member, MEMBER_FIELDS))
    await publish(
        "party_building.member.left",
        {"member_id": member.id, "user_id": member.user_id, "left_on": left_on.isoformat()},
        station_id=member.station_id,
    )
    return member


async def _checked_offices(
    branch_id: int, status: MemberStatus, offices: Sequence[Office], *, member_id: int | None
) -> list[str]:
    """Offices are held by party members (not activists); a branch has one secretary."""
    unique = list(dict.fromkeys(offices))
    if unique and status is MemberStatus.ACTIVIST:
        raise UserInputError("An activist (入党积极分子) cannot hold a party office.", field="offices")
    if Office.SECRETARY in unique:
        others = PartyMember.filter(branch_id=branch_id, left_on=None)
        if member_id is not None:
            others = others.exclude(id=member_id)
        # JSON containment differs between SQLite and PostgreSQL; a branch has few members.
        if any(Office.SECRETARY.value in held for held in await others.values_list("offices", flat=True)):
            raise UserInputError(
                "The branch already has a secretary (书记).", field="offices", code=UserErrorCode.CONFLICT
            )
    return [office.value for office in unique]
