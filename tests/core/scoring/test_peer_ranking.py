"""Peer rankings: a station sees where it stands among the stations of its county, city or
province (the article: first in the county, 52nd of 496 class-four stations province-wide),
with each peer's name, total and rank but never a peer's indicators."""

from __future__ import annotations

import dataclasses

import pytest

from core import Role
from core.audit.models import AuditEvent
from core.config import PermissionSettings
from core.graphql.ids import to_global_id
from core.testing import create_station
from tests.core.scoring.conftest import station_gid

JULY = {"start": "2020-07-01", "end": "2020-07-31"}

RANKING = """
query($period: PeriodInput!, $cls: StationClass, $scope: RegionLevel, $stationId: ID) {
  stationRanking(period: $period, stationClass: $cls, scope: $scope, stationId: $stationId) {
    rank total station { name region { name } }
    score { indicatorsVisible indicators { key } }
  }
}"""
CREATE_REGION = """
mutation($input: CreateRegionInput!) {
  createRegion(input: $input) { region { id name code level parent { name } } errors { field code message } }
}"""
SET_REGION = """
mutation($input: SetStationRegionInput!) {
  setStationRegion(input: $input) { station { name region { name level parent { name } } } errors { field code message } }
}"""


@dataclasses.dataclass
class Province:
    """四川省 → 达州市 → 渠县 (城东 FOUR, 临巴 THREE), 达川区 (三汇 FOUR); 成都市 → 武侯区 (武侯 FOUR);
    and 天星 (FOUR), not placed in any county yet."""

    admin: object
    regions: dict[str, str]
    stations: dict[str, object]


async def region(admin, name, code, level, parent=None) -> str:
    payload = await admin.mutate(
        CREATE_REGION, {"input": {"name": name, "code": code, "level": level, "parentId": parent}}
    )
    return payload["region"]["id"]


@pytest.fixture
async def province(app, login_as, figures) -> Province:
    admin = await login_as(Role.BUREAU_ADMIN)
    regions = {"四川省": await region(admin, "四川省", "51", "PROVINCE")}
    regions["达州市"] = await region(admin, "达州市", "5117", "CITY", regions["四川省"])
    regions["成都市"] = await region(admin, "成都市", "5101", "CITY", regions["四川省"])
    regions["渠县"] = await region(admin, "渠县", "511725", "COUNTY", regions["达州市"])
    regions["达川区"] = await region(admin, "达川区", "511703", "COUNTY", regions["达州市"])
    regions["武侯区"] = await region(admin, "武侯区", "510107", "COUNTY", regions["成都市"])
    layout = {
        "城东": ("FOUR", "渠县", 81),
        "临巴": ("THREE", "渠县", 72),
        "三汇": ("FOUR", "达川区", 90),
        "武侯": ("FOUR", "武侯区", 63),
        "天星": ("FOUR", None, 99),
    }
    stations = {}
    for name, (cls, county, rate) in layout.items():
        station = await create_station(app, name=f"{name}派出所", station_class=cls, plugins=["alpha"])
        figures["alpha.rate"].values[station.id] = rate
        if county:
            await admin.mutate(SET_REGION, {"input": {"stationId": station_gid(station), "regionId": regions[county]}})
        stations[name] = station
    return Province(admin, regions, stations)


async def ranking(client, **variables):
    return (await client.data(RANKING, {"period": JULY, **variables}))["stationRanking"]


def table(rows):
    return [(row["rank"], row["station"]["name"], row["total"]) for row in rows]


async def test_a_station_chief_ranks_among_the_stations_of_the_county_by_default(province, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=province.stations["城东"])
    rows = await ranking(chief)
    assert table(rows) == [(1, "城东派出所", 90.0), (2, "临巴派出所", 80.0)]


async def test_the_province_wide_ranking_of_one_class_covers_every_county(province, login_as):
    officer = await login_as(Role.OFFICER, station=province.stations["城东"])
    rows = await ranking(officer, scope="PROVINCE", cls="FOUR")
    assert table(rows) == [(1, "三汇派出所", 100.0), (2, "城东派出所", 90.0), (3, "武侯派出所", 70.0)]
    own = next(row for row in rows if row["station"]["name"] == "城东派出所")
    assert (own["rank"], len(rows)) == (2, 3)  # "2 / 3", as the article's "52 / 496"


