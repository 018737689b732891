"""控 — "一标三实": standard addresses (标准地址), actual population (实有人口), actual housing
(实有房屋) and actual units (实有单位), one record at a time.

The ``*_values`` functions validate a record's own fields without touching the database; the
CSV importer uses them too, so a row is accepted by the same rules whichever way it arrives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from core import (
    Actor,
    GeoPointInput,
    UserErrorCode,
    UserInputError,
    get_scoped,
    place,
    record_audit,
    settle_area,
    snapshot,
    validate_credit_code,
)
from plugins.patrol import models
from plugins.patrol.enums import AddressRelation, HousingKind, ResidenceKind, ResidentTag, UnitKind
from plugins.patrol.services.common import (
    PLUGIN,
    address_key,
    check_coordinates,
    id_number_fields,
    now,
    optional_text,
    phone_fields,
    point_of,
    raise_all,
    required_text,
    taken,
    target_station,
)


@dataclasses.dataclass
class AddressDraft:
    area_id: int | None
    address: str
    latitude: float | None = None
    longitude: float | None = None
    location: GeoPointInput | None = None
    # Keep the explicit area even when the location lies outside its boundary.
    force: bool = False


@dataclasses.dataclass
class ResidentDraft:
    name: str
    id_number: str | None
    phone: str | None = None
    registered_address: str | None = None
    address_id: int | None = None
    residence: ResidenceKind = ResidenceKind.HOUSEHOLD
    relation: AddressRelation = AddressRelation.OTHER
    tags: Sequence[ResidentTag] = ()


@dataclasses.dataclass
class HousingDraft:
    address_id: int | None
    kind: HousingKind
    owner_name: str = ""
    owner_id_number: str | None = None
    owner_phone: str | None = None
    is_rented: bool = False
    floor_area: float | None = None


@dataclasses.dataclass
class UnitDraft:
    name: str
    kind: UnitKind
    credit_code: str | None = None
    is_key_unit: bool = False
    address_id: int | None = None
    legal_representative: str = ""
    contact_phone: str | None = None


def _collect(*checks) -> list[UserInputError]:
    problems = []
    for check in checks:
        try:
            check()
        except UserInputError as error:
            problems.extend(error.problems)
    return problems


def tags_text(tags: Iterable[ResidentTag]) -> str:
    """Tags stored delimited on both sides, so ``LIKE '%,TAG,%'`` finds exactly one tag."""
    values = sorted({tag.value for tag in tags})
    return f",{','.join(values)}," if values else ""


def tags_of(text: str) -> list[ResidentTag]:
    return [ResidentTag(value) for value in text.split(",") if value]


def address_values(address: str, latitude: float | None = None, longitude: float | None = None) -> dict[str, Any]:
    text = required_text(address, field="address", label="Address", max_length=255)
    check_coordinates(latitude, longitude)
    return {"address": text, "address_key": address_key(text), "latitude": latitude, "longitude": longitude}


def resident_values(draft: ResidentDraft) -> dict[str, Any]:
    values: dict[str, Any] = {}

    def identity() -> None:
        values.update(id_number_fields(draft.id_number, field="idNumber", required=True))

    def phone() -> None:
        values["phone"], values["phone_hash"] = phone_fields(draft.phone, field="phone")

    problems = _collect(
        lambda: values.update(name=required_text(draft.name, field="name", label="Name", max_length=50)),
        identity,
        phone,
        lambda: values.update(
            registered_address=optional_text(
                draft.registered_address, field="registeredAddress", label="Registered address", max_length=255
            )
            or None
        ),
    )
    raise_all(problems)
    values.update(residence=draft.residence, relation=draft.relation, tags=tags_text(draft.tags))
    return values


def housing_values(draft: HousingDraft) -> dict[str, Any]:
    values: dict[str, Any] = {"kind": draft.kind, "is_rented": draft.is_rented}

    def owner() -> None:
        identity = id_number_fields(draft.owner_id_number, field="ownerIdNumber")
        values.update(owner_id_number=identity["id_number"], owner_id_number_hash=identity["id_number_hash"])

    def area() -> None:
        values["floor_area"] = check_floor_area(draft.floor_area)

    problems = _collect(
        lambda: values.update(
            owner_name=optional_text(draft.owner_name, field="ownerName", label="Owner name", max_length=50)
        ),
        owner,
        lambda: values.update(owner_phone=phone_fields(draft.owner_phone, field="ownerPhone")[0]),
        area,
    )
    raise_all(problems)
    return values


def check_floor_area(value: float | None) -> float | None:
    if value is not None and not 0 < value < 1_000_000:
        raise UserInputError("The floor area must be a positive number of square metres.", field="floorArea")
    return value


def unit_values(draft: UnitDraft) -> dict[str, Any]:
    values: dict[str, Any] = {"kind": draft.kind, "is_key_unit": draft.is_key_unit}

    def credit_code() -> None:
        code = (draft.credit_code or "").strip()
        values["credit_code"] = validate_credit_code(code, field="creditCode") if code else None

    problems = _collect(
        lambda: values.update(name=required_text(draft.name, field="name", label="Name", max_length=100)),
        credit_code,
        lambda: values.update(
            legal_representative=optional_text(
                draft.legal_representative, field="legalRepresentative", label="Legal representative", max_length=50
            )
        ),
        lambda: values.update(contact_phone=phone_fields(draft.contact_phone, field="contactPhone")[0]),
    )
    raise_all(problems)
    return values


async def _standard_address(actor: Actor, address_id: int | None, *, required: bool) -> models.StandardAddress | None:
    if address_id is None and not required:
        return None
    return await get_scoped(actor, models.StandardAddress, address_id, field="addressId", label="Address")


async def create_address(actor: Actor, draft: AddressDraft) -> models.StandardAddress:
    """Add a standard address (标准地址) under an area; unique per station."""
    point = point_of(draft.location, draft.latitude, draft.longitude)
    area = await settle_area(actor, draft.area_id, point, plugin=PLUGIN, force=draft.force)
    station_id = await target_station(actor, area)
    values = address_values(draft.address)
    if await taken(models.StandardAddress, station_id, address_key=values["address_key"]):
        raise UserInputError("This standard address exists.", field="address", code=UserErrorCode.CONFLICT)
    row = models.StandardAddress(station_id=station_id, area_id=area.id, created_at=now(), **values)
    await place(row, point, force=draft.force)
    await row.save()
    await record_audit("patrol.address.create", obj=row, after=snapshot(row))
    return row


async def register_resident(actor: Actor, draft: ResidentDraft) -> models.Resident:
    """Register a person of the actual population (实有人口); one record per ID number."""
    address = await _standard_address(actor, draft.address_id, required=False)
    station_id = await target_station(actor, address, field="addressId")
    values = resident_values(draft)
    if await taken(models.Resident, station_id, id_number_hash=values["id_number_hash"]):
        raise UserInputError(
            "A resident with this ID number is registered.", field="idNumber", code=UserErrorCode.CONFLICT
        )
    row = await models.Resident.create(station_id=station_id, address=address, created_at=now(), **values)
    await record_audit("patrol.resident.register", obj=row, after=snapshot(row))
    return row


async def register_housing(actor: Actor, draft: HousingDraft) -> models.Housing:
    """Register the house at a standard address (实有房屋); one per address."""
    address = await _standard_address(actor, draft.address_id, required=True)
    await target_station(actor, address, field="addressId")
    values = housing_values(draft)
    if await taken(models.Housing, address.station_id, address_id=address.id):
        raise UserInputError(
            "This address already has a housing record.", field="addressId", code=UserErrorCode.CONFLICT
        )
    row = await models.Housing.create(station_id=address.station_id, address=address, created_at=now(), **values)
    await record_audit("patrol.housing.register", obj=row, after=snapshot(row))
    return row


async def register_unit(actor: Actor, draft: UnitDraft) -> models.ActualUnit:
    """Register an organisation, shop or venue (实有单位); credit codes are unique per station."""
    address = await _standard_address(actor, draft.address_id, required=False)
    station_id = await target_station(actor, address, field="addressId")
    values = unit_values(draft)
    code = values["credit_code"]
    if code and await taken(models.ActualUnit, station_id, credit_code=code):
        raise UserInputError("A unit with this credit code exists.", field="creditCode", code=UserErrorCode.CONFLICT)
    row = await models.ActualUnit.create(station_id=station_id, address=address, created_at=now(), **values)
    await record_audit("patrol.unit.register", obj=row, after=snapshot(row))
    return row
