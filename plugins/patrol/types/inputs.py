"""GraphQL inputs and filters of the patrol plugin (ids are global ids)."""

from __future__ import annotations

import datetime as dt

import strawberry

from core import graphql_enum, long_text
from plugins.patrol import enums as e
from plugins.patrol.enums import ListOrder

graphql_enum(
    ListOrder,
    description="Order of a list by its main date.",
    values={"NEWEST_FIRST": "Most recent first.", "OLDEST_FIRST": "Oldest first."},
)

# Characters of an imported register file (csv or contentBase64); the body limit applies too.
CSV_MAX_CHARACTERS = 16_000_000

# --- 打 ----------------------------------------------------------------------------------------


@strawberry.input(description="A person involved in an incident.")
class IncidentPersonInput:
    role: e.PersonRole
    name: str
    id_number: str | None = None
    phone: str | None = None


@strawberry.input(description="A received incident (接警).")
class ReportIncidentInput:
    source: e.IncidentSource
    category: e.IncidentCategory
    area_id: strawberry.ID
    address: str = ""
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    received_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")
    standard_address_id: strawberry.ID | None = None
    patrol_shift_id: strawberry.ID | None = strawberry.field(
        default=None, description="For a finding made on patrol (source PATROL)."
    )
    persons: list[IncidentPersonInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Dispatch a received incident to a unit (派警).")
class DispatchIncidentInput:
    incident_id: strawberry.ID
    unit: e.DutyUnit
    assignee_id: strawberry.ID | None = strawberry.field(default=None, description="An officer of the station.")
    dispatched_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="The dispatched unit reached the scene (到场).")
class RecordIncidentArrivalInput:
    incident_id: strawberry.ID
    arrived_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="How the incident was handled on the scene (处警).")
class RecordIncidentHandlingInput:
    incident_id: strawberry.ID
    outcome: e.HandlingOutcome
    notes: str = ""
    handled_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="Close a handled incident (结警).")
class CloseIncidentInput:
    incident_id: strawberry.ID
    notes: str = ""


@strawberry.input(description="Open a criminal case (立案) from an incident.")
class OpenCriminalCaseInput:
    incident_id: strawberry.ID
    case_number: str


@strawberry.input(description="Record a criminal case solved (破案).")
class SolveCriminalCaseInput:
    case_id: strawberry.ID
    solved_with_video: bool = strawberry.field(description="Video surveillance provided the evidence (视频破案).")
    solved_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="Filter for incidents.")
class IncidentFilter:
    status: e.IncidentStatus | None = None
    category: e.IncidentCategory | None = None
    source: e.IncidentSource | None = None
    duty_unit: e.DutyUnit | None = None
    area_id: strawberry.ID | None = None
    patrol_shift_id: strawberry.ID | None = None
    received_from: dt.date | None = strawberry.field(default=None, description="First day (inclusive).")
    received_to: dt.date | None = strawberry.field(default=None, description="Last day (inclusive).")


@strawberry.input(description="Filter for criminal cases.")
class CriminalCaseFilter:
    solved: bool | None = None
    solved_with_video: bool | None = None


# --- 防 ----------------------------------------------------------------------------------------


@strawberry.input(description="A new surveillance asset.")
class RegisterSurveillanceAssetInput:
    kind: e.AssetKind
    project: e.AssetProject
    name: str
    area_id: strawberry.ID
    installed_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    code: str | None = strawberry.field(default=None, description="Asset code, unique in the station.")
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    status: e.AssetStatus = e.AssetStatus.ONLINE


@strawberry.input(description="A change of an asset's status.")
class ChangeSurveillanceAssetStatusInput:
    asset_id: strawberry.ID
    status: e.AssetStatus
    note: str = ""


@strawberry.input(description="Filter for surveillance assets.")
class SurveillanceAssetFilter:
    kind: e.AssetKind | None = None
    project: e.AssetProject | None = None
    status: e.AssetStatus | None = None
    area_id: strawberry.ID | None = None


# --- 管 ----------------------------------------------------------------------------------------


@strawberry.input(description="A member of a patrol team.")
class PatrolTeamMemberInput:
    name: str
    phone: str | None = None
    user_id: strawberry.ID | None = strawberry.field(default=None, description="The member's account, if any.")
    is_leader: bool = False


