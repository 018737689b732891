"""Root mutations of party building: decode ids, call a service, wrap the result.

The core runs each in one transaction with the audit context and turns a ``UserInputError``
into ``errors`` on the payload with nothing written.
"""

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import decode_id, mutation_field
from plugins.party_building.services import branches, facilities, meetings, responsibilities, stars
from plugins.party_building.types.branches import (
    AddPartyMemberInput,
    AddPartyMemberPayload,
    CreateBranchInput,
    CreateBranchPayload,
    PartyBranch,
    PartyMember,
    RemovePartyMemberInput,
    RemovePartyMemberPayload,
    UpdatePartyMemberInput,
    UpdatePartyMemberPayload,
)
from plugins.party_building.types.facilities import (
    AddFacilityItemInput,
    AddFacilityItemPayload,
    FacilityItem,
    UpdateFacilityItemInput,
    UpdateFacilityItemPayload,
)
from plugins.party_building.types.meetings import PartyMeeting, RecordPartyMeetingInput, RecordPartyMeetingPayload
from plugins.party_building.types.responsibilities import (
    AssignResponsibilityInput,
    AssignResponsibilityPayload,
    CreateDutyPostInput,
    CreateDutyPostPayload,
    DutyPost,
    RecordResponsibilityCheckInput,
    RecordResponsibilityCheckPayload,
    Responsibility,
    ResponsibilityCheck,
)
from plugins.party_building.types.stars import (
    CloseStarMonthInput,
    CloseStarMonthPayload,
    NominateStarInput,
    NominateStarPayload,
    StarNomination,
    StarOfMonth,
    VoteStarInput,
    VoteStarPayload,
)

MANAGE = "party_building.branch.manage"


def _station(value: strawberry.ID | None) -> int | None:
    return decode_id(value, "Station", field="stationId", required=False)


