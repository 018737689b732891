"""Statistics definitions, the article's figures in the demo data, indicators and callbacks."""

from __future__ import annotations

import datetime as dt

import pytest

from core import Period, Role
from core.testing import demo_data
from plugins.mediation import models, scoring, services

from . import flows
from .conftest import gid, relogin

STATS = """
query($station: ID, $start: Date!, $end: Date!) {
  mediationStats(stationId: $station, period: {start: $start, end: $end}) {
    start end accepted concluded resolved successRate resolutionRate civilToCriminal overdue
    interventionsDue interventionsOnTime lowestLevelShare
    byLevel { level resolved } byRiskLevel { riskLevel accepted }
  }
}
"""
ARTICLE = {"start": "2020-01-01", "end": "2020-08-20"}


@pytest.fixture
async def demo(app):
    return await demo_data(app)


@pytest.fixture
async def chief(demo, login_as):
    return await login_as(Role.STATION_CHIEF, station=demo.main_station)


async def test_the_demo_reproduces_the_articles_46_accepted_and_38_resolved(chief, demo):
    stats = (await chief.data(STATS, {"station": gid("Station", demo.main_station), **ARTICLE}))["mediationStats"]
    assert (stats["accepted"], stats["resolved"], stats["concluded"]) == (46, 38, 41)
    # 38/46 = 82.6 % is the resolution rate; the article's "93 %" is 38 of 41 concluded.
    assert round(stats["resolutionRate"], 3) == 0.826
    assert round(stats["successRate"] * 100) == 93
    assert stats["civilToCriminal"] == 0
    assert stats["byLevel"] == [
        {"level": "VILLAGE", "resolved": 31},
        {"level": "TOWN", "resolved": 6},
        {"level": "COUNTY", "resolved": 1},
    ]
    assert round(stats["lowestLevelShare"], 3) == round(31 / 38, 3)


async def test_the_demo_has_every_status_and_every_risk_level(demo):
    station = demo.main_station
    statuses = set(await models.Dispute.filter(station_id=station.id).values_list("status", flat=True))
    assert statuses == set(models.DisputeStatus)
    levels = set(await models.Dispute.filter(station_id=station.id).values_list("risk_level", flat=True))
    assert levels == set(models.RiskLevel)
    assert await models.MediationCentre.filter(station_id=station.id).count() == 7
    modes = set(await models.CanvassCampaign.filter(station_id=station.id).values_list("mode", flat=True))
    assert modes == set(models.CanvassMode)
    tip_states = set(await models.Tip.filter(station_id=station.id).values_list("status", flat=True))
    assert tip_states == set(models.TipStatus)


async def test_demo_stations_score_differently_for_visible_reasons(demo):
    period = Period(dt.date(2020, 1, 1), dt.date(2020, 8, 20))
    ids = [station.id for station in demo.stations.values()]
    main, linba, sanhui = (demo.stations[code].id for code in ("511725-CD", "511725-LB", "511725-SH"))
    success = await scoring.success_rate(ids, period)
    assert success[main].value == 92.7 and success[main].value > success[linba].value
    assert success[main].explanation == "38 of 41 concluded disputes resolved by agreement (46 accepted)"
    village = await scoring.village_level_share(ids, period)
    assert village[main].value > village[linba].value > village[sanhui].value
    criminal = await scoring.civil_to_criminal(ids, period)
    assert (criminal[main].value, criminal[linba].value, criminal[sanhui].value) == (0.0, 1.0, 0.0)
    on_time = await scoring.interventions_on_time(ids, period)
    assert on_time[main].value > on_time[sanhui].value


async def test_the_demo_offers_closed_disputes_for_callbacks_and_credits_the_team(demo):
    period = Period(dt.date(2020, 1, 1), dt.date(2020, 8, 20))
    station = demo.main_station
    items = await services.closed_items([station.id], period)
    assert len(items) == await models.Dispute.filter(station_id=station.id, closed_at__isnull=False).count() == 36
    first = items[0]
    assert first.kind == "mediation.dispute" and first.station_id == station.id
    assert first.handler_user_id == demo.user(station, Role.OFFICER).id and first.label.startswith("邻里纠纷 #")
    mediator, officer = demo.user(station, Role.MEDIATOR), demo.user(station, Role.OFFICER)
    found = await services.user_contributions(station.id, [mediator.id, officer.id], period)
    assert {c.user_id: c.value for c in found} == {mediator.id: 38, officer.id: 38}
    assert all(c.plugin == "mediation" for c in found)


