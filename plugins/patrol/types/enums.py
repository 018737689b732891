"""GraphQL enums of the patrol plugin, every value described (Chinese terms included)."""

from __future__ import annotations

from core import graphql_enum
from plugins.patrol import enums as e

graphql_enum(
    e.IncidentSource,
    description="How an incident reached the station (警情来源).",
    values={
        "CALL_110": "110报警 — emergency call.",
        "WALK_IN": "群众来所报警 — reported in person at the station.",
        "PATROL": "巡逻发现 — found on patrol.",
        "VIDEO": "视频巡查发现 — spotted on video surveillance.",
        "TIP": "群众举报/线索 — tip from a resident or informant.",
        "REFERRAL": "移交 — referred by another agency or station.",
    },
)
graphql_enum(
    e.IncidentCategory,
    description="Category of an incident (警情类别).",
    values={
        "THEFT": "盗窃 — theft.",
        "FRAUD": "诈骗 — fraud, including telecom fraud.",
        "ASSAULT": "殴打/伤害 — fight or assault.",
        "PUBLIC_ORDER": "扰乱治安 — disturbance of public order.",
        "DISPUTE": "纠纷 — dispute (may be passed to mediation).",
        "TRAFFIC": "交通 — traffic accident or violation.",
        "FIRE": "火警 — fire.",
        "ASSISTANCE": "求助 — request for help.",
        "OTHER": "其他 — other.",
    },
)
graphql_enum(
    e.IncidentStatus,
    description="Where an incident stands (接处警流程).",
    values={
        "RECEIVED": "已接警 — received, not yet dispatched.",
        "DISPATCHED": "已派警 — dispatched to a unit.",
        "ARRIVED": "已到场 — the unit reached the scene.",
        "HANDLED": "已处置 — handled on the scene.",
        "CLOSED": "已结警 — closed.",
    },
)
graphql_enum(
    e.DutyUnit,
    description='Unit of the "一室两队" duty model.',
    values={
        "COMMAND_ROOM": "勤务指挥室 — duty command room (receives and dispatches).",
        "INVESTIGATION_TEAM": "侦查办案队 — investigation team (small cases).",
        "COMMUNITY_POLICING": "社区警务队 — community policing team (order and service).",
    },
)
graphql_enum(
    e.HandlingOutcome,
    description="What handling an incident came to (处置结果).",
    values={
        "RESOLVED_ON_SITE": "现场处置完毕 — resolved on the scene.",
        "MEDIATED": "调解 — settled by mediation.",
        "ADMINISTRATIVE_CASE": "行政案件 — administrative (public-security) case.",
        "CRIMINAL_CASE": "刑事案件 — criminal case.",
        "REFERRED": "移交 — referred to another agency.",
        "FALSE_ALARM": "误报/无效警情 — false alarm.",
    },
)
graphql_enum(
    e.PersonRole,
    description="Part a person played in an incident (涉警人员身份).",
    values={
        "REPORTER": "报警人 — reporter.",
        "VICTIM": "受害人 — victim.",
        "SUSPECT": "嫌疑人 — suspect.",
        "WITNESS": "证人 — witness.",
        "OTHER": "其他 — other.",
    },
)
graphql_enum(
    e.AssetKind,
    description="Kind of surveillance asset.",
    values={
        "CAMERA": "监控探头 — camera.",
        "HD_CAMERA": "高清监控 — high-definition camera.",
        "CHECKPOINT": "高清卡口 — vehicle checkpoint.",
    },
)
graphql_enum(
    e.AssetProject,
    description="Programme an asset was built under.",
    values={
        "SKYNET": "天网工程 — Skynet urban surveillance.",
        "SHARP_EYES": "雪亮工程 — Sharp Eyes rural and community surveillance.",
        "SMART_SECURITY": "智慧安防 — smart-security compound systems.",
    },
)
graphql_enum(
    e.AssetStatus,
    description="Operating status of a surveillance asset.",
    values={
        "ONLINE": "在线 — online.",
        "OFFLINE": "离线 — offline.",
        "FAULTY": "故障 — faulty, awaiting repair.",
    },
)
graphql_enum(
    e.PatrolTeamKind,
    description="Kind of patrol team (巡防队伍).",
    values={
        "POLICE": "公安巡防队 — police patrol team.",
        "RED_ARMBAND": '"红袖章"义务巡逻队 — red-armband volunteer patrol.',
        "JOINT_DEFENCE": "治安联防队 — joint-defence team.",
    },
)
graphql_enum(
    e.RoutePointStatus,
    description="Check-in state of a route point (打卡情况).",
    values={
        "PENDING": "待打卡 — not checked in yet, still possible.",
        "ON_TIME": "按时 — checked in on time.",
        "LATE": "迟到 — checked in after the grace period.",
        "MISSED": "漏打卡 — no check-in by the end of the shift.",
    },
)
graphql_enum(
    e.ShiftStatus,
    description="Where a patrol shift stands by the clock.",
    values={
        "PLANNED": "未开始 — not started.",
        "ON_DUTY": "执勤中 — under way.",
        "FINISHED": "已结束 — over.",
    },
)
graphql_enum(
    e.ResidenceKind,
    description="Registered versus actual residence (人口类型).",
    values={
        "HOUSEHOLD": "户籍人口 — registered and living here.",
        "FLOATING": "流动人口 — living here, registered elsewhere.",
        "SEPARATED": "人户分离 — registered here, living elsewhere.",
    },
)
graphql_enum(
    e.AddressRelation,
    description="A resident's relation to the address (与房屋关系).",
    values={
        "OWNER": "户主/产权人 — owner or head of household.",
        "FAMILY_MEMBER": "家庭成员 — family member.",
        "TENANT": "租住 — tenant.",
        "COLLECTIVE": "集体户 — collective household (dormitory, company).",
        "OTHER": "其他 — other.",
    },
)
graphql_enum(
    e.ResidentTag,
    description="Care and control tags of a resident (人员标签).",
    values={
        "LEFT_BEHIND_CHILD": "留守儿童 — left-behind child.",
        "EMPTY_NEST_ELDERLY": "空巢老人 — empty-nest elderly.",
        "KEY_PERSON": "重点人员 — key person under attention.",
        "DISABLED": "残疾人 — person with a disability.",
        "SEVERE_MENTAL_DISORDER": "严重精神障碍患者 — person with a severe mental disorder.",
        "COMMUNITY_CORRECTION": "社区矫正对象 — under community correction.",
    },
)
graphql_enum(
    e.HousingKind,
    description="Kind of house (房屋类型).",
    values={
        "RESIDENTIAL": "住宅 — residential.",
        "SELF_BUILT": "自建房 — self-built house.",
        "COMMERCIAL": "商铺 — commercial.",
        "MIXED_USE": "商住两用 — mixed use.",
        "FACTORY": "厂房 — factory building.",
        "OTHER": "其他 — other.",
    },
)
graphql_enum(
    e.UnitKind,
    description="Kind of actual unit (单位类型).",
    values={
        "COMPANY": "企业 — company.",
        "SHOP": "商铺/门店 — shop.",
        "ENTERTAINMENT_VENUE": "娱乐场所 — entertainment venue.",
        "HOTEL": "旅馆 — hotel or guesthouse.",
        "SCHOOL": "学校 — school.",
        "HOSPITAL": "医院 — hospital or clinic.",
        "CIVIL_EXPLOSIVES": "民爆企业 — civil-explosives company.",
        "GOVERNMENT": "机关 — government body.",
        "OTHER": "其他 — other.",
    },
)
graphql_enum(
    e.BasicInfoKind,
    description='Register of "一标三实" (import and export).',
    values={
        "ADDRESSES": "标准地址 — standard addresses.",
        "RESIDENTS": "实有人口 — actual population.",
        "HOUSING": "实有房屋 — actual housing.",
        "UNITS": "实有单位 — actual units.",
    },
)
graphql_enum(
    e.CsvEncoding,
    description="Character encoding of an uploaded CSV file.",
    values={
        "UTF8": "UTF-8, with or without byte-order mark.",
        "GB18030": "GB18030 (superset of GBK/GB2312), as written by Excel on Chinese Windows.",
    },
)
graphql_enum(
    e.InspectionTargetKind,
    description="Kind of inspected unit or venue (检查对象).",
    values={
        "KEY_UNIT": "重点单位 — key unit.",
        "CIVIL_EXPLOSIVES_COMPANY": "民爆企业 — civil-explosives company.",
        "ENTERTAINMENT_VENUE": "娱乐场所 — entertainment venue.",
        "HOTEL": "旅馆 — hotel.",
        "SCHOOL": "学校 — school.",
        "OTHER_VENUE": "其他行业场所 — other regulated venue.",
    },
)
graphql_enum(
    e.InspectionKind,
    description="Kind of inspection (检查类型).",
    values={
        "DAILY": "日常检查 — daily inspection.",
        "PUBLIC_ORDER": "治安检查 — public-order inspection.",
        "TRAFFIC": "交通检查 — traffic inspection.",
        "FIRE": "消防检查 — fire-safety inspection.",
        "EXPLOSIVES": "民爆检查 — civil-explosives inspection.",
    },
)
graphql_enum(
    e.FindingSeverity,
    description="Severity of an inspection finding (隐患等级); sets the default deadline.",
    values={
        "LOW": "一般 — minor.",
        "MEDIUM": "较大 — moderate.",
        "HIGH": "重大 — serious.",
        "CRITICAL": "特别重大 — critical, rectify at once.",
    },
)
graphql_enum(
    e.RectificationStatus,
    description="State of a rectification (整改).",
    values={
        "OPEN": "整改中 — open.",
        "CLOSED": "已整改 — closed after re-inspection.",
    },
)
graphql_enum(
    e.ReinspectionOutcome,
    description="Result of a re-inspection (复查结果).",
    values={
        "CLOSED": "整改到位 — rectified, closed.",
        "EXTENDED": "延期整改 — not yet rectified, deadline extended.",
    },
)
graphql_enum(
    e.CampaignStatus,
    description="State of a hotspot remediation campaign.",
    values={
        "ACTIVE": "整治中 — under way.",
        "FINISHED": "已结束 — finished.",
    },
)