@strawberry.type
class PartyBuildingMutation:
    @mutation_field(permission=MANAGE, description="Create a party branch (党支部).")
    async def create_branch(
        self,
        info: Info,
        input: Annotated[CreateBranchInput, strawberry.argument(description="Name and founding date of the branch.")],
    ) -> CreateBranchPayload:
        branch = await branches.create_branch(
            info.context.actor, input.name, established_on=input.established_on, station_id=_station(input.station_id)
        )
        return CreateBranchPayload(branch=PartyBranch.from_row(branch))

    @mutation_field(permission=MANAGE, description="Admit an officer or auxiliary to a branch.")
    async def add_party_member(
        self,
        info: Info,
        input: Annotated[
            AddPartyMemberInput,
            strawberry.argument(description="The branch, the user admitted, their status, joining date and offices."),
        ],
    ) -> AddPartyMemberPayload:
        member = await branches.add_member(
            info.context.actor,
            decode_id(input.branch_id, "PartyBranch", field="branchId"),
            decode_id(input.user_id, "User", field="userId"),
            input.status,
            input.joined_on,
            input.offices,
        )
        return AddPartyMemberPayload(member=PartyMember.from_row(member))

    @mutation_field(permission=MANAGE, description="Promote a member (发展/转正) or change the offices held.")
    async def update_party_member(
        self,
        info: Info,
        input: Annotated[
            UpdatePartyMemberInput,
            strawberry.argument(description="The member and the new status or offices."),
        ],
    ) -> UpdatePartyMemberPayload:
        member = await branches.update_member(
            info.context.actor,
            decode_id(input.member_id, "PartyMember", field="memberId"),
            status=input.status,
            offices=input.offices,
        )
        return UpdatePartyMemberPayload(member=PartyMember.from_row(member))

    @mutation_field(permission=MANAGE, description="Record that a member left the branch.")
    async def remove_party_member(
        self,
        info: Info,
        input: Annotated[RemovePartyMemberInput, strawberry.argument(description="The member who leaves and when.")],
    ) -> RemovePartyMemberPayload:
        member = await branches.remove_member(
            info.context.actor, decode_id(input.member_id, "PartyMember", field="memberId"), input.left_on
        )
        return RemovePartyMemberPayload(member=PartyMember.from_row(member))

    @mutation_field(
        permission="party_building.meeting.record",
        description="Record a meeting (三会一课, 夜校, 党员活动日) with the attendance of the members expected.",
    )
    async def record_party_meeting(
        self,
        info: Info,
        input: Annotated[
            RecordPartyMeetingInput,
            strawberry.argument(description="The branch, meeting type, date, topic, minutes and attendance."),
        ],
    ) -> RecordPartyMeetingPayload:
        attendance = [
            meetings.AttendanceEntry(
                member_id=decode_id(entry.member_id, "PartyMember", field=f"attendance.{index}.memberId"),
                status=entry.status,
                reason=entry.reason,
            )
            for index, entry in enumerate(input.attendance)
        ]
        draft = meetings.MeetingDraft(
            meeting_type=input.meeting_type,
            held_on=input.held_on,
            topic=input.topic,
            speaker=input.speaker,
            minutes=input.minutes,
            duration_hours=input.duration_hours,
            attendance=attendance,
        )
        meeting = await meetings.record_meeting(
            info.context.actor, decode_id(input.branch_id, "PartyBranch", field="branchId"), draft
        )
        return RecordPartyMeetingPayload(meeting=PartyMeeting.from_row(meeting))

    @mutation_field(
        permission="party_building.responsibility.manage", description="Create a post with its two duties (一岗双责)."
    )
    async def create_duty_post(
        self,
        info: Info,
        input: Annotated[
            CreateDutyPostInput,
            strawberry.argument(description="The post and its business and party-conduct duties."),
        ],
    ) -> CreateDutyPostPayload:
        post = await responsibilities.create_post(
            info.context.actor,
            input.name,
            input.business_duty,
            input.party_duty,
            station_id=_station(input.station_id),
        )
        return CreateDutyPostPayload(post=DutyPost.from_row(post))

    @mutation_field(
        permission="party_building.responsibility.manage",
        description="Bind a duty of a post to a person and a point (责任到人到点) with a check schedule.",
    )
    async def assign_responsibility(
        self,
        info: Info,
        input: Annotated[
            AssignResponsibilityInput,
            strawberry.argument(description="The post, the person, the duty, the point and the check schedule."),
        ],
    ) -> AssignResponsibilityPayload:
        responsibility = await responsibilities.assign_responsibility(
            info.context.actor,
            decode_id(input.post_id, "DutyPost", field="postId"),
            decode_id(input.holder_id, "User", field="holderId"),
            input.kind,
            input.point,
            input.check_cadence,
            area_id=decode_id(input.area_id, "Area", field="areaId", required=False),
            description=input.description,
        )
        return AssignResponsibilityPayload(responsibility=Responsibility.from_row(responsibility))

    @mutation_field(
        permission="party_building.responsibility.check",
        description="Record a responsibility check (done, or problems found); schedules the next one.",
    )
    async def record_responsibility_check(
        self,
        info: Info,
        input: Annotated[
            RecordResponsibilityCheckInput,
            strawberry.argument(description="The responsibility, the outcome and any problems found."),
        ],
    ) -> RecordResponsibilityCheckPayload:
        check = await responsibilities.record_check(
            info.context.actor,
            decode_id(input.responsibility_id, "Responsibility", field="responsibilityId"),
            input.outcome,
            checked_on=input.checked_on,
            problems=input.problems,
        )
        return RecordResponsibilityCheckPayload(
            check=ResponsibilityCheck.from_row(check),
            responsibility=Responsibility.from_row(check.responsibility),
        )

    @mutation_field(
        permission="party_building.star.vote",
        description="Nominate a colleague for this month's 警营之星 during the nomination window.",
    )
    async def nominate_star(
        self,
        info: Info,
        input: Annotated[NominateStarInput, strawberry.argument(description="The colleague nominated and why.")],
    ) -> NominateStarPayload:
        nomination = await stars.nominate(
            info.context.actor, decode_id(input.nominee_id, "User", field="nomineeId"), input.reason
        )
        return NominateStarPayload(nomination=StarNomination.from_row(nomination))

    @mutation_field(
        permission="party_building.star.vote",
        description="Vote for a nominated colleague during the voting window; one vote a month, not for yourself.",
    )
    async def vote_star(
        self,
        info: Info,
        input: Annotated[VoteStarInput, strawberry.argument(description="The nominated colleague voted for.")],
    ) -> VoteStarPayload:
        ballot = await stars.vote(info.context.actor, decode_id(input.nominee_id, "User", field="nomineeId"))
        return VoteStarPayload(month=ballot.month)

    @mutation_field(
        permission="party_building.star.manage",
        description="Close a month after voting and name its 警营之星 (tie rule: votes, then nominations, then "
        "earliest nomination).",
    )
    async def close_star_month(
        self,
        info: Info,
        input: Annotated[CloseStarMonthInput, strawberry.argument(description="The month to close.")],
    ) -> CloseStarMonthPayload:
        award = await stars.close_month(
            info.context.actor, input.month, station_id=_station(input.station_id), at=input.occurred_at
        )
        return CloseStarMonthPayload(star=StarOfMonth.from_row(award))

    @mutation_field(permission="party_building.facility.manage", description="Add a 五小工程 facility item.")
    async def add_facility_item(
        self,
        info: Info,
        input: Annotated[AddFacilityItemInput, strawberry.argument(description="Kind, name and status of the item.")],
    ) -> AddFacilityItemPayload:
        item = await facilities.add_facility(
            info.context.actor,
            input.kind,
            input.name,
            status=input.status,
            note=input.note,
            station_id=_station(input.station_id),
        )
        return AddFacilityItemPayload(item=FacilityItem.from_row(item))

    @mutation_field(permission="party_building.facility.manage", description="Change a facility item's status.")
    async def update_facility_item(
        self,
        info: Info,
        input: Annotated[UpdateFacilityItemInput, strawberry.argument(description="The item and its new status.")],
    ) -> UpdateFacilityItemPayload:
        item = await facilities.update_facility(
            info.context.actor, decode_id(input.item_id, "FacilityItem", field="itemId"), input.status, input.note
        )
        return UpdateFacilityItemPayload(item=FacilityItem.from_row(item))
