"""Areas on the map: a centre given in any datum, a boundary, and the grid a point lies in."""

from __future__ import annotations

import dataclasses

from core import Role, audit_context, to_global_id, transaction
from core.geo.boundaries import set_boundary
from core.geo.datum import wgs84_to_gcj02
from core.geo.distance import haversine_metres
from core.identity.actor import SYSTEM

AREA_AT = "query($p: GeoPointInput!) { areaAt(point: $p) { name kind } }"
CREATE_AREA = """
mutation($input: CreateAreaInput!) {
  createArea(input: $input) {
    area { name location { longitude latitude datum } gcj: location(datum: GCJ02) { longitude latitude } }
    errors { field code message }
  }
}
"""


def square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


async def bound(station) -> None:
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    areas = station.test_areas
    with audit_context(admin):
        async with transaction():
            await set_boundary(areas["town"], square(106.90, 30.78, 107.05, 30.90))
            await set_boundary(areas["community"], square(106.95, 30.82, 107.00, 30.86))
            await set_boundary(areas["grid"], square(106.96, 30.83, 106.98, 30.85))


async def test_a_centre_given_in_gcj02_is_stored_in_wgs84(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    gcj = wgs84_to_gcj02(106.97, 30.84)
    variables = {
        "input": {
            "stationId": to_global_id("Station", station.id),
            "name": "文峰三网格",
            "kind": "GRID",
            "parentId": to_global_id("Area", station.test_areas["community"].id),
            "centre": {"longitude": gcj[0], "latitude": gcj[1], "datum": "GCJ02"},
        }
    }
    area = (await chief.mutate(CREATE_AREA, variables))["area"]
    assert haversine_metres(area["location"]["longitude"], area["location"]["latitude"], 106.97, 30.84) < 1.0
    assert haversine_metres(area["gcj"]["longitude"], area["gcj"]["latitude"], *gcj) < 1.0


async def test_a_point_is_located_to_the_deepest_area_containing_it(login_as, station):
    await bound(station)
    officer = await login_as(Role.OFFICER, station=station)
    grid = (await officer.data(AREA_AT, {"p": {"longitude": 106.97, "latitude": 30.84}}))["areaAt"]
    community = (await officer.data(AREA_AT, {"p": {"longitude": 106.99, "latitude": 30.84}}))["areaAt"]
    assert grid == {"name": "文峰一网格", "kind": "GRID"} and community["kind"] == "COMMUNITY"


async def test_a_point_given_in_gcj02_is_located_by_its_true_position(login_as, station):
    await bound(station)
    officer = await login_as(Role.OFFICER, station=station)
    # Just inside the grid's east edge in WGS-84; its GCJ-02 image lies ~500 m further east.
    gcj = wgs84_to_gcj02(106.9795, 30.84)
    found = await officer.data(AREA_AT, {"p": {"longitude": gcj[0], "latitude": gcj[1], "datum": "GCJ02"}})
    assert found["areaAt"]["name"] == "文峰一网格"


async def test_a_point_outside_every_boundary_has_no_area(login_as, station):
    await bound(station)
    officer = await login_as(Role.OFFICER, station=station)
    assert (await officer.data(AREA_AT, {"p": {"longitude": 120.0, "latitude": 30.0}}))["areaAt"] is None


async def test_another_stations_grids_are_never_found(login_as, station, other_station):
    await bound(other_station)
    officer = await login_as(Role.OFFICER, station=station)
    assert (await officer.data(AREA_AT, {"p": {"longitude": 106.97, "latitude": 30.84}}))["areaAt"] is None


async def test_the_area_list_filters_by_the_centre(login_as, station):
    await bound(station)
    officer = await login_as(Role.OFFICER, station=station)
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 100}}
    query = "query($s: SpatialFilter) { areas(spatial: $s) { nodes { name } } }"
    assert (await officer.data(query, {"s": spatial}))["areas"]["nodes"] == [{"name": "文峰一网格"}]
