"""GraphQL inputs, filters and mutation payloads of mediation."""

import datetime as dt

import strawberry

from core import GeoPointInput, NotFound, UserError, UserInputError, decode_id

from .. import models
from ..services import DisputeData, DisputeOrderField, DisputeQuery, MemberData, PartyData, TeamMember, TriageAction
from .disputes import (
    CriminalCaseLink,
    Dispute,
    DisputeEscalation,
    MediationAgreement,
    MediationCentre,
    MediationSession,
)
from .intake import CanvassCampaign, CanvassFinding, Tip


def query_id(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    """Decode an id given to a query; a bad one is NOT_FOUND (queries have no error payload)."""
    try:
        return decode_id(value, type_name, field=field, required=False)
    except UserInputError as error:
        raise NotFound(error.message) from None


# --- disputes ---------------------------------------------------------------------------------


@strawberry.input(description="A party to a dispute (当事人).")
class PartyInput:
    name: str = strawberry.field(description="Full name of the party.")
    id_number: str = strawberry.field(description="Resident ID number (居民身份证号码), validated.")
    role: models.PartyRole = strawberry.field(description="The party's side in the dispute.")
    phone: str | None = strawberry.field(default=None, description="Mainland mobile number, validated.")
    vulnerable: bool = strawberry.field(default=False, description="Disabled, pregnant, ill… (age is checked anyway).")


@strawberry.input(description="A new dispute (受理).")
class ReportDisputeInput:
    parties: list[PartyInput] = strawberry.field(
        description="The parties (当事人), at least one; ID numbers and phones are validated."
    )
    category: models.DisputeCategory = strawberry.field(description="Kind of dispute.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Global id of the area (village, community, grid or compound) of the caller's station where it arose. "
            "May be omitted when location is given: the deepest area of the station "
            "whose boundary contains it (a grid) is taken; none containing it is a REQUIRED error. With "
            "location, a point outside its boundary is a CONFLICT error unless force."
        ),
    )
    description: str = strawberry.field(description="What the dispute is about, in the reporter's words.")
    source: models.DisputeSource = strawberry.field(
        default=models.DisputeSource.WALK_IN,
        description="How it came in; WALK_IN (来访) by default.",
    )
    risk_factors: list[models.RiskFactor] = strawberry.field(
        default_factory=list,
        description=(
            "Risk factors known at intake (风险因素); the rules compute the risk level (三色预警) from them and the "
            "parties."
        ),
    )
    level: models.MediationLevel = strawberry.field(
        default=models.MediationLevel.VILLAGE, description="Starting level; VILLAGE unless it is clearly bigger."
    )
    centre_id: strawberry.ID | None = strawberry.field(default=None, description="Handle it at this mediation centre.")
    location: GeoPointInput | None = strawberry.field(
        default=None, description="The place of the dispute (纠纷发生地), in any datum (stored in WGS-84); optional."
    )
    force: bool = strawberry.field(
        default=False,
        description=(
            "Keep areaId even when the location lies outside that area's boundary (otherwise a CONFLICT error)."
        ),
    )

    def to_data(self) -> DisputeData:
        return DisputeData(
            parties=[PartyData(p.name, p.id_number, p.role, p.phone, p.vulnerable) for p in self.parties],
            category=self.category,
            area_id=decode_id(self.area_id, "Area", field="areaId", required=False),
            description=self.description,
            source=self.source,
            risk_factors=list(self.risk_factors),
            level=self.level,
            centre_id=decode_id(self.centre_id, "MediationCentre", field="centreId", required=False),
            location=self.location,
            force=self.force,
        )


def dispute_id(value: strawberry.ID, field: str = "disputeId") -> int | None:
    return decode_id(value, "Dispute", field=field)


