"""Root mutations of the patrol plugin: decode ids, build drafts, call the services.

The core runs each in one transaction with the audit context; a ``UserInputError`` from a
service rolls everything back and becomes ``errors`` on the payload.
"""

import base64
import binascii
from typing import Annotated

import strawberry
from strawberry.types import Info

from core import UserErrorCode, UserInputError, decode_id, mutation_field
from plugins.patrol.services import assets, basic_info, csv_format, exporter, importer, incidents, inspections, patrols
from plugins.patrol.types import inputs as i
from plugins.patrol.types import payloads as p
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


def _id(value: strawberry.ID | None, type_name: str, field: str, *, required: bool = True) -> int | None:
    return decode_id(value, type_name, field=field, required=required)


def _person(item: i.IncidentPersonInput) -> incidents.PersonDraft:
    return incidents.PersonDraft(role=item.role, name=item.name, id_number=item.id_number, phone=item.phone)


def _members(items: list[i.PatrolTeamMemberInput]) -> list[patrols.MemberDraft]:
    return [
        patrols.MemberDraft(
            name=item.name,
            phone=item.phone,
            user_id=_id(item.user_id, "User", f"members.{index}.userId", required=False),
            is_leader=item.is_leader,
        )
        for index, item in enumerate(items)
    ]


@strawberry.type
class IncidentMutations:
    @mutation_field(permission="patrol.incident.report", description="Record a received incident (接警).")
    async def report_incident(
        self,
        info: Info,
        input: Annotated[
            i.ReportIncidentInput,
            strawberry.argument(
                description="The incident as received (接警): source, category, place, description and people involved."
            ),
        ],
    ) -> p.ReportIncidentPayload:
        draft = incidents.IncidentDraft(
            source=input.source,
            category=input.category,
            area_id=_id(input.area_id, "Area", "areaId", required=False),
            address=input.address,
            description=input.description,
            latitude=input.latitude,
            longitude=input.longitude,
            received_at=input.received_at,
            standard_address_id=_id(input.standard_address_id, "StandardAddress", "standardAddressId", required=False),
            patrol_shift_id=_id(input.patrol_shift_id, "PatrolShift", "patrolShiftId", required=False),
            persons=[_person(item) for item in input.persons],
            location=input.location,
            force=input.force,
        )
        row = await incidents.report_incident(info.context.actor, draft)
        return p.ReportIncidentPayload(incident=Incident.from_row(row))

    @mutation_field(permission="patrol.incident.dispatch", description="Dispatch an incident to a unit (派警).")
    async def dispatch_incident(
        self,
        info: Info,
        input: Annotated[
            i.DispatchIncidentInput,
            strawberry.argument(description="The incident and the unit (and officer) it goes to."),
        ],
    ) -> p.DispatchIncidentPayload:
        row = await incidents.dispatch_incident(
            info.context.actor,
            _id(input.incident_id, "Incident", "incidentId"),
            input.unit,
            assignee_id=_id(input.assignee_id, "User", "assigneeId", required=False),
            at=input.dispatched_at,
        )
        return p.DispatchIncidentPayload(incident=Incident.from_row(row))

    @mutation_field(permission="patrol.incident.handle", description="Record arrival on the scene (到场).")
    async def record_incident_arrival(
        self,
        info: Info,
        input: Annotated[
            i.RecordIncidentArrivalInput,
            strawberry.argument(description="The incident and when the unit reached the scene."),
        ],
    ) -> p.RecordIncidentArrivalPayload:
        row = await incidents.record_arrival(
            info.context.actor, _id(input.incident_id, "Incident", "incidentId"), at=input.arrived_at
        )
        return p.RecordIncidentArrivalPayload(incident=Incident.from_row(row))

    @mutation_field(permission="patrol.incident.handle", description="Record how an incident was handled (处警).")
    async def record_incident_handling(
        self,
        info: Info,
        input: Annotated[
            i.RecordIncidentHandlingInput,
            strawberry.argument(description="The incident and what handling came to."),
        ],
    ) -> p.RecordIncidentHandlingPayload:
        row = await incidents.record_handling(
            info.context.actor,
            _id(input.incident_id, "Incident", "incidentId"),
            input.outcome,
            input.notes,
            at=input.handled_at,
        )
        return p.RecordIncidentHandlingPayload(incident=Incident.from_row(row))

    @mutation_field(permission="patrol.incident.close", description="Close a handled incident (结警).")
    async def close_incident(
        self,
        info: Info,
        input: Annotated[
            i.CloseIncidentInput,
            strawberry.argument(description="The handled incident and closing notes."),
        ],
    ) -> p.CloseIncidentPayload:
        row = await incidents.close_incident(
            info.context.actor, _id(input.incident_id, "Incident", "incidentId"), input.notes, at=input.occurred_at
        )
        return p.CloseIncidentPayload(incident=Incident.from_row(row))

    @mutation_field(
        permission="patrol.case.open",
        description="Open a criminal case from an incident (立案); announces patrol.criminal_case.opened.",
    )
    async def open_criminal_case(
        self,
        info: Info,
        input: Annotated[i.OpenCriminalCaseInput, strawberry.argument(description="The incident and the case number.")],
    ) -> p.OpenCriminalCasePayload:
        row = await incidents.open_criminal_case(
            info.context.actor,
            _id(input.incident_id, "Incident", "incidentId"),
            input.case_number,
            at=input.occurred_at,
        )
        return p.OpenCriminalCasePayload(criminal_case=CriminalCase.from_row(row))

    @mutation_field(permission="patrol.case.open", description="Record a criminal case solved (破案).")
    async def solve_criminal_case(
        self,
        info: Info,
        input: Annotated[
            i.SolveCriminalCaseInput,
            strawberry.argument(description="The case and whether video solved it."),
        ],
    ) -> p.SolveCriminalCasePayload:
        row = await incidents.solve_criminal_case(
            info.context.actor,
            _id(input.case_id, "CriminalCase", "caseId"),
            solved_with_video=input.solved_with_video,
            at=input.solved_at,
        )
        return p.SolveCriminalCasePayload(criminal_case=CriminalCase.from_row(row))


