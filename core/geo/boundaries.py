"""Area boundaries (辖区边界): set one on an area, and import many from a GeoJSON file.

A boundary must be a valid polygon and lie within its parent's boundary when the parent has
one; an area without a recorded centre gets the boundary's centroid. Importing is all or
nothing: one bad feature and nothing is written, with an error naming the feature.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core import audit
from core.errors import UserErrorCode, UserInputError
from core.geo.polygon import InvalidBoundary, box_of, centroid, polygons_of, within
from core.identity.models import Area


async def set_boundary(area: Area, geometry: dict[str, Any], *, label: str | None = None) -> Area:
    """Validate ``geometry`` (WGS-84 GeoJSON) and store it as the area's boundary (audited)."""
    what = label or f"area {area.name}"
    try:
        polygons = polygons_of(geometry)
    except InvalidBoundary as error:
        raise UserInputError(f"{what}: {error}", field="geometry") from None
    parent_id = getattr(area, "parent_id", None)
    if parent_id is not None:
        parent = await Area.get(id=parent_id)
        if parent.boundary and not within(polygons, polygons_of(parent.boundary)):
            raise UserInputError(
                f"{what}: the boundary is not within the boundary of its parent {parent.name}.",
                field="geometry",
                code=UserErrorCode.CONFLICT,
            )
    before = audit.snapshot(area)
    box = box_of(polygons)
    area.boundary = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    area.boundary_west, area.boundary_south, area.boundary_east, area.boundary_north = (
        box.west,
        box.south,
        box.east,
        box.north,
    )
    if area.longitude is None or area.latitude is None:
        area.longitude, area.latitude = centroid(polygons)
    await area.save()
    await audit.record("core.area.boundary", obj=area, before=before, after=audit.snapshot(area))
    return area


def read_features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON file (a FeatureCollection or a single Feature)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserInputError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserInputError(f"{path} is not GeoJSON: {error}") from None
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        features = document.get("features")
    elif isinstance(document, dict) and document.get("type") == "Feature":
        features = [document]
    else:
        raise UserInputError(f"{path} is not a GeoJSON FeatureCollection or Feature")
    if not isinstance(features, list) or not features:
        raise UserInputError(f"{path} has no features")
    return features


def _feature_name(index: int, feature: Any) -> tuple[str, str]:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise UserInputError(f"feature {index + 1}: properties.name must name an area of the station")
    return name.strip(), f"feature {index + 1} ({name.strip()})"


async def import_boundaries(station_id: int, features: list[dict[str, Any]]) -> list[Area]:
    """Set the boundary of each named area of the station, parents before children.

    Call inside a transaction: the first invalid feature raises ``UserInputError`` naming it.
    """
    areas = {area.name: area for area in await Area.filter(station_id=station_id)}
    planned: list[tuple[Area, dict[str, Any], str]] = []
    seen: set[str] = set()
    for index, feature in enumerate(features):
        name, label = _feature_name(index, feature)
        if name in seen:
            raise UserInputError(f"{label}: the area appears twice in the file")
        seen.add(name)
        area = areas.get(name)
        if area is None:
            raise UserInputError(f"{label}: the station has no area of that name")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict):
            raise UserInputError(f"{label}: the feature has no geometry")
        planned.append((area, geometry, label))
    planned.sort(key=lambda item: (item[0].kind.depth, item[0].id))
    return [await set_boundary(area, geometry, label=label) for area, geometry, label in planned]