@strawberry.input(description="研判: confirm a reported dispute's risk factors (and starting level).")
class AssessDisputeInput:
    dispute_id: strawberry.ID = strawberry.field(
        description="Global id of a REPORTED (or already ASSESSED) dispute of the caller's station."
    )
    risk_factors: list[models.RiskFactor] | None = strawberry.field(default=None, description="Replaces the list.")
    level: models.MediationLevel | None = strawberry.field(
        default=None,
        description="Level to start mediation at (三级联调); omitted → keep the level given when it was reported.",
    )
    note: str | None = strawberry.field(
        default=None,
        description="What the assessment (研判) found; kept in the dispute's history.",
    )
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="Set the risk level by hand, with a reason.")
class OverrideRiskLevelInput:
    dispute_id: strawberry.ID = strawberry.field(description="Global id of a dispute of the caller's station.")
    level: models.RiskLevel | None = strawberry.field(description="Null returns to the computed level.")
    reason: str = strawberry.field(description="Why the computed level is wrong; required and audited.")


@strawberry.input(description="A seat on a mediation team.")
class MediatorInput:
    user_id: strawberry.ID = strawberry.field(
        description="Global id of the user who takes the seat (a mediator, officer or volunteer of the station)."
    )
    team_role: models.TeamRole = strawberry.field(description="The seat: professional, volunteer or people's mediator.")

    def to_member(self, index: int) -> TeamMember:
        return TeamMember(decode_id(self.user_id, "User", field=f"mediators.{index}.userId"), self.team_role)


@strawberry.input(description="Put a mediation team (专业+志愿+调解) on a dispute at its current level.")
class AssignMediatorsInput:
    dispute_id: strawberry.ID = strawberry.field(
        description=(
            "Global id of an ASSESSED, ESCALATED or IN_MEDIATION dispute of the caller's station; it moves "
            "IN_MEDIATION."
        )
    )
    mediators: list[MediatorInput] = strawberry.field(
        description=(
            "The whole team, one entry per seat (专业+志愿+调解); it replaces the dispute's active team at its "
            "current level."
        )
    )
    centre_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Hand the dispute to this compound mediation centre (global id) as well; omitted → keep the current centre."
        ),
    )


@strawberry.input(description="A mediation session held.")
class RecordMediationSessionInput:
    dispute_id: strawberry.ID = strawberry.field(description="Global id of a dispute IN_MEDIATION.")
    held_at: dt.datetime = strawberry.field(description="When the session took place (ISO-8601 with offset).")
    place: str = strawberry.field(description="Where it was held, e.g. 村调委会 or 小区调处中心.")
    attendees: list[str] = strawberry.field(description="Names of the people present (parties, mediators, others).")
    notes: str = strawberry.field(description="What was said and agreed (调解笔录).")


@strawberry.input(description="调解成功: the agreement reached.")
class ResolveDisputeInput:
    dispute_id: strawberry.ID = strawberry.field(description="Global id of a dispute IN_MEDIATION.")
    terms: list[str] = strawberry.field(description="The agreed clauses, in order.")
    signed_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="调解不成 at the current level.")
