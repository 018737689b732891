"""Fixtures for the mediation plugin's tests."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import plugins.mediation as plugin
from core import Role, make_id_number, to_global_id

_sequence = itertools.count(1)


@pytest.fixture
async def app(make_app):
    return await make_app(["mediation"], extra_plugins=[plugin])


async def quick_user(station, *roles: Role, display_name: str = "李警官"):
    """A user row without password hashing (Argon2 costs ~0.4 s a user): tests log in by token."""
    from core.identity.models import User

    number = next(_sequence)
    return await User.create(
        username=f"mediation{number}",
        display_name=display_name,
        password_hash="!",
        station_id=station.id if station is not None else None,
        roles=[role.value for role in roles or (Role.OFFICER,)],
    )


@pytest.fixture
def login_as(app):
    """Like the core's ``login_as``, with quick users."""
    from core.testing import GraphQLClient, token_for

    async def login(*roles: Role, station=None, display_name: str = "李警官"):
        user = await quick_user(station, *roles, display_name=display_name)
        client = GraphQLClient(app, token_for(app, user))
        client.user = user
        return client

    return login


def id_number(birth: dt.date = dt.date(1980, 5, 17), sequence: int | None = None) -> str:
    """A valid ID number, different on every call unless ``sequence`` is given."""
    return make_id_number("511725", birth, sequence if sequence is not None else next(_sequence) % 1000)


def gid(type_name: str, row) -> str:
    return to_global_id(type_name, row if isinstance(row, int) else row.id)


REPORT = """
mutation($input: ReportDisputeInput!) {
  reportDispute(input: $input) {
    dispute { id status riskLevel level riskRules { rule level } deadlineAt }
    errors { field message code }
  }
}
"""


def dispute_input(station, **overrides):
    values = {
        "parties": [
            {"name": "张三", "idNumber": id_number(), "phone": "13812345678", "role": "APPLICANT"},
            {"name": "李四", "idNumber": id_number(), "role": "RESPONDENT"},
        ],
        "category": "NEIGHBOUR",
        "areaId": gid("Area", station.test_areas["community"]),
        "description": "楼上漏水引发邻里纠纷",
        "source": "WALK_IN",
        "riskFactors": [],
    }
    values.update(overrides)
    return values


@pytest.fixture
async def officer(login_as, station):
    return await login_as(Role.OFFICER, station=station, display_name="李警官")


@pytest.fixture
async def team(app, station):
    """A full team's users: a professional (officer), a volunteer and a people's mediator."""
    return {
        "PROFESSIONAL": await quick_user(station, Role.OFFICER, display_name="王警官"),
        "VOLUNTEER": await quick_user(station, Role.VOLUNTEER, display_name="赵志愿者"),
        "PEOPLES_MEDIATOR": await quick_user(station, Role.MEDIATOR, display_name="陈调解员"),
    }


def team_input(team) -> list[dict]:
    return [{"userId": gid("User", user), "teamRole": role} for role, user in team.items()]


def pk(global_id: str, type_name: str = "Dispute") -> int:
    from core import decode_id

    return decode_id(global_id, type_name, field="id")


def relogin(app, client):
    """The same user with a fresh token (after the clock moved past the token's lifetime)."""
    from core.testing import token_for

    fresh = client.as_user(token_for(app, client.user))
    fresh.user = client.user
    return fresh


def actor_of(app, user, station_id: int | None):
    """The actor a logged-in user would be, for calling services directly."""
    from core import Actor

    roles = frozenset(Role(role) for role in user.roles)
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=roles,
        station_id=station_id,
        permissions=app.permissions.for_roles(roles),
        station_plugins=frozenset({"mediation"}) if station_id else None,
    )
