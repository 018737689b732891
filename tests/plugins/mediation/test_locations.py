"""The place of a dispute (纠纷发生地): given in any datum, read in any datum, filtered by distance,
and the read rule still decides whose disputes a spatial filter may return."""

from __future__ import annotations

from core import Role
from core.geo.datum import gcj02_to_bd09, wgs84_to_gcj02
from core.geo.distance import haversine_metres
from plugins.mediation.models import Dispute
from tests.plugins.mediation.conftest import dispute_input

REPORT_LOCATED = """
mutation($input: ReportDisputeInput!) {
  reportDispute(input: $input) {
    dispute { id location(datum: BD09) { longitude latitude datum } }
    errors { field message code }
  }
}
"""
NEAR = """
query($spatial: SpatialFilter) { disputes(spatial: $spatial) { edges { node { id description } } } }
"""
QUXIAN = (106.97, 30.84)


async def test_a_baidu_location_is_stored_in_wgs84_and_read_back_in_baidu(officer, station):
    bd = gcj02_to_bd09(*wgs84_to_gcj02(*QUXIAN))
    location = {"longitude": bd[0], "latitude": bd[1], "datum": "BD09"}
    body = await officer.data(REPORT_LOCATED, {"input": dispute_input(station, location=location)})
    shown = body["reportDispute"]["dispute"]["location"]
    stored = await Dispute.get()
    assert haversine_metres(stored.longitude, stored.latitude, *QUXIAN) < 1.0
    assert shown["datum"] == "BD09" and haversine_metres(shown["longitude"], shown["latitude"], *bd) < 1.0


async def test_near_finds_the_dispute_within_the_radius_only(officer, station):
    for description, point in [("近处纠纷", QUXIAN), ("远处纠纷", (106.99, 30.86))]:
        location = {"longitude": point[0], "latitude": point[1]}
        await officer.mutate(
            REPORT_LOCATED, {"input": dispute_input(station, description=description, location=location)}
        )
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 500}}
    edges = (await officer.data(NEAR, {"spatial": spatial}))["disputes"]["edges"]
    assert [edge["node"]["description"] for edge in edges] == ["近处纠纷"]


async def test_a_spatial_filter_keeps_the_read_rule_of_a_mediator(officer, station, login_as):
    location = {"longitude": QUXIAN[0], "latitude": QUXIAN[1]}
    await officer.mutate(REPORT_LOCATED, {"input": dispute_input(station, location=location)})
    mediator = await login_as(Role.MEDIATOR, station=station)
    spatial = {"near": {"point": {"longitude": 106.97, "latitude": 30.84}, "radiusMetres": 500}}
    assert (await mediator.data(NEAR, {"spatial": spatial}))["disputes"]["edges"] == []
