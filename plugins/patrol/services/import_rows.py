"""Row validation of the CSV import: what each register's row must hold, checked with the
same rules as the one-record mutations plus what only a file can get wrong (unknown area or
address by name, the same key twice in one file)."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Collection, Sequence
from typing import Any

from tortoise.models import Model

from core import (
    Actor,
    AreaBoundaries,
    UserErrorCode,
    UserInputError,
    assigned_area,
    existing_keys,
    scoped,
    scoped_key_ids,
    to_wgs84,
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


@dataclasses.dataclass(slots=True)
class Row:
    """A validated row: the values of the columns ``FIELDS`` names, in that order, and
    the key that must stay unique in the station (``None`` when the row has none)."""

    line: int
    values: tuple[Any, ...]
    key: Any
    # What the database receives (``RowInserter.stored``), when converted ahead of the insert.
    stored: list[Any] | None = None


AREA_TEXTS_KEPT = 1000


class RowContext:
    """What row validation needs from the database. The station's areas are loaded once; the
    standard addresses rows refer to and the unique keys already taken are looked up per
    batch, so memory does not grow with the size of the station or of the file's batches
    already written."""

    def __init__(self, station_id: int, kind: BasicInfoKind, *, force: bool = False) -> None:
        self.station_id, self.kind, self.moment, self.force = station_id, kind, now(), force
        self.boundaries = AreaBoundaries([])
        self.areas_by_name: dict[str, list[int]] = {}
        self.areas_by_path: dict[str, int] = {}
        # Areas found by the text of a row, for the rows after it: a file names few areas (the
        # memo is bounded, so a file spelling each one differently cannot grow it).
        self.area_ids: dict[str, int | None] = {}
        # This batch's standard addresses, by the text the rows give.
        self.address_ids: dict[str, int] = {}
        # Keys of accepted rows of this file, with their line: "Duplicate of line N".
        self.seen: dict[Any, int] = {}

    async def load(self, actor: Actor) -> None:
        self.actor = actor
        if self.kind is BasicInfoKind.ADDRESSES:
            areas = await scoped(actor, area_model()).filter(station_id=self.station_id)
            self._index_areas([{"id": area.id, "name": area.name, "parent_id": area.parent_id} for area in areas])
            self.boundaries = AreaBoundaries(areas)

    async def look_up_addresses(self, batch: Sequence[Record]) -> None:
        """The standard addresses this batch's rows name, by folded key (one query per batch),
        among those the actor reaches in the import's station."""
        if self.kind is BasicInfoKind.ADDRESSES:
            return
        keys = {text: address_key(text) for record in batch if (text := record.values.get("address", "")).strip()}
        model = models.StandardAddress
        ids = await scoped_key_ids(self.actor, model, "address_key", set(keys.values()), station_id=self.station_id)
        # By the text as written, so each row's address is folded once.
        self.address_ids = {text: ids[key] for text, key in keys.items() if key in ids}

    async def taken(self, keys: Collection[Any]) -> set[Any]:
        """Which of ``keys`` the station already has. Every row of the station counts,
        including people hidden from this actor (minors): a clash would otherwise fail a
        whole batch at insert time."""
        model, column = UNIQUE[self.kind]
        return await existing_keys(model, column, keys, station_id=self.station_id)

    def _index_areas(self, rows: list[dict[str, Any]]) -> None:
        by_id = {row["id"]: row for row in rows}

        def path(row: dict[str, Any]) -> str:
            parent = by_id.get(row["parent_id"])
            return f"{path(parent)}/{row['name']}" if parent else row["name"]

        for row in rows:
            self.areas_by_name.setdefault(row["name"], []).append(row["id"])
            self.areas_by_path[path(row)] = row["id"]

    def area_id(self, text: str) -> int | None:
        if text in self.area_ids:
            return self.area_ids[text]
        found = self._area_id(text)
        if len(self.area_ids) < AREA_TEXTS_KEPT:
            self.area_ids[text] = found
        return found

    def _area_id(self, text: str) -> int | None:
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
        found = self.address_ids.get(text)
        if found is None:
            raise UserInputError(
                "Unknown standard address; import addresses first.", field="addressId", code=UserErrorCode.NOT_FOUND
            )
        return found

    def claim(self, row: Row, taken: set[Any]) -> None:
        """Refuse a key on an earlier line of the file or already in the database; else reserve it.

        The file is asked first: rows of earlier batches are in the database by now, and
        for them the earlier line is the better answer."""
        if row.key is None:
            return
        if row.key in self.seen:
            field, _ = CLAIMS[self.kind]
            raise UserInputError(f"Duplicate of line {self.seen[row.key]}.", field=field, code=UserErrorCode.CONFLICT)
        if row.key in taken:
            field, existing = CLAIMS[self.kind]
            raise UserInputError(existing, field=field, code=UserErrorCode.CONFLICT)
        self.seen[row.key] = row.line


