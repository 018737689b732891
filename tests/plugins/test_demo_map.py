"""The demo deployment is on the map: 渠县 around 106.97E 30.84N, every area with a boundary
inside its parent's, and incidents, cameras and disputes inside their areas."""

from __future__ import annotations

import pytest

import plugins.mediation
import plugins.patrol
from core import Role
from core.demo import load_demo
from core.geo.distance import haversine_metres
from core.geo.polygon import contains, polygons_of, within
from core.identity.models import Area
from core.testing import GraphQLClient, token_for
from plugins.mediation.models import Dispute
from plugins.patrol import models


@pytest.fixture
async def app(make_app):
    return await make_app(["mediation", "patrol"], extra_plugins=[plugins.mediation, plugins.patrol])


async def test_the_demo_places_the_articles_station_in_quxian_with_nested_boundaries(app):
    demo = await load_demo(app)
    areas = {area.id: area for area in await Area.filter(station_id=demo.main_station.id)}
    town = next(area for area in areas.values() if area.parent_id is None)
    assert haversine_metres(town.longitude, town.latitude, 106.97, 30.84) < 2000
    for area in areas.values():
        assert area.boundary is not None, area.name
        if area.parent_id is not None:
            assert within(polygons_of(area.boundary), polygons_of(areas[area.parent_id].boundary)), area.name


async def test_demo_incidents_cameras_and_disputes_lie_in_their_areas(app):
    demo = await load_demo(app)
    areas = {area.id: polygons_of(area.boundary) for area in await Area.filter(station_id=demo.main_station.id)}
    for model in (models.Incident, models.SurveillanceAsset, Dispute):
        rows = await model.filter(station_id=demo.main_station.id)
        assert rows and all(row.longitude is not None for row in rows), model.__name__
        assert all(contains(areas[row.area_id], row.longitude, row.latitude) for row in rows), model.__name__


async def test_the_demo_camera_layer_draws_the_main_stations_cameras(app):
    demo = await load_demo(app)
    officer = GraphQLClient(app, token_for(app, demo.user(demo.main_station, Role.OFFICER)))
    data = await officer.data('{ mapLayer(kind: "patrol.cameras", datum: GCJ02) }')
    features = data["mapLayer"]["features"]
    assert len(features) == await models.SurveillanceAsset.filter(station_id=demo.main_station.id).count()
