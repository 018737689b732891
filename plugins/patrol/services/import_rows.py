"""Row validation of the CSV import: what each register's row must hold, checked with the
same rules as the one-record mutations plus what only a file can get wrong (unknown area or
address by name, the same key twice in one file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tortoise.models import Model

from core import (
    Actor,
    AreaBoundaries,
    GeoPointInput,
    UserErrorCode,
    UserInputError,
    assigned_area,
    scoped,
    stored_point,
)
from plugins.patrol import models
from plugins.patrol.enums import AddressRelation, BasicInfoKind, HousingKind, ResidenceKind, UnitKind
from plugins.patrol.services.basic_info import (
    HousingDraft,
    ResidentDraft,
    UnitDraft,
    address_values,
    check_floor_area,
    housing_values,
    resident_values,
    tags_text,
    unit_values,
)
from plugins.patrol.services.common import address_key, area_model, check_coordinates, now
from plugins.patrol.services.csv_format import Record, bool_value, datum_value, enum_value, float_value, tags_value


class RowContext:
    """What row validation needs from the database, loaded once per import: the station's
    areas, standard addresses and the keys that must stay unique."""

    def __init__(self, station_id: int, kind: BasicInfoKind, *, force: bool = False) -> None:
        self.station_id, self.kind, self.moment, self.force = station_id, kind, now(), force
        self.boundaries = AreaBoundaries([])
        self.areas_by_name: dict[str, list[int]] = {}
        self.areas_by_path: dict[str, int] = {}
        self.address_ids: dict[str, int] = {}
        self.taken: set[Any] = set()
        self.seen: dict[Any, int] = {}

    async def load(self, actor: Actor) -> None:
        station = {"station_id": self.station_id}
        if self.kind is BasicInfoKind.ADDRESSES:
            areas = await scoped(actor, area_model()).filter(**station)
            self._index_areas([{"id": area.id, "name": area.name, "parent_id": area.parent_id} for area in areas])
            self.boundaries = AreaBoundaries(areas)
        keys = scoped(actor, models.StandardAddress).filter(**station).values_list("address_key", "id")
        self.address_ids = dict(await keys)
        # Uniqueness must see every row of the station, including people hidden from this
        # actor (minors): a clash would otherwise fail a whole batch at insert time.
        if self.kind is BasicInfoKind.ADDRESSES:
            self.taken = set(self.address_ids)
        elif self.kind is BasicInfoKind.RESIDENTS:
            self.taken = set(await models.Resident.filter(**station).values_list("id_number_hash", flat=True))
        elif self.kind is BasicInfoKind.HOUSING:
            self.taken = set(await models.Housing.filter(**station).values_list("address_id", flat=True))
        else:
            codes = models.ActualUnit.filter(**station, credit_code__isnull=False).values_list("credit_code", flat=True)
            self.taken = set(await codes)

    def _index_areas(self, rows: list[dict[str, Any]]) -> None:
        by_id = {row["id"]: row for row in rows}

        def path(row: dict[str, Any]) -> str:
            parent = by_id.get(row["parent_id"])
            return f"{path(parent)}/{row['name']}" if parent else row["name"]

        for row in rows:
            self.areas_by_name.setdefault(row["name"], []).append(row["id"])
            self.areas_by_path[path(row)] = row["id"]

    def area_id(self, text: str) -> int | None:
        text = "/".join(part.strip() for part in text.strip().split("/"))
        if not text:
            return None
        if text in self.areas_by_path:
            return self.areas_by_path[text]
        found = self.areas_by_name.get(text, [])
        if len(found) > 1:
            raise UserInputError(
                f"Area name {text!r} is ambiguous; write its path, e.g. 城东街道/文峰社区.", field="areaId"
            )
        if not found:
            raise UserInputError(f"Unknown area {text!r}.", field="areaId", code=UserErrorCode.NOT_FOUND)
        return found[0]

    def address_id(self, text: str, *, required: bool) -> int | None:
        if not text.strip():
            if required:
                raise UserInputError("A standard address is required.", field="addressId", code=UserErrorCode.REQUIRED)
            return None
        found = self.address_ids.get(address_key(text))
        if found is None:
            raise UserInputError(
                "Unknown standard address; import addresses first.", field="addressId", code=UserErrorCode.NOT_FOUND
            )
        return found

    def claim(self, key: Any, line: int, *, field: str, existing: str) -> None:
        """Refuse a key already in the database or on an earlier line; else reserve it."""
        if key in self.taken:
            raise UserInputError(existing, field=field, code=UserErrorCode.CONFLICT)
        if key in self.seen:
            raise UserInputError(f"Duplicate of line {self.seen[key]}.", field=field, code=UserErrorCode.CONFLICT)
        self.seen[key] = line


def _checked(*steps: Callable[[], Any]) -> list[Any]:
    """Run every step and raise all their problems together, so a row lists all its faults."""
    results, problems = [], []
    for step in steps:
        try:
            results.append(step())
        except UserInputError as error:
            problems.extend(error.problems)
            results.append(None)
    if problems:
        raise UserInputError.many(problems)
    return results


def _address_row(record: Record, context: RowContext) -> Model:
    values = record.values
    area_id, latitude, longitude, datum, fields = _checked(
        lambda: context.area_id(values.get("area", "")),
        lambda: float_value(values.get("latitude", ""), field="latitude"),
        lambda: float_value(values.get("longitude", ""), field="longitude"),
        lambda: datum_value(values.get("datum", ""), field="datum"),
        lambda: address_values(values["address"]),
    )
    check_coordinates(latitude, longitude)
    if latitude is not None and longitude is not None:
        # Stored in WGS-84 whatever the spreadsheet's map used.
        longitude, latitude, _ = stored_point(GeoPointInput(longitude=longitude, latitude=latitude, datum=datum))
    fields.update(latitude=latitude, longitude=longitude)
    point = (longitude, latitude) if longitude is not None and latitude is not None else None
    chosen = context.boundaries.area(area_id) if area_id is not None else None
    # The rule of every located write (core.settle_area), on the boundaries loaded once.
    area_id = assigned_area(chosen, point, context.boundaries, force=context.force, location_field="latitude").id
    context.claim(fields["address_key"], record.line, field="address", existing="This standard address exists.")
    return models.StandardAddress(station_id=context.station_id, area_id=area_id, created_at=context.moment, **fields)


def _resident_row(record: Record, context: RowContext) -> Model:
    values = record.values
    draft = ResidentDraft(
        name=values["name"],
        id_number=values["id_number"],
        phone=values.get("phone"),
        registered_address=values.get("registered_address"),
    )
    residence, relation, tags, address_id, fields = _checked(
        lambda: enum_value(
            ResidenceKind, values.get("residence", ""), field="residence", default=ResidenceKind.HOUSEHOLD
        ),
        lambda: enum_value(
            AddressRelation, values.get("relation", ""), field="relation", default=AddressRelation.OTHER
        ),
        lambda: tags_value(values.get("tags", "")),
        lambda: context.address_id(values.get("address", ""), required=False),
        lambda: resident_values(draft),
    )
    fields.update(residence=residence, relation=relation, tags=tags_text(tags))
    context.claim(
        fields["id_number_hash"],
        record.line,
        field="idNumber",
        existing="A resident with this ID number is registered.",
    )
    return models.Resident(station_id=context.station_id, address_id=address_id, created_at=context.moment, **fields)


def _housing_row(record: Record, context: RowContext) -> Model:
    values = record.values
    draft = HousingDraft(
        address_id=None,
        kind=HousingKind.OTHER,
        owner_name=values.get("owner_name", ""),
        owner_id_number=values.get("owner_id_number"),
        owner_phone=values.get("owner_phone"),
    )
    address_id, kind, rented, floor_area, fields = _checked(
        lambda: context.address_id(values["address"], required=True),
        lambda: enum_value(HousingKind, values["kind"], field="kind"),
        lambda: bool_value(values.get("rented", ""), field="isRented"),
        lambda: check_floor_area(float_value(values.get("floor_area", ""), field="floorArea")),
        lambda: housing_values(draft),
    )
    fields.update(kind=kind, is_rented=rented, floor_area=floor_area)
    context.claim(address_id, record.line, field="addressId", existing="This address already has a housing record.")
    return models.Housing(station_id=context.station_id, address_id=address_id, created_at=context.moment, **fields)


def _unit_row(record: Record, context: RowContext) -> Model:
    values = record.values
    draft = UnitDraft(
        name=values["name"],
        kind=UnitKind.OTHER,
        credit_code=values.get("credit_code"),
        legal_representative=values.get("legal_representative", ""),
        contact_phone=values.get("phone"),
    )
    kind, key_unit, address_id, fields = _checked(
        lambda: enum_value(UnitKind, values["kind"], field="kind"),
        lambda: bool_value(values.get("key_unit", ""), field="isKeyUnit"),
        lambda: context.address_id(values.get("address", ""), required=False),
        lambda: unit_values(draft),
    )
    fields.update(kind=kind, is_key_unit=key_unit)
    if fields["credit_code"]:
        context.claim(
            fields["credit_code"], record.line, field="creditCode", existing="A unit with this credit code exists."
        )
    return models.ActualUnit(station_id=context.station_id, address_id=address_id, created_at=context.moment, **fields)


BUILDERS: dict[BasicInfoKind, tuple[type[Model], Callable[[Record, RowContext], Model]]] = {
    BasicInfoKind.ADDRESSES: (models.StandardAddress, _address_row),
    BasicInfoKind.RESIDENTS: (models.Resident, _resident_row),
    BasicInfoKind.HOUSING: (models.Housing, _housing_row),
    BasicInfoKind.UNITS: (models.ActualUnit, _unit_row),
}