class FailMediationInput:
    dispute_id: strawberry.ID = strawberry.field(description="Global id of a dispute IN_MEDIATION.")
    reason: str = strawberry.field(description="Why mediation failed at this level (调解不成原因); required.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="Hand the dispute to the next level up.")
class EscalateDisputeInput:
    dispute_id: strawberry.ID = strawberry.field(
        description="Global id of an ASSESSED, IN_MEDIATION or FAILED dispute below COUNTY level."
    )
    handover_note: str = strawberry.field(description="What the next level needs to know (交接说明); required.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="结案.")
class CloseDisputeInput:
    dispute_id: strawberry.ID = strawberry.field(
        description="Global id of a RESOLVED or FAILED dispute of the caller's station."
    )
    note: str | None = strawberry.field(
        default=None,
        description="Closing note (结案说明), e.g. why a failed mediation ends here.",
    )
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="The dispute recurs.")
class ReopenDisputeInput:
    dispute_id: strawberry.ID = strawberry.field(
        description="Global id of a CLOSED dispute whose conflict flared up again; it returns to REPORTED."
    )
    reason: str = strawberry.field(description="What happened; required. Reopening counts in reopenedCount.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When this step happened, for a paper record entered later (补录; default now): not in the "
        "future, not before the dispute's previous step, within the back-dating window ([records] backdating_days). "
        "Statistics and deadlines use it; the entry time is kept in recordedSteps.",
    )


@strawberry.input(description="民转刑: link a dispute to a criminal case.")
class LinkCriminalCaseInput:
    dispute_id: strawberry.ID = strawberry.field(description="Global id of a dispute of the caller's station.")
    case_number: str = strawberry.field(
        description="Number of the criminal case (刑事案件编号) as the case system gives it."
    )
    note: str | None = strawberry.field(default=None, description="How the dispute turned criminal.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the case was linked, for a record entered later (补录; default now): not in the future, "
        "not before the dispute was reported, within the back-dating window ([records] backdating_days). It "
        "decides the period of 民转刑 in mediationStats; the entry time is kept in the dispute's recordedSteps.",
    )


@strawberry.input(description="Filter for disputes; all given conditions apply.")
class DisputeFilter:
    status: models.DisputeStatus | None = strawberry.field(default=None, description="Only disputes in this status.")
    risk_level: models.RiskLevel | None = strawberry.field(
        default=None,
        description="Only disputes at this effective risk level (三色预警), overrides included.",
    )
    level: models.MediationLevel | None = strawberry.field(
        default=None,
        description="Only disputes currently at this mediation level.",
    )
    category: models.DisputeCategory | None = strawberry.field(
        default=None,
        description="Only disputes of this category.",
    )
    source: models.DisputeSource | None = strawberry.field(
        default=None,
        description="Only disputes that came in this way.",
    )
    area_id: strawberry.ID | None = strawberry.field(default=None, description="This area and every area below it.")
    centre_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only disputes handled by this compound mediation centre (global id).",
    )
    open: bool | None = strawberry.field(default=None, description="True: not RESOLVED or CLOSED; false: the others.")
    overdue: bool | None = strawberry.field(default=None, description="Past the intervention deadline (督办).")
    criminal_linked: bool | None = strawberry.field(
        default=None,
        description="True: only disputes linked to a criminal case (民转刑); false: only those without.",
    )
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
    field: DisputeOrderField = strawberry.field(
        default=DisputeOrderField.CREATED_AT,
        description="What to order by; ties are broken by id.",
    )
    descending: bool = strawberry.field(default=True, description="True (default): newest, highest or latest first.")


# --- payloads ---------------------------------------------------------------------------------


