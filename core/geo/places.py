"""Writing locations: converting ``GeoPointInput`` to stored WGS-84 and finding the grid of a point."""

from __future__ import annotations

import math
from typing import Any

from core.errors import UserInputError
from core.geo.assignment import AreaBoundaries, assigned_area
from core.geo.datum import to_wgs84
from core.geo.declaration import declaration_of
from core.geo.types import GeoPointInput
from core.identity.models import Area


def stored_point(point: GeoPointInput, *, field: str = "location") -> tuple[float, float, float | None]:
    """``point`` in WGS-84 with its accuracy, or a ``UserInputError`` naming ``field``."""
    problems = []
    if not (math.isfinite(point.longitude) and -180.0 <= point.longitude <= 180.0):
        problems.append(UserInputError("Longitude must be between -180 and 180.", field=f"{field}.longitude"))
    if not (math.isfinite(point.latitude) and -90.0 <= point.latitude <= 90.0):
        problems.append(UserInputError("Latitude must be between -90 and 90.", field=f"{field}.latitude"))
    accuracy = point.accuracy_metres
    if accuracy is not None and not (math.isfinite(accuracy) and accuracy >= 0):
        problems.append(
            UserInputError("Accuracy must be a number of metres, not negative.", field=f"{field}.accuracyMetres")
        )
    if problems:
        raise UserInputError.many(problems)
    longitude, latitude = to_wgs84(point.datum, point.longitude, point.latitude)
    return longitude, latitude, accuracy


async def area_containing(station_id: int, longitude: float, latitude: float) -> Area | None:
    """The deepest area of the station whose boundary contains the WGS-84 point, if any."""
    return (await AreaBoundaries.around(station_id, longitude, latitude)).deepest_containing(longitude, latitude)


async def place(
    row: Any,
    point: GeoPointInput | None,
    *,
    field: str = "location",
    force: bool = False,
    area_given: bool = True,
) -> None:
    """Set the row's location from ``point`` (unchanged when None) and settle its area.

    ``area_given`` says whether the caller chose the row's area explicitly. The area follows
    ``core.settle_area``'s rule (``assigned_area``): without one, the deepest area of the
    station containing the point; with one, a ``CONFLICT`` when the point lies outside it
    unless ``force``. A mutation that creates a row under an area calls ``settle_area`` first
    (it resolves the station and the actor's reach) and then this. Call before saving the row.
    """
    if point is None:
        return
    declaration = declaration_of(type(row))
    longitude, latitude, accuracy = stored_point(point, field=field)
    row.longitude, row.latitude, row.location_accuracy = longitude, latitude, accuracy
    if declaration.area_field is None:
        return
    id_attribute = f"{declaration.area_field}_id"
    chosen_id = getattr(row, id_attribute, None) if area_given else None
    if chosen_id is None and _nullable(type(row), declaration.area_field):
        found = await area_containing(row.station_id, longitude, latitude)
        setattr(row, id_attribute, found.id if found is not None else getattr(row, id_attribute, None))
        return
    chosen = await Area.get_or_none(id=chosen_id) if chosen_id is not None else None
    nearby = await AreaBoundaries.around(row.station_id, longitude, latitude) if chosen is None else AreaBoundaries([])
    area = assigned_area(chosen, (longitude, latitude), nearby, force=force, location_field=field)
    setattr(row, id_attribute, area.id)


def _nullable(model: Any, field_name: str) -> bool:
    return bool(model._meta.fields_map[field_name].null)
