"""``mapLayer``: GeoJSON layers of disputes, incidents and cameras, and the area choropleth —
within the caller's station, in the datum asked for, with each layer's own permission
(the ``fengqiao_map_layers`` hook of the built-in plugins)."""

from __future__ import annotations

import dataclasses

import pytest

import plugins.mediation
import plugins.patrol
from core import Role, audit_context, transaction
from core.geo.boundaries import set_boundary
from core.geo.datum import wgs84_to_gcj02
from core.geo.distance import haversine_metres
from core.identity.actor import SYSTEM
from tests.plugins.mediation.conftest import dispute_input
from tests.plugins.patrol.flows import incident_input

LAYER = """
query($kind: String!, $bbox: BoxInput, $period: PeriodInput, $datum: Datum!) {
  mapLayer(kind: $kind, bbox: $bbox, period: $period, datum: $datum)
}
"""
REPORT_DISPUTE = """
mutation($input: ReportDisputeInput!) { reportDispute(input: $input) { dispute { id } errors { field message } } }
"""
REPORT_INCIDENT = """
mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { incident { id } errors { field message } } }
"""


@pytest.fixture
async def app(make_app):
    return await make_app(["mediation", "patrol"], extra_plugins=[plugins.mediation, plugins.patrol])


def square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


async def layer(client, kind: str, datum: str = "WGS84", **variables) -> dict:
    return (await client.data(LAYER, {"kind": kind, "datum": datum, **variables}))["mapLayer"]


async def dispute_at(client, station, longitude: float, latitude: float, **overrides) -> None:
    location = {"longitude": longitude, "latitude": latitude}
    await client.mutate(REPORT_DISPUTE, {"input": dispute_input(station, location=location, **overrides)})


async def test_the_dispute_layer_is_a_feature_collection_coloured_by_risk(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await dispute_at(chief, station, 106.97, 30.84)
    collection = await layer(chief, "mediation.disputes")
    assert collection["type"] == "FeatureCollection" and collection["datum"] == "WGS84"
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [106.97, 30.84]}
    assert feature["properties"]["riskLevel"] == "BLUE" and feature["properties"]["colour"] == "#2f6fde"


