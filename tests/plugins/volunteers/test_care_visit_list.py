"""``careVisits``: the care register's visits as a list, found by where they took place — a
person's home, so only by roles that may see personal data in full."""

from __future__ import annotations

import dataclasses

from core import Role, audit_context, transaction
from core.geo.boundaries import set_boundary
from core.identity.actor import SYSTEM
from tests.plugins.volunteers.helpers import actor_of, gid
from tests.plugins.volunteers.test_care import REGISTER, VISIT, _child, _elder, _visit, _volunteer

VISITS = """
query($spatial: SpatialFilter, $filter: CareVisitFilter) {
  careVisits(spatial: $spatial, filter: $filter) {
    nodes { recipient { name } distanceMetres(from: {longitude: 106.97, latitude: 30.84}) }
  }
}
"""


async def bound_grid(station) -> None:
    """The grid covers 106.96–106.98E, 30.83–30.85N, inside its community and town."""
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    areas = station.test_areas
    with audit_context(admin):
        async with transaction():
            for name, (west, south, east, north) in [
                ("town", (106.90, 30.78, 107.05, 30.90)),
                ("community", (106.95, 30.82, 107.00, 30.86)),
                ("grid", (106.96, 30.83, 106.98, 30.85)),
            ]:
                ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
                await set_boundary(areas[name], {"type": "Polygon", "coordinates": [ring]})


async def visited(client, station, actor, clock, homes: dict[str, tuple[float, float] | None]) -> None:
    """One care visit activity visiting a person per entry of ``homes`` (name → where, or None)."""
    recipients = {}
    for name in homes:
        payload = await client.mutate(REGISTER, {"input": _elder(station, name=name)})
        recipients[name] = payload["careRecipient"]["id"]
    visit = _visit(clock, await _volunteer(station, actor), list(recipients.values()))
    visit["careVisitLocations"] = [
        {"careRecipientId": recipients[name], "location": {"longitude": point[0], "latitude": point[1]}}
        for name, point in homes.items()
        if point is not None
    ]
    assert (await client.data(VISIT, {"input": visit}))["recordActivity"]["errors"] == []


async def names(client, **variables) -> list[str]:
    nodes = (await client.data(VISITS, variables))["careVisits"]["nodes"]
    return sorted(node["recipient"]["name"] for node in nodes)


async def test_near_keeps_the_visits_within_the_radius_with_their_distance(station, chief, chief_actor, clock):
    # 0.001° of latitude is about 111 m: one just inside 200 m, one just outside, one without a place.
    await visited(chief, station, chief_actor, clock, {"近": (106.97, 30.8417), "远": (106.97, 30.8419), "无": None})
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 200}}
    nodes = (await chief.data(VISITS, {"spatial": spatial}))["careVisits"]["nodes"]
    assert [node["recipient"]["name"] for node in nodes] == ["近"] and 185 < nodes[0]["distanceMetres"] < 200


async def test_a_visit_on_the_grids_edge_is_inside_the_grid(station, chief, chief_actor, clock):
    await bound_grid(station)
    await visited(chief, station, chief_actor, clock, {"边上": (106.98, 30.84), "外面": (106.9801, 30.84)})
    assert await names(chief, spatial={"inArea": gid("Area", station.test_areas["grid"].id)}) == ["边上"]


async def test_the_filter_and_the_spatial_filter_apply_together(station, chief, chief_actor, clock):
    await visited(chief, station, chief_actor, clock, {"甲": (106.97, 30.84)})
    box = {"southWest": {"longitude": 106.9, "latitude": 30.8}, "northEast": {"longitude": 107.0, "latitude": 30.9}}
    assert await names(chief, spatial={"inBox": box}, filter={"onTime": True}) == ["甲"]
    assert await names(chief, spatial={"inBox": box}, filter={"onTime": False}) == []


async def test_a_role_without_full_view_may_not_search_visits_by_place(station, chief, chief_actor, clock, login_as):
    await visited(chief, station, chief_actor, clock, {"甲": (106.97, 30.84)})
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 50}}
    body = await grid_worker.execute(VISITS, {"spatial": spatial})
    assert body["data"] is None or body["data"]["careVisits"] is None
    assert "full view of personal data" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert len(await names(grid_worker)) == 1  # listed, the name masked for a grid worker


async def test_another_stations_visits_are_never_found(app, station, other_station, chief, clock, login_as):
    other_chief = await login_as(Role.STATION_CHIEF, station=other_station, display_name="邻所长")
    other_actor = actor_of(app, other_chief.user, other_station)
    await visited(other_chief, other_station, other_actor, clock, {"邻": (106.97, 30.84)})
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 1000}}
    assert await names(chief, spatial=spatial) == []
    assert await names(chief) == []


async def test_visits_to_a_child_are_left_out_for_roles_that_may_not_see_minors(
    station, chief, chief_actor, clock, login_as
):
    child = (await chief.mutate(REGISTER, {"input": _child(station)}))["careRecipient"]["id"]
    elder = (await chief.mutate(REGISTER, {"input": _elder(station)}))["careRecipient"]["id"]
    visit = _visit(clock, await _volunteer(station, chief_actor), [child, elder])
    assert (await chief.data(VISIT, {"input": visit}))["recordActivity"]["errors"] == []
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    nested = "{ volunteerActivities { nodes { careVisits { onTime } } } }"

    assert len(await names(chief)) == 2
    assert len(await names(grid_worker)) == 1
    activities = (await grid_worker.data(nested))["volunteerActivities"]["nodes"]
    assert [len(activity["careVisits"]) for activity in activities] == [1]


async def test_a_role_without_the_care_register_may_not_list_visits(station, login_as):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    body = await volunteer.execute(VISITS)
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