@strawberry.type(description="Result of a dispute lifecycle mutation.")
class DisputePayload:
    dispute: Dispute | None = strawberry.field(
        default=None,
        description="The dispute after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


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
    session: MediationSession | None = strawberry.field(
        default=None,
        description="The session recorded; null when refused.",
    )


@strawberry.type(description="Result of resolveDispute.")
class ResolveDisputePayload(DisputePayload):
    agreement: MediationAgreement | None = strawberry.field(
        default=None,
        description="The agreement recorded (调解协议书); null when refused.",
    )


@strawberry.type(description="Result of failMediation.")
class FailMediationPayload(DisputePayload):
    pass


@strawberry.type(description="Result of escalateDispute.")
class EscalateDisputePayload(DisputePayload):
    escalation: DisputeEscalation | None = strawberry.field(
        default=None,
        description="The recorded move up a level; null when refused.",
    )


@strawberry.type(description="Result of closeDispute.")
class CloseDisputePayload(DisputePayload):
    pass


@strawberry.type(description="Result of reopenDispute.")
class ReopenDisputePayload(DisputePayload):
    pass


@strawberry.type(description="Result of linkCriminalCase.")
class LinkCriminalCasePayload(DisputePayload):
    criminal_case: CriminalCaseLink | None = strawberry.field(
        default=None,
        description="The link recorded; null when refused.",
    )


# --- tips, canvassing, centres ---------------------------------------------------------------


@strawberry.input(description="A tip (群众线索). Anonymous senders give the station; nothing identifies them.")
class SubmitTipInput:
    content: str = strawberry.field(description="What the resident wants the station to know.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required when not logged in.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the area it concerns, if the sender knows.",
    )
    contact_phone: str | None = strawberry.field(default=None, description="Only if the sender wants a call back.")
    anonymous: bool = strawberry.field(default=True, description="Logged-in residents may choose to be named.")


@strawberry.type(description="Result of submitTip: keep the tracking code; it is shown only now.")
class SubmitTipPayload:
    tracking_code: str | None = strawberry.field(
        default=None,
        description=(
            "Code the sender keeps to look up the tip's status with tipStatus; shown only in this answer, never "
            "again. Null when refused."
        ),
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description=(
            "Why the input was refused; empty on success (then nothing was written). Anonymous senders are limited "
            "per address per minute (RATE_LIMITED)."
        ),
    )


@strawberry.input(description="Triage a tip: dismiss, merge, or convert to a dispute.")
class TriageTipInput:
    tip_id: strawberry.ID = strawberry.field(description="Global id of a RECEIVED tip of the caller's station.")
    action: TriageAction = strawberry.field(
        description=(
            "DISMISS (note required), MERGE into another tip or a dispute, or CONVERT to a new dispute (give dispute)."
        )
    )
    note: str | None = strawberry.field(default=None, description="Required to dismiss.")
    merge_into_tip_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For MERGE: global id of the tip it duplicates (give this or mergeIntoDisputeId).",
    )
    merge_into_dispute_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For MERGE: global id of the dispute it adds to (give this or mergeIntoTipId).",
    )
    dispute: ReportDisputeInput | None = strawberry.field(default=None, description="For CONVERT (source is TIP).")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the tip was triaged, for a record entered later (补录; default now): not in the future, "
        "not before the tip arrived, within the back-dating window ([records] backdating_days). Shown as "
        "triagedAt; the entry time is kept in recordedSteps.",
    )


@strawberry.type(description="Result of triageTip.")
class TriageTipPayload:
    tip: Tip | None = strawberry.field(default=None, description="The tip after triage; null when refused.")
    dispute: Dispute | None = strawberry.field(
        default=None,
        description="The dispute it was converted or merged into; null otherwise.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Filter for tips.")
class TipFilter:
    status: models.TipStatus | None = strawberry.field(default=None, description="Only tips in this status.")


@strawberry.input(description="A new canvass campaign (四式摸排).")
class CreateCanvassCampaignInput:
    name: str = strawberry.field(description="Name of the campaign, e.g. 2020年夏季矛盾纠纷大排查.")
    mode: models.CanvassMode = strawberry.field(
        description="Which of the four canvass modes (四式摸排) the campaign uses."
    )
    area_ids: list[strawberry.ID] = strawberry.field(
        description="Global ids of the areas it covers (at least one, of the caller's station)."
    )
    start: dt.date = strawberry.field(description="First day of the campaign (included), deployment time zone.")
    end: dt.date = strawberry.field(description="Last day of the campaign (included); not before start.")
    notes: str | None = strawberry.field(default=None, description="Free notes: aim, teams, focus groups.")


@strawberry.type(description="Result of createCanvassCampaign.")
class CreateCanvassCampaignPayload:
    campaign: CanvassCampaign | None = strawberry.field(
        default=None,
        description="The campaign created; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Addresses visited by a campaign (added to its total).")
class RecordCanvassProgressInput:
    campaign_id: strawberry.ID = strawberry.field(description="Global id of the canvass campaign.")
    addresses_visited: int = strawberry.field(
        description="Addresses (households) visited since the last report, at least 1; added to addressesCovered."
    )