@strawberry.input(description="A new patrol team.")
class CreatePatrolTeamInput:
    name: str
    kind: e.PatrolTeamKind
    level: int = strawberry.field(description="三级巡防 level 1-3.")
    area_id: strawberry.ID | None = None
    members: list[PatrolTeamMemberInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Members joining a patrol team.")
class AddPatrolTeamMembersInput:
    team_id: strawberry.ID
    members: list[PatrolTeamMemberInput]


@strawberry.input(description="A point of a patrol route.")
class PatrolRoutePointInput:
    name: str
    area_id: strawberry.ID | None = None
    latitude: float | None = None
    longitude: float | None = None
    expected_at: dt.datetime | None = strawberry.field(
        default=None, description="When the patrol should be here; default: spread evenly over the shift."
    )


@strawberry.input(description="A patrol shift with its route.")
class CreatePatrolShiftInput:
    team_id: strawberry.ID
    starts_at: dt.datetime
    ends_at: dt.datetime
    route: list[PatrolRoutePointInput]
    note: str = ""


@strawberry.input(description="A check-in (打卡) at a route point, now.")
class CheckInInput:
    point_id: strawberry.ID
    latitude: float | None = None
    longitude: float | None = None
    note: str = ""


@strawberry.input(description="Filter for patrol teams.")
class PatrolTeamFilter:
    kind: e.PatrolTeamKind | None = None
    level: int | None = None
    area_id: strawberry.ID | None = None


@strawberry.input(description="Filter for patrol shifts.")
class PatrolShiftFilter:
    team_id: strawberry.ID | None = None
    starts_from: dt.date | None = strawberry.field(default=None, description="First day (inclusive).")
    starts_to: dt.date | None = strawberry.field(default=None, description="Last day (inclusive).")


# --- 控 ----------------------------------------------------------------------------------------


@strawberry.input(description="A new standard address.")
class CreateStandardAddressInput:
    area_id: strawberry.ID
    address: str
    latitude: float | None = None
    longitude: float | None = None


@strawberry.input(description="A person of the actual population.")
class RegisterResidentInput:
    name: str
    id_number: str
    phone: str | None = None
    registered_address: str | None = None
    address_id: strawberry.ID | None = strawberry.field(default=None, description="Standard address of residence.")
    residence: e.ResidenceKind = e.ResidenceKind.HOUSEHOLD
    relation: e.AddressRelation = e.AddressRelation.OTHER
    tags: list[e.ResidentTag] = strawberry.field(default_factory=list)


@strawberry.input(description="The house at a standard address.")
class RegisterHousingInput:
    address_id: strawberry.ID
    kind: e.HousingKind
    owner_name: str = ""
    owner_id_number: str | None = None
    owner_phone: str | None = None
    is_rented: bool = False
    floor_area: float | None = None


@strawberry.input(description="An organisation, shop or venue.")
class RegisterUnitInput:
    name: str
    kind: e.UnitKind
    credit_code: str | None = None
    is_key_unit: bool = False
    address_id: strawberry.ID | None = None
    legal_representative: str = ""
    contact_phone: str | None = None


@strawberry.input(description="Filter for standard addresses.")
class AddressFilter:
    area_id: strawberry.ID | None = None
    contains: str | None = strawberry.field(default=None, description="Part of the address text.")


@strawberry.input(description="Filter for residents.")
class ResidentFilter:
    address_id: strawberry.ID | None = None
    residence: e.ResidenceKind | None = None
    tag: e.ResidentTag | None = None
    id_number: str | None = strawberry.field(default=None, description="Exact ID number (looked up by keyed hash).")


@strawberry.input(description="Filter for housing.")
class HousingFilter:
    kind: e.HousingKind | None = None
    is_rented: bool | None = None
    area_id: strawberry.ID | None = None


@strawberry.input(description="Filter for units.")
class UnitFilter:
    kind: e.UnitKind | None = None
    is_key_unit: bool | None = None
    credit_code: str | None = None


@strawberry.input(
    description="A CSV file of one register: as text (csv), or as base64 bytes (contentBase64) with an encoding."
)
class ImportBasicInfoInput:
    kind: e.BasicInfoKind
    # A whole register file: longer than other inputs, bounded by the request body limit.
    csv: str | None = long_text(max_length=CSV_MAX_CHARACTERS, default=None)
    content_base64: str | None = long_text(max_length=CSV_MAX_CHARACTERS, default=None)
    encoding: e.CsvEncoding = e.CsvEncoding.UTF8
    dry_run: bool = strawberry.field(default=False, description="Validate only; write nothing.")
    station_id: strawberry.ID | None = strawberry.field(
        default=None, description="Target station (deployment-wide accounts only)."
    )


@strawberry.input(description="Which register to export.")
class ExportBasicInfoInput:
    kind: e.BasicInfoKind
    area_id: strawberry.ID | None = strawberry.field(default=None, description="Only records in this area.")


# --- 查 ----------------------------------------------------------------------------------------


@strawberry.input(description="A unit or venue to inspect.")
class CreateInspectionTargetInput:
    name: str
    kind: e.InspectionTargetKind
    area_id: strawberry.ID
    unit_id: strawberry.ID | None = None
    address_id: strawberry.ID | None = None


@strawberry.input(description="A finding with its rectification deadline.")
class InspectionFindingInput:
    description: str
    severity: e.FindingSeverity
    deadline: dt.date | None = strawberry.field(default=None, description="Default: set by severity.")


@strawberry.input(description="An inspection and its findings.")
class RecordInspectionInput:
    target_id: strawberry.ID
    kind: e.InspectionKind
    inspected_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")
    notes: str = ""
    findings: list[InspectionFindingInput] = strawberry.field(default_factory=list)


@strawberry.input(description="A re-inspection (复查): rectified closes it, otherwise give a new deadline.")
class ReinspectRectificationInput:
    finding_id: strawberry.ID
    rectified: bool
    new_deadline: dt.date | None = None
    note: str = ""


@strawberry.input(description="Filter for inspection targets.")
class InspectionTargetFilter:
    kind: e.InspectionTargetKind | None = None
    area_id: strawberry.ID | None = None


@strawberry.input(description="Filter for inspections.")
class InspectionFilter:
    kind: e.InspectionKind | None = None
    target_id: strawberry.ID | None = None
    inspected_from: dt.date | None = None
    inspected_to: dt.date | None = None


@strawberry.input(description="Filter for rectifications.")
class RectificationFilter:
    status: e.RectificationStatus | None = None
    severity: e.FindingSeverity | None = None
    overdue: bool | None = strawberry.field(default=None, description="Open past the deadline (逾期).")


@strawberry.input(description="A new hotspot (乱点) remediation campaign.")
class StartHotspotCampaignInput:
    name: str
    area_ids: list[strawberry.ID]
    description: str = ""
    starts_on: dt.date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.input(description="Finish a campaign.")
class FinishHotspotCampaignInput:
    campaign_id: strawberry.ID


@strawberry.input(description="Filter for hotspot campaigns.")
class HotspotCampaignFilter:
    status: e.CampaignStatus | None = None
