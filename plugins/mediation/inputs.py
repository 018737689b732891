"""GraphQL inputs, filters and mutation payloads of mediation."""

from __future__ import annotations

import datetime as dt

import strawberry

from core import NotFound, UserError, UserInputError, decode_id

from . import models
from .services import DisputeData, DisputeOrderField, DisputeQuery, MemberData, PartyData, TeamMember, TriageAction
from .types import (
    CriminalCaseLink,
    Dispute,
    DisputeEscalation,
    MediationAgreement,
    MediationCentre,
    MediationSession,
)
from .types_intake import CanvassCampaign, CanvassFinding, Tip


def query_id(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    """Decode an id given to a query; a bad one is NOT_FOUND (queries have no error payload)."""
    try:
        return decode_id(value, type_name, field=field, required=False)
    except UserInputError as error:
        raise NotFound(error.message) from None


# --- disputes ---------------------------------------------------------------------------------


@strawberry.input(description="A party to a dispute (当事人).")
class PartyInput:
    name: str
    id_number: str = strawberry.field(description="Resident ID number (居民身份证号码), validated.")
    role: models.PartyRole
    phone: str | None = strawberry.field(default=None, description="Mainland mobile number, validated.")
    vulnerable: bool = strawberry.field(default=False, description="Disabled, pregnant, ill… (age is checked anyway).")


@strawberry.input(description="A new dispute (受理).")
class ReportDisputeInput:
    parties: list[PartyInput]
    category: models.DisputeCategory
    area_id: strawberry.ID
    description: str
    source: models.DisputeSource = models.DisputeSource.WALK_IN
    risk_factors: list[models.RiskFactor] = strawberry.field(default_factory=list)
    level: models.MediationLevel = strawberry.field(
        default=models.MediationLevel.VILLAGE, description="Starting level; VILLAGE unless it is clearly bigger."
    )
    centre_id: strawberry.ID | None = strawberry.field(default=None, description="Handle it at this mediation centre.")

    def to_data(self) -> DisputeData:
        return DisputeData(
            parties=[PartyData(p.name, p.id_number, p.role, p.phone, p.vulnerable) for p in self.parties],
            category=self.category,
            area_id=decode_id(self.area_id, "Area", field="areaId"),
            description=self.description,
            source=self.source,
            risk_factors=list(self.risk_factors),
            level=self.level,
            centre_id=decode_id(self.centre_id, "MediationCentre", field="centreId", required=False),
        )


def dispute_id(value: strawberry.ID, field: str = "disputeId") -> int | None:
    return decode_id(value, "Dispute", field=field)


@strawberry.input(description="研判: confirm a reported dispute's risk factors (and starting level).")
class AssessDisputeInput:
    dispute_id: strawberry.ID
    risk_factors: list[models.RiskFactor] | None = strawberry.field(default=None, description="Replaces the list.")
    level: models.MediationLevel | None = None
    note: str | None = None
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="Set the risk level by hand, with a reason.")
class OverrideRiskLevelInput:
    dispute_id: strawberry.ID
    level: models.RiskLevel | None = strawberry.field(description="Null returns to the computed level.")
    reason: str


@strawberry.input(description="A seat on a mediation team.")
class MediatorInput:
    user_id: strawberry.ID
    team_role: models.TeamRole

    def to_member(self, index: int) -> TeamMember:
        return TeamMember(decode_id(self.user_id, "User", field=f"mediators.{index}.userId"), self.team_role)


@strawberry.input(description="Put a mediation team (专业+志愿+调解) on a dispute at its current level.")
class AssignMediatorsInput:
    dispute_id: strawberry.ID
    mediators: list[MediatorInput]
    centre_id: strawberry.ID | None = None


@strawberry.input(description="A mediation session held.")
class RecordMediationSessionInput:
    dispute_id: strawberry.ID
    held_at: dt.datetime
    place: str
    attendees: list[str]
    notes: str


