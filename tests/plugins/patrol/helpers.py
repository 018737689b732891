"""Helpers shared by the patrol tests (no fixtures here)."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from core import Actor, Role, make_id_number, to_global_id

_sequence = itertools.count(1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def id_number(birth: dt.date = dt.date(1980, 5, 17), sequence: int | None = None) -> str:
    """A valid ID number, different on every call unless ``sequence`` is given."""
    return make_id_number("511725", birth, sequence if sequence is not None else next(_sequence) % 1000)


def gid(type_name: str, row) -> str:
    return to_global_id(type_name, row if isinstance(row, int) else row.id)


def area_id(station, name: str = "grid") -> str:
    return gid("Area", station.test_areas[name])


def actor_for(app, user, station=None, *roles: Role) -> Actor:
    """The actor a logged-in user would be, for calling services directly."""
    granted = frozenset(roles) if roles else frozenset(Role(role) for role in user.roles)
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=granted,
        station_id=station.id if station is not None else None,
        permissions=app.permissions.for_roles(granted),
        station_plugins=frozenset(station.enabled_plugins) if station is not None else None,
    )


@contextlib.asynccontextmanager
async def writing(actor: Actor):
    """A transaction with an audit context, as a mutation has, for calling services directly."""
    from core.audit import audit_context
    from core.db import transaction

    with audit_context(actor):
        async with transaction():
            yield


def shanghai(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def refresh_token(app, client) -> None:
    """Log the client in again (tokens expire when a test moves the clock by days)."""
    from core.testing import token_for

    client.token = token_for(app, client.user)
