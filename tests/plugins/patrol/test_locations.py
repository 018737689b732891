"""Places on the map in patrol: incidents located in any datum, checked against area boundaries,
assigned to the grid that contains them, and found by spatial filters."""

from __future__ import annotations

import dataclasses

import pytest

from core import Role, audit_context, transaction
from core.geo.boundaries import set_boundary
from core.geo.datum import wgs84_to_gcj02
from core.geo.distance import haversine_metres
from core.identity.actor import SYSTEM
from plugins.patrol import models
from tests.plugins.patrol.flows import incident_input
from tests.plugins.patrol.helpers import gid, id_number

LOCATED_REPORT = """
mutation($input: ReportIncidentInput!) {
  reportIncident(input: $input) {
    incident {
      id areaName
      wgs: location { longitude latitude accuracyMetres datum }
      gcj: location(datum: GCJ02) { longitude latitude datum }
    }
    errors { field code message }
  }
}
"""
NEAR = """
query($spatial: SpatialFilter) {
  incidents(spatial: $spatial) {
    edges { node { id address distanceMetres(from: {longitude: 106.97, latitude: 30.84}) } }
  }
}
"""
# 渠县城区, WGS-84.
QUXIAN = (106.97, 30.84)


def square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


async def bound(station) -> None:
    """Boundaries for the test station: the grid covers 106.96–106.98E, 30.83–30.85N."""
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    areas = station.test_areas
    with audit_context(admin):
        async with transaction():
            await set_boundary(areas["town"], square(106.90, 30.78, 107.05, 30.90))
            await set_boundary(areas["community"], square(106.95, 30.82, 107.00, 30.86))
            await set_boundary(areas["grid"], square(106.96, 30.83, 106.98, 30.85))


async def test_a_gcj02_location_is_stored_in_wgs84_and_read_back_in_either_datum(officer, station):
    gcj = wgs84_to_gcj02(*QUXIAN)
    location = {"longitude": gcj[0], "latitude": gcj[1], "accuracyMetres": 8, "datum": "GCJ02"}
    body = await officer.data(LOCATED_REPORT, {"input": incident_input(station, location=location)})
    incident = body["reportIncident"]["incident"]
    stored = await models.Incident.get()
    assert haversine_metres(stored.longitude, stored.latitude, *QUXIAN) < 1.0
    assert haversine_metres(incident["wgs"]["longitude"], incident["wgs"]["latitude"], *QUXIAN) < 1.0
    assert incident["wgs"]["accuracyMetres"] == 8 and incident["gcj"]["datum"] == "GCJ02"
    assert haversine_metres(incident["gcj"]["longitude"], incident["gcj"]["latitude"], *gcj) < 1.0


async def test_an_incident_without_location_answers_null(officer, station):
    body = await officer.data(LOCATED_REPORT, {"input": incident_input(station)})
    assert body["reportIncident"]["incident"]["wgs"] is None


async def test_location_and_the_older_latitude_together_are_refused(officer, station):
    location = {"longitude": 106.97, "latitude": 30.84}
    variables = {"input": incident_input(station, location=location, latitude=30.84, longitude=106.97)}
    body = await officer.data(LOCATED_REPORT, variables)
    assert body["reportIncident"]["errors"][0]["field"] == "location"
    assert await models.Incident.all().count() == 0


async def test_a_latitude_beyond_90_is_refused_naming_the_field(officer, station):
    location = {"longitude": 106.97, "latitude": 91}
    body = await officer.data(LOCATED_REPORT, {"input": incident_input(station, location=location)})
    assert body["reportIncident"]["errors"][0]["field"] == "location.latitude"


async def test_a_location_outside_the_chosen_areas_boundary_is_a_conflict(officer, station):
    await bound(station)
    location = {"longitude": 106.99, "latitude": 30.84}  # in the community, east of the grid
    body = await officer.data(LOCATED_REPORT, {"input": incident_input(station, location=location)})
    assert body["reportIncident"]["errors"][0]["code"] == "CONFLICT"
    assert await models.Incident.all().count() == 0


async def test_force_keeps_the_chosen_area_despite_the_boundary(officer, station):
    await bound(station)
    location = {"longitude": 106.99, "latitude": 30.84}
    body = await officer.data(LOCATED_REPORT, {"input": incident_input(station, location=location, force=True)})
    assert body["reportIncident"]["incident"]["areaName"] == "文峰一网格"


async def test_a_location_on_the_grids_edge_belongs_to_the_grid(officer, station):
    await bound(station)
    location = {"longitude": 106.98, "latitude": 30.84}
    body = await officer.data(LOCATED_REPORT, {"input": incident_input(station, location=location)})
    assert body["reportIncident"]["errors"] == []


async def located_incidents(officer, station, *points: tuple[float, float]) -> None:
    for index, (longitude, latitude) in enumerate(points):
        location = {"longitude": longitude, "latitude": latitude}
        await officer.mutate(
            LOCATED_REPORT, {"input": incident_input(station, address=f"点{index}", location=location)}
        )


