"""Branches (党支部) and members: types, inputs and payloads."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from core import Node, UserError, global_id, node_type
from plugins.party_building import loaders, models
from plugins.party_building.types.common import PartyUserRef, gid, user_ref


@node_type(models.Branch, "party_building.branch.read")
@strawberry.type(description="党支部 — a party branch of a station.")
class PartyBranch(Node):
    name: str
    established_on: dt.date = strawberry.field(description="Founding date; cadence slots start from it.")
    station_id: strawberry.ID = strawberry.field(description="Global id of the owning Station.")
    _row: strawberry.Private[models.Branch]

    @classmethod
    def from_row(cls, row: models.Branch) -> PartyBranch:
        return cls(
            id=global_id(row, "PartyBranch"),
            name=row.name,
            established_on=row.established_on,
            station_id=gid("Station", row.station_id),
            _row=row,
        )

    @strawberry.field(description="Members, current ones only unless includeFormer is true.")
    async def members(self, info: Info, include_former: bool = False) -> list[PartyMember]:
        rows = await loaders.branch_members(info, self._row.id)
        return [PartyMember.from_row(row) for row in rows if include_former or row.left_on is None]

    @strawberry.field(description="Number of current members.")
    async def member_count(self, info: Info) -> int:
        return await loaders.active_member_count(info, self._row.id)


@node_type(models.PartyMember, "party_building.branch.read")
@strawberry.type(description="A member of a party branch: 正式党员, 预备党员 or 入党积极分子.")
class PartyMember(Node):
    status: models.MemberStatus
    joined_on: dt.date
    left_on: dt.date | None = strawberry.field(description="When the member left the branch; null while a member.")
    offices: list[models.Office] = strawberry.field(description="Offices held (书记, 支委委员, 党小组长…).")
    _row: strawberry.Private[models.PartyMember]

    @classmethod
    def from_row(cls, row: models.PartyMember) -> PartyMember:
        return cls(
            id=global_id(row, "PartyMember"),
            status=row.status,
            joined_on=row.joined_on,
            left_on=row.left_on,
            offices=[models.Office(value) for value in row.offices],
            _row=row,
        )

    @strawberry.field(description="Whether the person is a member now.")
    def active(self) -> bool:
        return self._row.left_on is None

    @strawberry.field(description="The member's user account.")
    async def user(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._row.user_id)

    @strawberry.field(description="The member's branch.")
    async def branch(self, info: Info) -> PartyBranch | None:
        row = await loaders.branch(info, self._row.branch_id)
        return PartyBranch.from_row(row) if row else None


@strawberry.input(description="Filter for branches.")
class BranchFilter:
    station_id: strawberry.ID | None = None


@strawberry.input(description="Filter for party members.")
class PartyMemberFilter:
    branch_id: strawberry.ID | None = None
    status: models.MemberStatus | None = None
    include_former: bool = strawberry.field(default=False, description="Also list members who left.")


@strawberry.input(description="A new party branch.")
class CreateBranchInput:
    name: str
    established_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.type(description="Result of createBranch.")
class CreateBranchPayload:
    branch: PartyBranch | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Admit a station user to a branch.")
class AddPartyMemberInput:
    branch_id: strawberry.ID
    user_id: strawberry.ID = strawberry.field(description="Global id of an officer's or auxiliary's User.")
    status: models.MemberStatus
    joined_on: dt.date
    offices: list[models.Office] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of addPartyMember.")
class AddPartyMemberPayload:
    member: PartyMember | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Promote a member (ACTIVIST → PROBATIONARY → FULL) or change the offices held.")
class UpdatePartyMemberInput:
    member_id: strawberry.ID
    status: models.MemberStatus | None = None
    offices: list[models.Office] | None = strawberry.field(default=None, description="Replaces the offices held.")


@strawberry.type(description="Result of updatePartyMember.")
class UpdatePartyMemberPayload:
    member: PartyMember | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="A member leaves the branch (transfer, retirement…); past attendance stays.")
class RemovePartyMemberInput:
    member_id: strawberry.ID
    left_on: dt.date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.type(description="Result of removePartyMember.")
class RemovePartyMemberPayload:
    member: PartyMember | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)
