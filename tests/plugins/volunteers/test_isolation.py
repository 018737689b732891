"""The core's guarantees checked over everything this plugin registers: guarded root fields,
and no row or node of one station reaching another, over the demo data."""

import pytest

from core import Role
from core.identity.services import actor_for_user
from core.tenancy import STATION_OWNED_MODELS, get_scoped, scoped
from core.testing import GraphQLClient, token_for
from tests.core.test_root_field_guards import (
    check_all_permission_fields_refuse_roles_without_it,
    check_all_root_fields_refuse_anonymous_callers,
)


@pytest.fixture
async def demo(app):
    from core.testing import demo_data

    return await demo_data(app)


async def test_every_root_field_refuses_anonymous_callers(app):
    assert await check_all_root_fields_refuse_anonymous_callers(app) > 20


async def test_every_root_field_refuses_roles_without_its_permission(app, login_as, station):
    assert await check_all_permission_fields_refuse_roles_without_it(app, login_as, station) > 20


async def test_no_row_of_the_plugin_reaches_an_officer_of_another_station(app, demo):
    from core.errors import UserInputError

    ours = [model for model in STATION_OWNED_MODELS if model._meta.app == "volunteers"]
    stations = list(demo.stations.values())
    for model in ours:
        row = await model.all().first()
        assert row is not None, f"the demo data has no {model.__name__}"
        other = next(s for s in stations if s.id != row.station_id)
        user = demo.user(other, Role.OFFICER)
        await user.fetch_related("station")
        officer = actor_for_user(user)
        assert not await scoped(officer, model).filter(pk=row.pk).exists(), model
        with pytest.raises(UserInputError):
            await get_scoped(officer, model, row.pk)


async def test_node_lookup_of_the_plugin_never_crosses_stations(app, demo):
    from core.graphql.ids import to_global_id
    from core.graphql.relay import NODE_TYPES

    stations = list(demo.stations.values())
    ours = {name: reg for name, reg in NODE_TYPES.items() if reg.model._meta.app == "volunteers"}
    assert len(ours) >= 10
    for type_name, registration in ours.items():
        row = await registration.model.all().first()
        other = next(s for s in stations if s.id != row.station_id)
        client = GraphQLClient(app, token_for(app, demo.user(other, Role.STATION_CHIEF)))
        body = await client.execute("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id(type_name, row.pk)})
        assert body["data"]["node"] is None, (type_name, body)
        own = GraphQLClient(
            app, token_for(app, demo.user(next(s for s in stations if s.id == row.station_id), Role.STATION_CHIEF))
        )
        body = await own.execute("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id(type_name, row.pk)})
        assert body["data"]["node"] is not None, (type_name, body)
