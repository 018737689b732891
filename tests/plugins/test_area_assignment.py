"""Objects created with a location: the area follows one rule (``core.settle_area``) in every
create mutation that names an area — disputes, incidents, surveillance assets and standard
addresses. Without an area the grid containing the point is taken; an explicit area wins; a
point outside the explicit area is a CONFLICT unless forced; nothing else is guessed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

import plugins.mediation
import plugins.patrol
from core import Role, audit_context, transaction
from core.geo.boundaries import set_boundary
from core.identity.actor import SYSTEM
from plugins.mediation.models import Dispute
from plugins.patrol import models as patrol
from tests.plugins.mediation.conftest import dispute_input
from tests.plugins.patrol.flows import incident_input
from tests.plugins.patrol.helpers import gid

IN_GRID = {"longitude": 106.97, "latitude": 30.84}
# In the community, east of its grid.
IN_COMMUNITY_ONLY = {"longitude": 106.99, "latitude": 30.84}
OUTSIDE_EVERY_AREA = {"longitude": 110.0, "latitude": 35.0}


@dataclasses.dataclass(frozen=True)
class Creation:
    """A create mutation of a located model that takes an area."""

    name: str
    mutation: str
    model: Any
    # (station, counter) -> the input without areaId or location
    base: Callable[[Any, int], dict]
    location_field: str = "location"


def _asset(station, n: int) -> dict:
    return {"kind": "CAMERA", "project": "SKYNET", "name": f"摄像头{n}"}


def _address(station, n: int) -> dict:
    return {"address": f"渠县文峰路{n}号"}


def _dispute(station, n: int) -> dict:
    values = dispute_input(station, description=f"纠纷{n}")
    del values["areaId"]
    return values


def _incident(station, n: int) -> dict:
    values = incident_input(station, address=f"地点{n}")
    del values["areaId"]
    return values


CREATIONS = [
    Creation("reportDispute", "ReportDisputeInput", Dispute, _dispute),
    Creation("reportIncident", "ReportIncidentInput", patrol.Incident, _incident),
    Creation(
        "registerSurveillanceAsset", "RegisterSurveillanceAssetInput", patrol.SurveillanceAsset, _asset, "geoLocation"
    ),
    Creation("createStandardAddress", "CreateStandardAddressInput", patrol.StandardAddress, _address),
]


@pytest.fixture
async def app(make_app):
    return await make_app(["mediation", "patrol"], extra_plugins=[plugins.mediation, plugins.patrol])


@pytest.fixture(params=CREATIONS, ids=[creation.name for creation in CREATIONS])
def creation(request) -> Creation:
    return request.param


@pytest.fixture
async def chief(login_as, station):
    return await login_as(Role.STATION_CHIEF, station=station)


def square(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


async def bound(station) -> None:
    """The grid covers 106.96–106.98E, 30.83–30.85N, inside its community and town."""
    admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
    areas = station.test_areas
    with audit_context(admin):
        async with transaction():
            await set_boundary(areas["town"], square(106.90, 30.78, 107.05, 30.90))
            await set_boundary(areas["community"], square(106.95, 30.82, 107.00, 30.86))
            await set_boundary(areas["grid"], square(106.96, 30.83, 106.98, 30.85))


async def create(client, creation: Creation, station, *, area=None, location=None, force=None, n: int = 1) -> dict:
    values = creation.base(station, n)
    if area is not None:
        values["areaId"] = gid("Area", area)
    if location is not None:
        values[creation.location_field] = location
    if force is not None:
        values["force"] = force
    document = (
        f"mutation($input: {creation.mutation}!) {{ {creation.name}(input: $input) "
        "{ errors { field code message } } }"
    )
    return (await client.data(document, {"input": values}))[creation.name]


async def test_a_point_without_an_area_is_assigned_the_grid_containing_it(chief, station, creation):
    await bound(station)
    assert (await create(chief, creation, station, location=IN_GRID))["errors"] == []
    row = await creation.model.get()
    assert row.area_id == station.test_areas["grid"].id


async def test_a_point_in_no_grid_is_assigned_the_deepest_area_containing_it(chief, station, creation):
    await bound(station)
    assert (await create(chief, creation, station, location=IN_COMMUNITY_ONLY))["errors"] == []
    assert (await creation.model.get()).area_id == station.test_areas["community"].id


async def test_an_explicit_area_containing_the_point_wins_over_its_grid(chief, station, creation):
    await bound(station)
    community = station.test_areas["community"]
    assert (await create(chief, creation, station, area=community, location=IN_GRID))["errors"] == []
    assert (await creation.model.get()).area_id == community.id


async def test_an_explicit_area_not_containing_the_point_is_a_conflict_writing_nothing(chief, station, creation):
    await bound(station)
    payload = await create(chief, creation, station, area=station.test_areas["grid"], location=IN_COMMUNITY_ONLY)
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [(creation.location_field, "CONFLICT")]
    assert await creation.model.all().count() == 0


async def test_force_keeps_an_explicit_area_not_containing_the_point(chief, station, creation):
    await bound(station)
    grid = station.test_areas["grid"]
    payload = await create(chief, creation, station, area=grid, location=IN_COMMUNITY_ONLY, force=True)
    assert payload["errors"] == []
    row = await creation.model.get()
    assert row.area_id == grid.id and (row.longitude, row.latitude) == (106.99, 30.84)


async def test_a_point_outside_every_area_without_an_area_is_refused(chief, station, creation):
    await bound(station)
    payload = await create(chief, creation, station, location=OUTSIDE_EVERY_AREA)
    assert payload["errors"] == [
        {
            "field": "areaId",
            "code": "REQUIRED",
            "message": "No area of the station contains this location; choose an area.",
        }
    ]
    assert await creation.model.all().count() == 0


async def test_neither_area_nor_point_is_refused(chief, station, creation):
    payload = await create(chief, creation, station)
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [("areaId", "REQUIRED")]
    assert await creation.model.all().count() == 0


async def test_another_stations_area_reads_as_not_found(chief, station, other_station, creation):
    payload = await create(chief, creation, station, area=other_station.test_areas["grid"], location=IN_GRID)
    assert ("areaId", "NOT_FOUND") in [(error["field"], error["code"]) for error in payload["errors"]]
    assert await creation.model.all().count() == 0


async def test_another_stations_grid_containing_the_point_is_never_assigned(chief, station, other_station, creation):
    await bound(other_station)
    payload = await create(chief, creation, station, location=IN_GRID)
    assert [(error["field"], error["code"]) for error in payload["errors"]] == [("areaId", "REQUIRED")]


async def test_an_area_without_a_boundary_accepts_any_point(chief, station, creation):
    grid = station.test_areas["grid"]
    assert (await create(chief, creation, station, area=grid, location=OUTSIDE_EVERY_AREA))["errors"] == []
    assert (await creation.model.get()).area_id == grid.id
