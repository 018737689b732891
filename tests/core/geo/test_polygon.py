"""Boundary polygons: validation, point-in-polygon at the edges, containment in a parent."""

from __future__ import annotations

import pytest

from core.geo.distance import box_around, haversine_metres
from core.geo.polygon import InvalidBoundary, box_of, contains, polygons_of, within


def square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_point_on_an_edge_or_vertex_is_inside() -> None:
    polygons = polygons_of(square(0, 0, 1, 1))
    assert contains(polygons, 0.5, 0.0)
    assert contains(polygons, 1.0, 1.0)
    assert not contains(polygons, 1.0000001, 0.5)


def test_a_point_inside_a_hole_is_outside() -> None:
    outer = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    hole = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]
    polygons = polygons_of({"type": "Polygon", "coordinates": [outer, hole]})
    assert not contains(polygons, 2, 2)
    assert contains(polygons, 0.5, 0.5)


def test_an_open_ring_is_refused() -> None:
    with pytest.raises(InvalidBoundary, match="not closed"):
        polygons_of({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})


def test_a_bow_tie_ring_is_refused_as_self_intersecting() -> None:
    with pytest.raises(InvalidBoundary, match="intersects itself"):
        polygons_of({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]})


def test_a_point_geometry_is_refused() -> None:
    with pytest.raises(InvalidBoundary, match="Polygon or MultiPolygon"):
        polygons_of({"type": "Point", "coordinates": [0, 0]})


def test_a_child_sharing_its_parents_edge_is_within_it() -> None:
    assert within(polygons_of(square(0, 0, 1, 1)), polygons_of(square(0, 0, 2, 2)))


def test_a_child_crossing_a_concave_parent_is_not_within_it() -> None:
    parent = polygons_of({"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [2, 1], [0, 4], [0, 0]]]})
    child = polygons_of(square(0.5, 0.5, 3.5, 3.0))
    assert not within(child, parent)


def test_the_box_of_a_multipolygon_spans_all_its_parts() -> None:
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [square(0, 0, 1, 1)["coordinates"], square(5, 5, 6, 7)["coordinates"]],
    }
    box = box_of(polygons_of(geometry))
    assert (box.west, box.south, box.east, box.north) == (0, 0, 6, 7)


@pytest.mark.parametrize("latitude", [0.0, 30.84, 60.0, 85.0])
def test_the_box_around_a_point_holds_every_point_at_the_radius(latitude: float) -> None:
    box = box_around(106.97, latitude, 1000.0)
    for longitude, lat in [(box.west, latitude), (box.east, latitude), (106.97, box.south), (106.97, box.north)]:
        assert haversine_metres(106.97, latitude, longitude, lat) >= 1000.0
