"""GraphQL enums of party building, every value described."""

from __future__ import annotations

import enum

from core import graphql_enum
from plugins.party_building import models
from plugins.party_building.services import cadence as calendar
from plugins.party_building.services.stars import StarPhase


class OccurrenceStatus(enum.Enum):
    HELD = calendar.HELD
    LATE = calendar.LATE
    MISSING = calendar.MISSING
    DUE = calendar.DUE


graphql_enum(
    models.MemberStatus,
    name="PartyMemberStatus",
    description="Standing of a member of a party branch.",
    values={
        "FULL": "正式党员 — full party member.",
        "PROBATIONARY": "预备党员 — probationary member.",
        "ACTIVIST": "入党积极分子 — activist applying for membership; holds no office.",
    },
)
graphql_enum(
    models.Office,
    name="PartyOffice",
    description="An office held in a party branch.",
    values={
        "SECRETARY": "支部书记 — branch secretary (one per branch).",
        "DEPUTY_SECRETARY": "副书记 — deputy secretary.",
        "COMMITTEE_MEMBER": "支委委员 — branch committee member.",
        "GROUP_LEADER": "党小组长 — party group leader.",
    },
)
graphql_enum(
    models.MeetingType,
    name="MeetingType",
    description="Kind of party meeting or study session (三会一课, 夜校, 党员活动日).",
    values={
        "BRANCH_ASSEMBLY": "支部党员大会 — branch member assembly (default cadence: monthly).",
        "BRANCH_COMMITTEE": "支委会 — branch committee meeting (default cadence: weekly).",
        "PARTY_GROUP": "党小组会 — party group meeting (default cadence: monthly).",
        "PARTY_LECTURE": "党课 — party lecture (default cadence: quarterly).",
        "NIGHT_SCHOOL": "夜校 — night school study session (default cadence: weekly).",
        "ACTIVITY_DAY": "党员活动日 — party activity day (no required cadence by default).",
    },
)
graphql_enum(
    models.AttendanceStatus,
    name="AttendanceStatus",
    description="Whether a member attended a meeting.",
    values={
        "PRESENT": "出席 — present.",
        "ABSENT": "缺席 — absent without leave.",
        "EXCUSED": "请假 — excused, with a reason.",
    },
)
graphql_enum(
    models.Cadence,
    name="PartyCadence",
    description="How often something is required (周期): calendar weeks, months or quarters.",
    values={
        "WEEKLY": "每周 — once per ISO week (Monday to Sunday).",
        "MONTHLY": "每月 — once per calendar month.",
        "QUARTERLY": "每季度 — once per calendar quarter.",
        "NONE": "不作要求 — no required cadence.",
    },
)
graphql_enum(
    OccurrenceStatus,
    name="OccurrenceStatus",
    description="How a required meeting occurrence (a week, month or quarter) was answered.",
    values={
        "HELD": "按期召开 — held within its slot.",
        "LATE": "补开 — made up within the grace days after its slot ended.",
        "MISSING": "未开 — not held and past its due date.",
        "DUE": "待开 — not held yet; its slot is still running.",
    },
)
graphql_enum(
    models.DutyKind,
    name="DutyKind",
    description="The two duties of one post (一岗双责).",
    values={
        "BUSINESS": "业务职责 — the post's police work.",
        "PARTY_CONDUCT": "党风廉政建设责任 — party conduct and integrity responsibility.",
    },
)
graphql_enum(
    models.CheckOutcome,
    name="CheckOutcome",
    description="Result of a responsibility check.",
    values={
        "DONE": "已落实 — checked, duty carried out.",
        "PROBLEMS_FOUND": "发现问题 — checked, problems found (described).",
    },
)
graphql_enum(
    models.StarDecision,
    name="StarDecision",
    description="Which step of the 警营之星 tie rule decided the month.",
    values={
        "VOTES": "得票最多 — the most votes.",
        "NOMINATIONS": "票数相同, 提名最多 — equal votes; nominated by more colleagues.",
        "EARLIEST_NOMINATION": "票数与提名均相同, 最先被提名 — equal votes and nominations; nominated first.",
        "NO_VOTES": "无人投票 — nobody voted: no star this month.",
    },
)
graphql_enum(
    StarPhase,
    name="StarPhase",
    description="Where a month's 警营之星 selection stands.",
    values={
        "NOT_OPEN": "未开始 — the month has not begun.",
        "NOMINATING": "提名中 — nominations are open.",
        "VOTING": "投票中 — voting is open.",
        "COUNTING": "待公布 — voting ended; waiting to be closed.",
        "CLOSED": "已评选 — closed; the star is known.",
    },
)
graphql_enum(
    models.FacilityKind,
    name="FacilityKind",
    description="五小工程 and the culture corridor of a 美丽警营.",
    values={
        "DUTY_ROOM": "备勤室 — duty rest room.",
        "BATHROOM": "浴室 — bathroom.",
        "CANTEEN": "食堂 — canteen.",
        "GYM": "健身房 — gym.",
        "LAUNDRY": "洗衣房 — laundry.",
        "CULTURE_CORRIDOR": "警营文化长廊 — culture corridor.",
    },
)
graphql_enum(
    models.FacilityStatus,
    name="FacilityStatus",
    description="State of a facility item: PLANNED → IN_PROGRESS → IN_USE ⇄ NEEDS_REPAIR.",
    values={
        "PLANNED": "规划中 — planned.",
        "IN_PROGRESS": "建设中 — being built or refurbished.",
        "IN_USE": "已投用 — in use.",
        "NEEDS_REPAIR": "待维修 — needs repair.",
    },
)
