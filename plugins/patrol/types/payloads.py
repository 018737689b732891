"""Mutation payloads: the changed object (null on error) and ``errors``."""

import strawberry

from core import UserError
from plugins.patrol.types.assets import SurveillanceAsset
from plugins.patrol.types.basic_info import (
    ActualUnit,
    BasicInfoExport,
    BasicInfoImportReport,
    Housing,
    Resident,
    StandardAddress,
)
from plugins.patrol.types.incidents import CriminalCase, Incident
from plugins.patrol.types.inspections import HotspotCampaign, Inspection, InspectionFinding, InspectionTarget
from plugins.patrol.types.patrols import PatrolCheckIn, PatrolShift, PatrolTeam


@strawberry.type(description="Result of reportIncident.")
class ReportIncidentPayload:
    incident: Incident | None = strawberry.field(
        default=None,
        description="The incident after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of dispatchIncident.")
class DispatchIncidentPayload:
    incident: Incident | None = strawberry.field(
        default=None,
        description="The incident after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of recordIncidentArrival.")
class RecordIncidentArrivalPayload:
    incident: Incident | None = strawberry.field(
        default=None,
        description="The incident after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of recordIncidentHandling.")
class RecordIncidentHandlingPayload:
    incident: Incident | None = strawberry.field(
        default=None,
        description="The incident after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of closeIncident.")
class CloseIncidentPayload:
    incident: Incident | None = strawberry.field(
        default=None,
        description="The incident after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of openCriminalCase.")
class OpenCriminalCasePayload:
    criminal_case: CriminalCase | None = strawberry.field(
        default=None,
        description="The criminal case after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of solveCriminalCase.")
class SolveCriminalCasePayload:
    criminal_case: CriminalCase | None = strawberry.field(
        default=None,
        description="The criminal case after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of registerSurveillanceAsset.")
class RegisterSurveillanceAssetPayload:
    asset: SurveillanceAsset | None = strawberry.field(
        default=None,
        description="The surveillance asset after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of changeSurveillanceAssetStatus.")
class ChangeSurveillanceAssetStatusPayload:
    asset: SurveillanceAsset | None = strawberry.field(
        default=None,
        description="The surveillance asset after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of createPatrolTeam.")
class CreatePatrolTeamPayload:
    team: PatrolTeam | None = strawberry.field(
        default=None,
        description="The patrol team with its members; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of addPatrolTeamMembers.")
class AddPatrolTeamMembersPayload:
    team: PatrolTeam | None = strawberry.field(
        default=None,
        description="The patrol team with its members; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of createPatrolShift.")
class CreatePatrolShiftPayload:
    shift: PatrolShift | None = strawberry.field(
        default=None,
        description="The shift created with its route; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of checkIn.")
class CheckInPayload:
    check_in: PatrolCheckIn | None = strawberry.field(
        default=None,
        description="The check-in recorded; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of createStandardAddress.")
class CreateStandardAddressPayload:
    address: StandardAddress | None = strawberry.field(
        default=None,
        description="The standard address created; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of registerResident.")
class RegisterResidentPayload:
    resident: Resident | None = strawberry.field(
        default=None,
        description="The person registered; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of registerHousing.")
class RegisterHousingPayload:
    housing: Housing | None = strawberry.field(
        default=None,
        description="The housing registered; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of registerUnit.")
class RegisterUnitPayload:
    unit: ActualUnit | None = strawberry.field(
        default=None,
        description="The unit registered; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of importBasicInfo: the report of accepted and rejected rows.")
class ImportBasicInfoPayload:
    report: BasicInfoImportReport | None = strawberry.field(
        default=None,
        description=(
            "What the import found and wrote: row counts and the rejected rows with reasons; null when the input was "
            "refused."
        ),
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of exportBasicInfo.")
class ExportBasicInfoPayload:
    export: BasicInfoExport | None = strawberry.field(
        default=None,
        description="The export: CSV text, row count and whether values were masked; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of createInspectionTarget.")
class CreateInspectionTargetPayload:
    target: InspectionTarget | None = strawberry.field(
        default=None,
        description="The inspection target created; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of recordInspection.")
class RecordInspectionPayload:
    inspection: Inspection | None = strawberry.field(
        default=None,
        description="The inspection recorded, with its findings; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of reinspectRectification.")
class ReinspectRectificationPayload:
    finding: InspectionFinding | None = strawberry.field(
        default=None,
        description="The finding after the re-inspection; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of startHotspotCampaign.")
class StartHotspotCampaignPayload:
    campaign: HotspotCampaign | None = strawberry.field(
        default=None,
        description="The hotspot campaign after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.type(description="Result of finishHotspotCampaign.")
class FinishHotspotCampaignPayload:
    campaign: HotspotCampaign | None = strawberry.field(
        default=None,
        description="The hotspot campaign after the change; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