async def test_the_city_scope_covers_the_counties_of_the_city(province, login_as):
    officer = await login_as(Role.OFFICER, station=province.stations["城东"])
    rows = await ranking(officer, scope="CITY")
    assert [row["station"]["name"] for row in rows] == ["三汇派出所", "城东派出所", "临巴派出所"]
    assert {row["station"]["region"]["name"] for row in rows} == {"渠县", "达川区"}


async def test_peers_show_name_total_and_rank_but_not_their_indicators(province, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=province.stations["城东"])
    rows = {row["station"]["name"]: row for row in await ranking(chief, scope="PROVINCE")}
    assert rows["城东派出所"]["score"] == {
        "indicatorsVisible": True,
        "indicators": [{"key": "alpha.rate"}, {"key": "alpha.incidents"}],
    }
    for name in ("临巴派出所", "三汇派出所", "武侯派出所"):
        assert rows[name]["score"] == {"indicatorsVisible": False, "indicators": []}
        assert rows[name]["total"] is not None


async def test_a_peers_own_score_stays_not_found(province, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=province.stations["城东"])
    query = "query($id: ID!, $p: PeriodInput!) { stationScore(stationId: $id, period: $p) { total } }"
    body = await chief.execute(query, {"id": station_gid(province.stations["三汇"]), "p": JULY})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_station_not_yet_in_a_county_ranks_alone_and_cannot_ask_for_peers(province, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=province.stations["天星"])
    assert table(await ranking(chief)) == [(1, "天星派出所", 100.0)]
    body = await chief.execute(RANKING, {"period": JULY, "scope": "COUNTY"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "not placed in a county" in body["errors"][0]["message"]


async def test_another_stations_peers_read_as_not_found_for_a_station_user(province, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=province.stations["城东"])
    body = await chief.execute(
        RANKING, {"period": JULY, "scope": "COUNTY", "stationId": station_gid(province.stations["武侯"])}
    )
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_bureau_admin_ranks_any_stations_peers_in_full(province):
    rows = await ranking(province.admin, scope="COUNTY", stationId=station_gid(province.stations["武侯"]))
    assert table(rows) == [(1, "武侯派出所", 70.0)]
    assert rows[0]["score"]["indicatorsVisible"] is True
    everything = await ranking(province.admin)
    assert len(everything) == 5 and all(row["score"]["indicatorsVisible"] for row in everything)


async def test_a_station_named_without_a_scope_ranks_among_its_county(province):
    rows = await ranking(province.admin, stationId=station_gid(province.stations["城东"]))
    assert [row["station"]["name"] for row in rows] == ["城东派出所", "临巴派出所"]


async def test_a_bureau_admin_names_the_station_whose_peers_to_rank(province):
    body = await province.admin.execute(RANKING, {"period": JULY, "scope": "PROVINCE"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "stationId" in body["errors"][0]["message"]


async def test_a_frozen_month_ranks_peers_by_their_frozen_totals(province, login_as, figures):
    freeze = 'mutation { freezeMonthlyScores(input: {month: "2020-07"}) { revision errors { code } } }'
    await province.admin.mutate(freeze)
    figures["alpha.rate"].values[province.stations["三汇"].id] = 10  # later edits do not move a frozen month
    officer = await login_as(Role.OFFICER, station=province.stations["城东"])
    rows = await ranking(officer, scope="PROVINCE", cls="FOUR")
    assert table(rows) == [(1, "三汇派出所", 100.0), (2, "城东派出所", 90.0), (3, "武侯派出所", 70.0)]
    assert [row["score"]["indicatorsVisible"] for row in rows] == [False, True, False]


async def test_an_auxiliary_has_no_ranking_at_all(province, login_as):
    auxiliary = await login_as(Role.AUXILIARY, station=province.stations["城东"])
    body = await auxiliary.execute(RANKING, {"period": JULY})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# --- the area levels above the county ------------------------------------------------------------


async def test_regions_nest_province_city_county_and_stations_sit_in_a_county(province):
    data = await province.admin.data(
        "query($id: ID!) { node(id: $id) { ... on Region { name level parent { name parent { name level } } } } }",
        {"id": province.regions["渠县"]},
    )
    assert data["node"] == {
        "name": "渠县",
        "level": "COUNTY",
        "parent": {"name": "达州市", "parent": {"name": "四川省", "level": "PROVINCE"}},
    }
    assert await AuditEvent.filter(action="core.region.create").count() == 6
    assert await AuditEvent.filter(action="core.station.set_region").count() == 4


@pytest.mark.parametrize(
    ("level", "parent", "field", "code"),
    [
        ("CITY", None, "parentId", "REQUIRED"),
        ("PROVINCE", "四川省", "parentId", "INVALID"),
        ("CITY", "渠县", "parentId", "INVALID"),
    ],
)
async def test_a_region_must_sit_below_a_higher_level(province, level, parent, field, code):
    parent_id = province.regions[parent] if parent else None
    data = await province.admin.data(
        CREATE_REGION, {"input": {"name": "某地", "code": "519999", "level": level, "parentId": parent_id}}
    )
    errors = data["createRegion"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, code)]


async def test_a_region_code_is_unique(province):
    data = await province.admin.data(CREATE_REGION, {"input": {"name": "渠县", "code": "511725", "level": "PROVINCE"}})
    assert data["createRegion"]["errors"][0]["code"] == "CONFLICT"


async def test_a_station_sits_in_a_county_not_a_city(province):
    data = await province.admin.data(
        SET_REGION,
        {"input": {"stationId": station_gid(province.stations["天星"]), "regionId": province.regions["达州市"]}},
    )
    assert data["setStationRegion"]["errors"][0]["field"] == "regionId"


async def test_a_station_chief_reads_regions_but_cannot_create_or_assign_them(province, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=province.stations["城东"])
    regions = await chief.data("{ regions(filter: {level: COUNTY}) { totalCount nodes { name } } }")
    assert regions["regions"]["totalCount"] == 3
    body = await chief.execute(CREATE_REGION, {"input": {"name": "x", "code": "99", "level": "PROVINCE"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await chief.execute(
        SET_REGION,
        {"input": {"stationId": station_gid(province.stations["城东"]), "regionId": province.regions["武侯区"]}},
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_station_id_is_no_region_id(province):
    station_as_region = to_global_id("Station", province.stations["城东"].id)
    data = await province.admin.data(
        SET_REGION, {"input": {"stationId": station_gid(province.stations["天星"]), "regionId": station_as_region}}
    )
    assert data["setStationRegion"]["errors"][0]["field"] == "regionId"


async def test_where_the_peers_permission_is_revoked_an_officer_ranks_alone(make_app, scoring_plugins, figures):
    from core.testing import GraphQLClient, create_user, token_for

    app = await make_app(
        ["alpha", "beta"],
        extra_plugins=scoring_plugins,
        permissions=PermissionSettings(revoke={"OFFICER": ("core.score.peers",)}),
    )
    admin = GraphQLClient(app, token_for(app, await create_user(app, None, Role.BUREAU_ADMIN)))
    county = await region(admin, "渠县", "511725", "COUNTY", await region(admin, "四川省", "51", "PROVINCE"))
    east = await create_station(app, name="城东派出所", plugins=["alpha"])
    west = await create_station(app, name="临巴派出所", plugins=["alpha"])
    for station in (east, west):
        figures["alpha.rate"].values[station.id] = 90
        await admin.mutate(SET_REGION, {"input": {"stationId": station_gid(station), "regionId": county}})
    officer = GraphQLClient(app, token_for(app, await create_user(app, east, Role.OFFICER)))
    assert [row["station"]["name"] for row in await ranking(officer)] == ["城东派出所"]
    body = await officer.execute(RANKING, {"period": JULY, "scope": "COUNTY"})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
