"""Which area a located row belongs to (属地): the one rule for every write that names an area.

An explicit area wins, but a point outside its boundary is a ``CONFLICT`` unless forced; without
an area, the deepest area of the station whose boundary contains the point (a grid before its
village) is taken; with neither, or with a point no area contains, the caller must choose one.
``settle_area`` applies the rule to one write (a mutation); ``AreaBoundaries`` holds a station's
boundaries so a bulk import applies the same rule row by row without a query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.errors import UserErrorCode, UserInputError
from core.geo.polygon import Shape, shape_of
from core.geo.types import GeoPointInput
from core.identity.models import Area


class AreaBoundaries:
    """Some areas of one station with their parsed boundaries, for point-in-area tests."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self._areas: dict[int, Area] = {}
        self._shapes: dict[int, Shape] = {}
        for area in areas:
            self._areas[area.id] = area
            if area.boundary:
                self._shapes[area.id] = shape_of(area.boundary)

    @classmethod
    async def around(cls, station_id: int, longitude: float, latitude: float) -> AreaBoundaries:
        """The station's areas whose bounding box holds the point: an indexed lookup, for one row."""
        candidates = await Area.filter(
            station_id=station_id,
            boundary_west__lte=longitude,
            boundary_east__gte=longitude,
            boundary_south__lte=latitude,
            boundary_north__gte=latitude,
        ).order_by("id")
        return cls(candidates)

    def area(self, pk: int) -> Area | None:
        return self._areas.get(pk)

    def holds(self, area: Area, longitude: float, latitude: float) -> bool:
        """Whether ``area`` contains the point; an area without a boundary holds every point."""
        if not area.boundary:
            return True
        # An explicit area may be outside the candidates loaded.
        return (self._shapes.get(area.id) or shape_of(area.boundary)).holds(longitude, latitude)

    def deepest_containing(self, longitude: float, latitude: float) -> Area | None:
        hits = [self._areas[pk] for pk in self._shapes if self.holds(self._areas[pk], longitude, latitude)]
        if not hits:
            return None
        # Deeper areas win when several boundaries contain a point: a grid before its village.
        return min(hits, key=lambda area: (-area.kind.depth, area.id))


def assigned_area(
    chosen: Area | None,
    point: tuple[float, float] | None,
    boundaries: AreaBoundaries,
    *,
    force: bool = False,
    field: str = "areaId",
    location_field: str = "location",
) -> Area:
    """The rule itself, on a WGS-84 ``point`` (longitude, latitude) and loaded ``boundaries``."""
    if chosen is not None:
        if point is not None and not force and not boundaries.holds(chosen, *point):
            raise UserInputError(
                f"The location lies outside the boundary of area {chosen.name}; correct one of them or set force.",
                field=location_field,
                code=UserErrorCode.CONFLICT,
            )
        return chosen
    if point is None:
        raise UserInputError(
            "Choose an area, or give a location inside one of the station's areas.",
            field=field,
            code=UserErrorCode.REQUIRED,
        )
    found = boundaries.deepest_containing(*point)
    if found is None:
        raise UserInputError(
            "No area of the station contains this location; choose an area.", field=field, code=UserErrorCode.REQUIRED
        )
    return found


async def settle_area(
    actor: Any,
    area_id: int | None,
    point: GeoPointInput | None,
    *,
    plugin: str,
    force: bool = False,
    field: str = "areaId",
    location_field: str = "location",
) -> Area:
    """The area a new located row of ``plugin`` belongs to, by the rule above.

    ``area_id`` (decoded) is looked up within the actor's reach, so another station's area reads
    as not found; without it the point is located in the actor's station (a deployment-wide
    account must name the area). Raises ``UserInputError`` before anything is written.
    """
    from core.geo.places import stored_point
    from core.services import target_station
    from core.tenancy import get_scoped

    stored = stored_point(point, field=location_field)[:2] if point is not None else None
    chosen = None
    if area_id is not None:
        chosen = await get_scoped(actor, Area, area_id, field=field, label="Area")
    elif stored is not None:
        station_id = await target_station(actor, plugin=plugin, field=field)
        return assigned_area(None, stored, await AreaBoundaries.around(station_id, *stored), field=field)
    return assigned_area(chosen, stored, AreaBoundaries([]), force=force, field=field, location_field=location_field)
