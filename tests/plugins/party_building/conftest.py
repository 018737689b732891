"""Fixtures for the party building tests: the plugin loaded, a station chief, a branch."""

from __future__ import annotations

import pytest

import plugins.party_building as plugin
from core import Role, to_global_id
from core.testing import create_user
from tests.plugins.party_building import documents as doc


@pytest.fixture
async def app(make_app):
    return await make_app(["party_building"], extra_plugins=[plugin])


@pytest.fixture
async def chief(login_as, station):
    return await login_as(Role.STATION_CHIEF, station=station, display_name="王所长")


@pytest.fixture
async def officer(login_as, station):
    return await login_as(Role.OFFICER, station=station, display_name="李警官")


@pytest.fixture
async def branch(chief):
    """城东派出所党支部, founded at the start of 2020."""
    payload = await chief.mutate(
        doc.CREATE_BRANCH, {"input": {"name": "城东派出所党支部", "establishedOn": "2020-01-01"}}
    )
    return payload["branch"]["id"]


@pytest.fixture
def add_member(app, chief):
    """``await add_member(branch_id, user=None, status="FULL", offices=[])`` → member global id."""

    async def add(branch_id, user=None, *, status="FULL", offices=(), joined_on="2015-07-01", name="党员"):
        if user is None:
            user = await create_user(app, chief.user.station, Role.OFFICER, display_name=name)
        payload = await chief.mutate(
            doc.ADD_MEMBER,
            {
                "input": {
                    "branchId": branch_id,
                    "userId": to_global_id("User", user.id),
                    "status": status,
                    "joinedOn": joined_on,
                    "offices": list(offices),
                }
            },
        )
        return payload["member"]["id"]

    return add