# The field a clash is reported on, and the message when the station already has the key.
CLAIMS: dict[BasicInfoKind, tuple[str, str]] = {
    BasicInfoKind.ADDRESSES: ("address", "This standard address exists."),
    BasicInfoKind.RESIDENTS: ("idNumber", "A resident with this ID number is registered."),
    BasicInfoKind.HOUSING: ("addressId", "This address already has a housing record."),
    BasicInfoKind.UNITS: ("creditCode", "A unit with this credit code exists."),
}


# The column each register keeps unique per station.
UNIQUE: dict[BasicInfoKind, tuple[type[Model], str]] = {
    BasicInfoKind.ADDRESSES: (models.StandardAddress, "address_key"),
    BasicInfoKind.RESIDENTS: (models.Resident, "id_number_hash"),
    BasicInfoKind.HOUSING: (models.Housing, "address_id"),
    BasicInfoKind.UNITS: (models.ActualUnit, "credit_code"),
}


def _checked(*steps: Callable[[], Any]) -> list[Any]:
    """Run every step and raise all their problems together, so a row lists all its faults."""
    try:
        return [step() for step in steps]
    except UserInputError:
        pass  # the steps only check: run them again, each on its own, to collect every problem
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


# The columns each register's rows fill, in the order of ``Row.values``; the first three are
# the same for every register.
COMMON = ("station_id", "address_id", "created_at")
FIELDS: dict[BasicInfoKind, tuple[str, ...]] = {
    BasicInfoKind.ADDRESSES: ("station_id", "area_id", "created_at", "address", "address_key", "latitude", "longitude"),
    BasicInfoKind.RESIDENTS: (
        *COMMON,
        *("name", "id_number", "id_number_hash", "birth_date", "sex", "phone", "phone_hash", "registered_address"),
        *("residence", "relation", "tags"),
    ),
    BasicInfoKind.HOUSING: (
        *COMMON,
        *("kind", "is_rented", "floor_area", "owner_name", "owner_id_number", "owner_id_number_hash", "owner_phone"),
    ),
    BasicInfoKind.UNITS: (
        *COMMON,
        *("name", "credit_code", "kind", "is_key_unit", "legal_representative", "contact_phone"),
    ),
}


# The values of each register's columns after the first three, from a row's fields.
TAILS = {kind: operator.itemgetter(*names[3:]) for kind, names in FIELDS.items()}


def _row(record: Record, context: RowContext, first: int, fields: dict[str, Any], key: Any) -> Row:
    return Row(record.line, (context.station_id, first, context.moment, *TAILS[context.kind](fields)), key)


def _address_row(record: Record, context: RowContext) -> Row:
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
        # Stored in WGS-84 whatever the spreadsheet's map used; the ranges are checked just above
        # (what ``core.stored_point`` would check again, on a ``GeoPointInput`` made per row).
        longitude, latitude = to_wgs84(datum, longitude, latitude)
    fields.update(latitude=latitude, longitude=longitude)
    point = (longitude, latitude) if longitude is not None and latitude is not None else None
    chosen = context.boundaries.area(area_id) if area_id is not None else None
    # The rule of every located write (core.settle_area), on the boundaries loaded once.
    area_id = assigned_area(chosen, point, context.boundaries, force=context.force, location_field="latitude").id
    return _row(record, context, area_id, fields, fields["address_key"])


def _resident_row(record: Record, context: RowContext) -> Row:
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
    return _row(record, context, address_id, fields, fields["id_number_hash"])


def _housing_row(record: Record, context: RowContext) -> Row:
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
    return _row(record, context, address_id, fields, address_id)


def _unit_row(record: Record, context: RowContext) -> Row:
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
    return _row(record, context, address_id, fields, fields["credit_code"] or None)


# The registers whose rows go to SQLite in multi-row statements (``RowInserter(multi_row=…)``),
# measured faster there than ``executemany``: narrow address rows, 20,000 in 80 ms instead of
# 107 ms. Resident rows, wide and indexed on random hashes, were slower (895 ms against 770 ms);
# housing and units were not measured and keep ``executemany``.
MULTI_ROW = frozenset({BasicInfoKind.ADDRESSES})

MODELS: dict[BasicInfoKind, type[Model]] = {
    BasicInfoKind.ADDRESSES: models.StandardAddress,
    BasicInfoKind.RESIDENTS: models.Resident,
    BasicInfoKind.HOUSING: models.Housing,
    BasicInfoKind.UNITS: models.ActualUnit,
}
BUILDERS: dict[BasicInfoKind, Callable[[Record, RowContext], Row]] = {
    BasicInfoKind.ADDRESSES: _address_row,
    BasicInfoKind.RESIDENTS: _resident_row,
    BasicInfoKind.HOUSING: _housing_row,
    BasicInfoKind.UNITS: _unit_row,
}
