"""Fixtures for the volunteers plugin tests."""

import pytest

import plugins.volunteers as plugin
from core import Role
from tests.plugins.volunteers.helpers import actor_of


@pytest.fixture
async def app(make_app):
    return await make_app(["volunteers"], extra_plugins=[plugin])


@pytest.fixture
async def chief(app, login_as, station):
    """A logged-in station chief (all rights of the station, sees minors)."""
    return await login_as(Role.STATION_CHIEF, station=station, display_name="王所长")


@pytest.fixture
def chief_actor(app, chief, station):
    return actor_of(app, chief.user, station)
