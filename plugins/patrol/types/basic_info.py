"""GraphQL types of 控 — "一标三实": standard addresses with their file (一址一档), residents,
housing, units, and the reports of CSV import and export."""

import datetime as dt
from typing import Self

import strawberry
from strawberry.types import Info

from core import (
    Datum,
    DatumArgument,
    GeoPoint,
    Node,
    current_app,
    distance_field,
    location_field,
    node_type,
    personal_location,
    reference,
    row_mapping,
    scoped,
)
from plugins.patrol import models
from plugins.patrol.enums import AddressRelation, BasicInfoKind, HousingKind, ResidenceKind, ResidentTag, UnitKind
from plugins.patrol.services.basic_info import tags_of
from plugins.patrol.services.common import age_on
from plugins.patrol.types.common import area_name, load_children, load_one
from plugins.patrol.types.incidents import Incident
from plugins.patrol.types.inspections import Inspection


async def _address(info: Info, address_id: int | None) -> "StandardAddress | None":
    return await load_one(info, models.StandardAddress, address_id, StandardAddress.from_row)


@node_type(models.Resident, "patrol.basic_info.read")
@strawberry.type(
    description="实有人口 — a person actually living here. ID number, phone and registered address are masked by role."
)
class Resident(Node):
    name: str = strawberry.field(description="Full name.")
    id_number: str = strawberry.field(description="Resident ID number (居民身份证号码).")
    phone: str | None = strawberry.field(
        description=(
            "Mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    registered_address: str | None = strawberry.field(description="户籍地址 — address of household registration.")
    sex: str = strawberry.field(description="MALE or FEMALE, from the ID number.")
    age: int | None = strawberry.field(description="Age in full years today (周岁).")
    residence: ResidenceKind = strawberry.field(
        description="户籍/流动/人户分离 — registered household, floating, or living apart from registration."
    )
    relation: AddressRelation = strawberry.field(
        description="The person's relation to the address of residence (owner, tenant…)."
    )
    tags: list[ResidentTag] = strawberry.field(description="Attention tags (关注标签).")
    address_id: strawberry.ID | None = strawberry.field(description="Standard address of actual residence.")
    _row: strawberry.Private[models.Resident]

    from_row = row_mapping(
        models.Resident,
        age=lambda row: age_on(row.birth_date, current_app().clock.today()),
        tags=lambda row: tags_of(row.tags),
        address_id=reference("StandardAddress", "address_id"),
    )

    @strawberry.field(description="实际居住地 — the standard address where the person lives.")
    async def address(self, info: Info) -> "StandardAddress | None":
        return await _address(info, self._row.address_id)

    @strawberry.field(
        description=(
            "Where the person lives (the location of their standard address): personal data, so shown as the centre "
            "of the address's area (masked: true) unless the caller holds core.personal.view_full; full views are "
            "audited. Null without a located address."
        )
    )
    async def home_location(self, info: Info, datum: DatumArgument = Datum.WGS84) -> GeoPoint | None:
        address = await _address(info, self._row.address_id)
        return await personal_location(info, address._row if address else None, datum, owner_id=self._row.id)


@node_type(models.Housing, "patrol.basic_info.read")
@strawberry.type(
    description="实有房屋 — the house at a standard address. Owner ID number and phone are masked by role."
)
class Housing(Node):
    kind: HousingKind = strawberry.field(description="Kind of housing.")
    owner_name: str = strawberry.field(description="Owner's name (房主); may be empty.")
    owner_id_number: str | None = strawberry.field(
        description=(
            "Owner's resident ID number; null when not given. Masked (e.g. 5101**********1234) unless the caller "
            "holds core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    owner_phone: str | None = strawberry.field(
        description=(
            "Owner's mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    is_rented: bool = strawberry.field(description="出租房屋 — let to tenants.")
    floor_area: float | None = strawberry.field(description="Floor area in square metres.")
    address_id: strawberry.ID = strawberry.field(description="Global id of the standard address.")
    _row: strawberry.Private[models.Housing]

    from_row = row_mapping(models.Housing, address_id=reference("StandardAddress", "address_id"))

    @strawberry.field(description="The standard address.")
    async def address(self, info: Info) -> "StandardAddress | None":
        return await _address(info, self._row.address_id)

    @strawberry.field(description="Residents living at this address (occupants).")
    async def occupants(self, info: Info) -> list[Resident]:
        return await load_children(info, models.Resident, "address_id", self._row.address_id, Resident.from_row)


@node_type(models.ActualUnit, "patrol.basic_info.read")
@strawberry.type(description="实有单位 — an organisation, shop or venue. The contact phone is masked by role.")
class ActualUnit(Node):
    name: str = strawberry.field(description="Name of the organisation, shop or venue.")
    credit_code: str | None = strawberry.field(description="统一社会信用代码 — unified social credit code.")
    kind: UnitKind = strawberry.field(description="Kind of unit.")
    is_key_unit: bool = strawberry.field(description="重点单位 — key unit under special attention.")
    legal_representative: str = strawberry.field(
        description="Name of the legal representative (法人代表); may be empty."
    )
    contact_phone: str | None = strawberry.field(
        description=(
            "Contact mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    address_id: strawberry.ID | None = strawberry.field(
        description="Global id of its standard address; null when not known."
    )
    _row: strawberry.Private[models.ActualUnit]

    from_row = row_mapping(models.ActualUnit, address_id=reference("StandardAddress", "address_id"))

    @strawberry.field(description="The standard address.")
    async def address(self, info: Info) -> "StandardAddress | None":
        return await _address(info, self._row.address_id)


async def _inspections_at(info: Info, address_id: int) -> list[Inspection]:
    async def batch(address_ids: list[int]) -> list[list[Inspection]]:
        rows = await (
            scoped(info.context.actor, models.Inspection)
            .filter(target__address_id__in=address_ids)
            .select_related("target")
            .order_by("-inspected_at", "id")
        )
        grouped: dict[int, list[Inspection]] = {key: [] for key in address_ids}
        for row in rows:
            grouped[row.target.address_id].append(Inspection.from_row(row))
        return [grouped[key] for key in address_ids]

    return await info.context.loader(batch, key="patrol.address.inspections").load(address_id)


@node_type(models.StandardAddress, "patrol.basic_info.read")
@strawberry.type(
    description="标准地址 — a standard address. Its file (一址一档) lists the people, housing, units, incidents "
    "and inspections at it."
)
class StandardAddress(Node):
    address: str = strawberry.field(description="The full standard address text (标准地址).")
    area_id: strawberry.ID = strawberry.field(description="Global id of the area it lies in.")
    latitude: float | None = strawberry.field(
        deprecation_reason="Use location(datum:), which names its datum.",
        description="Latitude in decimal degrees (north positive); null when not recorded.",
    )
    longitude: float | None = strawberry.field(
        deprecation_reason="Use location(datum:), which names its datum.",
        description="Longitude in decimal degrees (east positive); null when not recorded.",
    )
    created_at: dt.datetime = strawberry.field(description="When the address was added (ISO-8601 with offset).")
    location = location_field("Where the address is (一址一档 on the map); null when not recorded.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.StandardAddress]

    from_row = row_mapping(models.StandardAddress, area_id=reference("Area", "area_id"))

    @strawberry.field(description="Name of the area.")
    async def area_name(self, info: Info) -> str | None:
        return await area_name(info, self._row.area_id)

    @strawberry.field(description="实有人口 living here (people under 14 only for roles that may see minors).")
    async def residents(self, info: Info) -> list[Resident]:
        return await load_children(info, models.Resident, "address_id", self._row.id, Resident.from_row)

    @strawberry.field(description="实有房屋 at this address.")
    async def housing(self, info: Info) -> Housing | None:
        return await load_one(info, models.Housing, self._row.id, Housing.from_row, by="address_id")

    @strawberry.field(description="实有单位 at this address.")
    async def units(self, info: Info) -> list[ActualUnit]:
        return await load_children(info, models.ActualUnit, "address_id", self._row.id, ActualUnit.from_row)

    @strawberry.field(description="Incidents recorded at this address, newest first.")
    async def incidents(self, info: Info) -> list[Incident]:
        return await load_children(
            info, models.Incident, "standard_address_id", self._row.id, Incident.from_row, order=("-received_at", "id")
        )

    @strawberry.field(description="Inspections of units and venues at this address, newest first.")
    async def inspections(self, info: Info) -> list[Inspection]:
        return await _inspections_at(info, self._row.id)


@strawberry.type(description="A CSV row that was not imported, with its line number and why.")
class RejectedRow:
    line: int = strawberry.field(description="Line of the file where the row starts (the header is line 1).")
    reason: str = strawberry.field(description="Why the row was refused, naming the column.")


@strawberry.type(description="Result of a CSV import of a 一标三实 register.")
class BasicInfoImportReport:
    kind: BasicInfoKind = strawberry.field(description="The register imported.")
    dry_run: bool = strawberry.field(description="True when nothing was written.")
    total_rows: int = strawberry.field(description="Non-blank data rows in the file.")
    accepted_rows: int = strawberry.field(description="Rows that passed validation.")
    written_rows: int = strawberry.field(description="Rows written (0 on a dry run).")
    rejected_count: int = strawberry.field(
        description="Rows refused by validation (all of them, even beyond the listed rejectedRows)."
    )
    rejected_rows: list[RejectedRow] = strawberry.field(description="The first 1000 rejected rows.")
    ignored_columns: list[str] = strawberry.field(description="Columns of the file that are not part of the format.")

    @classmethod
    def from_report(cls, report) -> Self:
        return cls(
            kind=report.kind,
            dry_run=report.dry_run,
            total_rows=report.total_rows,
            accepted_rows=report.accepted_rows,
            written_rows=report.written_rows,
            rejected_count=report.rejected_count,
            rejected_rows=[RejectedRow(line=row.line, reason=row.reason) for row in report.rejected],
            ignored_columns=list(report.ignored_columns),
        )


@strawberry.type(description="A 一标三实 register as CSV, masked by the exporter's role.")
class BasicInfoExport:
    kind: BasicInfoKind = strawberry.field(description="The register exported.")
    csv: str = strawberry.field(description="UTF-8 CSV text with Chinese headers (the import format).")
    row_count: int = strawberry.field(description="Data rows in the CSV (header not counted).")
    masked: bool = strawberry.field(description="True when personal values were masked for the exporter's role.")