async def test_near_keeps_the_points_within_the_radius_exactly(officer, station):
    # 0.001° of latitude is about 111 m: one point just inside 200 m, one just outside.
    await located_incidents(officer, station, (106.97, 30.8417), (106.97, 30.8419), (106.97, 30.84))
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 200}}
    edges = (await officer.data(NEAR, {"spatial": spatial}))["incidents"]["edges"]
    found = {edge["node"]["address"]: edge["node"]["distanceMetres"] for edge in edges}
    assert set(found) == {"点0", "点2"}
    assert found["点2"] == 0 and 185 < found["点0"] < 200


async def test_near_a_point_given_in_gcj02_finds_the_same_incidents(officer, station):
    await located_incidents(officer, station, QUXIAN, (107.2, 31.0))
    gcj = wgs84_to_gcj02(*QUXIAN)
    spatial = {"near": {"point": {"longitude": gcj[0], "latitude": gcj[1], "datum": "GCJ02"}, "radiusMetres": 5}}
    edges = (await officer.data(NEAR, {"spatial": spatial}))["incidents"]["edges"]
    assert [edge["node"]["address"] for edge in edges] == ["点0"]


async def test_in_box_includes_points_on_its_edges(officer, station):
    await located_incidents(officer, station, (106.96, 30.83), (106.98, 30.85), (106.9801, 30.84))
    box = {"southWest": {"longitude": 106.96, "latitude": 30.83}, "northEast": {"longitude": 106.98, "latitude": 30.85}}
    edges = (await officer.data(NEAR, {"spatial": {"inBox": box}}))["incidents"]["edges"]
    assert {edge["node"]["address"] for edge in edges} == {"点0", "点1"}


async def test_in_area_uses_the_boundary_not_its_bounding_box(officer, station):
    await bound(station)
    await located_incidents(officer, station, (106.97, 30.84))
    await officer.mutate(
        LOCATED_REPORT,
        {
            "input": incident_input(
                station,
                address="外",
                location={"longitude": 106.99, "latitude": 30.84},
                areaId=gid("Area", station.test_areas["community"]),
            )
        },
    )
    spatial = {"inArea": gid("Area", station.test_areas["grid"])}
    edges = (await officer.data(NEAR, {"spatial": spatial}))["incidents"]["edges"]
    assert [edge["node"]["address"] for edge in edges] == ["点0"]


async def test_in_area_of_another_station_reads_as_not_found(officer, station, other_station):
    body = await officer.execute(NEAR, {"spatial": {"inArea": gid("Area", other_station.test_areas["grid"])}})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_in_area_without_a_boundary_is_refused(officer, station):
    body = await officer.execute(NEAR, {"spatial": {"inArea": gid("Area", station.test_areas["grid"])}})
    assert "no boundary" in body["errors"][0]["message"]


@pytest.mark.parametrize("radius", [0, -5, 100_001])
async def test_a_radius_out_of_range_is_refused(officer, station, radius):
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": radius}}
    body = await officer.execute(NEAR, {"spatial": spatial})
    assert "radiusMetres" in body["errors"][0]["message"]


async def test_a_spatial_filter_never_returns_another_stations_incidents(
    app, officer, station, other_station, login_as
):
    other_officer = await login_as(Role.OFFICER, station=other_station)
    await located_incidents(other_officer, other_station, QUXIAN)
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 1000}}
    assert (await officer.data(NEAR, {"spatial": spatial}))["incidents"]["edges"] == []


async def test_an_incident_with_a_location_and_no_area_is_assigned_the_grid_containing_it(officer, station):
    await bound(station)
    values = incident_input(station, location={"longitude": 106.97, "latitude": 30.84})
    del values["areaId"]
    body = await officer.data(LOCATED_REPORT, {"input": values})
    assert body["reportIncident"]["incident"]["areaName"] == "文峰一网格"


async def test_a_location_in_the_community_but_no_grid_is_assigned_the_community(officer, station):
    await bound(station)
    values = incident_input(station, location={"longitude": 106.99, "latitude": 30.84})
    del values["areaId"]
    body = await officer.data(LOCATED_REPORT, {"input": values})
    assert body["reportIncident"]["incident"]["areaName"] == "文峰社区"


async def test_a_location_outside_every_boundary_and_no_area_is_refused(officer, station):
    await bound(station)
    values = incident_input(station, location={"longitude": 110.0, "latitude": 35.0})
    del values["areaId"]
    body = await officer.data(LOCATED_REPORT, {"input": values})
    assert body["reportIncident"]["errors"][0] == {
        "field": "areaId",
        "code": "REQUIRED",
        "message": "No area of the station contains this location; choose an area.",
    }
    assert await models.Incident.all().count() == 0


