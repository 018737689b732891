"""Introspection for logged-in users by default ([server] introspection), "Did you mean …"
hidden from whoever may not introspect, GraphiQL off unless asked for."""

import httpx
import pytest

import tests.core.sample_plugin as sample_plugin
from core import Role
from core.app import create_app
from core.config import ServerSettings, load_settings
from core.errors import ConfigError
from core.testing import GraphQLClient

SCHEMA = "{ __schema { queryType { name } } }"
TYPE = '{ __type(name: "SamplePerson") { name } }'
TYPO = "{ samplePeple { totalCount } }"


async def app_with(make_app, introspection: str):
    return await make_app(["sample"], extra_plugins=[sample_plugin], server=ServerSettings(introspection=introspection))


def test_the_default_is_authenticated_and_graphiql_off():
    server = load_settings(environ={}).server
    assert (server.introspection, server.graphiql) == ("authenticated", False)


def test_an_unknown_mode_stops_start_up():
    with pytest.raises(ConfigError, match="server.introspection: expected 'authenticated', 'always' or 'never'"):
        load_settings(environ={"FENGQIAO_SERVER__INTROSPECTION": "sometimes"})


@pytest.mark.parametrize("query", [SCHEMA, TYPE])
async def test_anonymous_callers_may_not_introspect_by_default(client, query):
    body = await client.execute(query)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_introspection_hidden_in_a_fragment_is_found(client):
    body = await client.execute("{ ...F } fragment F on Query { __schema { queryType { name } } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_typename_is_not_introspection(client):
    assert await client.data("{ __typename }") == {"__typename": "Query"}


async def test_logged_in_users_may_introspect_by_default(login_as, station):
    resident = await login_as(Role.RESIDENT, station=station)
    assert await resident.data(SCHEMA) == {"__schema": {"queryType": {"name": "Query"}}}


async def test_never_refuses_even_logged_in_users(make_app):
    app = await app_with(make_app, "never")
    from core.testing import create_station, create_user, token_for

    token = token_for(app, await create_user(app, await create_station(app), Role.STATION_CHIEF))
    body = await GraphQLClient(app, token=token).execute(SCHEMA)
    assert body["errors"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"


async def test_always_lets_anonymous_callers_introspect(make_app):
    app = await app_with(make_app, "always")
    assert await GraphQLClient(app).data(SCHEMA) == {"__schema": {"queryType": {"name": "Query"}}}


async def test_suggestions_are_hidden_from_anonymous_callers(client):
    body = await client.execute(TYPO)
    assert body["errors"][0]["message"] == "Cannot query field 'samplePeple' on type 'Query'."
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_suggestions_are_shown_to_those_who_may_introspect(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute(TYPO)
    assert "Did you mean 'samplePeople'" in body["errors"][0]["message"]


async def test_suggestions_are_hidden_from_everyone_when_introspection_is_never(make_app):
    app = await app_with(make_app, "never")
    from core.testing import create_station, create_user, token_for

    token = token_for(app, await create_user(app, await create_station(app), Role.STATION_CHIEF))
    body = await GraphQLClient(app, token=token).execute(TYPO)
    assert "Did you mean" not in body["errors"][0]["message"]


async def test_enum_value_suggestions_in_variables_are_hidden_too(make_app):
    app = await make_app(["patrol"])
    query = "query($f: IncidentFilter) { incidents(filter: $f) { totalCount } }"
    body = await GraphQLClient(app).execute(query, {"f": {"status": "DISPATCHD"}})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Did you mean" not in body["errors"][0]["message"]


async def test_graphiql_is_off_by_default(app):
    transport = httpx.ASGITransport(app=create_app(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404


async def test_debug_turns_graphiql_on(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], debug=True)
    transport = httpx.ASGITransport(app=create_app(app))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()