@strawberry.input(description="调解成功: the agreement reached.")
class ResolveDisputeInput:
    dispute_id: strawberry.ID
    terms: list[str] = strawberry.field(description="The agreed clauses, in order.")
    signed_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="调解不成 at the current level.")
class FailMediationInput:
    dispute_id: strawberry.ID
    reason: str
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="Hand the dispute to the next level up.")
class EscalateDisputeInput:
    dispute_id: strawberry.ID
    handover_note: str
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="结案.")
class CloseDisputeInput:
    dispute_id: strawberry.ID
    note: str | None = None
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="The dispute recurs.")
class ReopenDisputeInput:
    dispute_id: strawberry.ID
    reason: str
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="民转刑: link a dispute to a criminal case.")
class LinkCriminalCaseInput:
    dispute_id: strawberry.ID
    case_number: str
    note: str | None = None


@strawberry.input(description="Filter for disputes; all given conditions apply.")
class DisputeFilter:
    status: models.DisputeStatus | None = None
    risk_level: models.RiskLevel | None = None
    level: models.MediationLevel | None = None
    category: models.DisputeCategory | None = None
    source: models.DisputeSource | None = None
    area_id: strawberry.ID | None = strawberry.field(default=None, description="This area and every area below it.")
    centre_id: strawberry.ID | None = None
    open: bool | None = strawberry.field(default=None, description="True: not RESOLVED or CLOSED; false: the others.")
    overdue: bool | None = strawberry.field(default=None, description="Past the intervention deadline (督办).")
    criminal_linked: bool | None = None
    text: str | None = strawberry.field(default=None, description="Words in the description.")

    def to_query(self) -> DisputeQuery:
        return DisputeQuery(
            statuses=[self.status] if self.status else [],
            open=self.open,
            risk_levels=[self.risk_level] if self.risk_level else [],
            levels=[self.level] if self.level else [],
            categories=[self.category] if self.category else [],
            sources=[self.source] if self.source else [],
            area_id=query_id(self.area_id, "Area", "filter.areaId"),
            centre_id=query_id(self.centre_id, "MediationCentre", "filter.centreId"),
            overdue=self.overdue,
            criminal_linked=self.criminal_linked,
            text=self.text,
        )


@strawberry.input(description="Order of disputes.")
class DisputeOrder:
    field: DisputeOrderField = DisputeOrderField.CREATED_AT
    descending: bool = True


# --- payloads ---------------------------------------------------------------------------------


@strawberry.type(description="Result of a dispute lifecycle mutation.")
class DisputePayload:
    dispute: Dispute | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of reportDispute.")
class ReportDisputePayload(DisputePayload):
    pass


@strawberry.type(description="Result of assessDispute.")
class AssessDisputePayload(DisputePayload):
    pass


@strawberry.type(description="Result of overrideRiskLevel.")
class OverrideRiskLevelPayload(DisputePayload):
    pass


@strawberry.type(description="Result of assignMediators.")
class AssignMediatorsPayload(DisputePayload):
    pass


@strawberry.type(description="Result of recordMediationSession.")
class RecordMediationSessionPayload(DisputePayload):
    session: MediationSession | None = None


@strawberry.type(description="Result of resolveDispute.")
class ResolveDisputePayload(DisputePayload):
    agreement: MediationAgreement | None = None


@strawberry.type(description="Result of failMediation.")
class FailMediationPayload(DisputePayload):
    pass


@strawberry.type(description="Result of escalateDispute.")
class EscalateDisputePayload(DisputePayload):
    escalation: DisputeEscalation | None = None


@strawberry.type(description="Result of closeDispute.")
class CloseDisputePayload(DisputePayload):
    pass


@strawberry.type(description="Result of reopenDispute.")
class ReopenDisputePayload(DisputePayload):
    pass


@strawberry.type(description="Result of linkCriminalCase.")
class LinkCriminalCasePayload(DisputePayload):
    criminal_case: CriminalCaseLink | None = None


