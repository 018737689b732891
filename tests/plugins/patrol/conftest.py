"""Fixtures for the patrol plugin's tests."""

from __future__ import annotations

import pytest

import plugins.patrol as plugin
from core import Role


@pytest.fixture
async def app(make_app):
    return await make_app(["patrol"], extra_plugins=[plugin])


@pytest.fixture
async def officer(login_as, station):
    return await login_as(Role.OFFICER, station=station)
