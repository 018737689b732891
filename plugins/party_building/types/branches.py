"""Branches (党支部) and members: types, inputs and payloads."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import Node, UserError, node_type, reference, row_mapping
from plugins.party_building import models
from plugins.party_building.types import loaders
from plugins.party_building.types.common import PartyUserRef, user_ref


@node_type(models.Branch, "party_building.branch.read")
@strawberry.type(description="党支部 — a party branch of a station.")
class PartyBranch(Node):
    name: str = strawberry.field(description="Name of the branch.")
    established_on: dt.date = strawberry.field(description="Founding date; cadence slots start from it.")
    station_id: strawberry.ID = strawberry.field(description="Global id of the owning Station.")
    _row: strawberry.Private[models.Branch]

    from_row = row_mapping(models.Branch, station_id=reference("Station", "station_id"))

    @strawberry.field(description="Members, current ones only unless includeFormer is true.")
    async def members(
        self,
        info: Info,
        include_former: Annotated[
            bool,
            strawberry.argument(description="Also list members who left the branch; false by default."),
        ] = False,
    ) -> "list[PartyMember]":
        rows = await loaders.branch_members(info, self._row.id)
        return [PartyMember.from_row(row) for row in rows if include_former or row.left_on is None]

    @strawberry.field(description="Number of current members.")
    async def member_count(self, info: Info) -> int:
        return await loaders.active_member_count(info, self._row.id)


@node_type(models.PartyMember, "party_building.branch.read")
@strawberry.type(description="A member of a party branch: 正式党员, 预备党员 or 入党积极分子.")
class PartyMember(Node):
    status: models.MemberStatus = strawberry.field(
        description="正式党员 (full), 预备党员 (probationary) or 入党积极分子 (activist)."
    )
    joined_on: dt.date = strawberry.field(description="Day the person joined the branch.")
    left_on: dt.date | None = strawberry.field(description="When the member left the branch; null while a member.")
    offices: list[models.Office] = strawberry.field(description="Offices held (书记, 支委委员, 党小组长…).")
    _row: strawberry.Private[models.PartyMember]

    from_row = row_mapping(models.PartyMember)

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
    station_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only branches of this station (global id).",
    )


@strawberry.input(description="Filter for party members.")
class PartyMemberFilter:
    branch_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only members of this branch (global id).",
    )
    status: models.MemberStatus | None = strawberry.field(default=None, description="Only members with this status.")
    include_former: bool = strawberry.field(default=False, description="Also list members who left.")


@strawberry.input(description="A new party branch.")
class CreateBranchInput:
    name: str = strawberry.field(description="Name of the branch, e.g. 枫桥派出所党支部.")
    established_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.type(description="Result of createBranch.")
class CreateBranchPayload:
    branch: PartyBranch | None = strawberry.field(default=None, description="The branch created; null when refused.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Admit a station user to a branch.")
class AddPartyMemberInput:
    branch_id: strawberry.ID = strawberry.field(description="Global id of the branch of the caller's station.")
    user_id: strawberry.ID = strawberry.field(description="Global id of an officer's or auxiliary's User.")
    status: models.MemberStatus = strawberry.field(description="正式党员, 预备党员 or 入党积极分子.")
    joined_on: dt.date = strawberry.field(description="Day the person joined the branch (deployment time zone).")
    offices: list[models.Office] = strawberry.field(
        default_factory=list,
        description="Offices held (书记, 支委委员, 党小组长…); none by default.",
    )


@strawberry.type(description="Result of addPartyMember.")
class AddPartyMemberPayload:
    member: PartyMember | None = strawberry.field(default=None, description="The new member; null when refused.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Promote a member (ACTIVIST → PROBATIONARY → FULL) or change the offices held.")
class UpdatePartyMemberInput:
    member_id: strawberry.ID = strawberry.field(description="Global id of a current member.")
    status: models.MemberStatus | None = strawberry.field(
        default=None,
        description="The new status (only upward: ACTIVIST → PROBATIONARY → FULL); omitted → unchanged.",
    )
    offices: list[models.Office] | None = strawberry.field(default=None, description="Replaces the offices held.")


@strawberry.type(description="Result of updatePartyMember.")
class UpdatePartyMemberPayload:
    member: PartyMember | None = strawberry.field(
        default=None,
        description="The member after the change; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="A member leaves the branch (transfer, retirement…); past attendance stays.")
class RemovePartyMemberInput:
    member_id: strawberry.ID = strawberry.field(description="Global id of a current member.")
    left_on: dt.date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.type(description="Result of removePartyMember.")
class RemovePartyMemberPayload:
    member: PartyMember | None = strawberry.field(
        default=None,
        description="The member with leftOn set; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
