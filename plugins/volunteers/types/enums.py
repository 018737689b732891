"""GraphQL enums of the volunteers plugin, every value described."""

from __future__ import annotations

import enum

from core import graphql_enum
from plugins.volunteers import models

OrganizationKind = graphql_enum(
    models.OrganizationKind,
    name="VolunteerOrganizationKind",
    description="Kind of a social organisation taking part in public safety (社会组织类型).",
    values={
        "VOLUNTEER_STUDIO": "志愿者工作室 — volunteer studio, e.g. 小红志愿者工作室.",
        "CHAMBER_OF_COMMERCE": "商会 — chamber of commerce or business association.",
        "SOCIAL_ORGANIZATION": "社会组织 — other registered social organisation.",
        "MEDIA": "媒体 — media outlet.",
        "OTHER": "其他 — other organisation.",
    },
)
VolunteerStatus = graphql_enum(
    models.VolunteerStatus,
    description="Whether a volunteer serves (志愿者状态).",
    values={
        "ACTIVE": "在册 — active; may take part in activities.",
        "SUSPENDED": "暂停 — suspended for a while.",
        "LEFT": "退出 — has left.",
    },
)
DeputyKind = graphql_enum(
    models.DeputyKind,
    description="Which of the 两代表一委员 a volunteer is.",
    values={
        "PARTY_CONGRESS": "党代表 — deputy to a party congress.",
        "PEOPLES_CONGRESS": "人大代表 — deputy to a people's congress.",
        "CPPCC": "政协委员 — member of a CPPCC committee.",
    },
)
ActivityKind = graphql_enum(
    models.ActivityKind,
    description="Kind of volunteer activity (志愿活动类型).",
    values={
        "CARE_VISIT": "关爱走访 — visit to people in the care register (留守儿童, 空巢老人…).",
        "PATROL": "巡逻 — patrol, e.g. with the red-armband (红袖章) teams.",
        "PUBLICITY": "宣传 — publicity (anti-fraud, law, safety).",
        "MEDIATION_SUPPORT": "协助调解 — helping to mediate a dispute (old spelling of MEDIATION).",
        "OTHER": "其他 — other service.",
        "MEDIATION": "协助调解 — helping to mediate a dispute (多元化调解).",
    },
    deprecated={"MEDIATION_SUPPORT": "Use MEDIATION, the published name; both are stored and filtered as MEDIATION."},
)
CareRecipientKind = graphql_enum(
    models.CareRecipientKind,
    description="Why a person is in the care register (关爱对象类型).",
    values={
        "LEFT_BEHIND_CHILD": "留守儿童 — left-behind child (under 16, parents working away).",
        "EMPTY_NEST_ELDERLY": "空巢老人 — empty-nest elderly (60 or older, living without their children).",
        "DISABLED": "残疾人 — person with a disability.",
        "OTHER": "其他 — other person needing care.",
    },
)
CareRecipientStatus = graphql_enum(
    models.CareRecipientStatus,
    description="Whether a person is still in care.",
    values={
        "ACTIVE": "在册 — in care; visits are due on the cadence.",
        "CLOSED": "已销号 — no longer in care (moved away, grown up…); no visits due.",
    },
)
FeedbackKind = graphql_enum(
    models.FeedbackKind,
    description="Kind of feedback raised at a 向人民汇报 meeting.",
    values={
        "SUGGESTION": "建议 — suggestion.",
        "COMPLAINT": "投诉/意见 — complaint.",
        "QUESTION": "咨询 — question.",
    },
)
FeedbackStatus = graphql_enum(
    models.FeedbackStatus,
    description="Whether feedback has been replied to (答复状态).",
    values={"OPEN": "待答复 — waiting for a reply.", "REPLIED": "已答复 — replied to."},
)
SurveyStatus = graphql_enum(
    models.SurveyStatus,
    description="Whether a satisfaction survey takes answers.",
    values={"OPEN": "进行中 — takes answers.", "CLOSED": "已结束 — closed; no more answers."},
)
CallbackStatus = graphql_enum(
    models.CallbackStatus,
    description="Outcome of a callback (回访结果).",
    values={
        "PENDING": "待回访 — not called yet.",
        "REACHED": "已回访 — the person was reached and rated the work.",
        "UNREACHABLE": "未接通 — nobody was reached; may be tried again, never replaced.",
    },
)


class MeetingComplianceStatus(enum.Enum):
    HELD = "HELD"
    MISSING = "MISSING"
    PENDING = "PENDING"


graphql_enum(
    MeetingComplianceStatus,
    description="Whether a village/community held its quarterly 向人民汇报 meeting.",
    values={
        "HELD": "已召开 — held in the quarter.",
        "MISSING": "未召开 — the quarter ended without a meeting.",
        "PENDING": "待召开 — the quarter is still running and no meeting is held yet.",
    },
)
