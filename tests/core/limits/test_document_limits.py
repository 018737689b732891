"""Depth, alias, token and directive limits: on by default at graphql-armor's values, each
refused before any resolver runs with its own code and the numbers a client needs."""

import dataclasses

from graphql import get_introspection_query

from core import Role
from core.config import LimitSettings, load_settings
from core.testing import GraphQLClient


def cyclic(levels: int) -> str:
    """``PartyBranch.members ↔ PartyMember.branch`` down to depth ``levels`` (the root is 0)."""
    path = [("members", "branch")[i % 2] for i in range(levels - 2)]
    inner = "id"
    for field in reversed(path):
        inner = f"{field} {{ {inner} }}"
    return f"{{ branches(first: 1) {{ nodes {{ {inner} }} }} }}"


def test_defaults_are_graphql_armors():
    limits = load_settings(environ={}).limits
    assert (limits.max_depth, limits.max_aliases, limits.max_tokens, limits.max_directives) == (6, 15, 1000, 50)
    assert limits.max_body_bytes == 1_048_576


async def test_a_query_six_levels_deep_reaches_execution(make_app):
    app = await make_app(["party_building"])
    body = await GraphQLClient(app).execute(cyclic(6))
    # Past every limit: the resolver's own guard answers.
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_query_seven_levels_deep_is_refused_with_the_numbers(make_app):
    app = await make_app(["party_building"])
    body = await GraphQLClient(app).execute(cyclic(7))
    assert {"code": "QUERY_TOO_DEEP", "limit": 6, "found": 7} in [e["extensions"] for e in body["errors"]]
    assert body["data"] is None


async def test_depth_is_counted_below_the_root_field(make_app):
    import tests.core.sample_plugin as plugin

    app = await make_app(["sample"], extra_plugins=[plugin], limits=LimitSettings(max_depth=2))
    client = GraphQLClient(app)
    assert "errors" not in await client.execute("{ me { station { name } } }")
    body = await client.execute("{ me { station { areas { name } } } }")
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_DEEP", "limit": 2, "found": 3}


async def test_depth_counts_through_fragments(make_app):
    import tests.core.sample_plugin as plugin

    app = await make_app(["sample"], extra_plugins=[plugin], limits=LimitSettings(max_depth=2))
    query = "{ me { ...U } } fragment U on User { station { ... on Station { areas { name } } } }"
    body = await GraphQLClient(app).execute(query)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_the_depth_limit_is_a_setting(make_app):
    app = await make_app(["party_building"], limits=LimitSettings(max_depth=8))
    body = await GraphQLClient(app).execute(cyclic(8))
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_sixteen_aliases_are_refused(client):
    query = "{ " + " ".join(f"a{i}: me {{ username }}" for i in range(16)) + " }"
    body = await client.execute(query)
    assert body["errors"][0]["extensions"] == {"code": "TOO_MANY_ALIASES", "limit": 15, "found": 16}


async def test_fifteen_aliases_pass(client):
    query = "{ " + " ".join(f"a{i}: me {{ username }}" for i in range(15)) + " }"
    assert "errors" not in await client.execute(query)


async def test_more_than_a_thousand_tokens_are_refused_before_parsing_ends(client):
    query = "{ me { " + "username " * 1000 + "} }"
    body = await client.execute(query)
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_TOKENS"
    assert "1000 tokens" in body["errors"][0]["message"]


async def test_more_than_fifty_directives_are_refused(make_app):
    import tests.core.sample_plugin as plugin

    # Raise the token limit so the directive limit is the one that answers.
    app = await make_app(["sample"], extra_plugins=[plugin], limits=LimitSettings(max_tokens=100_000))
    query = "{ me " + "@include(if: true) " * 51 + "{ username } }"
    body = await GraphQLClient(app).execute(query)
    assert body["errors"][0]["extensions"] == {"code": "TOO_MANY_DIRECTIVES", "limit": 50, "found": 51}


async def test_a_thousand_unknown_directives_are_refused_by_a_limit_not_listed(client):
    body = await client.execute("{ me " + "@x " * 1000 + "{ username } }")
    assert len(body["errors"]) == 1
    assert body["errors"][0]["extensions"]["code"] in ("TOO_MANY_TOKENS", "TOO_MANY_DIRECTIVES")


async def test_a_limit_refusal_runs_no_resolver(login_as, station, caplog):
    officer = await login_as(Role.OFFICER, station=station)
    # sampleBroken raises (and logs) when it runs; over the alias limit it never runs.
    query = "{ " + " ".join(f"a{i}: sampleBroken" for i in range(16)) + " }"
    body = await officer.execute(query)
    assert body["errors"][0]["extensions"]["code"] == "TOO_MANY_ALIASES"
    assert "hunter2" not in caplog.text


async def test_the_standard_introspection_query_passes_every_limit(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute(get_introspection_query(descriptions=True))
    assert "errors" not in body and body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_introspection_may_not_nest_a_list_inside_itself(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    query = '{ __type(name: "Query") { fields { type { fields { type { fields { name } } } } } } }'
    body = await officer.execute(query)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert "'fields' inside 'fields'" in body["errors"][0]["message"]


def test_limits_below_one_stop_start_up():
    import pytest

    from core.errors import ConfigError

    with pytest.raises(ConfigError, match="limits.max_cost"):
        load_settings(environ={"FENGQIAO_LIMITS__MAX_COST": "0"})
    assert dataclasses.replace(load_settings(environ={}).limits, max_cost=7).max_cost == 7


def test_the_example_configuration_shows_every_limit_with_its_default():
    import tomllib
    from pathlib import Path

    example = tomllib.loads((Path(__file__).resolve().parents[3] / "fengqiao.example.toml").read_text(encoding="utf-8"))
    defaults = LimitSettings()
    for name in ("max_depth", "max_aliases", "max_tokens", "max_directives", "max_cost", "max_body_bytes", "max_input_length", "max_filter_length"):
        assert example["limits"][name] == getattr(defaults, name), name
    assert example["server"]["introspection"] == "authenticated" and example["server"]["graphiql"] is False
