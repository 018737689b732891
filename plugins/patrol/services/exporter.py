"""CSV export of the "一标三实" registers, masked by the exporter's role and audited.

The columns are those of the import format (Chinese headers), so an unmasked export can be
edited and imported again. An actor without ``core.personal.view_full`` gets ID numbers,
phones and registered addresses masked exactly as the API masks them; people under 14 are
left out for actors who may not see minors (the core's scoping does that).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Sequence
from typing import Any

from tortoise.models import Model
from tortoise.queryset import QuerySet

from core import Actor, UserInputError, get_scoped, mask, record_audit, scoped, target_station
from plugins.patrol import models
from plugins.patrol.enums import BasicInfoKind
from plugins.patrol.services.basic_info import tags_of
from plugins.patrol.services.common import area_model, settings
from plugins.patrol.services.csv_format import COLUMNS

FULL_VIEW = "core.personal.view_full"


@dataclasses.dataclass
class ExportResult:
    kind: BasicInfoKind
    csv: str
    row_count: int
    masked: bool


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _address_text(row: Model) -> str:
    address = getattr(row, "address", None)
    return address.address if address is not None else ""


class Masker:
    def __init__(self, actor: Actor) -> None:
        self.masked = not actor.has(FULL_VIEW)

    def __call__(self, kind: str, value: str | None) -> str:
        if value is None:
            return ""
        return mask(kind, value) if self.masked else value


def _address_cells(area_paths: dict[int, str]) -> Callable[[Any, Masker], list[str]]:
    def cells(row: models.StandardAddress, _: Masker) -> list[str]:
        located = row.latitude is not None and row.longitude is not None
        return [
            area_paths.get(row.area_id, ""),
            row.address,
            _number(row.latitude),
            _number(row.longitude),
            "WGS84" if located else "",
        ]

    return cells


def _resident_cells(row: models.Resident, hide: Masker) -> list[str]:
    return [
        row.name,
        hide("id_number", row.id_number),
        hide("phone", row.phone),
        hide("address", row.registered_address),
        _address_text(row),
        row.residence.value,
        row.relation.value,
        ";".join(tag.value for tag in tags_of(row.tags)),
    ]


def _housing_cells(row: models.Housing, hide: Masker) -> list[str]:
    return [
        _address_text(row),
        row.kind.value,
        row.owner_name,
        hide("id_number", row.owner_id_number),
        hide("phone", row.owner_phone),
        _yes_no(row.is_rented),
        _number(row.floor_area),
    ]


def _unit_cells(row: models.ActualUnit, hide: Masker) -> list[str]:
    return [
        row.name,
        row.kind.value,
        row.credit_code or "",
        _yes_no(row.is_key_unit),
        _address_text(row),
        row.legal_representative,
        hide("phone", row.contact_phone),
    ]


def _queryset(actor: Actor, kind: BasicInfoKind, area_id: int | None) -> QuerySet:
    if kind is BasicInfoKind.ADDRESSES:
        queryset = scoped(actor, models.StandardAddress)
        return queryset.filter(area_id=area_id) if area_id is not None else queryset
    model = {
        BasicInfoKind.RESIDENTS: models.Resident,
        BasicInfoKind.HOUSING: models.Housing,
        BasicInfoKind.UNITS: models.ActualUnit,
    }[kind]
    queryset = scoped(actor, model).select_related("address")
    return queryset.filter(address__area_id=area_id) if area_id is not None else queryset


async def _area_paths(actor: Actor) -> dict[int, str]:
    rows = await scoped(actor, area_model()).values("id", "name", "parent_id")
    by_id = {row["id"]: row for row in rows}

    def path(row: dict[str, Any]) -> str:
        parent = by_id.get(row["parent_id"])
        return f"{path(parent)}/{row['name']}" if parent else row["name"]

    return {row["id"]: path(row) for row in rows}


def _render(headers: Sequence[str], lines: Sequence[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(lines)
    return buffer.getvalue()


async def _export_station(actor: Actor, area_id: int | None, station_id: int | None) -> int | None:
    """The station an export covers, as the core decides a write's target: the actor's own, a
    bureau admin's named one (or the named area's); None for a bureau admin's export of every
    station."""
    if station_id is not None or actor.station_id is not None:
        return await target_station(actor, station_id, plugin="patrol", field="stationId")
    if area_id is not None:
        area = await get_scoped(actor, area_model(), area_id, field="areaId", label="Area")
        return await target_station(actor, plugin="patrol", row=area, field="areaId")
    return None


async def export_basic_info(
    actor: Actor, kind: BasicInfoKind, *, area_id: int | None = None, station_id: int | None = None
) -> ExportResult:
    """Render one register as CSV for the actor, masked by role, and record who exported what
    and of which station."""
    station = await _export_station(actor, area_id, station_id)
    queryset = _queryset(actor, kind, area_id).order_by("id")
    if station is not None:
        queryset = queryset.filter(station_id=station)
    count = await queryset.count()
    limit = settings().export_max_rows
    if count > limit:
        raise UserInputError(f"{count} rows exceed the export limit of {limit}; filter by area.", field="areaId")
    cells = {
        BasicInfoKind.ADDRESSES: _address_cells(await _area_paths(actor)) if kind is BasicInfoKind.ADDRESSES else None,
        BasicInfoKind.RESIDENTS: _resident_cells,
        BasicInfoKind.HOUSING: _housing_cells,
        BasicInfoKind.UNITS: _unit_cells,
    }[kind]
    hide = Masker(actor)
    lines = [cells(row, hide) for row in await queryset]
    headers = [column.aliases[1] for column in COLUMNS[kind]]
    await record_audit(
        "patrol.basic_info.export",
        object_type=kind.value,
        station_id=station,
        after={"kind": kind.value, "rows": len(lines), "masked": hide.masked, "area_id": area_id},
    )
    return ExportResult(kind, _render(headers, lines), len(lines), hide.masked)
