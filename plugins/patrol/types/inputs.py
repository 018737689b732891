"""GraphQL inputs and filters of the patrol plugin (ids are global ids)."""

import datetime as dt

import strawberry

from core import GeoPointInput, graphql_enum, long_text
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
    role: e.PersonRole = strawberry.field(
        description="The person's part in the incident (reporter, victim, suspect, witness or other)."
    )
    name: str = strawberry.field(description="Full name.")
    id_number: str | None = strawberry.field(
        default=None,
        description="Resident ID number (居民身份证号码), validated; optional.",
    )
    phone: str | None = strawberry.field(default=None, description="Mainland mobile number, validated; optional.")


@strawberry.input(description="A received incident (接警).")
class ReportIncidentInput:
    source: e.IncidentSource = strawberry.field(description="How the incident reached the station (警情来源).")
    category: e.IncidentCategory = strawberry.field(description="Category of the incident (警情类别).")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Global id of the area where it happened. "
            "May be omitted when location is given: the deepest area of the station "
            "whose boundary contains it (a grid) is taken; none containing it is a REQUIRED error. With "
            "location, a point outside its boundary is a CONFLICT error unless force."
        ),
    )
    address: str = strawberry.field(default="", description="Where it happened, in words; empty by default.")
    description: str = strawberry.field(default="", description="What was reported (报警内容); empty by default.")
    latitude: float | None = strawberry.field(
        default=None,
        description="Latitude in decimal degrees (north positive); null when not known.",
    )
    longitude: float | None = strawberry.field(
        default=None,
        description="Longitude in decimal degrees (east positive); null when not known.",
    )
    received_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the call or report was received, for a record entered later (补录; default now): not in "
        "the future, not before the start of the patrol shift it was found on, within the back-dating window "
        "([records] backdating_days). Response times and statistics count from it.",
    )
    standard_address_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the standard address, to file it in the address's record (一址一档); optional.",
    )
    patrol_shift_id: strawberry.ID | None = strawberry.field(
        default=None, description="For a finding made on patrol (source PATROL)."
    )
    persons: list[IncidentPersonInput] = strawberry.field(
        default_factory=list,
        description="People involved (涉警人员); none by default.",
    )
    location: GeoPointInput | None = strawberry.field(
        default=None,
        description=(
            "Where it happened (事发地点), in any datum (stored in WGS-84); optional. Replaces latitude/longitude."
        ),
    )
    force: bool = strawberry.field(
        default=False,
        description=(
            "Keep areaId even when the location lies outside that area's boundary (otherwise a CONFLICT error)."
        ),
    )


@strawberry.input(description="Dispatch a received incident to a unit (派警).")
class DispatchIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description="Global id of a RECEIVED incident.")
    unit: e.DutyUnit = strawberry.field(description="Which unit of 一室两队 takes it.")
    assignee_id: strawberry.ID | None = strawberry.field(default=None, description="An officer of the station.")
    dispatched_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="The dispatched unit reached the scene (到场).")
class RecordIncidentArrivalInput:
    incident_id: strawberry.ID = strawberry.field(description="Global id of a DISPATCHED incident.")
    arrived_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="How the incident was handled on the scene (处警).")
class RecordIncidentHandlingInput:
    incident_id: strawberry.ID = strawberry.field(description="Global id of an ARRIVED incident.")
    outcome: e.HandlingOutcome = strawberry.field(description="What the handling came to (处置结果).")
    notes: str = strawberry.field(default="", description="What was done on the scene; empty by default.")
    handled_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="Close a handled incident (结警).")
class CloseIncidentInput:
    incident_id: strawberry.ID = strawberry.field(description="Global id of a HANDLED incident.")
    notes: str = strawberry.field(default="", description="Closing notes (结警说明); empty by default.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the incident was closed, for a record entered later (补录; default now): not in the "
        "future, not before handling, within the back-dating window ([records] backdating_days).",
    )


@strawberry.input(description="Open a criminal case (立案) from an incident.")
class OpenCriminalCaseInput:
    incident_id: strawberry.ID = strawberry.field(
        description="Global id of the incident the case is opened from (dispatched or later)."
    )
    case_number: str = strawberry.field(description="Number of the case (案件编号), unique in the station.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the case was opened (立案), for a record entered later (补录; default now): not in the "
        "future, not before dispatch, within the back-dating window ([records] backdating_days).",
    )