# --- definitions on small, hand-made data ---------------------------------------------------------


async def test_stats_count_only_outcomes_before_the_end_of_the_period(officer, station, team, clock, app):
    august = {"station": gid("Station", station), "start": "2020-08-01", "end": "2020-08-20"}
    done = await flows.in_mediation(officer, station, team)
    failing = await flows.in_mediation(officer, station, team)
    await flows.report(officer, station)
    await flows.fail(officer, failing["id"])
    await flows.close(officer, failing["id"])
    clock.advance(days=1)  # 2020-08-21: after the period
    officer = relogin(app, officer)
    await flows.resolve(officer, done["id"])
    stats = (await officer.data(STATS, august))["mediationStats"]
    assert (stats["accepted"], stats["concluded"], stats["resolved"]) == (3, 1, 0)
    assert stats["successRate"] == 0.0
    later = (await officer.data(STATS, {**august, "end": "2020-08-21"}))["mediationStats"]
    assert (later["accepted"], later["concluded"], later["resolved"]) == (3, 2, 1)
    assert later["successRate"] == 0.5


async def test_the_cohort_is_decided_by_the_report_date_in_local_time(officer, station, clock, app):
    clock.advance(hours=14, minutes=30)  # 2020-08-20 23:30 local
    await flows.report(relogin(app, officer), station)
    clock.advance(hours=1)  # 2020-08-21 00:30 local
    officer = relogin(app, officer)
    await flows.report(officer, station)
    day = {"station": gid("Station", station), "start": "2020-08-20", "end": "2020-08-20"}
    assert (await officer.data(STATS, day))["mediationStats"]["accepted"] == 1


async def test_overdue_counts_missed_deadlines(officer, station, team, clock, app):
    await flows.report(officer, station, riskFactors=["WEAPON"])
    await flows.report(officer, station)
    clock.advance(days=2)
    stats = (
        await relogin(app, officer).data(
            STATS, {"station": gid("Station", station), "start": "2020-08-20", "end": "2020-08-31"}
        )
    )["mediationStats"]
    assert stats["overdue"] == 1 and stats["interventionsDue"] == 1 and stats["interventionsOnTime"] == 0
    assert {r["riskLevel"]: r["accepted"] for r in stats["byRiskLevel"]} == {"BLUE": 1, "YELLOW": 0, "RED": 1}


async def test_a_bureau_admin_sees_all_stations_or_one(station, other_station, login_as):
    await flows.report(await login_as(Role.OFFICER, station=station), station)
    there = await login_as(Role.OFFICER, station=other_station)
    await flows.report(there, other_station)
    await flows.report(there, other_station)
    admin = await login_as(Role.BUREAU_ADMIN, station=None)
    assert (await admin.data(STATS, ARTICLE))["mediationStats"]["accepted"] == 3
    one = await admin.data(STATS, {"station": gid("Station", station), **ARTICLE})
    assert one["mediationStats"]["accepted"] == 1


async def test_another_stations_stats_are_not_found(officer, other_station):
    body = await officer.execute(STATS, {"station": gid("Station", other_station), **ARTICLE})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_empty_periods_have_no_rates(officer, station):
    stats = (await officer.data(STATS, {"start": "2019-01-01", "end": "2019-12-31"}))["mediationStats"]
    assert stats["accepted"] == 0 and stats["successRate"] is None and stats["resolutionRate"] is None


async def test_an_upside_down_period_is_refused(officer):
    body = await officer.execute(STATS, {"start": "2020-08-20", "end": "2020-08-01"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_stats_are_for_supervisors(login_as, station):
    grid = await login_as(Role.GRID_WORKER, station=station)
    body = await grid.execute(STATS, ARTICLE)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_indicators_leave_out_stations_without_data(officer, station, other_station):
    await flows.report(officer, station)
    period = Period(dt.date(2020, 8, 1), dt.date(2020, 8, 31))
    assert await scoring.success_rate([station.id, other_station.id], period) == {}
    criminal = await scoring.civil_to_criminal([station.id, other_station.id], period)
    assert set(criminal) == {station.id}


def test_the_indicators_are_declared():
    import plugins.mediation as plugin

    keys = [spec.key for spec in plugin.fengqiao_score_indicators()]
    assert keys == [
        "mediation.success_rate",
        "mediation.village_level_share",
        "mediation.civil_to_criminal",
        "mediation.interventions_on_time",
    ]
