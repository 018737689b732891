"""Tables of party building: branches and members, meetings with attendance, posts and their
responsibilities (一岗双责), the monthly 警营之星 and the 五小工程 facility items."""

from __future__ import annotations

import enum
from typing import Any

from tortoise import fields

from core import StationOwnedModel


class MemberStatus(enum.Enum):
    FULL = "FULL"
    PROBATIONARY = "PROBATIONARY"
    ACTIVIST = "ACTIVIST"


class Office(enum.Enum):
    SECRETARY = "SECRETARY"
    DEPUTY_SECRETARY = "DEPUTY_SECRETARY"
    COMMITTEE_MEMBER = "COMMITTEE_MEMBER"
    GROUP_LEADER = "GROUP_LEADER"


class MeetingType(enum.Enum):
    BRANCH_ASSEMBLY = "BRANCH_ASSEMBLY"
    BRANCH_COMMITTEE = "BRANCH_COMMITTEE"
    PARTY_GROUP = "PARTY_GROUP"
    PARTY_LECTURE = "PARTY_LECTURE"
    NIGHT_SCHOOL = "NIGHT_SCHOOL"
    ACTIVITY_DAY = "ACTIVITY_DAY"


class AttendanceStatus(enum.Enum):
    PRESENT = "PRESENT"
    ABSENT = "ABSENT"
    EXCUSED = "EXCUSED"


class Cadence(enum.Enum):
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    NONE = "NONE"


class DutyKind(enum.Enum):
    BUSINESS = "BUSINESS"
    PARTY_CONDUCT = "PARTY_CONDUCT"


class CheckOutcome(enum.Enum):
    DONE = "DONE"
    PROBLEMS_FOUND = "PROBLEMS_FOUND"


class StarDecision(enum.Enum):
    VOTES = "VOTES"
    NOMINATIONS = "NOMINATIONS"
    EARLIEST_NOMINATION = "EARLIEST_NOMINATION"
    NO_VOTES = "NO_VOTES"


class FacilityKind(enum.Enum):
    DUTY_ROOM = "DUTY_ROOM"
    BATHROOM = "BATHROOM"
    CANTEEN = "CANTEEN"
    GYM = "GYM"
    LAUNDRY = "LAUNDRY"
    CULTURE_CORRIDOR = "CULTURE_CORRIDOR"


class FacilityStatus(enum.Enum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    IN_USE = "IN_USE"
    NEEDS_REPAIR = "NEEDS_REPAIR"


class Branch(StationOwnedModel):
    """党支部."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    # Cadence slots starting before this day are not required of the branch.
    established_on = fields.DateField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "party_building_branch"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class PartyMember(StationOwnedModel):
    """A station user's membership of a branch. Leaving keeps the row for past attendance."""

    id = fields.IntField(primary_key=True)
    branch: fields.ForeignKeyRelation[Branch] = fields.ForeignKeyField(
        "party_building.Branch", related_name="members", on_delete=fields.RESTRICT
    )
    user: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(MemberStatus, max_length=16)
    joined_on = fields.DateField()
    left_on = fields.DateField(null=True)
    # Office values (``Office``), at most one of each.
    offices = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "party_building_member"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class PartyMeeting(StationOwnedModel):
    """One of 三会一课, a night school session or a party activity day."""

    id = fields.IntField(primary_key=True)
    branch: fields.ForeignKeyRelation[Branch] = fields.ForeignKeyField(
        "party_building.Branch", related_name="meetings", on_delete=fields.RESTRICT
    )
    meeting_type = fields.CharEnumField(MeetingType, max_length=24)
    held_on = fields.DateField(index=True)
    topic = fields.CharField(max_length=200)
    speaker = fields.CharField(max_length=100, null=True)
    minutes = fields.TextField(default="")
    duration_hours = fields.FloatField()
    recorded_by: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "party_building_meeting"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "held_on", "id"),)
        ordering = ["-held_on", "id"]
        unique_together = (("branch", "meeting_type", "held_on"),)