@strawberry.input(description="Record a criminal case solved (破案).")
class SolveCriminalCaseInput:
    case_id: strawberry.ID = strawberry.field(description="Global id of an unsolved criminal case.")
    solved_with_video: bool = strawberry.field(description="Video surveillance provided the evidence (视频破案).")
    solved_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")


@strawberry.input(description="Filter for incidents.")
class IncidentFilter:
    status: e.IncidentStatus | None = strawberry.field(default=None, description="Only incidents in this status.")
    category: e.IncidentCategory | None = strawberry.field(default=None, description="Only incidents of this category.")
    source: e.IncidentSource | None = strawberry.field(
        default=None,
        description="Only incidents that came in this way.",
    )
    duty_unit: e.DutyUnit | None = strawberry.field(default=None, description="Only incidents dispatched to this unit.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only incidents in this area (global id).",
    )
    patrol_shift_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only incidents found on this patrol shift (global id).",
    )
    received_from: dt.date | None = strawberry.field(default=None, description="First day (inclusive).")
    received_to: dt.date | None = strawberry.field(default=None, description="Last day (inclusive).")


@strawberry.input(description="Filter for criminal cases.")
class CriminalCaseFilter:
    solved: bool | None = strawberry.field(
        default=None,
        description="True: only solved cases (破案); false: only unsolved ones.",
    )
    solved_with_video: bool | None = strawberry.field(
        default=None,
        description="True: only cases solved with video evidence (视频破案); false: the others.",
    )


# --- 防 ----------------------------------------------------------------------------------------


@strawberry.input(description="A new surveillance asset.")
class RegisterSurveillanceAssetInput:
    kind: e.AssetKind = strawberry.field(description="Camera, HD camera or checkpoint (卡口).")
    project: e.AssetProject = strawberry.field(description="Programme it was installed under (e.g. 雪亮工程).")
    name: str = strawberry.field(description="Name of the asset, e.g. 枫桥路口东.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Global id of the area it covers. "
            "May be omitted when geoLocation (or latitude/longitude) is given: the deepest area of the station "
            "whose boundary contains it (a grid) is taken; none containing it is a REQUIRED error. With "
            "geoLocation (or latitude/longitude), a point outside its boundary is a CONFLICT error unless force."
        ),
    )
    installed_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    code: str | None = strawberry.field(default=None, description="Asset code, unique in the station.")
    location: str = strawberry.field(default="", description="Where it is mounted, in words; empty by default.")
    latitude: float | None = strawberry.field(
        default=None,
        description="Latitude in decimal degrees (north positive); null when not known.",
    )
    longitude: float | None = strawberry.field(
        default=None,
        description="Longitude in decimal degrees (east positive); null when not known.",
    )
    status: e.AssetStatus = strawberry.field(
        default=e.AssetStatus.ONLINE,
        description="Status at registration; ONLINE by default.",
    )
    geo_location: GeoPointInput | None = strawberry.field(
        default=None,
        description=(
            "Where it is mounted, as a point, in any datum (stored in WGS-84); optional. Replaces latitude/longitude."
        ),
    )
    force: bool = strawberry.field(
        default=False,
        description=(
            "Keep areaId even when the location lies outside that area's boundary (otherwise a CONFLICT error)."
        ),
    )


@strawberry.input(description="A change of an asset's status.")
class ChangeSurveillanceAssetStatusInput:
    asset_id: strawberry.ID = strawberry.field(description="Global id of the surveillance asset.")
    status: e.AssetStatus = strawberry.field(description="The asset's new status; recorded in its status history.")
    note: str = strawberry.field(default="", description="Why, e.g. 镜头损坏 or 已修复; empty by default.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the status changed (e.g. a camera found offline at 02:00, entered at 08:30; 补录; default "
        "now). Not in the future, not before the last change, within the back-dating window; online rates use it.",
    )


@strawberry.input(description="Filter for surveillance assets.")
class SurveillanceAssetFilter:
    kind: e.AssetKind | None = strawberry.field(default=None, description="Only assets of this kind.")
    project: e.AssetProject | None = strawberry.field(default=None, description="Only assets of this programme.")
    status: e.AssetStatus | None = strawberry.field(default=None, description="Only assets with this current status.")
    area_id: strawberry.ID | None = strawberry.field(default=None, description="Only assets in this area (global id).")