@strawberry.type(description="Result of recordCanvassProgress.")
class RecordCanvassProgressPayload:
    campaign: CanvassCampaign | None = strawberry.field(
        default=None,
        description="The campaign with its new total; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Something a canvass found.")
class RecordCanvassFindingInput:
    campaign_id: strawberry.ID = strawberry.field(description="Global id of the canvass campaign.")
    area_id: strawberry.ID = strawberry.field(
        description="Global id of the area where it was found (one of the campaign's areas or below)."
    )
    description: str = strawberry.field(description="What was found: the conflict, the people, the risk.")
    address: str | None = strawberry.field(
        default=None,
        description="Where, as precise as useful; masked for roles without core.personal.view_full.",
    )
    risk_factors: list[models.RiskFactor] = strawberry.field(
        default_factory=list,
        description="Risk factors seen (风险因素); they carry over if it becomes a dispute.",
    )
    found_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When it was found in the field, for a finding entered later (补录; default now): not in the "
        "future, not before the campaign's start, within the back-dating window.",
    )


@strawberry.type(description="Result of recordCanvassFinding.")
class RecordCanvassFindingPayload:
    finding: CanvassFinding | None = strawberry.field(
        default=None,
        description="The finding recorded; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Turn a finding into a dispute (source CANVASS).")
class ConvertCanvassFindingInput:
    finding_id: strawberry.ID = strawberry.field(
        description="Global id of a canvass finding not yet turned into a dispute."
    )
    dispute: ReportDisputeInput = strawberry.field(
        description="The dispute to report from it; its source is recorded as CANVASS."
    )


@strawberry.type(description="Result of convertCanvassFinding.")
class ConvertCanvassFindingPayload:
    dispute: Dispute | None = strawberry.field(
        default=None,
        description="The dispute reported from the finding; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Filter for canvass campaigns.")
class CanvassCampaignFilter:
    mode: models.CanvassMode | None = strawberry.field(
        default=None,
        description="Only campaigns of this canvass mode (四式摸排).",
    )


@strawberry.input(description="A member of a compound mediation centre.")
class CentreMemberInput:
    name: str = strawberry.field(description="The member's name as residents know them.")
    kind: models.CentreMemberKind = strawberry.field(
        description="Who the member is: community cadre, property staff, volunteer or officer."
    )
    phone: str | None = strawberry.field(
        default=None,
        description="Mainland mobile number for residents to call, validated; optional.",
    )
    user_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the member's user account, when they have one (officers, mediators).",
    )

    def to_data(self, field: str) -> MemberData:
        return MemberData(
            self.name, self.kind, self.phone, decode_id(self.user_id, "User", field=field, required=False)
        )


@strawberry.input(description="A new compound mediation centre (小区调处中心).")
class CreateMediationCentreInput:
    name: str = strawberry.field(description="Name of the centre, e.g. 枫源小区调处中心.")
    area_id: strawberry.ID = strawberry.field(description="The residential compound (小区) it serves.")
    members: list[CentreMemberInput] = strawberry.field(
        default_factory=list,
        description="Its first members; more can be added with addMediationCentreMember.",
    )


@strawberry.type(description="Result of createMediationCentre.")
class CreateMediationCentrePayload:
    centre: MediationCentre | None = strawberry.field(
        default=None,
        description="The centre created; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Add a member to a mediation centre.")
class AddMediationCentreMemberInput:
    centre_id: strawberry.ID = strawberry.field(
        description="Global id of the mediation centre (小区调处中心) of the caller's station."
    )
    member: CentreMemberInput = strawberry.field(description="The person who joins the centre.")


@strawberry.type(description="Result of addMediationCentreMember.")
class AddMediationCentreMemberPayload:
    centre: MediationCentre | None = strawberry.field(
        default=None,
        description="The centre with its new member; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