class MeetingAttendance(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    meeting: fields.ForeignKeyRelation[PartyMeeting] = fields.ForeignKeyField(
        "party_building.PartyMeeting", related_name="attendance", on_delete=fields.CASCADE
    )
    member: fields.ForeignKeyRelation[PartyMember] = fields.ForeignKeyField(
        "party_building.PartyMember", related_name="attendance", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(AttendanceStatus, max_length=16)
    # Why an EXCUSED member was away (请假事由).
    reason = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "party_building_attendance"
        ordering = ["id"]
        unique_together = (("meeting", "member"),)


class DutyPost(StationOwnedModel):
    """A post (岗位) with its business duty and its party-conduct responsibility (一岗双责)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    business_duty = fields.TextField()
    party_duty = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "party_building_post"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


class Responsibility(StationOwnedModel):
    """One duty of a post bound to a person and a point (责任到人到点), checked on a schedule."""

    id = fields.IntField(primary_key=True)
    post: fields.ForeignKeyRelation[DutyPost] = fields.ForeignKeyField(
        "party_building.DutyPost", related_name="responsibilities", on_delete=fields.RESTRICT
    )
    holder: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(DutyKind, max_length=16)
    point = fields.CharField(max_length=200)
    area: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "core.Area", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    description = fields.TextField()
    check_cadence = fields.CharEnumField(Cadence, max_length=16)
    assigned_on = fields.DateField()
    next_check_due = fields.DateField(index=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "party_building_responsibility"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "next_check_due", "id"),)
        ordering = ["id"]


class ResponsibilityCheck(StationOwnedModel):
    id = fields.IntField(primary_key=True)
    responsibility: fields.ForeignKeyRelation[Responsibility] = fields.ForeignKeyField(
        "party_building.Responsibility", related_name="checks", on_delete=fields.RESTRICT
    )
    checked_on = fields.DateField(index=True)
    # The due date this check answered, and whether it came by then.
    due_on = fields.DateField()
    on_time = fields.BooleanField()
    outcome = fields.CharEnumField(CheckOutcome, max_length=16)
    problems = fields.TextField(default="")
    checked_by: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "party_building_check"
        # The list's default order, read from an index: no sort of the whole table per page.
        indexes = (("station_id", "checked_on", "id"),)
        ordering = ["-checked_on", "-id"]


class StarNomination(StationOwnedModel):
    """A nomination for 警营之星: one per nominator and month."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, index=True)  # YYYY-MM
    nominee: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, on_delete=fields.RESTRICT
    )
    nominator: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, on_delete=fields.RESTRICT
    )
    reason = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "party_building_star_nomination"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "month", "id"),)
        ordering = ["id"]
        unique_together = (("station", "month", "nominator"),)


class StarVote(StationOwnedModel):
    """One vote per voter and month."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, index=True)
    voter: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, on_delete=fields.RESTRICT
    )
    nominee: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "party_building_star_vote"
        ordering = ["id"]
        unique_together = (("station", "month", "voter"),)


class StarAward(StationOwnedModel):
    """The closed month of 警营之星: its winner (none when nobody voted)."""

    id = fields.IntField(primary_key=True)
    month = fields.CharField(max_length=7, index=True)
    winner: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    votes = fields.IntField(default=0)
    nominations = fields.IntField(default=0)
    total_votes = fields.IntField(default=0)
    decided_by = fields.CharEnumField(StarDecision, max_length=24)
    closed_at = fields.DatetimeField()
    closed_by: fields.ForeignKeyNullableRelation[Any] = fields.ForeignKeyField(
        "core.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    # When the closing was entered, beside when it happened (补录; see core.occurrence).
    recorded_steps = fields.JSONField(null=True)

    class Meta:
        table = "party_building_star_award"
        ordering = ["-month"]
        unique_together = (("station", "month"),)


class FacilityItem(StationOwnedModel):
    """A 五小工程 item (duty room, bathroom, canteen, gym, laundry) and its state."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(FacilityKind, max_length=24)
    name = fields.CharField(max_length=100)
    status = fields.CharEnumField(FacilityStatus, max_length=16)
    note = fields.TextField(default="")
    updated_at = fields.DatetimeField()

    class Meta:
        table = "party_building_facility"
        # Station lists page in id order: read it from (station, id), not the whole primary key.
        indexes = (("station_id", "id"),)
        ordering = ["id"]


def user_model() -> Any:
    """The core's user model, reached through a relation because plugins import only ``core``."""
    return PartyMember._meta.fields_map["user"].related_model


def area_model() -> Any:
    return Responsibility._meta.fields_map["area"].related_model