# --- 管 ----------------------------------------------------------------------------------------


@strawberry.input(description="A member of a patrol team.")
class PatrolTeamMemberInput:
    name: str = strawberry.field(description="The member's name.")
    phone: str | None = strawberry.field(default=None, description="Mainland mobile number, validated; optional.")
    user_id: strawberry.ID | None = strawberry.field(default=None, description="The member's account, if any.")
    is_leader: bool = strawberry.field(default=False, description="True for the team leader (队长); false by default.")


@strawberry.input(description="A new patrol team.")
class CreatePatrolTeamInput:
    name: str = strawberry.field(description="Name of the team, e.g. 红袖标巡逻队.")
    kind: e.PatrolTeamKind = strawberry.field(description="Police, red-armband volunteers or joint defence.")
    level: int = strawberry.field(description="三级巡防 level 1-3.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the area the team covers; omitted for a station-wide team.",
    )
    members: list[PatrolTeamMemberInput] = strawberry.field(
        default_factory=list,
        description="First members; more can be added with addPatrolTeamMembers.",
    )


@strawberry.input(description="Members joining a patrol team.")
class AddPatrolTeamMembersInput:
    team_id: strawberry.ID = strawberry.field(description="Global id of the patrol team.")
    members: list[PatrolTeamMemberInput] = strawberry.field(description="The members joining (at least one).")


@strawberry.input(description="A point of a patrol route.")
class PatrolRoutePointInput:
    name: str = strawberry.field(description="Name of the point, e.g. 枫桥大桥东 or 3号卡口.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the area the point lies in; optional.",
    )
    latitude: float | None = strawberry.field(
        default=None,
        description="Latitude in decimal degrees (north positive); null when not known.",
    )
    longitude: float | None = strawberry.field(
        default=None,
        description="Longitude in decimal degrees (east positive); null when not known.",
    )
    expected_at: dt.datetime | None = strawberry.field(
        default=None, description="When the patrol should be here; default: spread evenly over the shift."
    )


@strawberry.input(description="A patrol shift with its route.")
class CreatePatrolShiftInput:
    team_id: strawberry.ID = strawberry.field(description="Global id of the team on duty.")
    starts_at: dt.datetime = strawberry.field(description="Start of the shift (ISO-8601 with offset).")
    ends_at: dt.datetime = strawberry.field(description="End of the shift (ISO-8601 with offset); after startsAt.")
    route: list[PatrolRoutePointInput] = strawberry.field(
        description="The route points in the order they are to be visited (at least one)."
    )
    note: str = strawberry.field(default="", description="Instructions for the shift; empty by default.")


@strawberry.input(description="A check-in (打卡) at a route point, now.")
class CheckInInput:
    point_id: strawberry.ID = strawberry.field(
        description=(
            "Global id of the route point of a shift of the caller's team; the check-in time is now, by the server "
            "clock."
        )
    )
    latitude: float | None = strawberry.field(
        default=None,
        description="Where the caller is, latitude in decimal degrees (north positive); optional.",
    )
    longitude: float | None = strawberry.field(
        default=None,
        description="Where the caller is, longitude in decimal degrees (east positive); optional.",
    )
    note: str = strawberry.field(default="", description="Anything seen at the point; empty by default.")
    location: GeoPointInput | None = strawberry.field(
        default=None,
        description=(
            "Where the caller stands (e.g. from the phone's GPS), in any datum (stored in WGS-84); optional. "
            "Replaces latitude/longitude."
        ),
    )


@strawberry.input(description="Filter for patrol teams.")
class PatrolTeamFilter:
    kind: e.PatrolTeamKind | None = strawberry.field(default=None, description="Only teams of this kind.")
    level: int | None = strawberry.field(default=None, description="Only teams of this 三级巡防 level (1-3).")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only teams covering this area (global id).",
    )


@strawberry.input(description="Filter for patrol shifts.")
class PatrolShiftFilter:
    team_id: strawberry.ID | None = strawberry.field(default=None, description="Only shifts of this team (global id).")
    starts_from: dt.date | None = strawberry.field(default=None, description="First day (inclusive).")
    starts_to: dt.date | None = strawberry.field(default=None, description="Last day (inclusive).")


