"""防 — surveillance assets: registration, status history, statistics."""

from __future__ import annotations

from core import Role
from core.audit.models import AuditEvent
from plugins.patrol import models
from tests.plugins.patrol.flows import OPEN_CASE, SOLVE_CASE, dispatch, report
from tests.plugins.patrol.helpers import area_id

REGISTER = """
mutation($input: RegisterSurveillanceAssetInput!) {
  registerSurveillanceAsset(input: $input) {
    asset { id kind project status installedOn areaName statusHistory { fromStatus toStatus } }
    errors { field message code }
  }
}
"""
CHANGE = """
mutation($input: ChangeSurveillanceAssetStatusInput!) {
  changeSurveillanceAssetStatus(input: $input) {
    asset { id status statusHistory { fromStatus toStatus note } }
    errors { field message code }
  }
}
"""
STATS = """
query($period: PeriodInput!) {
  surveillanceStats(period: $period) {
    added { kind added } totalAssets onlineAssets onlineRate solvedCases solvedWithVideo videoShare
  }
}
"""
YEAR_2020 = {"start": "2020-01-01", "end": "2020-08-20"}


def asset_input(station, **overrides) -> dict:
    values = {
        "kind": "CAMERA",
        "project": "SKYNET",
        "name": "滨江路口探头",
        "areaId": area_id(station),
        "installedOn": "2020-03-01",
        "location": "滨江路与文峰街交叉口",
    }
    values.update(overrides)
    return values


async def register(client, station, **overrides) -> dict:
    return (await client.mutate(REGISTER, {"input": asset_input(station, **overrides)}))["asset"]


async def test_registering_an_asset_starts_its_status_history(officer, station):
    asset = await register(officer, station)
    assert asset["status"] == "ONLINE"
    assert asset["areaName"] == "文峰一网格"
    assert asset["statusHistory"] == [{"fromStatus": None, "toStatus": "ONLINE"}]
    assert await AuditEvent.filter(action="patrol.asset.register").count() == 1


async def test_status_changes_join_the_history(officer, station):
    asset = await register(officer, station)
    await officer.mutate(CHANGE, {"input": {"assetId": asset["id"], "status": "FAULTY", "note": "镜头损坏"}})
    payload = await officer.mutate(CHANGE, {"input": {"assetId": asset["id"], "status": "ONLINE"}})
    history = payload["asset"]["statusHistory"]
    assert [(item["fromStatus"], item["toStatus"]) for item in history] == [
        (None, "ONLINE"),
        ("ONLINE", "FAULTY"),
        ("FAULTY", "ONLINE"),
    ]


async def test_setting_the_same_status_is_an_invalid_transition(officer, station):
    asset = await register(officer, station)
    data = await officer.data(CHANGE, {"input": {"assetId": asset["id"], "status": "ONLINE"}})
    assert data["changeSurveillanceAssetStatus"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await models.AssetStatusChange.all().count() == 1


async def test_an_asset_code_is_unique_in_the_station(officer, station):
    await register(officer, station, code="TW-001")
    data = await officer.data(REGISTER, {"input": asset_input(station, code="TW-001")})
    assert data["registerSurveillanceAsset"]["errors"][0]["code"] == "CONFLICT"
    assert await models.SurveillanceAsset.all().count() == 1


async def test_an_installation_date_in_the_future_is_refused(officer, station):
    data = await officer.data(REGISTER, {"input": asset_input(station, installedOn="2020-09-01")})
    assert data["registerSurveillanceAsset"]["errors"][0]["field"] == "installedOn"


async def test_half_given_coordinates_are_refused(officer, station):
    data = await officer.data(REGISTER, {"input": asset_input(station, latitude=30.8)})
    assert data["registerSurveillanceAsset"]["errors"][0]["field"] == "latitude"


async def test_a_grid_worker_may_not_register_assets(login_as, station):
    worker = await login_as(Role.GRID_WORKER, station=station)
    body = await worker.execute(REGISTER, {"input": asset_input(station)})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_stats_count_assets_added_in_the_period_by_kind(officer, station):
    for kind, count in (("CAMERA", 3), ("HD_CAMERA", 2), ("CHECKPOINT", 1)):
        for _ in range(count):
            await register(officer, station, kind=kind)
    await register(officer, station, installedOn="2019-06-01")
    stats = (await officer.data(STATS, {"period": YEAR_2020}))["surveillanceStats"]
    assert {item["kind"]: item["added"] for item in stats["added"]} == {"CAMERA": 3, "HD_CAMERA": 2, "CHECKPOINT": 1}
    assert stats["totalAssets"] == 7


async def test_the_online_rate_counts_current_status(officer, station):
    assets = [await register(officer, station) for _ in range(4)]
    await officer.mutate(CHANGE, {"input": {"assetId": assets[0]["id"], "status": "OFFLINE"}})
    stats = (await officer.data(STATS, {"period": YEAR_2020}))["surveillanceStats"]
    assert (stats["onlineAssets"], stats["totalAssets"], stats["onlineRate"]) == (3, 4, 0.75)


async def test_the_video_share_counts_cases_solved_with_video(officer, station):
    for index, with_video in enumerate((True, True, False)):
        incident_id = await report(officer, station)
        await dispatch(officer, incident_id)
        opened = await officer.mutate(OPEN_CASE, {"input": {"incidentId": incident_id, "caseNumber": f"QX-{index}"}})
        await officer.mutate(
            SOLVE_CASE, {"input": {"caseId": opened["criminalCase"]["id"], "solvedWithVideo": with_video}}
        )
    stats = (await officer.data(STATS, {"period": YEAR_2020}))["surveillanceStats"]
    assert (stats["solvedCases"], stats["solvedWithVideo"], stats["videoShare"]) == (3, 2, 0.6667)


async def test_another_stations_assets_are_invisible(officer, station, other_station, login_as):
    asset = await register(officer, station)
    stranger = await login_as(Role.OFFICER, station=other_station)
    assert (await stranger.data("{ surveillanceAssets { totalCount } }"))["surveillanceAssets"]["totalCount"] == 0
    data = await stranger.data(CHANGE, {"input": {"assetId": asset["id"], "status": "FAULTY"}})
    assert data["changeSurveillanceAssetStatus"]["errors"][0]["code"] == "NOT_FOUND"
