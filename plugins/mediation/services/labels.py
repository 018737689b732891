"""Chinese and English wording of the enums, shared by GraphQL descriptions and printed texts."""

from __future__ import annotations

from ..models import (
    CanvassMode,
    CentreMemberKind,
    CriminalLinkSource,
    DisputeCategory,
    DisputeSource,
    DisputeStatus,
    MediationLevel,
    PartyRole,
    RiskFactor,
    RiskLevel,
    TeamRole,
    TipStatus,
)

STATUS = {
    DisputeStatus.REPORTED: ("已受理", "Reported and accepted; awaiting risk assessment."),
    DisputeStatus.ASSESSED: ("已研判", "Risk assessed; awaiting a mediation team."),
    DisputeStatus.IN_MEDIATION: ("调解中", "A mediation team is working on it."),
    DisputeStatus.RESOLVED: ("调解成功", "Resolved by a mediation agreement."),
    DisputeStatus.FAILED: ("调解不成", "Mediation failed at the current level."),
    DisputeStatus.ESCALATED: ("已上交", "Handed over to the next level; awaiting its team."),
    DisputeStatus.CLOSED: ("已结案", "Closed; may be reopened if the dispute recurs."),
}
RISK = {
    RiskLevel.BLUE: ("蓝色预警", "Low risk."),
    RiskLevel.YELLOW: ("黄色预警", "Elevated risk."),
    RiskLevel.RED: ("红色预警", "High risk: leadership is alerted at once."),
}
LEVEL = {
    MediationLevel.VILLAGE: ("村(社区)级", "Village or community level (小事不出村)."),
    MediationLevel.TOWN: ("镇(街道)级", "Town or street level (大事不出镇)."),
    MediationLevel.COUNTY: ("县级", "County level (矛盾不上交: the goal is to need it rarely)."),
}
CATEGORY = {
    DisputeCategory.NEIGHBOUR: ("邻里纠纷", "Between neighbours."),
    DisputeCategory.FAMILY: ("婚姻家庭纠纷", "Marriage and family."),
    DisputeCategory.LAND: ("土地纠纷", "Land, boundaries, homesteads."),
    DisputeCategory.LABOUR_WAGES: ("劳资纠纷", "Labour and unpaid wages."),
    DisputeCategory.DEBT: ("债务纠纷", "Debts and loans."),
    DisputeCategory.PROPERTY_MANAGEMENT: ("物业纠纷", "Residents and property management."),
    DisputeCategory.TRAFFIC: ("交通事故纠纷", "Traffic accidents."),
    DisputeCategory.OTHER: ("其他纠纷", "Anything else."),
}
SOURCE = {
    DisputeSource.WALK_IN: ("来访", "Someone came to the station."),
    DisputeSource.TIP: ("群众线索", "A resident's tip (掌上警务)."),
    DisputeSource.CANVASS: ("摸排发现", "Found by a canvass (四式摸排)."),
    DisputeSource.REFERRAL: ("部门移交", "Referred by another body."),
    DisputeSource.INCIDENT: ("接处警", "Arose from a police incident."),
}
FACTOR = {
    RiskFactor.THREAT_OF_VIOLENCE: ("扬言报复/暴力威胁", "A party threatens violence or revenge."),
    RiskFactor.WEAPON: ("持械", "A weapon is involved or at hand."),
    RiskFactor.SELF_HARM_THREAT: ("扬言自伤", "A party threatens self-harm."),
    RiskFactor.VULNERABLE_PARTY: ("弱势当事人", "A vulnerable party (minor, elderly, disabled, ill)."),
    RiskFactor.PRIOR_INCIDENT: ("曾有警情", "Earlier police incidents between the parties."),
    RiskFactor.REPEATED_COMPLAINT: ("反复投诉", "Complained about repeatedly."),
    RiskFactor.GROUP_DISPUTE: ("群体性", "Involves a group of people."),
}
PARTY_ROLE = {
    PartyRole.APPLICANT: ("申请人", "Asked for mediation."),
    PartyRole.RESPONDENT: ("被申请人", "The other side."),
    PartyRole.THIRD_PARTY: ("第三人", "Otherwise concerned."),
}
TEAM_ROLE = {
    TeamRole.PROFESSIONAL: ("专业力量", "Professional: police officer or legal worker."),
    TeamRole.VOLUNTEER: ("志愿力量", "Volunteer."),
    TeamRole.PEOPLES_MEDIATOR: ("人民调解员", "People's mediator."),
}
LINK_SOURCE = {
    CriminalLinkSource.MANUAL: ("人工关联", "Linked by an officer."),
    CriminalLinkSource.AUTOMATIC: ("自动关联", "Linked when a criminal case naming a party was opened."),
}
CANVASS_MODE = {
    CanvassMode.ROLLING: ("滚动式", "Rolling: repeated on a cycle."),
    CanvassMode.CARPET: ("地毯式", "Carpet: every address of the areas."),
    CanvassMode.DRAGNET: ("拉网式", "Dragnet: a sweep for a particular problem."),
    CanvassMode.NETWORK: ("网络式", "Network: online, through residents' phones (掌上警务)."),
}
TIP_STATUS = {
    TipStatus.RECEIVED: ("已收到", "Received; not triaged yet."),
    TipStatus.DISMISSED: ("不予处理", "Dismissed after review."),
    TipStatus.MERGED: ("已合并", "Merged into another tip or a dispute already known."),
    TipStatus.CONVERTED: ("已立为纠纷", "Turned into a dispute."),
}
MEMBER_KIND = {
    CentreMemberKind.COMMUNITY_CADRE: ("社区干部", "Community cadre."),
    CentreMemberKind.PROPERTY_STAFF: ("物业人员", "Property management staff."),
    CentreMemberKind.VOLUNTEER: ("治安志愿者", "Public-security volunteer."),
    CentreMemberKind.POLICE_OFFICER: ("社区民警", "Community police officer."),
}


def described(labels: dict) -> dict[str, str]:
    """``{"RED": "红色预警 — High risk…"}`` for ``graphql_enum(values=...)``."""
    return {member.name: f"{chinese} — {english}" for member, (chinese, english) in labels.items()}


def chinese(labels: dict, member) -> str:
    return labels[member][0]
