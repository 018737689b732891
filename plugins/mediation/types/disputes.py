"""GraphQL types of mediation: enums, disputes and everything nested in them."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import (
    AreaNode,
    AttachmentNode,
    Node,
    RecordedStep,
    attachments_field,
    children_field,
    current_app,
    distance_field,
    graphql_enum,
    location_field,
    node_type,
    recorded_steps,
    reference,
    related_field,
    row_mapping,
)

from .. import models
from ..services import labels
from ..services.listing import DisputeOrderField
from ..services.tips import TriageAction
from . import loaders
from .evidence import JudicialConfirmation

graphql_enum(
    models.DisputeStatus, description="Where a dispute stands (纠纷状态).", values=labels.described(labels.STATUS)
)
graphql_enum(
    models.RiskLevel,
    description="三色预警 — risk warning level, low to high: BLUE < YELLOW < RED.",
    values=labels.described(labels.RISK),
)
graphql_enum(
    models.MediationLevel,
    description="三级联调 — the level a dispute is mediated at, VILLAGE → TOWN → COUNTY.",
    values=labels.described(labels.LEVEL),
)
graphql_enum(
    models.DisputeCategory, description="Kind of dispute (纠纷类别).", values=labels.described(labels.CATEGORY)
)
graphql_enum(
    models.DisputeSource, description="How the dispute came in (来源).", values=labels.described(labels.SOURCE)
)
graphql_enum(
    models.RiskFactor, description="A risk factor (风险因素) the rules look at.", values=labels.described(labels.FACTOR)
)
graphql_enum(models.PartyRole, description="A party's role in the dispute.", values=labels.described(labels.PARTY_ROLE))
graphql_enum(
    models.TeamRole,
    description="Seat on a mediation team: 专业+志愿+调解.",
    values=labels.described(labels.TEAM_ROLE),
)
graphql_enum(
    models.CriminalLinkSource,
    description="How a dispute got linked to a criminal case (民转刑).",
    values=labels.described(labels.LINK_SOURCE),
)
graphql_enum(
    models.CanvassMode, description="四式摸排 — the four canvass modes.", values=labels.described(labels.CANVASS_MODE)
)
graphql_enum(models.TipStatus, description="What became of a tip.", values=labels.described(labels.TIP_STATUS))
graphql_enum(
    models.CentreMemberKind,
    description="Who serves at a compound mediation centre.",
    values=labels.described(labels.MEMBER_KIND),
)
graphql_enum(
    DisputeOrderField,
    description="What disputes are ordered by.",
    values={
        "CREATED_AT": "When the dispute was reported (受理时间).",
        "RISK_LEVEL": "Risk level (BLUE < YELLOW < RED).",
        "DEADLINE_AT": "Intervention deadline of the current level.",
        "UPDATED_AT": "Last change.",
    },
)
graphql_enum(
    TriageAction,
    description="What an officer does with a tip.",
    values={
        "DISMISS": "Not actionable; a note says why.",
        "MERGE": "A duplicate: merge into another tip or a dispute already known.",
        "CONVERT": "Open a dispute from it (source TIP).",
    },
)


@strawberry.type(description="One risk rule that fired for a dispute, with why.")
class RiskRuleHit:
    rule: str = strawberry.field(description="Rule code, e.g. factor.WEAPON, parties.many, unresolved.days.")
    level: models.RiskLevel = strawberry.field(description="The level the rule sets (or, if raises, the step).")
    explanation: str = strawberry.field(
        description="Why the rule fired, in words, e.g. 3 parties, 2 of them vulnerable."
    )
    raises: bool = strawberry.field(description="True when the rule raises the result by one level.")


@strawberry.type(description="A party to a dispute (当事人). Personal values are masked without the right to see them.")
class DisputeParty:
    id: strawberry.ID = strawberry.field(description="Opaque global id of the party entry.")
    person_id: strawberry.ID = strawberry.field(description="The person across disputes (same ID number).")
    name: str = strawberry.field(
        description=(
            "Full name of the party. Masked (e.g. 张*) unless the caller holds core.personal.view_full (station "
            "chiefs, officers, bureau admins); full views are audited."
        )
    )
    id_number: str = strawberry.field(description="Resident ID number (居民身份证号码).")
    phone: str | None = strawberry.field(
        description=(
            "Mainland mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    role: models.PartyRole = strawberry.field(description="The party's side in the dispute.")
    vulnerable: bool = strawberry.field(description="Flagged vulnerable when reported (the age rule applies too).")

    from_row = row_mapping(
        models.DisputeParty,
        person_id=reference("DisputePerson", "person_id"),
        name="person.name",
        id_number="person.id_number",
        phone="person.phone",
    )


@strawberry.type(description="A mediation session (调解会): time, place, attendees, notes.")
class MediationSession:
    id: strawberry.ID = strawberry.field(description="Opaque global id of the session.")
    held_at: dt.datetime = strawberry.field(description="When the session took place (ISO-8601 with offset).")
    place: str = strawberry.field(description="Where it was held, e.g. 村调委会.")
    attendees: list[str] = strawberry.field(description="Names of the people present.")
    notes: str = strawberry.field(description="What was said and agreed (调解笔录).")
    level: models.MediationLevel = strawberry.field(
        description="Mediation level the dispute was at when the session was held."
    )
    recorded_by_user_id: strawberry.ID | None = strawberry.field(
        description="Global id of the user who recorded it; null if that account is gone."
    )

    from_row = row_mapping(models.MediationSession, recorded_by_user_id=reference("User", "recorded_by_id"))


@strawberry.type(description="A member of a dispute's mediation team (专业+志愿+调解).")
class MediatorAssignment:
    user_id: strawberry.ID = strawberry.field(description="Global id of the mediator's user account.")
    display_name: str = strawberry.field(description="The mediator's display name.")
    team_role: models.TeamRole = strawberry.field(
        description="The seat held: professional, volunteer or people's mediator (专业+志愿+调解)."
    )
    level: models.MediationLevel = strawberry.field(description="Mediation level the team served at.")
    assigned_at: dt.datetime = strawberry.field(description="When the mediator was assigned (ISO-8601 with offset).")
    active: bool = strawberry.field(description="False once the team was replaced (reassignment, escalation).")

    from_row = row_mapping(
        models.MediatorAssignment, user_id=reference("User", "user_id"), display_name="user.display_name"
    )


@strawberry.type(description="调解协议书 — the agreement that resolved a dispute.")
class MediationAgreement:
    terms: list[str] = strawberry.field(description="The agreed clauses, in order.")
    printable_text: str = strawberry.field(
        description="The agreement rendered from the template, ready to print. Shown in full to the team that made "
        "it and to roles that see personal data in full (audited); masked for others."
    )
    signed_at: dt.datetime = strawberry.field(
        description="When the parties signed (ISO-8601 with offset); the dispute's resolvedAt."
    )
    _row: strawberry.Private[models.Agreement | None] = None

    from_row = row_mapping(models.Agreement, printable_text="text")


@strawberry.type(description="A move up one mediation level with its handover note (三级联调).")
class DisputeEscalation:
    from_level: models.MediationLevel = strawberry.field(description="Level the dispute left.")
    to_level: models.MediationLevel = strawberry.field(description="Level that took it over (one up).")
    handover_note: str = strawberry.field(description="What the lower level handed over (交接说明).")
    escalated_at: dt.datetime = strawberry.field(
        description="When it moved up (ISO-8601 with offset); the new level's intervention deadline counts from here."
    )
    escalated_by_user_id: strawberry.ID | None = strawberry.field(
        description="Global id of the user who escalated it; null if that account no longer exists."
    )

    from_row = row_mapping(models.Escalation, escalated_by_user_id=reference("User", "escalated_by_id"))


@strawberry.type(description="民转刑 — a criminal case the dispute is linked to.")
class CriminalCaseLink:
    case_number: str = strawberry.field(description="Number of the criminal case (刑事案件编号).")
    incident_id: int | None = strawberry.field(description="The incident number given by the announcing plugin.")
    source: models.CriminalLinkSource = strawberry.field(
        description="Whether an officer linked it by hand or the patrol plugin announced it from an incident."
    )
    note: str | None = strawberry.field(description="How the dispute turned criminal; null when none was given.")
    linked_at: dt.datetime = strawberry.field(
        description=(
            "When the case was linked (occurredAt for a link entered later, 补录; ISO-8601 with offset); decides "
            "the period in which it counts as 民转刑 in mediationStats."
        )
    )

    from_row = row_mapping(models.CriminalCaseLink)


@strawberry.type(description="One step of a dispute's lifecycle: who did what, when.")
class DisputeHistoryEntry:
    action: str = strawberry.field(
        description="The step, in snake_case: report, assess, assign_mediators, resolve, fail, escalate, close, "
        "reopen, link_criminal_case or reevaluate_risk (time-based 三色预警 rules re-run)."
    )
    from_status: models.DisputeStatus | None = strawberry.field(
        description="Status before the step; null for the report itself."
    )
    to_status: models.DisputeStatus = strawberry.field(
        description="Status after the step (same as before for steps that keep it)."
    )
    at: dt.datetime = strawberry.field(description="When the step happened (ISO-8601 with offset).")
    by_user_id: strawberry.ID | None = strawberry.field(description="Null for automatic steps.")
    note: str | None = strawberry.field(
        description="Note given with the step (reason, handover, closing note); null when none."
    )

    from_row = row_mapping(models.DisputeTransition, by_user_id=reference("User", "by_id"))


@strawberry.type(description="A member of a compound mediation centre.")
class CentreMember:
    name: str = strawberry.field(description="The member's name as residents know them.")
    kind: models.CentreMemberKind = strawberry.field(
        description="Who the member is: community cadre, property staff, volunteer or officer."
    )
    phone: str | None = strawberry.field(
        description=(
            "Mobile number residents may call. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    user_id: strawberry.ID | None = strawberry.field(
        description="Global id of the member's user account; null for members without one."
    )

    from_row = row_mapping(models.CentreMember, user_id=reference("User", "user_id"))


@node_type(models.MediationCentre, "mediation.centre.read")
@strawberry.type(description="小区调处中心 — a residential compound's mediation centre.")
class MediationCentre(Node):
    name: str = strawberry.field(description="Name of the centre, e.g. 枫源小区调处中心.")
    area_id: strawberry.ID = strawberry.field(description="Global id of the residential compound (小区) it serves.")
    created_at: dt.datetime = strawberry.field(
        description="When the centre was set up in the system (ISO-8601 with offset)."
    )
    _row: strawberry.Private[models.MediationCentre]

    from_row = row_mapping(models.MediationCentre, area_id=reference("Area", "area_id"))

    area = related_field("area", AreaNode, description="The residential compound (小区) it serves.")

    @strawberry.field(description="Community cadres, property staff, volunteers and officers serving here.")
    async def members(self, info: Info) -> list[CentreMember]:
        return [CentreMember.from_row(row) for row in await loaders.load(info, "centre_members").load(self._row.id)]


@node_type(models.Dispute, "mediation.dispute.read")
@strawberry.type(description="A dispute (矛盾纠纷) with its parties, risk warning, team, sessions and outcome.")
class Dispute(Node):
    status: models.DisputeStatus = strawberry.field(
        description="Where the dispute stands in its lifecycle (受理 → 研判 → 调解 → 结案)."
    )
    risk_level: models.RiskLevel = strawberry.field(description="Effective level: the override if set, else computed.")
    computed_risk_level: models.RiskLevel = strawberry.field(description="What the rules give.")
    risk_overridden: bool = strawberry.field(
        description="True when an officer set the risk level by hand (overrideRiskLevel)."
    )
    risk_override_reason: str | None = strawberry.field(
        description="Why the risk level was set by hand; null without an override."
    )
    risk_factors: list[models.RiskFactor] = strawberry.field(
        description="Risk factors (风险因素) confirmed for the dispute; the risk rules read them."
    )
    risk_rules: list[RiskRuleHit] = strawberry.field(description="The rules that fired at the last evaluation.")
    level: models.MediationLevel = strawberry.field(
        description="Level currently mediating the dispute (三级联调: village, town, county)."
    )
    category: models.DisputeCategory = strawberry.field(description="Kind of dispute (纠纷类别).")
    source: models.DisputeSource = strawberry.field(description="How the dispute came in (来源).")
    description: str = strawberry.field(description="What the dispute is about, as reported.")
    area_id: strawberry.ID = strawberry.field(description="Global id of the area where the dispute arose.")
    created_at: dt.datetime = strawberry.field(description="When the dispute was reported (受理时间).")
    assessed_at: dt.datetime | None = strawberry.field(
        description="When it was assessed (研判) (ISO-8601 with offset); null before assessment."
    )
    level_started_at: dt.datetime = strawberry.field(description="When the current level took the dispute.")
    deadline_at: dt.datetime = strawberry.field(
        description="Intervention deadline (早介入) of the current level: its start plus the risk level's hours."
    )
    intervened_at: dt.datetime | None = strawberry.field(description="First intervention at the current level.")
    resolved_at: dt.datetime | None = strawberry.field(
        description="When an agreement resolved it (调解成功) (ISO-8601 with offset); null unless resolved."
    )
    resolved_level: models.MediationLevel | None = strawberry.field(
        description="Level that resolved it; null unless resolved (小事不出村 counts VILLAGE)."
    )
    failed_at: dt.datetime | None = strawberry.field(
        description="When mediation last failed (ISO-8601 with offset); null unless failed (cleared on reopening)."
    )
    failure_reason: str | None = strawberry.field(
        description="Why mediation last failed; null unless it failed (cleared on reopening)."
    )
    concluded_at: dt.datetime | None = strawberry.field(description="When it got an outcome (agreement or closure).")
    closed_at: dt.datetime | None = strawberry.field(
        description="When it was closed (结案) (ISO-8601 with offset); null while not closed."
    )
    close_note: str | None = strawberry.field(description="Closing note (结案说明); null when none.")
    reopened_count: int = strawberry.field(
        description="How many times the dispute was reopened after closing (recurrence)."
    )
    criminal_linked: bool = strawberry.field(description="民转刑: linked to at least one criminal case.")
    location = location_field("The place of the dispute (纠纷发生地); null when not recorded.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.Dispute]

    from_row = row_mapping(
        models.Dispute,
        risk_overridden=lambda row: row.risk_override is not None,
        risk_rules=lambda row: [
            RiskRuleHit(
                rule=hit["rule"],
                level=models.RiskLevel(hit["level"]),
                explanation=hit["explanation"],
                raises=hit.get("raises", False),
            )
            for hit in row.risk_rules
        ],
        area_id=reference("Area", "area_id"),
        created_at="reported_at",
    )

    @strawberry.field(description="Past the intervention deadline with no intervention at this level (督办).")
    def is_overdue(self) -> bool:
        row = self._row
        return (
            row.status not in (models.DisputeStatus.RESOLVED, models.DisputeStatus.CLOSED)
            and row.intervened_at is None
            and row.deadline_at < current_app().clock.now()
        )

    @strawberry.field(
        description="Each lifecycle step with when it happened and when it was entered (补录); back-dated steps "
        "are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    area = related_field(
        "area", AreaNode, description="Where the dispute arose (village, community, grid or compound)."
    )

    @strawberry.field(description="The compound mediation centre handling it, if any.")
    async def centre(self, info: Info) -> MediationCentre | None:
        if self._row.centre_id is None:
            return None
        row = await loaders.centre(info).load(self._row.centre_id)
        return MediationCentre.from_row(row) if row else None

    parties = children_field(
        node=DisputeParty,
        description="The parties (people under 14 are left out for roles that may not see minors).",
        **loaders.CHILDREN["parties"],
    )

    sessions = children_field(
        node=MediationSession, description="Mediation sessions, oldest first.", **loaders.CHILDREN["sessions"]
    )

    mediators = children_field(
        node=MediatorAssignment, description="Team members, the active team first.", **loaders.CHILDREN["mediators"]
    )

    @strawberry.field(description="The agreement of the latest resolution, if any.")
    async def agreement(self, info: Info) -> MediationAgreement | None:
        rows = await loaders.load(info, "agreements").load(self._row.id)
        return MediationAgreement.from_row(rows[-1]) if rows else None

    escalations = children_field(
        node=DisputeEscalation, description="Moves up the levels, oldest first.", **loaders.CHILDREN["escalations"]
    )

    @strawberry.field(description="Criminal cases it is linked to (民转刑).")
    async def criminal_cases(self, info: Info) -> list[CriminalCaseLink]:
        return [CriminalCaseLink.from_row(row) for row in await loaders.load(info, "criminal_links").load(self._row.id)]

    history = children_field(
        node=DisputeHistoryEntry, description="Every lifecycle step, oldest first.", **loaders.CHILDREN["history"]
    )

    @strawberry.field(
        description="Evidence and documents attached to the dispute (photos, recordings, the printed agreement, "
        "司法确认 packages), oldest first; empty without the right to see them."
    )
    async def attachments(self, info: Info) -> list[AttachmentNode]:
        return await attachments_field(info, "Dispute", self._row.id)

    @strawberry.field(description="司法确认 applications of its agreements, oldest first.")
    async def judicial_confirmations(self, info: Info) -> list[JudicialConfirmation]:
        from .evidence import dispute_judicial_confirmations

        return await dispute_judicial_confirmations(info, self._row.id)
