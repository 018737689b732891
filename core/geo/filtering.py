"""Spatial filters of lists (``core.spatially``): an indexed bounding-box pre-filter in SQL on
the location columns, then the exact test (haversine distance, point-in-polygon) on the few
candidates, so the answer is exact at the boundary and the database never scans."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from tortoise.queryset import QuerySet

from core.errors import UserErrorCode, UserInputError
from core.geo.declaration import Located
from core.geo.distance import Box, box_around, haversine_metres
from core.geo.places import stored_point
from core.geo.polygon import shape_of
from core.geo.types import SpatialFilter
from core.graphql.ids import decode_id
from core.graphql.masking import FULL_VIEW
from core.identity.models import Area
from core.tenancy import get_scoped

MAX_RADIUS_METRES = 100_000.0

Test = Callable[[float, float], bool]


async def spatially(
    actor: Any, queryset: QuerySet, spatial: SpatialFilter | None, *, field: str = "spatial"
) -> QuerySet:
    """``queryset`` narrowed to the rows satisfying every condition of ``spatial``.

    Rows without a location never match. ``actor`` decides which areas ``inArea`` may name. A
    personal location (a home) may be searched only by actors who may see it in full: a radius
    around a point would otherwise tell who lives there.
    """
    if spatial is None or (spatial.near is None and spatial.in_box is None and spatial.in_area is None):
        return queryset
    located = getattr(queryset.model, "located", None)
    if isinstance(located, Located) and located.personal and not actor.has(FULL_VIEW):
        raise UserInputError(
            "Searching these places by location needs full view of personal data.",
            field=field,
            code=UserErrorCode.FORBIDDEN,
        )
    boxes: list[Box] = []
    tests: list[Test] = []
    if spatial.near is not None:
        box, test = _near(spatial, field)
        boxes.append(box)
        tests.append(test)
    if spatial.in_box is not None:
        box = _box(spatial, field)
        boxes.append(box)
        tests.append(box.contains)
    if spatial.in_area is not None:
        box, test = await _area(actor, spatial.in_area, field)
        boxes.append(box)
        tests.append(test)
    window = _intersection(boxes)
    if window is None:
        return queryset.filter(pk__in=[])
    candidates = await queryset.filter(
        latitude__gte=window.south,
        latitude__lte=window.north,
        longitude__gte=window.west,
        longitude__lte=window.east,
    ).values_list(queryset.model._meta.pk_attr, "longitude", "latitude")
    matching = [pk for pk, longitude, latitude in candidates if all(test(longitude, latitude) for test in tests)]
    return queryset.filter(pk__in=matching)


def _near(spatial: SpatialFilter, field: str) -> tuple[Box, Test]:
    assert spatial.near is not None
    radius = spatial.near.radius_metres
    if not (math.isfinite(radius) and 0 < radius <= MAX_RADIUS_METRES):
        raise UserInputError(
            f"radiusMetres must be more than 0 and at most {MAX_RADIUS_METRES:.0f}.", field=f"{field}.near.radiusMetres"
        )
    longitude, latitude, _ = stored_point(spatial.near.point, field=f"{field}.near.point")

    def within(lon: float, lat: float) -> bool:
        return haversine_metres(longitude, latitude, lon, lat) <= radius

    return box_around(longitude, latitude, radius), within


def _box(spatial: SpatialFilter, field: str) -> Box:
    assert spatial.in_box is not None
    west, south, _ = stored_point(spatial.in_box.south_west, field=f"{field}.inBox.southWest")
    east, north, _ = stored_point(spatial.in_box.north_east, field=f"{field}.inBox.northEast")
    if west > east or south > north:
        raise UserInputError(
            "southWest must be west and south of northEast (boxes crossing the antimeridian are not supported).",
            field=f"{field}.inBox",
        )
    return Box(west, south, east, north)


async def _area(actor: Any, area_id: Any, field: str) -> tuple[Box, Test]:
    pk = decode_id(area_id, "Area", field=f"{field}.inArea")
    area = await get_scoped(actor, Area, pk, field=f"{field}.inArea", label="Area")
    if not area.boundary:
        raise UserInputError(
            f"Area {area.name} has no boundary; import one first.", field=f"{field}.inArea", code=UserErrorCode.INVALID
        )
    shape = shape_of(area.boundary)
    return shape.box, shape.holds


def _intersection(boxes: list[Box]) -> Box | None:
    west = max(box.west for box in boxes)
    south = max(box.south for box in boxes)
    east = min(box.east for box in boxes)
    north = min(box.north for box in boxes)
    if west > east or south > north:
        return None
    return Box(west, south, east, north)
