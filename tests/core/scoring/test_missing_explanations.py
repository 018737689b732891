"""docs/scoring.md: a missing figure's explanation always begins 本期无数据, then the reason."""

from core.scoring.engine import NO_DATA
from tests.core.scoring.test_engine import by_key, score_of


async def test_a_station_without_a_figure_reads_no_data_in_the_period(app, station):
    result = await score_of(app, station)
    assert {indicator.explanation for indicator in result.indicators} == {NO_DATA}
    assert NO_DATA.startswith("本期无数据")


async def test_a_plugins_reason_for_a_missing_figure_follows_the_no_data_mark(app, station, figures):
    figures["alpha.rate"].values[station.id] = None  # the test plugin explains it as "figure None"
    rate = by_key(await score_of(app, station))["alpha.rate"]
    assert rate.missing and rate.explanation == "本期无数据 — figure None"


async def test_a_figure_with_a_value_keeps_the_plugins_explanation_unchanged(app, station, figures):
    figures["alpha.rate"].values[station.id] = 45
    assert by_key(await score_of(app, station))["alpha.rate"].explanation == "figure 45"
