"""incidentStats: counts by area and category against the same period a year earlier, and
response-time averages."""

from __future__ import annotations

import pytest

import plugins.patrol as plugin
from core import Role
from core.config import RecordSettings
from tests.plugins.patrol.flows import DISPATCH, report
from tests.plugins.patrol.helpers import area_id

STATS = """
query($period: PeriodInput!) {
  incidentStats(period: $period) {
    start end total totalYearBefore changeRate averageDispatchMinutes averageArrivalMinutes
    byArea { areaName count countYearBefore }
    byCategory { category count countYearBefore }
  }
}
"""
PERIOD = {"start": "2020-01-01", "end": "2020-08-20"}


@pytest.fixture
async def app(make_app):
    """A deployment entering more than a year of paper records (补录), as the comparisons need."""
    return await make_app(["patrol"], extra_plugins=[plugin], records=RecordSettings(backdating_days=800))


async def test_counts_compare_with_the_same_dates_a_year_earlier(officer, station):
    for day in ("2019-03-01", "2019-05-01", "2019-07-01", "2019-12-01"):
        await report(officer, station, receivedAt=f"{day}T10:00:00+08:00")
    for day in ("2020-02-01", "2020-06-01"):
        await report(officer, station, receivedAt=f"{day}T10:00:00+08:00")
    stats = (await officer.data(STATS, {"period": PERIOD}))["incidentStats"]
    assert (stats["total"], stats["totalYearBefore"]) == (2, 3)
    assert stats["changeRate"] == round((2 - 3) / 3, 4)


async def test_counts_are_broken_down_by_area_and_category(officer, station):
    await report(officer, station, receivedAt="2019-04-01T10:00:00+08:00", category="FRAUD")
    await report(officer, station, receivedAt="2020-04-01T10:00:00+08:00", category="FRAUD")
    await report(officer, station, receivedAt="2020-04-02T10:00:00+08:00", areaId=area_id(station, "village"))
    stats = (await officer.data(STATS, {"period": PERIOD}))["incidentStats"]
    assert {(item["areaName"], item["count"], item["countYearBefore"]) for item in stats["byArea"]} == {
        ("文峰一网格", 1, 1),
        ("白塔村", 1, 0),
    }
    assert {(item["category"], item["count"], item["countYearBefore"]) for item in stats["byCategory"]} == {
        ("FRAUD", 1, 1),
        ("THEFT", 1, 0),
    }


async def test_response_times_are_averaged_over_dispatched_incidents(officer, station):
    first = await report(officer, station, receivedAt="2020-08-01T10:00:00+08:00")
    second = await report(officer, station, receivedAt="2020-08-02T10:00:00+08:00")
    await report(officer, station, receivedAt="2020-08-03T10:00:00+08:00")
    for incident_id, at in ((first, "2020-08-01T10:02:00+08:00"), (second, "2020-08-02T10:06:00+08:00")):
        await officer.mutate(
            DISPATCH, {"input": {"incidentId": incident_id, "unit": "COMMAND_ROOM", "dispatchedAt": at}}
        )
    stats = (await officer.data(STATS, {"period": PERIOD}))["incidentStats"]
    assert stats["averageDispatchMinutes"] == 4.0
    assert stats["averageArrivalMinutes"] is None


async def test_a_period_ending_before_it_starts_is_a_client_error(officer):
    body = await officer.execute(STATS, {"period": {"start": "2020-08-20", "end": "2020-01-01"}})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_auxiliary_may_not_read_statistics(login_as, station):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    body = await auxiliary.execute(STATS, {"period": PERIOD})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_statistics_leave_out_other_stations(officer, station, other_station, login_as):
    stranger = await login_as(Role.OFFICER, station=other_station)
    await report(stranger, other_station, areaId=area_id(other_station))
    stats = (await officer.data(STATS, {"period": PERIOD}))["incidentStats"]
    assert stats["total"] == 0
