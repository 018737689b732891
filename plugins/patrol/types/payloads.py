"""Mutation payloads: the changed object (null on error) and ``errors``."""

from __future__ import annotations

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
    incident: Incident | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of dispatchIncident.")
class DispatchIncidentPayload:
    incident: Incident | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of recordIncidentArrival.")
class RecordIncidentArrivalPayload:
    incident: Incident | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of recordIncidentHandling.")
class RecordIncidentHandlingPayload:
    incident: Incident | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of closeIncident.")
class CloseIncidentPayload:
    incident: Incident | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of openCriminalCase.")
class OpenCriminalCasePayload:
    criminal_case: CriminalCase | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of solveCriminalCase.")
class SolveCriminalCasePayload:
    criminal_case: CriminalCase | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of registerSurveillanceAsset.")
class RegisterSurveillanceAssetPayload:
    asset: SurveillanceAsset | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of changeSurveillanceAssetStatus.")
class ChangeSurveillanceAssetStatusPayload:
    asset: SurveillanceAsset | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of createPatrolTeam.")
class CreatePatrolTeamPayload:
    team: PatrolTeam | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of addPatrolTeamMembers.")
class AddPatrolTeamMembersPayload:
    team: PatrolTeam | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of createPatrolShift.")
class CreatePatrolShiftPayload:
    shift: PatrolShift | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of checkIn.")
class CheckInPayload:
    check_in: PatrolCheckIn | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of createStandardAddress.")
class CreateStandardAddressPayload:
    address: StandardAddress | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of registerResident.")
class RegisterResidentPayload:
    resident: Resident | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of registerHousing.")
class RegisterHousingPayload:
    housing: Housing | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of registerUnit.")
class RegisterUnitPayload:
    unit: ActualUnit | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of importBasicInfo: the report of accepted and rejected rows.")
class ImportBasicInfoPayload:
    report: BasicInfoImportReport | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of exportBasicInfo.")
class ExportBasicInfoPayload:
    export: BasicInfoExport | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of createInspectionTarget.")
class CreateInspectionTargetPayload:
    target: InspectionTarget | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of recordInspection.")
class RecordInspectionPayload:
    inspection: Inspection | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of reinspectRectification.")
class ReinspectRectificationPayload:
    finding: InspectionFinding | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of startHotspotCampaign.")
class StartHotspotCampaignPayload:
    campaign: HotspotCampaign | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type(description="Result of finishHotspotCampaign.")
class FinishHotspotCampaignPayload:
    campaign: HotspotCampaign | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)
