"""The static query cost: computed from the document before execution, lists multiplied by
their page size, cycles no way around it, plugins pricing their heavy fields."""

import pytest

import tests.core.sample_plugin as sample_plugin
from core import FieldCost
from core.config import LimitSettings
from core.errors import ConfigError
from core.testing import GraphQLClient
from tests.core.fake_plugins import make_plugin

FLOOD = "{ " + " ".join(f"a{i}: incidents(first: 200) {{ nodes {{ persons {{ name idNumber }} }} }}" for i in range(40)) + " }"


def codes(body):
    return [error["extensions"]["code"] for error in body["errors"]]


async def test_forty_aliased_pages_of_incidents_with_persons_cost_too_much(make_app):
    # Even with the alias limit raised to let them through, the cost limit refuses them.
    app = await make_app(["patrol"], limits=LimitSettings(max_aliases=40))
    body = await GraphQLClient(app).execute(FLOOD)
    [error] = body["errors"]
    # Each alias: 1 (connection) + 200 incidents x (1 + 10 persons x 1).
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 25_000, "cost": 40 * 2201}
    assert body["data"] is None


async def test_the_flood_is_refused_at_the_default_limits_too(make_app):
    app = await make_app(["patrol"])
    body = await GraphQLClient(app).execute(FLOOD)
    assert set(codes(body)) == {"TOO_MANY_ALIASES", "QUERY_TOO_COSTLY"}


async def test_one_full_page_of_incidents_with_persons_is_affordable(make_app):
    app = await make_app(["patrol"])
    body = await GraphQLClient(app).execute("{ incidents(first: 200) { nodes { persons { name } } } }")
    assert codes(body) == ["UNAUTHENTICATED"]  # past the limits, the resolver's guard answers


async def test_first_given_as_a_variable_multiplies_the_cost(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(max_cost=100))
    query = "query($n: Int) { samplePeople(first: $n) { nodes { name } } }"
    client = GraphQLClient(app)
    assert codes(await client.execute(query, {"n": 99})) == ["UNAUTHENTICATED"]  # 1 + 99
    body = await client.execute(query, {"n": 100})
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 100, "cost": 101}


async def test_a_connection_without_first_costs_the_default_page_size(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(max_cost=50))
    body = await GraphQLClient(app).execute("{ samplePeople { nodes { name } } }")
    assert body["errors"][0]["extensions"]["cost"] == 51


async def test_scalars_cost_nothing_and_objects_one(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(max_cost=1))
    body = await GraphQLClient(app).execute("{ me { station { name code } } }")  # me 1 + station 1
    assert body["errors"][0]["extensions"]["cost"] == 2


async def test_cyclic_types_multiply_at_every_turn(make_app):
    # PartyBranch.members <-> PartyMember.branch: going round the cycle does not reset the price.
    app = await make_app(["party_building"], limits=LimitSettings(max_depth=50))
    inner = "id"
    for field in reversed(["members", "branch"] * 4):
        inner = f"{field} {{ {inner} }}"
    body = await GraphQLClient(app).execute(f"{{ branches(first: 10) {{ nodes {{ {inner} }} }} }}")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > 10 * 10**4


async def test_a_fragment_counts_every_time_it_is_spread(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(max_cost=81))
    query = "{ a: samplePeople(first: 40) { ...P } b: samplePeople(first: 40) { ...P } } fragment P on SamplePersonConnection { nodes { name } }"
    body = await GraphQLClient(app).execute(query)
    assert body["errors"][0]["extensions"]["cost"] == 2 * 41


async def test_a_fragment_bomb_is_priced_without_expanding_it(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin])
    # F0 spreads F1 twice, F1 spreads F2 twice ... 2**40 copies of { me { username } }.
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40))
    query = "{ ...F0 } " + fragments + " fragment F40 on Query { me { username } }"
    body = await GraphQLClient(app).execute(query)
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 25_000, "cost": 2**40}


async def test_statistics_fields_of_the_pillars_cost_more(make_app):
    app = await make_app(["patrol"], limits=LimitSettings(max_cost=9))
    query = '{ incidentStats(period: {start: "2020-08-01", end: "2020-08-31"}) { total } }'
    body = await GraphQLClient(app).execute(query)
    assert body["errors"][0]["extensions"]["cost"] == 10


async def test_a_plugin_prices_a_field_through_fengqiao_field_costs(make_app):
    priced = make_plugin("priced", fengqiao_field_costs=lambda: [FieldCost("Query", "samplePeople", cost=500)])
    app = await make_app(["sample", "priced"], extra_plugins=[sample_plugin, priced], limits=LimitSettings(max_cost=400))
    body = await GraphQLClient(app).execute("{ samplePeople(first: 1) { totalCount } }")
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 400, "cost": 500}


async def test_a_plugin_sets_the_usual_size_of_a_plain_list(make_app):
    sized = make_plugin("sized", fengqiao_field_costs=lambda: [FieldCost("Station", "areas", list_size=100)])
    app = await make_app(["sample", "sized"], extra_plugins=[sample_plugin, sized], limits=LimitSettings(max_cost=50))
    body = await GraphQLClient(app).execute("{ me { station { areas { name } } } }")
    assert body["errors"][0]["extensions"]["cost"] == 1 + 1 + 100


async def test_a_cost_for_a_field_not_in_the_schema_stops_start_up(make_app):
    wrong = make_plugin("wrong", fengqiao_field_costs=lambda: [FieldCost("Query", "noSuchField", cost=5)])
    app = await make_app(["sample", "wrong"], extra_plugins=[sample_plugin, wrong])
    with pytest.raises(ConfigError, match="plugin 'wrong' declares a cost for Query.noSuchField"):
        _ = app.schema  # built (and checked) before the server binds its port


def test_a_negative_cost_is_refused_where_it_is_declared():
    with pytest.raises(ValueError, match="must not be negative"):
        FieldCost("Query", "x", cost=-1)


async def test_a_document_is_measured_once_for_the_same_variables_and_anew_for_others(make_app, monkeypatch):
    import core.graphql.limits.rules as rules

    measured = []
    original = rules.measure
    monkeypatch.setattr(rules, "measure", lambda *args: measured.append(args[2]) or original(*args))
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(max_cost=100))
    query = "query($n: Int) { samplePeople(first: $n) { nodes { name } } }"
    client = GraphQLClient(app)
    for _ in range(3):
        assert codes(await client.execute(query, {"n": 99})) == ["UNAUTHENTICATED"]
    body = await client.execute(query, {"n": 100})  # a cached verdict must not let it through
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_COSTLY", "limit": 100, "cost": 101}
    assert len(measured) == 2
