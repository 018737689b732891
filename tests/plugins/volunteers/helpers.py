"""Helpers for the volunteers tests: actors for direct service calls and quick set-ups."""

from __future__ import annotations

import contextlib
import datetime as dt

from core import Actor, Role, to_global_id
from core.audit import audit_context
from core.db import transaction

PHONE = "13812345678"


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, pk)


def actor_of(app, user, station) -> Actor:
    roles = frozenset(Role(role) for role in user.roles)
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=roles,
        station_id=user.station_id,
        permissions=app.permissions.for_roles(roles),
        station_plugins=frozenset(station.enabled_plugins) if station is not None else None,
    )


@contextlib.asynccontextmanager
async def acting(actor: Actor):
    """Run service calls as ``actor`` in one transaction, as a mutation would."""
    with audit_context(actor):
        async with transaction():
            yield


def phone(index: int) -> str:
    return f"139{index:08d}"


def moment(clock, days_ago: float = 0, hour: int = 9) -> dt.datetime:
    day = clock.today() - dt.timedelta(days=int(days_ago))
    return clock.start_of(day) + dt.timedelta(hours=hour)


async def count(model, **filters) -> int:
    return await model.filter(**filters).count()


async def items_app(make_app):
    """An app with the volunteers plugin and the ``testitems`` test plugin, emptied."""
    import plugins.volunteers as plugin
    from tests.plugins.volunteers import testitems

    testitems.CLOSED.clear()
    testitems.FIGURES.clear()
    testitems.CALLS.clear()
    testitems.EVENTS.clear()
    return await make_app(["volunteers", "testitems"], extra_plugins=[plugin, testitems])


def renewed(app, client):
    """The same user with a fresh token, after the test clock moved past the token's life."""
    from core.testing import token_for

    fresh = client.as_user(token_for(app, client.user))
    fresh.user = client.user
    return fresh