async def test_another_stations_grid_is_never_assigned(officer, station, other_station):
    await bound(other_station)
    values = incident_input(station, location={"longitude": 106.97, "latitude": 30.84})
    del values["areaId"]
    body = await officer.data(LOCATED_REPORT, {"input": values})
    assert body["reportIncident"]["errors"][0]["code"] == "REQUIRED"


async def test_neither_area_nor_location_is_refused(officer, station):
    values = incident_input(station)
    del values["areaId"]
    body = await officer.data(LOCATED_REPORT, {"input": values})
    assert body["reportIncident"]["errors"][0]["field"] == "areaId"


async def test_the_asset_list_filters_by_distance(officer, station):
    register = """
    mutation($input: RegisterSurveillanceAssetInput!) {
      registerSurveillanceAsset(input: $input) { asset { id } errors { field message } }
    }"""
    for name, point in [("近", (106.97, 30.84)), ("远", (106.99, 30.84))]:
        await officer.mutate(
            register,
            {
                "input": {
                    "kind": "CAMERA",
                    "project": "SKYNET",
                    "name": name,
                    "areaId": gid("Area", station.test_areas["grid"]),
                    "geoLocation": {"longitude": point[0], "latitude": point[1]},
                }
            },
        )
    query = "query($s: SpatialFilter) { surveillanceAssets(spatial: $s) { nodes { name geoLocation { latitude } } } }"
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 1000}}
    nodes = (await officer.data(query, {"s": spatial}))["surveillanceAssets"]["nodes"]
    assert [node["name"] for node in nodes] == ["近"]


CREATE_ADDRESS = """
mutation($input: CreateStandardAddressInput!) {
  createStandardAddress(input: $input) { address { id location { longitude latitude } } errors { field code } }
}
"""
HOMES = "{ residents { nodes { homeLocation { longitude latitude masked } } } }"


async def _resident_at_home(officer, station) -> str:
    await bound(station)
    address = await officer.mutate(
        CREATE_ADDRESS,
        {
            "input": {
                "areaId": gid("Area", station.test_areas["grid"]),
                "address": "文峰路8号",
                "location": {"longitude": 106.9712, "latitude": 30.8431},
            }
        },
    )
    register = "mutation($input: RegisterResidentInput!) { registerResident(input: $input) { resident { id } errors { field } } }"
    await officer.mutate(
        register, {"input": {"name": "张三", "idNumber": id_number(), "addressId": address["address"]["id"]}}
    )
    return address["address"]["id"]


async def test_the_address_file_shows_the_addresss_location(officer, station):
    address_id = await _resident_at_home(officer, station)
    query = "query($id: ID!) { node(id: $id) { ... on StandardAddress { location { longitude latitude } } } }"
    node = (await officer.data(query, {"id": address_id}))["node"]
    assert node["location"] == {"longitude": 106.9712, "latitude": 30.8431}


async def test_an_officer_sees_a_residents_home_in_full(officer, station):
    await _resident_at_home(officer, station)
    home = (await officer.data(HOMES))["residents"]["nodes"][0]["homeLocation"]
    assert home == {"longitude": 106.9712, "latitude": 30.8431, "masked": False}


async def test_a_grid_worker_sees_a_residents_home_as_the_grid_centre(officer, station, login_as):
    await _resident_at_home(officer, station)
    worker = await login_as(Role.GRID_WORKER, station=station)
    home = (await worker.data(HOMES))["residents"]["nodes"][0]["homeLocation"]
    assert home == {"longitude": 106.97, "latitude": 30.84, "masked": True}


async def test_a_check_in_records_where_the_member_stood_in_wgs84(officer, station, clock):
    from tests.plugins.patrol.test_patrols import CHECK_IN, create_shift, create_team

    shift = await create_shift(officer, (await create_team(officer, station))["id"])
    clock.advance(minutes=5)
    gcj = wgs84_to_gcj02(*QUXIAN)
    location = {"longitude": gcj[0], "latitude": gcj[1], "accuracyMetres": 12, "datum": "GCJ02"}
    await officer.mutate(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"], "location": location}})
    row = await models.PatrolCheckIn.get()
    assert haversine_metres(row.longitude, row.latitude, *QUXIAN) < 1.0 and row.location_accuracy == 12


async def test_an_inspection_is_found_near_where_it_took_place(officer, station):
    from tests.plugins.patrol.test_inspections import RECORD, create_target

    target = await create_target(officer, station)
    location = {"longitude": 106.97, "latitude": 30.84}
    await officer.mutate(RECORD, {"input": {"targetId": target, "kind": "FIRE", "location": location}})
    query = """query($s: SpatialFilter) {
      inspections(spatial: $s) { nodes { location { longitude latitude } distanceMetres(from: {longitude: 106.97, latitude: 30.841}) } }
    }"""
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.841}, "radiusMetres": 150}}
    nodes = (await officer.data(query, {"s": spatial}))["inspections"]["nodes"]
    assert nodes[0]["location"] == location and 105 < nodes[0]["distanceMetres"] < 115
