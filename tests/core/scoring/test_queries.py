"""stationScore, stationRanking and scoreHistory over GraphQL: explanation, ranks, tenancy,
permissions and a statement count that does not grow with the number of stations."""

import datetime as dt

import pytest

from core import Period, Role
from core.scoring.engine import engine_for
from core.testing import count_queries, create_station
from tests.core.scoring.conftest import station_gid
from tests.core.scoring.indicator_plugins import areas_per_station, indicator_plugin, spec

JULY = {"start": "2020-07-01", "end": "2020-07-31"}

SCORE = """
query($id: ID!, $period: PeriodInput!) {
  stationScore(stationId: $id, period: $period) {
    station { name } total frozen
    indicators { key plugin label unit direction category value target weight categoryWeight score share missing explanation }
  }
}"""

RANKING = """
query($period: PeriodInput!, $cls: StationClass) {
  stationRanking(period: $period, stationClass: $cls) { rank total station { name stationClass } }
}"""

HISTORY = """
query($id: ID!, $months: Int!) {
  scoreHistory(stationId: $id, months: $months) { period { start end } total frozen }
}"""


async def test_station_score_explains_every_indicator(login_as, station, figures):
    figures["alpha.rate"].values[station.id] = 45
    figures["alpha.incidents"].values[station.id] = 20
    chief = await login_as(Role.STATION_CHIEF, station=station)

    data = await chief.data(SCORE, {"id": station_gid(station), "period": JULY})

    score = data["stationScore"]
    assert score["station"]["name"] == "渠县公安局城东派出所"
    assert score["frozen"] is False
    assert score["total"] == 50.0
    indicators = {item["key"]: item for item in score["indicators"]}
    assert indicators["alpha.rate"] == {
        "key": "alpha.rate",
        "plugin": "alpha",
        "label": "调解成功率",
        "unit": "%",
        "direction": "HIGHER_IS_BETTER",
        "category": "WORK",
        "value": 45.0,
        "target": 90.0,
        "weight": 2.0,
        "categoryWeight": 1.0,
        "score": 50.0,
        "share": pytest.approx(2 / 3, abs=1e-4),
        "missing": False,
        "explanation": "figure 45",
    }
    assert indicators["alpha.incidents"]["direction"] == "LOWER_IS_BETTER"
    assert indicators["alpha.incidents"]["score"] == 50.0
    assert indicators["beta.satisfaction"]["missing"] is True
    assert indicators["beta.satisfaction"]["value"] is None


async def test_another_stations_score_reads_as_not_found(login_as, station, other_station):
    officer = await login_as(Role.OFFICER, station=station)

    body = await officer.execute(SCORE, {"id": station_gid(other_station), "period": JULY})

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    missing = await officer.execute(SCORE, {"id": "U3RhdGlvbjo5OTk5", "period": JULY})
    assert missing["errors"][0]["message"] == body["errors"][0]["message"]


async def test_a_malformed_station_id_reads_as_not_found(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)

    body = await officer.execute(SCORE, {"id": "not-an-id", "period": JULY})

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_period_ending_before_it_starts_is_a_bad_request(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)

    body = await officer.execute(
        SCORE, {"id": station_gid(station), "period": {"start": "2020-07-31", "end": "2020-07-01"}}
    )

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "ends before it starts" in body["errors"][0]["message"]


