"""Indicators of one plugin that read the same grouped figures share one query per scoring run
(``core.shared_figures``): a ranking scans each source table once per period."""

import datetime as dt

from core import IndicatorValue, Period, shared_figures
from core.scoring.engine import engine_for
from core.testing import count_queries, create_station
from tests.core.scoring.indicator_plugins import areas_per_station, indicator_plugin, spec

JULY = Period(dt.date(2020, 7, 1), dt.date(2020, 7, 31))


def _two_indicators_of_one_query():
    runs: list[tuple[int, ...]] = []

    @shared_figures
    async def area_counts(station_ids, period):
        runs.append(tuple(station_ids))
        return await areas_per_station(station_ids, period)

    async def count(station_ids, period):
        return await area_counts(station_ids, period)

    async def doubled(station_ids, period):
        return {
            sid: IndicatorValue(2 * v.value, "twice") for sid, v in (await area_counts(station_ids, period)).items()
        }

    plugin = indicator_plugin("areas", spec("areas.count", count, target=5), spec("areas.doubled", doubled, target=10))
    return plugin, area_counts, runs


async def test_indicators_reading_shared_figures_run_their_query_once_per_score(make_app):
    plugin, _, runs = _two_indicators_of_one_query()
    app = await make_app(["areas"], extra_plugins=[plugin])
    stations = [await create_station(app, name=f"所{i}") for i in range(3)]

    with count_queries() as counter:
        results = await engine_for(app).score(stations, JULY)

    assert counter.count == 1 and len(runs) == 1
    assert {result.total for result in results.values()} == {100.0}


async def test_each_score_computes_its_shared_figures_afresh(make_app):
    plugin, _, runs = _two_indicators_of_one_query()
    app = await make_app(["areas"], extra_plugins=[plugin])
    stations = [await create_station(app, name="所")]

    await engine_for(app).score(stations, JULY)
    await engine_for(app).score(stations, JULY)

    assert len(runs) == 2


async def test_shared_figures_outside_a_scoring_run_run_as_called(make_app):
    plugin, area_counts, runs = _two_indicators_of_one_query()
    app = await make_app(["areas"], extra_plugins=[plugin])
    station = await create_station(app, name="所")

    await area_counts([station.id], JULY)
    await area_counts([station.id], JULY)

    assert len(runs) == 2


async def test_a_ranking_reads_the_mediation_cohort_and_the_patrol_incidents_once(make_app):
    app = await make_app(["mediation", "patrol"])
    stations = [await create_station(app, name=f"所{i}", plugins=["mediation", "patrol"]) for i in range(3)]

    with count_queries() as counter:
        await engine_for(app).score(stations, JULY)

    cohort = [s for s in counter.statements if "mediation_dispute" in s and "GROUP BY" in s.upper()]
    incidents = [s for s in counter.statements if "patrol_incident" in s]
    assert len(cohort) == 1
    # The year-on-year trend and both response times read one grouped query of both years.
    assert len(incidents) == 1
    assert "dispatch_seconds" in incidents[0] and "GROUP BY" in incidents[0].upper()
