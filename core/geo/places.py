"""Writing locations: converting ``GeoPointInput`` to stored WGS-84 and finding the grid of a point."""

from __future__ import annotations

import math
from typing import Any

from core.errors import UserErrorCode, UserInputError
from core.geo.datum import to_wgs84
from core.geo.declaration import declaration_of
from core.geo.polygon import contains, polygons_of
from core.geo.types import GeoPointInput
from core.identity.models import Area

# Deeper areas win when several boundaries contain a point: a grid before its village.
_DEPTH_ORDER = ("COMPOUND", "GRID", "COMMUNITY", "VILLAGE", "TOWN")


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
    candidates = await Area.filter(
        station_id=station_id,
        boundary_west__lte=longitude,
        boundary_east__gte=longitude,
        boundary_south__lte=latitude,
        boundary_north__gte=latitude,
    ).order_by("id")
    hits = [area for area in candidates if area.boundary and contains(polygons_of(area.boundary), longitude, latitude)]
    if not hits:
        return None
    return min(hits, key=lambda area: (_DEPTH_ORDER.index(area.kind.value), area.id))


async def place(
    row: Any,
    point: GeoPointInput | None,
    *,
    field: str = "location",
    force: bool = False,
    area_given: bool = True,
) -> None:
    """Set the row's location from ``point`` (unchanged when None) and settle its area.

    ``area_given`` says whether the caller chose the row's area explicitly. Without one, a row
    whose point lies in a grid of its station is assigned that grid. With one, the point must
    lie inside the chosen area when that area has a boundary; otherwise a ``CONFLICT``
    ``UserInputError`` is raised unless ``force``. Call before saving the row.
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
    if chosen_id is None:
        found = await area_containing(row.station_id, longitude, latitude)
        if found is not None:
            setattr(row, id_attribute, found.id)
        elif getattr(row, id_attribute, None) is None and not _nullable(type(row), declaration.area_field):
            raise UserInputError(
                "No area of the station contains this location; choose an area.",
                field="areaId",
                code=UserErrorCode.REQUIRED,
            )
        return
    if force:
        return
    chosen = await Area.get_or_none(id=chosen_id)
    if chosen is not None and chosen.boundary and not contains(polygons_of(chosen.boundary), longitude, latitude):
        raise UserInputError(
            f"The location lies outside the boundary of area {chosen.name}; correct one of them or set force.",
            field=field,
            code=UserErrorCode.CONFLICT,
        )


def _nullable(model: Any, field_name: str) -> bool:
    return bool(model._meta.fields_map[field_name].null)
