"""Scoring indicators: one grouped computation for all stations, each figure explained."""

from __future__ import annotations

import datetime as dt

from core import Period, Role, to_global_id
from plugins.patrol import enums as e
from plugins.patrol import models
from plugins.patrol.scoring import INDICATORS
from tests.plugins.patrol.helpers import shanghai

PERIOD = Period(dt.date(2020, 1, 1), dt.date(2020, 8, 20))
SPECS = {spec.key: spec for spec in INDICATORS}


async def incidents(station, area, days: list[str], **extra) -> None:
    await models.Incident.bulk_create(
        [
            models.Incident(
                station_id=station.id,
                source=e.IncidentSource.CALL_110,
                category=e.IncidentCategory.THEFT,
                status=e.IncidentStatus.RECEIVED,
                area_id=area.id,
                received_at=shanghai(*map(int, day.split("-")), 10),
                **extra,
            )
            for day in days
        ]
    )


async def test_the_incident_trend_compares_with_a_year_earlier(station, other_station):
    await incidents(
        station,
        station.test_areas["grid"],
        ["2019-02-01", "2019-03-01", "2019-04-01", "2019-05-01", "2020-02-01", "2020-03-01", "2020-04-01"],
    )
    await incidents(other_station, other_station.test_areas["grid"], ["2020-02-01"])
    figures = await SPECS["patrol.incident_trend"].compute([station.id, other_station.id], PERIOD)
    assert figures[station.id].value == 75.0
    assert figures[station.id].explanation == "3 incidents against 4 a year earlier"
    assert figures[other_station.id].value is None


async def test_response_minutes_are_averaged_per_station(station, other_station):
    await incidents(
        station, station.test_areas["grid"], ["2020-02-01", "2020-03-01"], dispatch_seconds=120, arrival_seconds=600
    )
    await incidents(other_station, other_station.test_areas["grid"], ["2020-02-01"], dispatch_seconds=600)
    dispatch = await SPECS["patrol.dispatch_minutes"].compute([station.id, other_station.id], PERIOD)
    arrival = await SPECS["patrol.arrival_minutes"].compute([station.id, other_station.id], PERIOD)
    assert (dispatch[station.id].value, dispatch[other_station.id].value) == (2.0, 10.0)
    assert arrival[station.id].value == 10.0
    assert other_station.id not in arrival


async def test_camera_online_rate(station):
    area = station.test_areas["grid"]
    for status in (e.AssetStatus.ONLINE, e.AssetStatus.ONLINE, e.AssetStatus.ONLINE, e.AssetStatus.FAULTY):
        await models.SurveillanceAsset.create(
            station_id=station.id,
            kind=e.AssetKind.CAMERA,
            project=e.AssetProject.SKYNET,
            name="探头",
            area_id=area.id,
            installed_on=dt.date(2020, 1, 5),
            status=status,
            status_changed_at=shanghai(2020, 1, 5),
        )
    figures = await SPECS["patrol.camera_online_rate"].compute([station.id], PERIOD)
    assert figures[station.id].value == 75.0


async def test_rectifications_closed_by_their_first_deadline(station):
    area = station.test_areas["grid"]
    target = await models.InspectionTarget.create(
        station_id=station.id,
        name="KTV",
        kind=e.InspectionTargetKind.ENTERTAINMENT_VENUE,
        area_id=area.id,
        created_at=shanghai(2020, 1, 1),
    )
    inspection = await models.Inspection.create(
        station_id=station.id, target=target, kind=e.InspectionKind.FIRE, inspected_at=shanghai(2020, 3, 1)
    )
    for deadline, closed_on, current in (
        (dt.date(2020, 3, 10), dt.date(2020, 3, 9), dt.date(2020, 3, 10)),
        (dt.date(2020, 3, 10), dt.date(2020, 4, 1), dt.date(2020, 4, 5)),
        (dt.date(2020, 3, 10), None, dt.date(2020, 3, 10)),
        (dt.date(2020, 9, 10), None, dt.date(2020, 9, 10)),
    ):
        await models.InspectionFinding.create(
            station_id=station.id,
            inspection=inspection,
            description="隐患",
            severity=e.FindingSeverity.HIGH,
            deadline=current,
            original_deadline=deadline,
            closed_on=closed_on,
            status=e.RectificationStatus.CLOSED if closed_on else e.RectificationStatus.OPEN,
        )
    figures = await SPECS["patrol.rectification_on_time"].compute([station.id], PERIOD)
    assert figures[station.id].value == round(100 / 3, 2)
    assert figures[station.id].explanation == "1 of 3 rectifications closed by the deadline"


async def test_basic_info_coverage_counts_addresses_with_any_record(station):
    area = station.test_areas["compound"]
    addresses = [
        await models.StandardAddress.create(
            station_id=station.id,
            area_id=area.id,
            address=f"{i}号",
            address_key=f"{i}号",
            created_at=shanghai(2020, 1, 1),
        )
        for i in range(4)
    ]
    await models.Housing.create(
        station_id=station.id, address=addresses[0], kind=e.HousingKind.RESIDENTIAL, created_at=shanghai(2020, 1, 1)
    )
    await models.ActualUnit.create(
        station_id=station.id, name="店", kind=e.UnitKind.SHOP, address=addresses[0], created_at=shanghai(2020, 1, 1)
    )
    await models.ActualUnit.create(
        station_id=station.id, name="店2", kind=e.UnitKind.SHOP, address=addresses[1], created_at=shanghai(2020, 1, 1)
    )
    figures = await SPECS["patrol.basic_info_coverage"].compute([station.id], PERIOD)
    assert figures[station.id].value == 50.0


async def test_user_contributions_count_closed_incidents_per_assignee(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    await incidents(
        station,
        station.test_areas["grid"],
        ["2020-02-01", "2020-03-01"],
        assignee_id=officer.user.id,
        closed_at=shanghai(2020, 3, 2),
    )
    results = await app.plugins.acall_each(
        "fengqiao_user_contributions", station_id=station.id, user_ids=[officer.user.id], period=PERIOD
    )
    contributions = results[0][1]
    assert [(item.user_id, item.value) for item in contributions] == [(officer.user.id, 2)]


async def test_the_station_score_includes_the_patrol_indicators(station, login_as):
    chief = await login_as(Role.STATION_CHIEF, station=station)
    await incidents(station, station.test_areas["grid"], ["2019-02-01", "2020-02-01"])
    data = await chief.data(
        'query($id: ID!) { stationScore(stationId: $id, period: {start: "2020-01-01", end: "2020-08-20"}) '
        "{ indicators { key value } } }",
        {"id": to_global_id("Station", station.id)},
    )
    keys = {item["key"]: item["value"] for item in data["stationScore"]["indicators"]}
    assert keys["patrol.incident_trend"] == 100.0
