"""Boundary polygons (GeoJSON ``Polygon``/``MultiPolygon`` in WGS-84): validation, bounding
boxes and point-in-polygon.

Boundaries of grids are small (tens to a few hundred vertices), so the plain O(n²) checks
are fast enough and need no geometry library. A point on an edge counts as inside: a check-in
on the road between two grids belongs to one of them rather than to none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from core.geo.distance import Box

Ring = list[tuple[float, float]]
# A polygon is its outer ring followed by its holes.
Polygon = list[Ring]

_EPSILON = 1e-12


class InvalidBoundary(ValueError):
    """A boundary that is not a valid polygon; the message says what is wrong."""


def polygons_of(geometry: Any) -> list[Polygon]:
    """The polygons of a GeoJSON Polygon or MultiPolygon geometry, validated.

    Raises ``InvalidBoundary`` for another geometry type, malformed coordinates, rings that are
    not closed or have fewer than four positions, and self-intersecting rings.
    """
    if not isinstance(geometry, dict):
        raise InvalidBoundary("the geometry must be a GeoJSON object")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    raw_polygons: list[Any] | None
    if kind == "Polygon":
        raw_polygons = [coordinates]
    elif kind == "MultiPolygon":
        raw_polygons = coordinates if isinstance(coordinates, list) else None
    else:
        raise InvalidBoundary(f"expected a Polygon or MultiPolygon geometry, got {kind!r}")
    if not raw_polygons:
        raise InvalidBoundary("the geometry has no coordinates")
    return [_polygon(raw) for raw in raw_polygons]


def _polygon(raw: Any) -> Polygon:
    if not isinstance(raw, list) or not raw:
        raise InvalidBoundary("a polygon must be a non-empty list of rings")
    polygon = [_ring(ring, index) for index, ring in enumerate(raw)]
    return polygon


def _ring(raw: Any, index: int) -> Ring:
    name = "outer ring" if index == 0 else f"hole {index}"
    if not isinstance(raw, list):
        raise InvalidBoundary(f"{name}: must be a list of positions")
    ring: Ring = []
    for position in raw:
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(isinstance(value, int | float) and not isinstance(value, bool) for value in position[:2])
        ):
            raise InvalidBoundary(f"{name}: every position must be [longitude, latitude]")
        longitude, latitude = float(position[0]), float(position[1])
        if not (-180.0 <= longitude <= 180.0 and -90.0 <= latitude <= 90.0):
            raise InvalidBoundary(f"{name}: position {longitude}, {latitude} is not a longitude/latitude pair")
        ring.append((longitude, latitude))
    if len(ring) < 4:
        raise InvalidBoundary(f"{name}: a ring needs at least four positions (first repeated last)")
    if ring[0] != ring[-1]:
        raise InvalidBoundary(f"{name}: the ring is not closed (its last position must repeat its first)")
    crossing = _self_intersection(ring)
    if crossing is not None:
        raise InvalidBoundary(f"{name}: the ring intersects itself (edges {crossing[0] + 1} and {crossing[1] + 1})")
    return ring


def _edges(ring: Ring) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    for index in range(len(ring) - 1):
        yield ring[index], ring[index + 1]


def _orientation(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> int:
    value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return 0 if abs(value) < _EPSILON else (1 if value > 0 else -1)


def _on_segment(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float]) -> bool:
    return (
        min(a[0], b[0]) - _EPSILON <= p[0] <= max(a[0], b[0]) + _EPSILON
        and min(a[1], b[1]) - _EPSILON <= p[1] <= max(a[1], b[1]) + _EPSILON
        and _orientation(a, b, p) == 0
    )


def segments_intersect(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    """True when segment ab and segment cd share a point (touching counts)."""
    o1, o2, o3, o4 = _orientation(a, b, c), _orientation(a, b, d), _orientation(c, d, a), _orientation(c, d, b)
    if o1 != o2 and o3 != o4:
        return True
    return (
        (o1 == 0 and _on_segment(a, b, c))
        or (o2 == 0 and _on_segment(a, b, d))
        or (o3 == 0 and _on_segment(c, d, a))
        or (o4 == 0 and _on_segment(c, d, b))
    )


def _self_intersection(ring: Ring) -> tuple[int, int] | None:
    edges = list(_edges(ring))
    count = len(edges)
    for i in range(count):
        for j in range(i + 1, count):
            # Neighbouring edges share a vertex by construction; the first and last edge too.
            if j == i + 1 or (i == 0 and j == count - 1):
                continue
            if segments_intersect(*edges[i], *edges[j]):
                return i, j
    return None


def _in_ring(ring: Ring, longitude: float, latitude: float) -> bool | None:
    """True inside, False outside, None on the ring itself."""
    point = (longitude, latitude)
    inside = False
    for a, b in _edges(ring):
        if _on_segment(a, b, point):
            return None
        if (a[1] > latitude) != (b[1] > latitude):
            crossing = a[0] + (latitude - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            if longitude < crossing:
                inside = not inside
    return inside


def polygon_contains(polygon: Polygon, longitude: float, latitude: float) -> bool:
    """Point in polygon (edges count as inside; a point strictly inside a hole is outside)."""
    outer = _in_ring(polygon[0], longitude, latitude)
    if outer is False:
        return False
    for hole in polygon[1:]:
        if _in_ring(hole, longitude, latitude) is True:
            return False
    return True


def contains(polygons: Sequence[Polygon], longitude: float, latitude: float) -> bool:
    return any(polygon_contains(polygon, longitude, latitude) for polygon in polygons)


def box_of(polygons: Sequence[Polygon]) -> Box:
    longitudes = [lon for polygon in polygons for lon, _ in polygon[0]]
    latitudes = [lat for polygon in polygons for _, lat in polygon[0]]
    return Box(min(longitudes), min(latitudes), max(longitudes), max(latitudes))


@dataclasses.dataclass(frozen=True)
class Shape:
    """A boundary's polygons with their bounding box: the box is tested first, the polygons
    only when it passes. Edges count as inside."""

    box: Box
    polygons: list[Polygon]

    def holds(self, longitude: float, latitude: float) -> bool:
        return self.box.contains(longitude, latitude) and contains(self.polygons, longitude, latitude)


def shape_of(geometry: Any) -> Shape:
    """The shape of a stored GeoJSON boundary."""
    polygons = polygons_of(geometry)
    return Shape(box_of(polygons), polygons)


def within(inner: Sequence[Polygon], outer: Sequence[Polygon]) -> bool:
    """True when every outer ring of ``inner`` lies inside ``outer`` (shared edges allowed).

    Every vertex must be inside or on ``outer`` and each edge's midpoint too, which catches an
    edge that leaves a concave parent between two vertices that are inside.
    """
    for polygon in inner:
        for a, b in _edges(polygon[0]):
            midpoint = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            if not contains(outer, *a) or not contains(outer, *midpoint):
                return False
    return True


def centroid(polygons: Sequence[Polygon]) -> tuple[float, float]:
    """Area-weighted centroid of the outer rings (planar; fine at grid scale)."""
    total_area = total_x = total_y = 0.0
    for polygon in polygons:
        ring = polygon[0]
        for (x0, y0), (x1, y1) in _edges(ring):
            cross = x0 * y1 - x1 * y0
            total_area += cross
            total_x += (x0 + x1) * cross
            total_y += (y0 + y1) * cross
    if abs(total_area) < _EPSILON:
        box = box_of(polygons)
        return (box.west + box.east) / 2, (box.south + box.north) / 2
    return total_x / (3 * total_area), total_y / (3 * total_area)