@strawberry.input(description="Which check-ins (打卡) to list.")
class PatrolCheckInFilter:
    shift_id: strawberry.ID | None = strawberry.field(default=None, description="Only check-ins of this shift.")
    user_id: strawberry.ID | None = strawberry.field(default=None, description="Only check-ins by this user.")
    is_late: bool | None = strawberry.field(default=None, description="Only late (true) or on-time (false) ones.")
    checked_from: dt.date | None = strawberry.field(default=None, description="First day (inclusive).")
    checked_to: dt.date | None = strawberry.field(default=None, description="Last day (inclusive).")


# --- 控 ----------------------------------------------------------------------------------------


@strawberry.input(description="A new standard address.")
class CreateStandardAddressInput:
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Global id of the area (grid, compound, village…) the address lies in. "
            "May be omitted when location (or latitude/longitude) is given: the deepest area of the station "
            "whose boundary contains it (a grid) is taken; none containing it is a REQUIRED error. With "
            "location (or latitude/longitude), a point outside its boundary is a CONFLICT error unless force."
        ),
    )
    address: str = strawberry.field(description="The full standard address text (标准地址), unique in the station.")
    latitude: float | None = strawberry.field(
        default=None,
        description="Latitude in decimal degrees (north positive); null when not known.",
    )
    longitude: float | None = strawberry.field(
        default=None,
        description="Longitude in decimal degrees (east positive); null when not known.",
    )
    location: GeoPointInput | None = strawberry.field(
        default=None,
        description=("Where the address is, in any datum (stored in WGS-84); optional. Replaces latitude/longitude."),
    )
    force: bool = strawberry.field(
        default=False,
        description=(
            "Keep areaId even when the location lies outside that area's boundary (otherwise a CONFLICT error)."
        ),
    )


@strawberry.input(description="A person of the actual population.")
class RegisterResidentInput:
    name: str = strawberry.field(description="Full name.")
    id_number: str = strawberry.field(
        description="Resident ID number (居民身份证号码), validated. Sex and age are read from it."
    )
    phone: str | None = strawberry.field(default=None, description="Mainland mobile number, validated; optional.")
    registered_address: str | None = strawberry.field(
        default=None,
        description="户籍地址 — address of household registration; optional.",
    )
    address_id: strawberry.ID | None = strawberry.field(default=None, description="Standard address of residence.")
    residence: e.ResidenceKind = strawberry.field(
        default=e.ResidenceKind.HOUSEHOLD,
        description="户籍/流动/人户分离 — registered, floating, or living apart from registration; default HOUSEHOLD.",
    )
    relation: e.AddressRelation = strawberry.field(
        default=e.AddressRelation.OTHER,
        description="The person's relation to the address (owner, tenant…); OTHER by default.",
    )
    tags: list[e.ResidentTag] = strawberry.field(
        default_factory=list,
        description="Attention tags (e.g. left-behind child, empty-nest elderly, key person); none by default.",
    )


@strawberry.input(description="The house at a standard address.")
class RegisterHousingInput:
    address_id: strawberry.ID = strawberry.field(description="Global id of the standard address of the house.")
    kind: e.HousingKind = strawberry.field(description="Kind of housing.")
    owner_name: str = strawberry.field(default="", description="Owner's name (房主); empty when unknown.")
    owner_id_number: str | None = strawberry.field(
        default=None,
        description="Owner's resident ID number, validated; optional.",
    )
    owner_phone: str | None = strawberry.field(default=None, description="Owner's mobile number, validated; optional.")
    is_rented: bool = strawberry.field(
        default=False,
        description="True when let to tenants (出租房屋); false by default.",
    )
    floor_area: float | None = strawberry.field(default=None, description="Floor area in square metres; optional.")


@strawberry.input(description="An organisation, shop or venue.")
class RegisterUnitInput:
    name: str = strawberry.field(description="Name of the organisation, shop or venue.")
    kind: e.UnitKind = strawberry.field(description="Kind of unit.")
    credit_code: str | None = strawberry.field(
        default=None,
        description="统一社会信用代码 — 18-character unified social credit code, check digit validated; optional.",
    )
    is_key_unit: bool = strawberry.field(
        default=False,
        description="True for a key unit (重点单位) under special attention; false by default.",
    )
    address_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of its standard address; optional.",
    )
    legal_representative: str = strawberry.field(
        default="",
        description="Name of the legal representative (法人代表); empty when unknown.",
    )
    contact_phone: str | None = strawberry.field(
        default=None,
        description="Contact mobile number, validated; optional.",
    )