@strawberry.type
class PatrolMutations:
    @mutation_field(permission="patrol.asset.manage", description="Register a camera, HD camera or checkpoint.")
    async def register_surveillance_asset(
        self,
        info: Info,
        input: Annotated[
            i.RegisterSurveillanceAssetInput,
            strawberry.argument(description="The camera or checkpoint to register."),
        ],
    ) -> p.RegisterSurveillanceAssetPayload:
        draft = assets.AssetDraft(
            kind=input.kind,
            project=input.project,
            name=input.name,
            area_id=_id(input.area_id, "Area", "areaId", required=False),
            installed_on=input.installed_on,
            code=input.code,
            location=input.location,
            latitude=input.latitude,
            longitude=input.longitude,
            status=input.status,
            geo_location=input.geo_location,
            force=input.force,
        )
        row = await assets.register_asset(info.context.actor, draft)
        return p.RegisterSurveillanceAssetPayload(asset=SurveillanceAsset.from_row(row))

    @mutation_field(permission="patrol.asset.manage", description="Record an asset's new status.")
    async def change_surveillance_asset_status(
        self,
        info: Info,
        input: Annotated[
            i.ChangeSurveillanceAssetStatusInput,
            strawberry.argument(description="The asset, its new status and why."),
        ],
    ) -> p.ChangeSurveillanceAssetStatusPayload:
        row = await assets.change_asset_status(
            info.context.actor,
            _id(input.asset_id, "SurveillanceAsset", "assetId"),
            input.status,
            input.note,
            at=input.occurred_at,
        )
        return p.ChangeSurveillanceAssetStatusPayload(asset=SurveillanceAsset.from_row(row))

    @mutation_field(permission="patrol.team.manage", description="Create a patrol team with its members.")
    async def create_patrol_team(
        self,
        info: Info,
        input: Annotated[
            i.CreatePatrolTeamInput,
            strawberry.argument(description="Name, kind, level, area and first members of the team."),
        ],
    ) -> p.CreatePatrolTeamPayload:
        row = await patrols.create_team(
            info.context.actor,
            input.name,
            input.kind,
            input.level,
            area_id=_id(input.area_id, "Area", "areaId", required=False),
            members=_members(input.members),
        )
        return p.CreatePatrolTeamPayload(team=PatrolTeam.from_row(row))

    @mutation_field(permission="patrol.team.manage", description="Add members to a patrol team.")
    async def add_patrol_team_members(
        self,
        info: Info,
        input: Annotated[
            i.AddPatrolTeamMembersInput,
            strawberry.argument(description="The team and the members joining."),
        ],
    ) -> p.AddPatrolTeamMembersPayload:
        row = await patrols.add_team_members(
            info.context.actor, _id(input.team_id, "PatrolTeam", "teamId"), _members(input.members)
        )
        return p.AddPatrolTeamMembersPayload(team=PatrolTeam.from_row(row))

    @mutation_field(permission="patrol.team.manage", description="Plan a patrol shift with its route.")
    async def create_patrol_shift(
        self,
        info: Info,
        input: Annotated[
            i.CreatePatrolShiftInput,
            strawberry.argument(description="The team, the time window and the route."),
        ],
    ) -> p.CreatePatrolShiftPayload:
        route = [
            patrols.RoutePointDraft(
                name=point.name,
                area_id=_id(point.area_id, "Area", f"route.{index}.areaId", required=False),
                latitude=point.latitude,
                longitude=point.longitude,
                expected_at=point.expected_at,
            )
            for index, point in enumerate(input.route)
        ]
        row = await patrols.create_shift(
            info.context.actor,
            _id(input.team_id, "PatrolTeam", "teamId"),
            input.starts_at,
            input.ends_at,
            route,
            input.note,
        )
        return p.CreatePatrolShiftPayload(shift=PatrolShift.from_row(row))

    @mutation_field(permission="patrol.checkin.write", description="Check in (打卡) at a route point, now.")
    async def check_in(
        self,
        info: Info,
        input: Annotated[
            i.CheckInInput,
            strawberry.argument(description="The route point and optionally where the caller stands."),
        ],
    ) -> p.CheckInPayload:
        row = await patrols.check_in(
            info.context.actor,
            _id(input.point_id, "PatrolRoutePoint", "pointId"),
            latitude=input.latitude,
            longitude=input.longitude,
            note=input.note,
            location=input.location,
        )
        return p.CheckInPayload(check_in=PatrolCheckIn.from_row(row))


