"""Root mutations of mediation. The core runs each in one transaction with the audit context
and turns a ``UserInputError`` into ``errors`` on the payload with nothing written."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from core import UserInputError, decode_id, mutation_field

from .. import services
from ..services.common import prefixed
from ..types import inputs as i
from ..types.disputes import (
    CriminalCaseLink,
    Dispute,
    DisputeEscalation,
    MediationAgreement,
    MediationCentre,
    MediationSession,
)
from ..types.intake import CanvassCampaign, CanvassFinding, Tip

MANAGE = "mediation.dispute.manage"
MEDIATE = "mediation.dispute.mediate"


@strawberry.type
class DisputeMutation:
    @mutation_field(permission="mediation.dispute.report", description="受理: report a dispute with its parties.")
    async def report_dispute(
        self,
        info: Info,
        input: Annotated[
            i.ReportDisputeInput,
            strawberry.argument(
                description=(
                    "The dispute to accept (受理): parties, category, area, description, source and known risk "
                    "factors."
                )
            ),
        ],
    ) -> i.ReportDisputePayload:
        dispute = await services.report_dispute(info.context.actor, input.to_data())
        return i.ReportDisputePayload(dispute=Dispute.from_row(dispute))

    @mutation_field(permission=MANAGE, description="研判: REPORTED → ASSESSED, confirming the risk factors.")
    async def assess_dispute(
        self,
        info: Info,
        input: Annotated[
            i.AssessDisputeInput,
            strawberry.argument(description="The dispute and what the assessment (研判) confirms."),
        ],
    ) -> i.AssessDisputePayload:
        dispute = await services.assess_dispute(
            info.context.actor,
            i.dispute_id(input.dispute_id),
            risk_factors=input.risk_factors,
            level=input.level,
            note=input.note,
            at=input.occurred_at,
        )
        return i.AssessDisputePayload(dispute=Dispute.from_row(dispute))

    @mutation_field(
        permission="mediation.risk.override", description="Override the computed risk level; a reason is mandatory."
    )
    async def override_risk_level(
        self,
        info: Info,
        input: Annotated[
            i.OverrideRiskLevelInput,
            strawberry.argument(
                description="The dispute, the level to force (null to return to the computed one) and why."
            ),
        ],
    ) -> i.OverrideRiskLevelPayload:
        dispute = await services.override_risk_level(
            info.context.actor, i.dispute_id(input.dispute_id), input.level, input.reason
        )
        return i.OverrideRiskLevelPayload(dispute=Dispute.from_row(dispute))

    @mutation_field(permission=MANAGE, description="Put a team on the dispute at its current level → IN_MEDIATION.")
    async def assign_mediators(
        self,
        info: Info,
        input: Annotated[
            i.AssignMediatorsInput,
            strawberry.argument(description="The dispute and its whole mediation team."),
        ],
    ) -> i.AssignMediatorsPayload:
        dispute = await services.assign_mediators(
            info.context.actor,
            i.dispute_id(input.dispute_id),
            [member.to_member(index) for index, member in enumerate(input.mediators)],
            decode_id(input.centre_id, "MediationCentre", field="centreId", required=False),
        )
        return i.AssignMediatorsPayload(dispute=Dispute.from_row(dispute))

    @mutation_field(permission=MEDIATE, description="Record a mediation session of a dispute IN_MEDIATION.")
    async def record_mediation_session(
        self,
        info: Info,
        input: Annotated[
            i.RecordMediationSessionInput,
            strawberry.argument(description="The dispute and the session held."),
        ],
    ) -> i.RecordMediationSessionPayload:
        session = await services.record_session(
            info.context.actor,
            i.dispute_id(input.dispute_id),
            held_at=input.held_at,
            place=input.place,
            attendees=input.attendees,
            notes=input.notes,
        )
        dispute = await services.get_dispute(info.context.actor, session.dispute_id)
        return i.RecordMediationSessionPayload(
            dispute=Dispute.from_row(dispute), session=MediationSession.from_row(session)
        )

    @mutation_field(permission=MEDIATE, description="调解成功: IN_MEDIATION → RESOLVED with the agreement.")
    async def resolve_dispute(
        self,
        info: Info,
        input: Annotated[
            i.ResolveDisputeInput,
            strawberry.argument(description="The dispute and the agreement reached (调解协议)."),
        ],
    ) -> i.ResolveDisputePayload:
        dispute = await services.resolve_dispute(
            info.context.actor, i.dispute_id(input.dispute_id), input.terms, input.signed_at
        )
        agreement = await dispute.agreements.all().order_by("-signed_at", "-id").first()
        return i.ResolveDisputePayload(
            dispute=Dispute.from_row(dispute), agreement=MediationAgreement.from_row(agreement)
        )

    @mutation_field(permission=MEDIATE, description="调解不成: IN_MEDIATION → FAILED with the reason.")
    async def fail_mediation(
        self,
        info: Info,
        input: Annotated[
            i.FailMediationInput,
            strawberry.argument(description="The dispute and why mediation failed at its level."),
        ],
    ) -> i.FailMediationPayload:
        dispute = await services.fail_mediation(
            info.context.actor, i.dispute_id(input.dispute_id), input.reason, input.occurred_at
        )
        return i.FailMediationPayload(dispute=Dispute.from_row(dispute))

    @mutation_field(
        permission=MANAGE, description="Move the dispute up one level (VILLAGE → TOWN → COUNTY) → ESCALATED."
    )
    async def escalate_dispute(
        self,
        info: Info,
        input: Annotated[
            i.EscalateDisputeInput,
            strawberry.argument(description="The dispute and the handover note for the next level."),
        ],
    ) -> i.EscalateDisputePayload:
        escalation = await services.escalate_dispute(
            info.context.actor, i.dispute_id(input.dispute_id), input.handover_note, input.occurred_at
        )
        dispute = await services.get_dispute(info.context.actor, escalation.dispute_id)
        return i.EscalateDisputePayload(
            dispute=Dispute.from_row(dispute), escalation=DisputeEscalation.from_row(escalation)
        )

    @mutation_field(permission="mediation.dispute.close", description="结案: RESOLVED or FAILED → CLOSED.")
    async def close_dispute(
        self,
        info: Info,
        input: Annotated[
            i.CloseDisputeInput,
            strawberry.argument(description="The dispute and an optional closing note."),
        ],
    ) -> i.CloseDisputePayload:
        dispute = await services.close_dispute(
            info.context.actor, i.dispute_id(input.dispute_id), input.note, input.occurred_at
        )
        return i.CloseDisputePayload(dispute=Dispute.from_row(dispute))

    @mutation_field(permission=MANAGE, description="The dispute recurs: CLOSED → REPORTED, with the reason.")
    async def reopen_dispute(
        self,
        info: Info,
        input: Annotated[
            i.ReopenDisputeInput,
            strawberry.argument(description="The closed dispute and why it is reopened."),
        ],
    ) -> i.ReopenDisputePayload:
        dispute = await services.reopen_dispute(
            info.context.actor, i.dispute_id(input.dispute_id), input.reason, input.occurred_at
        )
        return i.ReopenDisputePayload(dispute=Dispute.from_row(dispute))

    @mutation_field(permission=MANAGE, description="民转刑: link the dispute to a criminal case.")
    async def link_criminal_case(
        self,
        info: Info,
        input: Annotated[
            i.LinkCriminalCaseInput,
            strawberry.argument(description="The dispute and the criminal case number (民转刑)."),
        ],
    ) -> i.LinkCriminalCasePayload:
        link = await services.link_criminal_case(
            info.context.actor, i.dispute_id(input.dispute_id), input.case_number, input.note, input.occurred_at
        )
        dispute = await services.get_dispute(info.context.actor, link.dispute_id)
        return i.LinkCriminalCasePayload(
            dispute=Dispute.from_row(dispute), criminal_case=CriminalCaseLink.from_row(link)
        )


@strawberry.type
class IntakeMutation:
    @mutation_field(
        public=True,
        description="Send a tip (掌上警务), anonymously if you like. Returns a tracking code that shows the tip's "
        "status and nothing else.",
    )
    async def submit_tip(
        self,
        info: Info,
        input: Annotated[
            i.SubmitTipInput,
            strawberry.argument(description="The tip, and for anonymous senders the station it is for."),
        ],
    ) -> i.SubmitTipPayload:
        _, code = await services.submit_tip(
            info.context.actor,
            content=input.content,
            station_id=decode_id(input.station_id, "Station", field="stationId", required=False),
            area_id=decode_id(input.area_id, "Area", field="areaId", required=False),
            contact_phone=input.contact_phone,
            anonymous=input.anonymous,
        )
        return i.SubmitTipPayload(tracking_code=code)

    @mutation_field(permission="mediation.tip.triage", description="Dismiss, merge or convert a received tip.")
    async def triage_tip(
        self,
        info: Info,
        input: Annotated[i.TriageTipInput, strawberry.argument(description="The tip and what to do with it.")],
    ) -> i.TriageTipPayload:
        tip = await services.triage_tip(
            info.context.actor,
            decode_id(input.tip_id, "Tip", field="tipId"),
            input.action,
            note=input.note,
            merge_into_tip_id=decode_id(input.merge_into_tip_id, "Tip", field="mergeIntoTipId", required=False),
            merge_into_dispute_id=decode_id(
                input.merge_into_dispute_id, "Dispute", field="mergeIntoDisputeId", required=False
            ),
            dispute=_nested_dispute(input.dispute),
            at=input.occurred_at,
        )
        dispute = None
        if tip.dispute_id is not None:
            dispute = Dispute.from_row(await services.get_dispute(info.context.actor, tip.dispute_id))
        return i.TriageTipPayload(tip=Tip.from_row(tip), dispute=dispute)

    @mutation_field(permission="mediation.canvass.write", description="Start a canvass campaign (四式摸排).")
    async def create_canvass_campaign(
        self,
        info: Info,
        input: Annotated[
            i.CreateCanvassCampaignInput,
            strawberry.argument(description="Name, mode, areas and dates of the campaign."),
        ],
    ) -> i.CreateCanvassCampaignPayload:
        campaign = await services.create_campaign(
            info.context.actor,
            name=input.name,
            mode=input.mode,
            area_ids=[decode_id(a, "Area", field=f"areaIds.{n}") for n, a in enumerate(input.area_ids)],
            start=input.start,
            end=input.end,
            notes=input.notes,
        )
        return i.CreateCanvassCampaignPayload(campaign=CanvassCampaign.from_row(campaign))

    @mutation_field(permission="mediation.canvass.write", description="Add visited addresses to a campaign.")
    async def record_canvass_progress(
        self,
        info: Info,
        input: Annotated[
            i.RecordCanvassProgressInput,
            strawberry.argument(description="The campaign and how many more addresses were visited."),
        ],
    ) -> i.RecordCanvassProgressPayload:
        campaign = await services.record_progress(
            info.context.actor,
            decode_id(input.campaign_id, "CanvassCampaign", field="campaignId"),
            input.addresses_visited,
        )
        return i.RecordCanvassProgressPayload(campaign=CanvassCampaign.from_row(campaign))

    @mutation_field(permission="mediation.canvass.write", description="Record a canvass finding.")
    async def record_canvass_finding(
        self,
        info: Info,
        input: Annotated[
            i.RecordCanvassFindingInput,
            strawberry.argument(description="The campaign, where, and what was found."),
        ],
    ) -> i.RecordCanvassFindingPayload:
        finding = await services.record_finding(
            info.context.actor,
            decode_id(input.campaign_id, "CanvassCampaign", field="campaignId"),
            area_id=decode_id(input.area_id, "Area", field="areaId"),
            description=input.description,
            address=input.address,
            risk_factors=input.risk_factors,
            found_at=input.found_at,
        )
        return i.RecordCanvassFindingPayload(finding=CanvassFinding.from_row(finding))

    @mutation_field(permission="mediation.dispute.report", description="Turn a canvass finding into a dispute.")
    async def convert_canvass_finding(
        self,
        info: Info,
        input: Annotated[
            i.ConvertCanvassFindingInput,
            strawberry.argument(description="The finding and the dispute to report from it."),
        ],
    ) -> i.ConvertCanvassFindingPayload:
        dispute = await services.convert_finding(
            info.context.actor,
            decode_id(input.finding_id, "CanvassFinding", field="findingId"),
            _nested_dispute(input.dispute),
        )
        return i.ConvertCanvassFindingPayload(dispute=Dispute.from_row(dispute))

    @mutation_field(permission="mediation.centre.manage", description="Set up a compound mediation centre.")
    async def create_mediation_centre(
        self,
        info: Info,
        input: Annotated[
            i.CreateMediationCentreInput,
            strawberry.argument(description="Name, compound and first members of the centre."),
        ],
    ) -> i.CreateMediationCentrePayload:
        centre = await services.create_centre(
            info.context.actor,
            name=input.name,
            area_id=decode_id(input.area_id, "Area", field="areaId"),
            members=[m.to_data(f"members.{n}.userId") for n, m in enumerate(input.members)],
        )
        return i.CreateMediationCentrePayload(centre=MediationCentre.from_row(centre))

    @mutation_field(permission="mediation.centre.manage", description="Add a member to a mediation centre.")
    async def add_mediation_centre_member(
        self,
        info: Info,
        input: Annotated[
            i.AddMediationCentreMemberInput,
            strawberry.argument(description="The centre and the new member."),
        ],
    ) -> i.AddMediationCentreMemberPayload:
        member = await services.add_member(
            info.context.actor,
            decode_id(input.centre_id, "MediationCentre", field="centreId"),
            input.member.to_data("member.userId"),
        )
        centre = await member.centre
        return i.AddMediationCentreMemberPayload(centre=MediationCentre.from_row(centre))


def _nested_dispute(value: i.ReportDisputeInput | None) -> services.DisputeData | None:
    """Decode a nested dispute input; its field paths sit under ``dispute``."""
    if value is None:
        return None
    try:
        return value.to_data()
    except UserInputError as error:
        raise prefixed(error, "dispute") from None