async def test_a_layer_in_gcj02_carries_shifted_coordinates(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await dispute_at(chief, station, 106.97, 30.84)
    collection = await layer(chief, "mediation.disputes", datum="GCJ02")
    longitude, latitude = collection["features"][0]["geometry"]["coordinates"]
    assert haversine_metres(longitude, latitude, *wgs84_to_gcj02(106.97, 30.84)) < 0.1
    assert collection["datum"] == "GCJ02"


async def test_a_layer_never_shows_another_stations_rows(login_as, station, other_station):
    other_chief = await login_as(Role.STATION_CHIEF, station=other_station)
    await dispute_at(other_chief, other_station, 106.97, 30.84)
    chief = await login_as(Role.STATION_CHIEF, station=station)
    assert (await layer(chief, "mediation.disputes"))["features"] == []


async def test_the_box_keeps_only_the_features_in_view(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await dispute_at(chief, station, 106.97, 30.84, description="城区纠纷")
    await dispute_at(chief, station, 107.20, 31.00, description="远处纠纷")
    box = {"southWest": {"longitude": 106.9, "latitude": 30.8}, "northEast": {"longitude": 107.0, "latitude": 30.9}}
    collection = await layer(chief, "mediation.disputes", bbox=box)
    assert len(collection["features"]) == 1


async def test_the_incident_layer_keeps_the_period_asked_for(login_as, station, clock):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    location = {"longitude": 106.97, "latitude": 30.84}
    await chief.mutate(REPORT_INCIDENT, {"input": incident_input(station, location=location)})
    today = clock.now().date().isoformat()
    collection = await layer(chief, "patrol.incidents", period={"start": today, "end": today})
    assert [f["properties"]["status"] for f in collection["features"]] == ["RECEIVED"]
    earlier = {"start": "2001-01-01", "end": "2001-01-31"}
    assert (await layer(chief, "patrol.incidents", period=earlier))["features"] == []


async def test_the_area_layer_counts_disputes_per_grid(login_as, station):
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    areas = station.test_areas
    with audit_context(admin):
        async with transaction():
            await set_boundary(areas["town"], square(106.90, 30.78, 107.05, 30.90))
            await set_boundary(areas["community"], square(106.95, 30.82, 107.00, 30.86))
            await set_boundary(areas["grid"], square(106.96, 30.83, 106.98, 30.85))
    chief = await login_as(Role.STATION_CHIEF, station=station)
    for _ in range(2):
        await dispute_at(chief, station, 106.97, 30.84, areaId=_area_gid(areas["grid"]))
    collection = await layer(chief, "core.areas")
    counts = {f["properties"]["name"]: f["properties"]["counts"]["mediation.disputes"] for f in collection["features"]}
    assert counts == {"城东街道": 0, "文峰社区": 0, "文峰一网格": 2}
    assert collection["features"][0]["geometry"]["type"] == "Polygon"


def _area_gid(area) -> str:
    from core import to_global_id

    return to_global_id("Area", area.id)


async def test_a_role_without_the_layers_permission_is_forbidden(login_as, station):
    resident = await login_as(Role.RESIDENT, station=station)
    body = await resident.execute(LAYER, {"kind": "patrol.incidents", "datum": "WGS84"})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_an_unknown_layer_is_refused_listing_the_layers(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute(LAYER, {"kind": "patrol.nothing", "datum": "WGS84"})
    assert "mediation.disputes" in body["errors"][0]["message"]


async def test_map_layers_lists_what_the_caller_may_read(login_as, station):
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    kinds = [item["kind"] for item in (await grid_worker.data("{ mapLayers { kind takesPeriod } }"))["mapLayers"]]
    assert "core.areas" in kinds and "patrol.incidents" not in kinds


FILTERED_LAYER = """
query($kind: String!, $filter: MapLayerFilter) { mapLayer(kind: $kind, filter: $filter) }
"""
REGISTER_ASSET = """
mutation($input: RegisterSurveillanceAssetInput!) {
  registerSurveillanceAsset(input: $input) { asset { id } errors { field message } }
}
"""
CHANGE_ASSET_STATUS = """
mutation($input: ChangeSurveillanceAssetStatusInput!) {
  changeSurveillanceAssetStatus(input: $input) { errors { field message } }
}
"""


async def filtered_layer(client, kind: str, layer_filter: dict) -> dict:
    return (await client.data(FILTERED_LAYER, {"kind": kind, "filter": layer_filter}))["mapLayer"]


async def test_the_dispute_layer_shows_only_red_disputes_when_asked(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await dispute_at(chief, station, 106.97, 30.84, riskFactors=["WEAPON"])
    await dispute_at(chief, station, 106.98, 30.84)
    collection = await filtered_layer(chief, "mediation.disputes", {"mediationDisputes": {"riskLevel": "RED"}})
    assert [feature["properties"]["riskLevel"] for feature in collection["features"]] == ["RED"]


async def test_the_dispute_layer_and_the_dispute_list_agree_on_a_filter(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await dispute_at(chief, station, 106.97, 30.84, category="LAND")
    await dispute_at(chief, station, 106.98, 30.84)
    where = {"category": "LAND"}
    listed = await chief.data("query($f: DisputeFilter) { disputes(filter: $f) { nodes { id } } }", {"f": where})
    drawn = await filtered_layer(chief, "mediation.disputes", {"mediationDisputes": where})
    assert [f["properties"]["id"] for f in drawn["features"]] == [n["id"] for n in listed["disputes"]["nodes"]]
    assert len(drawn["features"]) == 1


async def test_the_incident_layer_shows_only_incidents_of_the_status_asked_for(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    location = {"longitude": 106.97, "latitude": 30.84}
    await chief.mutate(REPORT_INCIDENT, {"input": incident_input(station, location=location)})
    received = await filtered_layer(chief, "patrol.incidents", {"patrolIncidents": {"status": "RECEIVED"}})
    closed = await filtered_layer(chief, "patrol.incidents", {"patrolIncidents": {"status": "CLOSED"}})
    assert len(received["features"]) == 1 and closed["features"] == []


async def test_the_camera_layer_shows_only_cameras_of_one_status(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    ids = []
    for name, longitude in [("东", 106.97), ("西", 106.96)]:
        values = {
            "kind": "CAMERA",
            "project": "SKYNET",
            "name": name,
            "areaId": _area_gid(station.test_areas["grid"]),
            "geoLocation": {"longitude": longitude, "latitude": 30.84},
        }
        ids.append((await chief.mutate(REGISTER_ASSET, {"input": values}))["asset"]["id"])
    await chief.mutate(CHANGE_ASSET_STATUS, {"input": {"assetId": ids[1], "status": "FAULTY"}})
    collection = await filtered_layer(chief, "patrol.cameras", {"patrolCameras": {"status": "FAULTY"}})
    assert [(f["properties"]["name"], f["properties"]["colour"]) for f in collection["features"]] == [("西", "#d9342b")]


async def test_a_layer_filtered_by_area_keeps_that_area_and_those_below_it(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    areas = station.test_areas
    await dispute_at(chief, station, 106.97, 30.84, areaId=_area_gid(areas["grid"]), description="网格内")
    await dispute_at(chief, station, 106.90, 30.80, areaId=_area_gid(areas["village"]), description="村里")
    in_community = {"mediationDisputes": {"areaId": _area_gid(areas["community"])}}
    collection = await filtered_layer(chief, "mediation.disputes", in_community)
    assert len(collection["features"]) == 1
    assert collection["features"][0]["geometry"]["coordinates"] == [106.97, 30.84]


async def test_another_layers_filter_on_a_point_layer_is_refused(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute(
        FILTERED_LAYER, {"kind": "patrol.incidents", "filter": {"mediationDisputes": {"riskLevel": "RED"}}}
    )
    assert body["errors"][0]["message"] == (
        "filter.mediationDisputes narrows the mediation.disputes layer, not patrol.incidents; "
        "give filter.patrolIncidents."
    )


async def test_a_layer_filter_never_reaches_another_stations_rows(login_as, station, other_station):
    other_chief = await login_as(Role.STATION_CHIEF, station=other_station)
    await dispute_at(other_chief, other_station, 106.97, 30.84, riskFactors=["WEAPON"])
    chief = await login_as(Role.STATION_CHIEF, station=station)
    red = await filtered_layer(chief, "mediation.disputes", {"mediationDisputes": {"riskLevel": "RED"}})
    assert red["features"] == []


async def test_the_choropleth_counts_only_the_disputes_the_filter_keeps(login_as, station):
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    areas = station.test_areas
    with audit_context(admin):
        async with transaction():
            await set_boundary(areas["town"], square(106.90, 30.78, 107.05, 30.90))
            await set_boundary(areas["community"], square(106.95, 30.82, 107.00, 30.86))
            await set_boundary(areas["grid"], square(106.96, 30.83, 106.98, 30.85))
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await dispute_at(chief, station, 106.97, 30.84, areaId=_area_gid(areas["grid"]), riskFactors=["WEAPON"])
    await dispute_at(chief, station, 106.97, 30.84, areaId=_area_gid(areas["grid"]))
    layer_filter = {"coreAreas": {"kind": "GRID"}, "mediationDisputes": {"riskLevel": "RED"}}
    collection = await filtered_layer(chief, "core.areas", layer_filter)
    counts = {f["properties"]["name"]: f["properties"]["counts"]["mediation.disputes"] for f in collection["features"]}
    assert counts == {"文峰一网格": 1}


async def test_map_layers_names_the_filter_field_of_each_layer(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    layers = (await chief.data("{ mapLayers { kind filterField } }"))["mapLayers"]
    assert {item["kind"]: item["filterField"] for item in layers} == {
        "core.areas": "coreAreas",
        "mediation.disputes": "mediationDisputes",
        "patrol.cameras": "patrolCameras",
        "patrol.incidents": "patrolIncidents",
    }