@pytest.mark.parametrize("role", [Role.AUXILIARY, Role.GRID_WORKER, Role.RESIDENT, Role.AUDITOR])
async def test_roles_without_score_read_are_forbidden(login_as, station, role):
    user = await login_as(role, station=station)

    for query, variables in (
        (SCORE, {"id": station_gid(station), "period": JULY}),
        (RANKING, {"period": JULY}),
        (HISTORY, {"id": station_gid(station), "months": 3}),
    ):
        body = await user.execute(query, variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_anonymous_callers_must_log_in(client, station):
    body = await client.execute(RANKING, {"period": JULY})

    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_bureau_admin_ranks_every_station_with_ties_sharing_a_rank(app, login_as, figures):
    stations = {}
    for name, rate, cls in (("东所", 90, "ONE"), ("南所", 81, "FOUR"), ("西所", 81, "FOUR"), ("北所", 45, "FOUR")):
        stations[name] = await create_station(app, name=name, station_class=cls, plugins=["alpha"])
        figures["alpha.rate"].values[stations[name].id] = rate
    await create_station(app, name="无数据所", station_class="FOUR", plugins=["alpha"])
    admin = await login_as(Role.BUREAU_ADMIN)

    data = await admin.data(RANKING, {"period": JULY})

    assert [(row["rank"], row["station"]["name"], row["total"]) for row in data["stationRanking"]] == [
        (1, "东所", 100.0),
        (2, "南所", 90.0),
        (2, "西所", 90.0),
        (4, "北所", 50.0),
        (None, "无数据所", None),
    ]


async def test_ranking_by_station_class_ranks_within_the_class(app, login_as, figures):
    for name, rate, cls in (("东所", 90, "ONE"), ("南所", 81, "FOUR"), ("北所", 45, "FOUR")):
        station = await create_station(app, name=name, station_class=cls, plugins=["alpha"])
        figures["alpha.rate"].values[station.id] = rate
    admin = await login_as(Role.BUREAU_ADMIN)

    data = await admin.data(RANKING, {"period": JULY, "cls": "FOUR"})

    assert [(row["rank"], row["station"]["name"]) for row in data["stationRanking"]] == [(1, "南所"), (2, "北所")]
    assert {row["station"]["stationClass"] for row in data["stationRanking"]} == {"FOUR"}


async def test_station_users_rank_only_the_stations_they_may_see(login_as, station, other_station, figures):
    figures["alpha.rate"].values.update({station.id: 45, other_station.id: 90})
    chief = await login_as(Role.STATION_CHIEF, station=station)

    data = await chief.data(RANKING, {"period": JULY})

    assert [(row["rank"], row["station"]["name"]) for row in data["stationRanking"]] == [(1, "渠县公安局城东派出所")]


async def test_ranking_statement_count_does_not_grow_with_the_number_of_stations(app, login_as, figures):
    admin = await login_as(Role.BUREAU_ADMIN)
    await admin.data("{ me { username } }")  # the admin's account is then reused a while
    for i in range(3):
        await create_station(app, name=f"所{i}")
    with count_queries() as few:
        small = await admin.data(RANKING, {"period": JULY})
    for i in range(3, 30):
        await create_station(app, name=f"所{i}")
    with count_queries() as many:
        large = await admin.data(RANKING, {"period": JULY})

    assert len(small["stationRanking"]) == 3 and len(large["stationRanking"]) == 30
    assert 0 < many.count == few.count
    assert [len(f.calls) for f in figures.values()] == [2, 2, 2]


async def test_one_grouped_query_per_indicator_scores_many_stations(make_app):
    plugin = indicator_plugin("areas", spec("areas.count", areas_per_station, target=5))
    app = await make_app(["areas"], extra_plugins=[plugin])
    stations = [await create_station(app, name=f"所{i}") for i in range(12)]  # 5 areas each

    with count_queries() as counter:
        results = await engine_for(app).score(stations, Period(dt.date(2020, 7, 1), dt.date(2020, 7, 31)))

    assert counter.count == 1
    assert {result.total for result in results.values()} == {100.0}
    assert results[stations[0].id].indicators[0].explanation == "5 areas"


async def test_score_history_lists_months_ending_with_the_current_one(login_as, station, figures):
    figures["alpha.rate"].values[station.id] = 90
    chief = await login_as(Role.STATION_CHIEF, station=station)

    data = await chief.data(HISTORY, {"id": station_gid(station), "months": 3})

    assert [(row["period"]["start"], row["period"]["end"]) for row in data["scoreHistory"]] == [
        ("2020-06-01", "2020-06-30"),
        ("2020-07-01", "2020-07-31"),
        ("2020-08-01", "2020-08-31"),
    ]
    assert [row["total"] for row in data["scoreHistory"]] == [100.0, 100.0, 100.0]


async def test_score_history_refuses_an_unreasonable_number_of_months(login_as, station):
    chief = await login_as(Role.STATION_CHIEF, station=station)

    body = await chief.execute(HISTORY, {"id": station_gid(station), "months": 0})

    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_score_history_of_another_station_reads_as_not_found(login_as, station, other_station):
    chief = await login_as(Role.STATION_CHIEF, station=station)

    body = await chief.execute(HISTORY, {"id": station_gid(other_station), "months": 2})

    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def _without_descriptions(sdl: str) -> str:
    """The SDL with descriptions dropped, so field signatures print on one line."""
    import copy

    import graphql

    class Drop(graphql.Visitor):
        def enter(self, node, *_):
            if getattr(node, "description", None) is None:
                return None
            bare = copy.copy(node)
            object.__setattr__(bare, "description", None)  # AST nodes are frozen
            return bare

    return graphql.print_ast(graphql.visit(graphql.parse(sdl), Drop()))


async def test_scoring_fields_are_in_the_schema_without_any_plugin(make_app):
    from strawberry.printer import print_schema

    app = await make_app([])
    sdl = _without_descriptions(print_schema(app.schema))

    assert "stationScore(stationId: ID!, period: PeriodInput!): StationScore!" in sdl
    ranking = app.schema._schema.query_type.fields["stationRanking"]
    assert str(ranking.type) == "[StationRank!]!"
    assert {name: str(arg.type) for name, arg in ranking.args.items()} == {
        "period": "PeriodInput!",
        "stationClass": "StationClass",
        "scope": "RegionLevel",
        "stationId": "ID",
    }
    assert "freezeMonthlyScores(input: FreezeMonthlyScoresInput!): FreezeMonthlyScoresPayload!" in sdl


async def test_switching_a_plugin_off_for_a_station_drops_its_indicators(login_as, station, figures):
    figures["alpha.rate"].values[station.id] = 90
    figures["beta.satisfaction"].values[station.id] = 0
    admin = await login_as(Role.BUREAU_ADMIN)
    before = (await admin.data(SCORE, {"id": station_gid(station), "period": JULY}))["stationScore"]

    await admin.mutate(
        "mutation($input: SetStationPluginsInput!) { setStationPlugins(input: $input) { errors { field message code } } }",
        {"input": {"stationId": station_gid(station), "plugins": ["alpha"]}},
    )
    after = (await admin.data(SCORE, {"id": station_gid(station), "period": JULY}))["stationScore"]

    assert [i["plugin"] for i in before["indicators"]] == ["alpha", "alpha", "beta"]
    assert [i["plugin"] for i in after["indicators"]] == ["alpha", "alpha"]
    assert (before["total"], after["total"]) == (pytest.approx(66.67), 100.0)