@strawberry.input(description="Filter for standard addresses.")
class AddressFilter:
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only addresses in this area (global id).",
    )
    contains: str | None = strawberry.field(default=None, description="Part of the address text.")


@strawberry.input(description="Filter for residents.")
class ResidentFilter:
    address_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only people living at this standard address (global id).",
    )
    residence: e.ResidenceKind | None = strawberry.field(
        default=None,
        description="Only people of this residence kind (户籍, 流动 or 人户分离).",
    )
    tag: e.ResidentTag | None = strawberry.field(default=None, description="Only people with this attention tag.")
    id_number: str | None = strawberry.field(default=None, description="Exact ID number (looked up by keyed hash).")


@strawberry.input(description="Filter for housing.")
class HousingFilter:
    kind: e.HousingKind | None = strawberry.field(default=None, description="Only housing of this kind.")
    is_rented: bool | None = strawberry.field(
        default=None,
        description="True: only rented housing (出租房屋); false: only the rest.",
    )
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only housing whose standard address lies in this area (global id).",
    )


@strawberry.input(description="Filter for units.")
class UnitFilter:
    kind: e.UnitKind | None = strawberry.field(default=None, description="Only units of this kind.")
    is_key_unit: bool | None = strawberry.field(
        default=None,
        description="True: only key units (重点单位); false: only the others.",
    )
    credit_code: str | None = strawberry.field(
        default=None,
        description="Only the unit with this unified social credit code (exact).",
    )


@strawberry.input(
    description="A CSV file of one register: as text (csv), or as base64 bytes (contentBase64) with an encoding."
)
class ImportBasicInfoInput:
    kind: e.BasicInfoKind = strawberry.field(description="Which register the file holds; decides the expected columns.")
    # A whole register file: longer than other inputs, bounded by the request body limit.
    csv: str | None = long_text(
        max_length=CSV_MAX_CHARACTERS,
        default=None,
        description="The file as text (UTF-8 string); give this or contentBase64.",
    )
    content_base64: str | None = long_text(
        max_length=CSV_MAX_CHARACTERS,
        default=None,
        description=(
            "The file's bytes, base64-encoded, for files in another encoding (e.g. GBK from Excel); give this or csv."
        ),
    )
    encoding: e.CsvEncoding = strawberry.field(
        default=e.CsvEncoding.UTF8,
        description="Encoding of contentBase64; UTF8 by default.",
    )
    dry_run: bool = strawberry.field(default=False, description="Validate only; write nothing.")
    station_id: strawberry.ID | None = strawberry.field(
        default=None, description="Target station (deployment-wide accounts only)."
    )
    force: bool = strawberry.field(
        default=False,
        description=(
            "Addresses: keep each row's area even when its coordinates lie outside that area's boundary "
            "(otherwise the row is rejected). A row without an area takes the area containing its coordinates."
        ),
    )


@strawberry.input(description="Which register to export.")
class ExportBasicInfoInput:
    kind: e.BasicInfoKind = strawberry.field(
        description="Which register to export (addresses, residents, housing or units)."
    )
    area_id: strawberry.ID | None = strawberry.field(default=None, description="Only records in this area.")
    station_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Bureau admins: export this station only (it must run the patrol plugin); the audit event records "
            "it. Omitted, a bureau admin exports every station. Station users export their own station."
        ),
    )


# --- 查 ----------------------------------------------------------------------------------------


@strawberry.input(description="A unit or venue to inspect.")
class CreateInspectionTargetInput:
    name: str = strawberry.field(description="Name of the unit or venue.")
    kind: e.InspectionTargetKind = strawberry.field(
        description="What kind of place it is: key unit, civil-explosives company, entertainment venue, hotel, school…"
    )
    area_id: strawberry.ID = strawberry.field(description="Global id of the area it lies in.")
    unit_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the registered actual unit (实有单位) it is, if any.",
    )
    address_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of its standard address, if known.",
    )