# --- tips, canvassing, centres ---------------------------------------------------------------


@strawberry.input(description="A tip (群众线索). Anonymous senders give the station; nothing identifies them.")
class SubmitTipInput:
    content: str
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required when not logged in.")
    area_id: strawberry.ID | None = None
    contact_phone: str | None = strawberry.field(default=None, description="Only if the sender wants a call back.")
    anonymous: bool = strawberry.field(default=True, description="Logged-in residents may choose to be named.")


@strawberry.type(description="Result of submitTip: keep the tracking code; it is shown only now.")
class SubmitTipPayload:
    tracking_code: str | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Triage a tip: dismiss, merge, or convert to a dispute.")
class TriageTipInput:
    tip_id: strawberry.ID
    action: TriageAction
    note: str | None = strawberry.field(default=None, description="Required to dismiss.")
    merge_into_tip_id: strawberry.ID | None = None
    merge_into_dispute_id: strawberry.ID | None = None
    dispute: ReportDisputeInput | None = strawberry.field(default=None, description="For CONVERT (source is TIP).")


@strawberry.type(description="Result of triageTip.")
class TriageTipPayload:
    tip: Tip | None = None
    dispute: Dispute | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Filter for tips.")
class TipFilter:
    status: models.TipStatus | None = None


@strawberry.input(description="A new canvass campaign (四式摸排).")
class CreateCanvassCampaignInput:
    name: str
    mode: models.CanvassMode
    area_ids: list[strawberry.ID]
    start: dt.date
    end: dt.date
    notes: str | None = None


@strawberry.type(description="Result of createCanvassCampaign.")
class CreateCanvassCampaignPayload:
    campaign: CanvassCampaign | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Addresses visited by a campaign (added to its total).")
class RecordCanvassProgressInput:
    campaign_id: strawberry.ID
    addresses_visited: int


@strawberry.type(description="Result of recordCanvassProgress.")
class RecordCanvassProgressPayload:
    campaign: CanvassCampaign | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Something a canvass found.")
class RecordCanvassFindingInput:
    campaign_id: strawberry.ID
    area_id: strawberry.ID
    description: str
    address: str | None = None
    risk_factors: list[models.RiskFactor] = strawberry.field(default_factory=list)
    found_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When it was found in the field, for a finding entered later (补录; default now): not in the "
        "future, not before the campaign's start, within the back-dating window.",
    )


@strawberry.type(description="Result of recordCanvassFinding.")
class RecordCanvassFindingPayload:
    finding: CanvassFinding | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Turn a finding into a dispute (source CANVASS).")
class ConvertCanvassFindingInput:
    finding_id: strawberry.ID
    dispute: ReportDisputeInput


@strawberry.type(description="Result of convertCanvassFinding.")
class ConvertCanvassFindingPayload:
    dispute: Dispute | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Filter for canvass campaigns.")
class CanvassCampaignFilter:
    mode: models.CanvassMode | None = None


@strawberry.input(description="A member of a compound mediation centre.")
class CentreMemberInput:
    name: str
    kind: models.CentreMemberKind
    phone: str | None = None
    user_id: strawberry.ID | None = None

    def to_data(self, field: str) -> MemberData:
        return MemberData(
            self.name, self.kind, self.phone, decode_id(self.user_id, "User", field=field, required=False)
        )


@strawberry.input(description="A new compound mediation centre (小区调处中心).")
class CreateMediationCentreInput:
    name: str
    area_id: strawberry.ID = strawberry.field(description="The residential compound (小区) it serves.")
    members: list[CentreMemberInput] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of createMediationCentre.")
class CreateMediationCentrePayload:
    centre: MediationCentre | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Add a member to a mediation centre.")
class AddMediationCentreMemberInput:
    centre_id: strawberry.ID
    member: CentreMemberInput


@strawberry.type(description="Result of addMediationCentreMember.")
class AddMediationCentreMemberPayload:
    centre: MediationCentre | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)
