"""The demo shows the article's headline: first among 渠县's stations, 52nd of the province's
496 class-four stations in last month's frozen 一网考 — as the station's own users see it."""

import pytest

from core import IndicatorValue, Role
from core.testing import GraphQLClient, token_for
from tests.core.scoring.indicator_plugins import indicator_plugin, spec

RANKING = """
query($period: PeriodInput!, $cls: StationClass, $scope: RegionLevel) {
  stationRanking(period: $period, stationClass: $cls, scope: $scope) {
    rank total station { code region { name parent { name } } } score { indicatorsVisible frozen }
  }
}"""
JULY = {"start": "2020-07-01", "end": "2020-07-31"}  # the month before the test clock's date


async def _every_station_resolves_81_of_90(station_ids, period):
    return {station_id: IndicatorValue(81, "81 of 90") for station_id in station_ids}


@pytest.fixture
async def app(make_app):
    # One light indicator instead of the pillars' demo data keeps the demo quick; it gives the
    # demo stations a live score of 90, which the peers' frozen totals are placed around.
    plugin = indicator_plugin("alpha", spec("alpha.rate", _every_station_resolves_81_of_90, target=90))
    return await make_app(["alpha"], extra_plugins=[plugin])


@pytest.fixture
async def chief(app):
    from core.demo import MAIN_STATION
    from core.testing import demo_data

    demo = await demo_data(app)
    return GraphQLClient(app, token_for(app, demo.user(demo.stations[MAIN_STATION], Role.STATION_CHIEF)))


def own(rows):
    return next(row for row in rows if row["station"]["code"] == "511725-CD")


async def test_the_article_station_is_52nd_of_496_class_four_stations_of_the_province(chief):
    rows = (await chief.data(RANKING, {"period": JULY, "cls": "FOUR", "scope": "PROVINCE"}))["stationRanking"]
    assert (own(rows)["rank"], len(rows)) == (52, 496)
    assert own(rows)["station"]["region"] == {"name": "渠县", "parent": {"name": "达州市"}}
    assert all(row["score"]["frozen"] for row in rows)
    assert sum(row["score"]["indicatorsVisible"] for row in rows) == 1


async def test_the_article_station_is_first_among_the_countys_stations(chief):
    rows = (await chief.data(RANKING, {"period": JULY}))["stationRanking"]
    assert own(rows)["rank"] == 1
    assert len(rows) == 8 and {row["station"]["region"]["name"] for row in rows} == {"渠县"}