def _csv_text(input: i.ImportBasicInfoInput) -> str:
    if (input.csv is None) == (input.content_base64 is None):
        raise UserInputError(
            "Give the file either as csv text or as contentBase64.", field="csv", code=UserErrorCode.REQUIRED
        )
    if input.csv is not None:
        return input.csv.lstrip("\ufeff")
    try:
        content = base64.b64decode(input.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise UserInputError("contentBase64 is not valid base64.", field="contentBase64") from None
    return csv_format.decode(content, input.encoding)


@strawberry.type
class BasicInfoMutations:
    @mutation_field(permission="patrol.basic_info.write", description="Add a standard address (标准地址).")
    async def create_standard_address(
        self,
        info: Info,
        input: Annotated[
            i.CreateStandardAddressInput,
            strawberry.argument(description="The area and the address text."),
        ],
    ) -> p.CreateStandardAddressPayload:
        draft = basic_info.AddressDraft(
            area_id=_id(input.area_id, "Area", "areaId", required=False),
            address=input.address,
            latitude=input.latitude,
            longitude=input.longitude,
            location=input.location,
            force=input.force,
        )
        row = await basic_info.create_address(info.context.actor, draft)
        return p.CreateStandardAddressPayload(address=StandardAddress.from_row(row))

    @mutation_field(permission="patrol.basic_info.write", description="Register a resident (实有人口).")
    async def register_resident(
        self,
        info: Info,
        input: Annotated[
            i.RegisterResidentInput,
            strawberry.argument(description="The person to add to the actual population (实有人口)."),
        ],
    ) -> p.RegisterResidentPayload:
        draft = basic_info.ResidentDraft(
            name=input.name,
            id_number=input.id_number,
            phone=input.phone,
            registered_address=input.registered_address,
            address_id=_id(input.address_id, "StandardAddress", "addressId", required=False),
            residence=input.residence,
            relation=input.relation,
            tags=input.tags,
        )
        row = await basic_info.register_resident(info.context.actor, draft)
        return p.RegisterResidentPayload(resident=Resident.from_row(row))

    @mutation_field(permission="patrol.basic_info.write", description="Register the house at an address (实有房屋).")
    async def register_housing(
        self,
        info: Info,
        input: Annotated[
            i.RegisterHousingInput,
            strawberry.argument(description="The house at a standard address (实有房屋)."),
        ],
    ) -> p.RegisterHousingPayload:
        draft = basic_info.HousingDraft(
            address_id=_id(input.address_id, "StandardAddress", "addressId"),
            kind=input.kind,
            owner_name=input.owner_name,
            owner_id_number=input.owner_id_number,
            owner_phone=input.owner_phone,
            is_rented=input.is_rented,
            floor_area=input.floor_area,
        )
        row = await basic_info.register_housing(info.context.actor, draft)
        return p.RegisterHousingPayload(housing=Housing.from_row(row))

    @mutation_field(permission="patrol.basic_info.write", description="Register a unit (实有单位).")
    async def register_unit(
        self,
        info: Info,
        input: Annotated[
            i.RegisterUnitInput,
            strawberry.argument(description="The organisation, shop or venue (实有单位)."),
        ],
    ) -> p.RegisterUnitPayload:
        draft = basic_info.UnitDraft(
            name=input.name,
            kind=input.kind,
            credit_code=input.credit_code,
            is_key_unit=input.is_key_unit,
            address_id=_id(input.address_id, "StandardAddress", "addressId", required=False),
            legal_representative=input.legal_representative,
            contact_phone=input.contact_phone,
        )
        row = await basic_info.register_unit(info.context.actor, draft)
        return p.RegisterUnitPayload(unit=ActualUnit.from_row(row))

    @mutation_field(
        permission="patrol.basic_info.import",
        description="Import a 一标三实 register from CSV: valid rows are written in batches, rejected rows reported "
        "with line numbers; dryRun validates only.",
    )
    async def import_basic_info(
        self,
        info: Info,
        input: Annotated[
            i.ImportBasicInfoInput,
            strawberry.argument(description="The register kind and the CSV file (text or base64 bytes)."),
        ],
    ) -> p.ImportBasicInfoPayload:
        actor = info.context.actor
        station_id = await importer.import_station(actor, _id(input.station_id, "Station", "stationId", required=False))
        report = await importer.import_basic_info(
            actor, station_id, input.kind, _csv_text(input), dry_run=input.dry_run, force=input.force
        )
        return p.ImportBasicInfoPayload(report=BasicInfoImportReport.from_report(report))

    @mutation_field(
        permission="patrol.basic_info.export",
        description="Export a 一标三实 register as CSV, masked by the caller's role; the export is audited.",
    )
    async def export_basic_info(
        self,
        info: Info,
        input: Annotated[
            i.ExportBasicInfoInput,
            strawberry.argument(description="Which register to export, optionally one area only."),
        ],
    ) -> p.ExportBasicInfoPayload:
        result = await exporter.export_basic_info(
            info.context.actor,
            input.kind,
            area_id=_id(input.area_id, "Area", "areaId", required=False),
            station_id=_id(input.station_id, "Station", "stationId", required=False),
        )
        export = BasicInfoExport(kind=result.kind, csv=result.csv, row_count=result.row_count, masked=result.masked)
        return p.ExportBasicInfoPayload(export=export)


@strawberry.type
class InspectionMutations:
    @mutation_field(permission="patrol.inspection.write", description="Add a unit or venue to inspect.")
    async def create_inspection_target(
        self,
        info: Info,
        input: Annotated[
            i.CreateInspectionTargetInput,
            strawberry.argument(description="The unit or venue to put under inspection."),
        ],
    ) -> p.CreateInspectionTargetPayload:
        row = await inspections.create_target(
            info.context.actor,
            input.name,
            input.kind,
            _id(input.area_id, "Area", "areaId"),
            unit_id=_id(input.unit_id, "ActualUnit", "unitId", required=False),
            address_id=_id(input.address_id, "StandardAddress", "addressId", required=False),
        )
        return p.CreateInspectionTargetPayload(target=InspectionTarget.from_row(row))

    @mutation_field(permission="patrol.inspection.write", description="Record an inspection and its findings.")
    async def record_inspection(
        self,
        info: Info,
        input: Annotated[
            i.RecordInspectionInput,
            strawberry.argument(description="The target, kind of inspection and findings."),
        ],
    ) -> p.RecordInspectionPayload:
        findings = [
            inspections.FindingDraft(description=item.description, severity=item.severity, deadline=item.deadline)
            for item in input.findings
        ]
        row = await inspections.record_inspection(
            info.context.actor,
            _id(input.target_id, "InspectionTarget", "targetId"),
            input.kind,
            inspected_at=input.inspected_at,
            notes=input.notes,
            findings=findings,
            location=input.location,
        )
        return p.RecordInspectionPayload(inspection=Inspection.from_row(row))

    @mutation_field(
        permission="patrol.inspection.write", description="Re-inspect (复查) a finding: close it or extend it."
    )
    async def reinspect_rectification(
        self,
        info: Info,
        input: Annotated[
            i.ReinspectRectificationInput,
            strawberry.argument(description="The finding and whether it is rectified."),
        ],
    ) -> p.ReinspectRectificationPayload:
        row = await inspections.reinspect(
            info.context.actor,
            _id(input.finding_id, "InspectionFinding", "findingId"),
            rectified=input.rectified,
            new_deadline=input.new_deadline,
            note=input.note,
            at=input.occurred_at,
        )
        return p.ReinspectRectificationPayload(finding=InspectionFinding.from_row(row))

    @mutation_field(permission="patrol.hotspot.manage", description="Start a hotspot (乱点) remediation campaign.")
    async def start_hotspot_campaign(
        self,
        info: Info,
        input: Annotated[
            i.StartHotspotCampaignInput,
            strawberry.argument(description="Name, areas and plan of the campaign."),
        ],
    ) -> p.StartHotspotCampaignPayload:
        area_ids = [_id(area_id, "Area", f"areaIds.{index}") for index, area_id in enumerate(input.area_ids)]
        row = await inspections.start_campaign(
            info.context.actor, input.name, area_ids, starts_on=input.starts_on, description=input.description
        )
        return p.StartHotspotCampaignPayload(campaign=HotspotCampaign.from_row(row))

    @mutation_field(permission="patrol.hotspot.manage", description="Finish a hotspot campaign.")
    async def finish_hotspot_campaign(
        self,
        info: Info,
        input: Annotated[i.FinishHotspotCampaignInput, strawberry.argument(description="The campaign to finish.")],
    ) -> p.FinishHotspotCampaignPayload:
        row = await inspections.finish_campaign(
            info.context.actor, _id(input.campaign_id, "HotspotCampaign", "campaignId"), at=input.occurred_at
        )
        return p.FinishHotspotCampaignPayload(campaign=HotspotCampaign.from_row(row))
