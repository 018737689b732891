"""Explained station scores from plugin indicators: missing data, per-station plugins, config."""

import datetime as dt

import pytest

from core import Direction, IndicatorCategory, IndicatorValue, Period
from core.config import ScoringSettings, load_settings
from core.errors import ConfigError
from core.scoring.engine import engine_for
from core.testing import create_station
from tests.core.scoring.indicator_plugins import Figures, indicator_plugin, spec

JULY = Period(dt.date(2020, 7, 1), dt.date(2020, 7, 31))


async def score_of(app, station, period=JULY):
    return (await engine_for(app).score([station], period))[station.id]


def by_key(result):
    return {indicator.key: indicator for indicator in result.indicators}


async def test_total_is_the_weighted_mean_of_the_indicator_scores(app, station, figures):
    figures["alpha.rate"].values[station.id] = 45  # 50 points, weight 2
    figures["alpha.incidents"].values[station.id] = 5  # 100 points, weight 1
    figures["beta.satisfaction"].values[station.id] = 95  # 100 points, weight 1

    result = await score_of(app, station)

    assert result.total == 75.0
    rate = by_key(result)["alpha.rate"]
    assert (rate.value, rate.target, rate.weight, rate.score, rate.share) == (45, 90, 2, 50.0, 0.5)
    assert rate.explanation == "figure 45"
    assert rate.label == "调解成功率"


async def test_missing_value_is_reported_and_left_out_of_the_total(app, station, figures):
    figures["alpha.rate"].values[station.id] = 90
    figures["alpha.incidents"].values[station.id] = 20  # 50 points
    # beta.satisfaction: no data for the station

    result = await score_of(app, station)

    satisfaction = by_key(result)["beta.satisfaction"]
    assert satisfaction.missing and satisfaction.value is None and satisfaction.score is None
    assert satisfaction.share is None
    assert "no data" in satisfaction.explanation
    assert result.total == pytest.approx((100 * 2 + 50 * 1) / 3, abs=0.01)


async def test_a_value_of_none_counts_as_missing_not_as_zero(app, station, figures):
    figures["alpha.rate"].values[station.id] = None
    figures["alpha.incidents"].values[station.id] = 10

    result = await score_of(app, station)

    assert by_key(result)["alpha.rate"].missing
    assert result.total == 100.0


async def test_station_without_any_data_has_no_total(app, station):
    result = await score_of(app, station)

    assert result.total is None
    assert all(indicator.missing for indicator in result.indicators)


async def test_indicators_of_plugins_disabled_for_the_station_are_not_scored(app, figures):
    both = await create_station(app, name="甲所", plugins=["alpha", "beta"])
    alpha_only = await create_station(app, name="乙所", plugins=["alpha"])
    for station in (both, alpha_only):
        figures["alpha.rate"].values[station.id] = 90
        figures["beta.satisfaction"].values[station.id] = 0

    results = await engine_for(app).score([both, alpha_only], JULY)

    assert set(by_key(results[both.id])) == {"alpha.rate", "alpha.incidents", "beta.satisfaction"}
    assert set(by_key(results[alpha_only.id])) == {"alpha.rate", "alpha.incidents"}
    assert results[alpha_only.id].total == 100.0
    assert results[both.id].total == pytest.approx(200 / 3, abs=0.01)
    assert figures["beta.satisfaction"].calls == [[both.id]]


async def test_each_indicator_is_computed_once_for_all_stations(app, figures):
    stations = [await create_station(app, name=f"所{i}") for i in range(4)]

    await engine_for(app).score(stations, JULY)

    for key in ("alpha.rate", "alpha.incidents", "beta.satisfaction"):
        assert figures[key].calls == [[s.id for s in stations]]


async def test_configured_weights_targets_and_category_weights_override_the_defaults(
    make_app, scoring_plugins, figures, tmp_path
):
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        '[scoring.weights]\n"alpha.rate" = 1\n'
        '[scoring.targets]\n"alpha.incidents" = 5\n'
        "[scoring.category_weights]\nPUBLIC_OPINION = 3.0\n",
        encoding="utf-8",
    )
    scoring = load_settings(config, environ={}).scoring
    app = await make_app(["alpha", "beta"], extra_plugins=scoring_plugins, scoring=scoring)
    station = await create_station(app)
    figures["alpha.rate"].values[station.id] = 90  # 100 points, weight 1 (configured)
    figures["alpha.incidents"].values[station.id] = 10  # 50 points against the configured target 5
    figures["beta.satisfaction"].values[station.id] = 47.5  # 50 points, public opinion ×3

    result = await score_of(app, station)

    indicators = by_key(result)
    assert indicators["alpha.rate"].weight == 1
    assert indicators["alpha.incidents"].target == 5
    assert indicators["beta.satisfaction"].category_weight == 3.0
    assert indicators["beta.satisfaction"].share == 0.6
    assert result.total == pytest.approx((100 + 50 + 50 * 3) / 5)


