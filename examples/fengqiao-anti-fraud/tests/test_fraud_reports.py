"""Fraud reports: personal data protection, the closing transition, the published event."""

from anti_fraud_helpers import CLOSE_REPORT, FRAUD_REPORTS, REPORT_FRAUD, fraud_input
from fengqiao_anti_fraud.models import FraudReport

from core import Role, keyed_hash


async def _file(client, station, **changes) -> dict:
    payload = await client.mutate(REPORT_FRAUD, {"input": fraud_input(station.test_areas["compound"], **changes)})
    return payload["fraudReport"]


async def test_victims_phone_and_name_are_encrypted_at_rest(app, station, login_as):
    from tortoise import connections

    officer = await login_as(Role.OFFICER, station=station)
    await _file(officer, station)
    [row] = await connections.get("default").execute_query_dict("SELECT * FROM anti_fraud_fraud_report")
    assert "13812345678" not in str(row) and "王秀英" not in str(row)
    assert row["victim_phone_hash"] == keyed_hash("phone", "13812345678")


async def test_auxiliary_police_see_the_victim_masked(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    await _file(officer, station)
    [node] = (await auxiliary.data(FRAUD_REPORTS))["fraudReports"]["nodes"]
    assert node["victimPhone"] == "138****5678"
    assert node["victimName"] != "王秀英" and node["victimName"].startswith("王")


async def test_officer_sees_the_victim_in_full_and_the_view_is_logged(station, login_as):
    from core.audit.models import PersonalDataAccess

    officer = await login_as(Role.OFFICER, station=station)
    await _file(officer, station)
    [node] = (await officer.data(FRAUD_REPORTS))["fraudReports"]["nodes"]
    assert (node["victimName"], node["victimPhone"]) == ("王秀英", "13812345678")
    view = await PersonalDataAccess.all().first()
    assert {"type": "FraudReport", "field": "victimPhone", "id": node["id"]} in view.shown


async def test_invalid_phone_and_negative_amount_are_refused_and_nothing_written(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data(
        REPORT_FRAUD, {"input": fraud_input(station.test_areas["compound"], victimPhone="12345", amountLost="-1")}
    )
    assert {e["field"] for e in data["reportFraud"]["errors"]} == {"victimPhone", "amountLost"}
    assert await FraudReport.all().count() == 0


async def test_report_dated_before_the_fraud_is_refused(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data(REPORT_FRAUD, {"input": fraud_input(occurredOn="2020-08-15", reportedOn="2020-08-10")})
    assert data["reportFraud"]["errors"][0]["field"] == "reportedOn"


async def test_grid_worker_may_not_read_fraud_reports(station, login_as):
    grid_worker = await login_as(Role.GRID_WORKER, station=station)
    body = await grid_worker.execute(FRAUD_REPORTS)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_closing_records_the_recovered_money(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    report = await _file(officer, station)
    payload = await officer.mutate(
        CLOSE_REPORT, {"input": {"fraudReportId": report["id"], "amountRecovered": "5000", "note": "止付返还"}}
    )
    assert payload["fraudReport"] == {"id": report["id"], "status": "CLOSED", "amountRecovered": "5000.00"}


async def test_a_closed_report_cannot_be_closed_again(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    report = await _file(officer, station)
    await officer.mutate(CLOSE_REPORT, {"input": {"fraudReportId": report["id"]}})
    data = await officer.data(CLOSE_REPORT, {"input": {"fraudReportId": report["id"], "amountRecovered": "1"}})
    assert data["closeFraudReport"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await FraudReport.get()).amount_recovered == 0


async def test_more_recovered_than_lost_is_refused(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    report = await _file(officer, station)
    data = await officer.data(CLOSE_REPORT, {"input": {"fraudReportId": report["id"], "amountRecovered": "12000.01"}})
    assert data["closeFraudReport"]["errors"][0]["field"] == "amountRecovered"


async def test_another_stations_report_cannot_be_closed(station, other_station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    stranger = await login_as(Role.OFFICER, station=other_station)
    report = await _file(officer, station)
    data = await stranger.data(CLOSE_REPORT, {"input": {"fraudReportId": report["id"]}})
    assert data["closeFraudReport"]["errors"][0]["code"] == "NOT_FOUND"
