"""``patrolCheckIns``: the check-ins of patrol shifts as a list, found by where they were made."""

from __future__ import annotations

from core import Role
from tests.plugins.patrol.helpers import gid
from tests.plugins.patrol.test_locations import bound
from tests.plugins.patrol.test_patrols import CHECK_IN, create_shift, create_team

CHECK_INS = """
query($spatial: SpatialFilter, $filter: PatrolCheckInFilter) {
  patrolCheckIns(spatial: $spatial, filter: $filter) {
    nodes { note isLate location { longitude latitude } distanceMetres(from: {longitude: 106.97, latitude: 30.84}) }
  }
}
"""


async def checked_in(client, station, clock, *points: tuple[float, float] | None) -> None:
    """One shift with a route point per entry, checked in at each point (None: without a location)."""
    shift = await create_shift(client, (await create_team(client, station))["id"], points=len(points))
    clock.advance(minutes=5)
    for index, (point, stop) in enumerate(zip(points, shift["route"], strict=True)):
        values = {"pointId": stop["id"], "note": f"点{index}"}
        if point is not None:
            values["location"] = {"longitude": point[0], "latitude": point[1]}
        assert (await client.mutate(CHECK_IN, {"input": values}))["errors"] == []


async def notes(client, **variables) -> list[str]:
    return sorted(node["note"] for node in (await client.data(CHECK_INS, variables))["patrolCheckIns"]["nodes"])


async def test_check_ins_are_listed_newest_first(officer, station, clock):
    await checked_in(officer, station, clock, (106.97, 30.84), None)
    nodes = (await officer.data(CHECK_INS))["patrolCheckIns"]["nodes"]
    assert [node["note"] for node in nodes] == ["点1", "点0"]


async def test_near_keeps_the_check_ins_within_the_radius_with_their_distance(officer, station, clock):
    # 0.001° of latitude is about 111 m: one just inside 200 m, one just outside, one without a location.
    await checked_in(officer, station, clock, (106.97, 30.8417), (106.97, 30.8419), None)
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 200}}
    nodes = (await officer.data(CHECK_INS, {"spatial": spatial}))["patrolCheckIns"]["nodes"]
    assert [node["note"] for node in nodes] == ["点0"] and 185 < nodes[0]["distanceMetres"] < 200


async def test_a_check_in_on_the_grids_edge_is_inside_the_grid(officer, station, clock):
    await bound(station)
    await checked_in(officer, station, clock, (106.98, 30.84), (106.9801, 30.84))
    assert await notes(officer, spatial={"inArea": gid("Area", station.test_areas["grid"])}) == ["点0"]


async def test_in_box_and_the_filter_apply_together(officer, station, clock):
    await checked_in(officer, station, clock, (106.97, 30.84), (107.5, 31.5))
    box = {"southWest": {"longitude": 106.9, "latitude": 30.8}, "northEast": {"longitude": 107.0, "latitude": 30.9}}
    assert await notes(officer, spatial={"inBox": box}, filter={"isLate": False}) == ["点0"]
    assert await notes(officer, spatial={"inBox": box}, filter={"isLate": True}) == []


async def test_another_stations_check_ins_are_never_found(officer, station, other_station, clock, login_as):
    other_officer = await login_as(Role.OFFICER, station=other_station)
    await checked_in(other_officer, other_station, clock, (106.97, 30.84))
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 1000}}
    assert await notes(officer, spatial=spatial) == []
    assert await notes(officer) == []


async def test_a_role_without_patrol_reading_may_not_list_check_ins(station, login_as):
    resident = await login_as(Role.RESIDENT, station=station)
    body = await resident.execute(CHECK_INS)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