async def test_raising_public_opinion_weight_changes_the_ranking(make_app, scoring_plugins, figures):
    async def totals(category_weights):
        app = await make_app(
            ["alpha", "beta"], extra_plugins=scoring_plugins, scoring=ScoringSettings(category_weights=category_weights)
        )
        busy = await create_station(app, name="业务强所", plugins=["alpha", "beta"])
        liked = await create_station(app, name="群众满意所", plugins=["alpha", "beta"])
        figures["alpha.rate"].values.update({busy.id: 90, liked.id: 63})
        figures["alpha.incidents"].values.update({busy.id: 10, liked.id: 10})
        figures["beta.satisfaction"].values.update({busy.id: 57, liked.id: 95})
        results = await engine_for(app).score([busy, liked], JULY)
        return results[busy.id].total, results[liked.id].total

    busy, liked = await totals({})
    assert busy > liked
    busy, liked = await totals({"PUBLIC_OPINION": 4.0})
    assert liked > busy


async def test_zero_category_weight_shows_but_does_not_count(make_app, scoring_plugins, figures):
    app = await make_app(
        ["alpha", "beta"], extra_plugins=scoring_plugins, scoring=ScoringSettings(category_weights={"SAFETY": 0})
    )
    station = await create_station(app)
    figures["alpha.rate"].values[station.id] = 90
    figures["alpha.incidents"].values[station.id] = 1000

    result = await score_of(app, station)

    assert by_key(result)["alpha.incidents"].score == 1.0
    assert by_key(result)["alpha.incidents"].share == 0
    assert result.total == 100.0


@pytest.mark.parametrize(
    ("scoring", "message"),
    [
        (ScoringSettings(weights={"alpha.rat": 2}), "scoring.weights.alpha.rat: unknown indicator"),
        (ScoringSettings(targets={"gamma.x": 1}), "scoring.targets.gamma.x: unknown indicator"),
        (ScoringSettings(category_weights={"PUBLIC": 2}), "scoring.category_weights.PUBLIC: unknown category"),
    ],
)
async def test_unknown_keys_in_scoring_config_stop_start_up_naming_the_key(make_app, scoring_plugins, scoring, message):
    app = await make_app(["alpha", "beta"], extra_plugins=scoring_plugins, scoring=scoring)

    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        _ = app.schema


async def test_two_plugins_declaring_the_same_indicator_key_stop_start_up(make_app):
    first = indicator_plugin("first", spec("shared.key", Figures()))
    second = indicator_plugin("second", spec("shared.key", Figures()))
    app = await make_app(["first", "second"], extra_plugins=[first, second])

    with pytest.raises(ConfigError, match="'shared.key' is declared by both 'first' and 'second'"):
        _ = app.schema


async def test_a_negative_weight_in_a_spec_is_refused(make_app):
    bad = indicator_plugin("bad", spec("bad.rate", Figures(), weight=-1))
    app = await make_app(["bad"], extra_plugins=[bad])

    with pytest.raises(ConfigError, match="plugin 'bad', indicator 'bad.rate': weight"):
        _ = app.schema


async def test_plain_numbers_and_non_finite_values_from_compute_are_normalised(make_app):
    async def compute(station_ids, period):
        return {station_ids[0]: 80, station_ids[1]: float("nan"), 999: IndicatorValue(1, "not asked for")}

    plugin = indicator_plugin("plain", spec("plain.rate", compute, target=80, category=IndicatorCategory.PARTY))
    app = await make_app(["plain"], extra_plugins=[plugin])
    first, second = await create_station(app, name="一所"), await create_station(app, name="二所")

    results = await engine_for(app).score([first, second], JULY)

    assert results[first.id].total == 100.0
    assert results[second.id].indicators[0].missing
    assert "not a finite number" in results[second.id].indicators[0].explanation


async def test_compute_receives_the_period(make_app):
    seen = []

    async def compute(station_ids, period):
        seen.append(period)
        return {}

    plugin = indicator_plugin("p", spec("p.x", compute, direction=Direction.LOWER_IS_BETTER))
    app = await make_app(["p"], extra_plugins=[plugin])
    station = await create_station(app)

    await score_of(app, station)

    assert seen == [JULY]
