"""The deployment with every built-in plugin: schema, demo data, and the core's guarantees
checked generically over everything the plugins registered."""

from pathlib import Path

import pytest
from strawberry.printer import print_schema

from core import Role
from core.contract import Role as RoleEnum
from core.errors import UserErrorCode, UserInputError
from core.identity.services import actor_for_user
from core.plugins import discover
from core.runtime import Fengqiao
from core.tenancy import STATION_OWNED_MODELS, get_scoped, scoped
from core.testing import GraphQLClient, create_user, make_settings, token_for
from tests.core.test_root_field_guards import (
    check_all_permission_fields_refuse_roles_without_it,
    check_all_root_fields_refuse_anonymous_callers,
)

ROOT = Path(__file__).resolve().parents[2]
BUILT_INS = sorted(name for name, found in discover(third_party=False).items())


@pytest.fixture
async def app(make_app):
    return await make_app(None)


@pytest.fixture
async def demo(app):
    from core.testing import demo_data

    return await demo_data(app)


def test_checked_in_schema_is_current(app):
    assert (ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8") == print_schema(app.schema) + "\n", (
        "schema/schema.graphql is stale: run 'FENGQIAO_PLUGINS__THIRD_PARTY=false fengqiao schema export > schema/schema.graphql'"
    )


@pytest.mark.parametrize("plugin", BUILT_INS)
async def test_each_built_in_plugin_builds_a_schema_alone(make_app, plugin):
    app = await make_app([plugin])
    assert app.schema.query is not None


def test_a_plugin_left_out_leaves_no_trace_in_the_schema(tmp_path):
    def schema_of(plugins):  # a schema needs no database (as for 'fengqiao schema export')
        return print_schema(Fengqiao.create(make_settings(f"sqlite://{tmp_path / 'unused.db'}", plugins)).schema)

    full = schema_of(None)
    for plugin in BUILT_INS:
        assert len(schema_of([p for p in BUILT_INS if p != plugin])) < len(full), plugin


async def test_demo_loads_every_plugin(app, demo):
    assert len(demo.stations) == 3


async def test_every_root_field_refuses_anonymous_callers(app):
    assert await check_all_root_fields_refuse_anonymous_callers(app) > 20


async def test_every_root_field_refuses_roles_without_its_permission(app, login_as, station):
    assert await check_all_permission_fields_refuse_roles_without_it(app, login_as, station) > 20


async def test_no_station_owned_row_reaches_an_officer_of_another_station(app, demo):
    loaded = set(app.db_config["apps"])
    models = [m for m in STATION_OWNED_MODELS if m._meta.app in loaded]
    uncovered = []
    stations = list(demo.stations.values())
    for model in models:
        row = await model.all().first()
        if row is None:
            uncovered.append(f"{model._meta.app}.{model.__name__}")
            continue
        other = next(s for s in stations if s.id != row.station_id)
        officer = actor_for_user(await _user_with_station(demo.user(other, RoleEnum.OFFICER)))
        assert not await scoped(officer, model).filter(pk=row.pk).exists(), model
        with pytest.raises(UserInputError) as refused:
            await get_scoped(officer, model, row.pk)
        assert refused.value.code is UserErrorCode.NOT_FOUND
    assert not uncovered, f"demo data has no rows for {uncovered}: the isolation check cannot cover them"


async def test_node_lookup_never_crosses_stations(app, demo):
    from core.graphql.ids import to_global_id
    from core.graphql.relay import NODE_TYPES

    stations = list(demo.stations.values())
    checked = 0
    for type_name, registration in list(NODE_TYPES.items()):
        if type_name not in app.schema._schema.type_map or "station_id" not in registration.model._meta.fields_map:
            continue
        row = await registration.model.all().first()
        if row is None:
            continue
        other = next(s for s in stations if s.id != row.station_id)
        chief = demo.user(other, RoleEnum.STATION_CHIEF)
        client = GraphQLClient(app, token_for(app, chief))
        body = await client.execute("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id(type_name, row.pk)})
        assert body.get("data", {}).get("node") is None, (type_name, body)
        checked += 1
    assert checked >= 5


async def _user_with_station(user):
    await user.fetch_related("station")
    return user


async def test_bureau_admin_sees_rows_of_every_station(app, demo):
    admin = await create_user(app, None, Role.BUREAU_ADMIN)
    actor = actor_for_user(await _user_with_station(admin))
    from core.identity.models import Area

    assert await scoped(actor, Area).count() == await Area.all().count()


async def test_the_demos_webhook_endpoint_is_switched_off_and_never_calls_out(app, demo):
    from core.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint

    endpoints = await WebhookEndpoint.all()
    assert endpoints and all(not e.enabled and e.url.startswith("https://hooks.example.com/") for e in endpoints)
    assert not await WebhookDelivery.exclude(state=DeliveryState.DELIVERED).exists()  # nothing queued to send