@strawberry.input(description="A finding with its rectification deadline.")
class InspectionFindingInput:
    description: str = strawberry.field(description="The hazard found (隐患) and what must be fixed.")
    severity: e.FindingSeverity = strawberry.field(description="How serious it is; sets the default deadline.")
    deadline: dt.date | None = strawberry.field(default=None, description="Default: set by severity.")


@strawberry.input(description="An inspection and its findings.")
class RecordInspectionInput:
    target_id: strawberry.ID = strawberry.field(description="Global id of the inspected unit or venue.")
    kind: e.InspectionKind = strawberry.field(description="Kind of inspection.")
    inspected_at: dt.datetime | None = strawberry.field(default=None, description="Default: now.")
    notes: str = strawberry.field(default="", description="What was checked; empty by default.")
    findings: list[InspectionFindingInput] = strawberry.field(
        default_factory=list,
        description="Hazards found, each with a rectification deadline; none by default.",
    )
    location: GeoPointInput | None = strawberry.field(
        default=None, description="Where the inspection took place, in any datum (stored in WGS-84); optional."
    )


@strawberry.input(description="A re-inspection (复查): rectified closes it, otherwise give a new deadline.")
class ReinspectRectificationInput:
    finding_id: strawberry.ID = strawberry.field(description="Global id of an open finding.")
    rectified: bool = strawberry.field(
        description="True: the hazard is fixed and the finding closes today; false: still open, give newDeadline."
    )
    new_deadline: dt.date | None = strawberry.field(
        default=None,
        description="The extended deadline when not rectified (a date, deployment time zone); counts as an extension.",
    )
    note: str = strawberry.field(default="", description="What the re-inspection saw; empty by default.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the re-inspection took place, for a record entered later (补录; default now). Its date "
        "decides whether a rectification was closed on time. Not in the future, not before the last inspection, "
        "within the back-dating window.",
    )


@strawberry.input(description="Filter for inspection targets.")
class InspectionTargetFilter:
    kind: e.InspectionTargetKind | None = strawberry.field(default=None, description="Only targets of this kind.")
    area_id: strawberry.ID | None = strawberry.field(default=None, description="Only targets in this area (global id).")


@strawberry.input(description="Filter for inspections.")
class InspectionFilter:
    kind: e.InspectionKind | None = strawberry.field(default=None, description="Only inspections of this kind.")
    target_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only inspections of this target (global id).",
    )
    inspected_from: dt.date | None = strawberry.field(
        default=None,
        description="First day (inclusive, deployment time zone) of inspectedAt.",
    )
    inspected_to: dt.date | None = strawberry.field(
        default=None,
        description="Last day (inclusive, deployment time zone) of inspectedAt.",
    )


@strawberry.input(description="Filter for rectifications.")
class RectificationFilter:
    status: e.RectificationStatus | None = strawberry.field(
        default=None,
        description="Only findings in this rectification status.",
    )
    severity: e.FindingSeverity | None = strawberry.field(default=None, description="Only findings of this severity.")
    overdue: bool | None = strawberry.field(default=None, description="Open past the deadline (逾期).")


@strawberry.input(description="A new hotspot (乱点) remediation campaign.")
class StartHotspotCampaignInput:
    name: str = strawberry.field(description="Name of the campaign, e.g. 火车站周边乱点整治.")
    area_ids: list[strawberry.ID] = strawberry.field(description="Global ids of the areas it covers (at least one).")
    description: str = strawberry.field(
        default="",
        description="What the hotspot is and what is planned; empty by default.",
    )
    starts_on: dt.date | None = strawberry.field(default=None, description="Default: today.")


@strawberry.input(description="Finish a campaign.")
class FinishHotspotCampaignInput:
    campaign_id: strawberry.ID = strawberry.field(
        description="Global id of an ACTIVE hotspot campaign; it finishes on the day of occurredAt (default today)."
    )
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the campaign ended, for a record entered later (补录; default now); its day closes the "
        "campaign's incident windows. Not in the future, not before the campaign's first day, within the "
        "back-dating window ([records] backdating_days).",
    )


@strawberry.input(description="Filter for hotspot campaigns.")
class HotspotCampaignFilter:
    status: e.CampaignStatus | None = strawberry.field(default=None, description="Only campaigns in this status.")
