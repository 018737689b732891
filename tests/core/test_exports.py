"""Exports: any list a user can read, by the query the screen uses, to CSV or XLSX — masked
exactly as on screen, watermarked (who, when, station), within the row limit of the role,
audited (list, filter, rows), downloadable by link until it expires, progress pushed live."""

import asyncio
import csv
import datetime as dt
import io
import os

import pytest

import tests.core.sample_plugin as sample_plugin
from core import Role, make_id_number
from core.audit.models import AuditEvent
from core.config import ExportSettings
from core.exports.models import ExportJob, ExportState
from core.graphql.ids import to_global_id
from core.testing import create_station
from tests.core.sample_plugin.models import SamplePerson

LIST = """
query($after: String, $first: Int) {
  samplePeople(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { name idNumber phone }
  }
}"""
START = """
mutation($input: StartExportInput!) {
  startExport(input: $input) { downloadUrl export { id state listName } errors { field code message } }
}"""
PEOPLE = 250  # more than one page of the export (200)


@pytest.fixture
async def app(make_app, tmp_path):
    limits = {"STATION_CHIEF": 1000, "OFFICER": 1000, "AUXILIARY": 300}
    return await make_app(
        ["sample"],
        extra_plugins=[sample_plugin],
        exports=ExportSettings(directory=str(tmp_path / "exports"), row_limits=limits, default_row_limit=10),
    )


@pytest.fixture
async def station(app):
    station = await create_station(app)
    await SamplePerson.bulk_create(
        [
            SamplePerson(
                station=station,
                name="=HYPERLINK(1)" if n == 0 else f"居民{n:03d}",
                id_number=make_id_number("511725", dt.date(1980, 1, 1) + dt.timedelta(days=n), n),
                phone=f"138{n:08d}",
                birth_date=dt.date(1980, 1, 1),
            )
            for n in range(PEOPLE)
        ]
    )
    return station


async def export(client, fmt="CSV", query=LIST):
    payload = (await client.data(START, {"input": {"query": query, "format": fmt}}))["startExport"]
    assert payload["errors"] == [], payload["errors"]
    job_id = int(payload["export"]["id"] and (await ExportJob.all().order_by("-id").first()).id)
    for _ in range(400):
        job = await ExportJob.get(id=job_id)
        if job.state is not ExportState.RUNNING:
            return job, payload["downloadUrl"]
        await asyncio.sleep(0.025)
    raise AssertionError("the export never finished")


async def download(client, url):
    return await client.http.get(url) if hasattr(client, "http") else await _get(client, url)


async def _get(client, url):
    import httpx

    from core.app import create_app

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(client.app)), base_url="http://t") as h:
        return await h.get(url)


async def test_an_auxiliarys_csv_export_is_masked_watermarked_audited_and_downloadable(app, station, login_as):
    auxiliary = await login_as(Role.AUXILIARY, station=station, username="aux.zhang", display_name="张辅警")
    on_screen = (await auxiliary.data("{ samplePeople(first: 3) { nodes { name idNumber phone } } }"))["samplePeople"]
    job, url = await export(auxiliary)
    assert (job.state, job.rows, job.total, job.list_name) == (ExportState.DONE, PEOPLE, PEOPLE, "samplePeople")
    response = await _get(auxiliary, url)
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "张辅警（aux.zhang）" in lines[0][0] and station.name in lines[0][0] and "2020-08-20" in lines[0][0]
    assert lines[1] == ["name", "idNumber", "phone"]
    assert len(lines) == 2 + PEOPLE
    assert lines[3] == [node for node in [list(on_screen["nodes"][1].values())]][0]  # exactly the screen's masking
    assert "*" in lines[3][1] and "*" in lines[3][2]
    assert lines[2][0] == "'=HYPERLINK(1)"  # a formula is quoted, never run by a spreadsheet
    event = await AuditEvent.filter(action="core.export.create").first()
    assert event.after["list"] == "samplePeople" and event.after["rows"] == PEOPLE
    assert await AuditEvent.filter(action="core.export.download").count() == 1


async def test_an_xlsx_export_carries_the_watermark_in_its_first_row_and_page_header(app, station, login_as):
    import openpyxl

    officer = await login_as(Role.OFFICER, station=station, display_name="王警官")
    job, url = await export(officer, "XLSX")
    workbook = openpyxl.load_workbook(io.BytesIO((await _get(officer, url)).content))
    sheet = workbook.active
    assert "王警官" in sheet["A1"].value and "严禁外传" in sheet["A1"].value
    assert [cell.value for cell in sheet[2]] == ["name", "idNumber", "phone"]
    assert sheet.max_row == 2 + PEOPLE
    assert "王警官" in sheet.oddHeader.center.text
    assert "*" not in sheet["B4"].value  # officers see full values on screen, and so in the file


async def test_an_export_over_the_roles_row_limit_fails_keeps_no_file_and_is_audited(app, station, login_as, tmp_path):
    chief_station = await create_station(app, name="渠县公安局临巴派出所")
    grid_worker = await login_as(Role.AUXILIARY, station=chief_station)
    await SamplePerson.bulk_create([SamplePerson(station=chief_station, name=f"人{n}") for n in range(301)])
    job, url = await export(grid_worker)
    assert job.state is ExportState.FAILED and "at most 300" in job.error and job.file_path is None
    assert list((tmp_path / "exports").iterdir()) == []
    assert (await _get(grid_worker, url)).status_code == 404
    assert await AuditEvent.filter(action="core.export.refuse").count() == 1


async def test_an_export_holds_only_the_callers_station(app, station, login_as):
    other = await create_station(app, name="渠县公安局临巴派出所")
    officer = await login_as(Role.OFFICER, station=other)
    await SamplePerson.create(station=other, name="临巴居民")
    job, _ = await export(officer)
    assert job.rows == 1


async def test_a_query_that_cannot_be_paged_or_is_not_a_list_is_refused(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    for query in ("mutation { x }", "query { samplePeople { totalCount } }", "{ a { b } c { d } }", "query {"):
        payload = (await officer.data(START, {"input": {"query": query}}))["startExport"]
        assert payload["errors"][0]["field"] == "query", query
    assert await ExportJob.all().count() == 0


async def test_a_download_link_with_a_wrong_token_or_past_its_expiry_is_refused(app, station, login_as, clock):
    officer = await login_as(Role.OFFICER, station=station)
    job, url = await export(officer)
    assert (await _get(officer, url + "x")).status_code == 404
    clock.advance(hours=25)
    assert (await _get(officer, url)).status_code == 404
    from core.jobs.runner import JobRunner

    assert (await JobRunner(app).run_now("core.exports.cleanup")).items_changed == 1
    assert not await asyncio.to_thread(os.path.exists, job.file_path)  # the file is gone with its link


async def test_roles_without_the_export_permission_are_refused(app, station, login_as):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    result = await volunteer.execute(START, {"input": {"query": LIST}})
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_export_progress_over_a_websocket_gives_the_state_and_completes_once_done(app, station, login_as):
    from core.app import create_app
    from tests.plugins.mediation.asgi_ws import WebSocketSession

    officer = await login_as(Role.OFFICER, station=station)
    job, _ = await export(officer)
    session = WebSocketSession(create_app(app))
    await session.__aenter__()
    try:
        await session.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {officer.token}"}})
        assert (await session.receive())["type"] == "connection_ack"
        subscription = "subscription($id: ID!) { exportProgress(id: $id) { state rows total } }"
        variables = {"id": to_global_id("ExportJob", job.id)}
        await session.send({"id": "1", "type": "subscribe", "payload": {"query": subscription, "variables": variables}})
        message = await session.receive()
        assert message["payload"]["data"]["exportProgress"] == {"state": "DONE", "rows": PEOPLE, "total": PEOPLE}
        assert (await session.receive())["type"] == "complete"
    finally:
        await session.__aexit__(None, None, None)


async def test_another_users_export_progress_shows_nothing(app, station, login_as):
    from core.graphql.context import RequestContext

    officer = await login_as(Role.OFFICER, station=station)
    colleague = await login_as(Role.OFFICER, station=station)
    job, _ = await export(officer)
    query = "subscription($id: ID!) { exportProgress(id: $id) { state } }"
    result = await app.schema.subscribe(
        query,
        variable_values={"id": to_global_id("ExportJob", job.id)},
        context_value=RequestContext(app=app, actor=await _actor(colleague)),
    )
    assert [item async for item in result] == []


async def _actor(client):
    from core.identity.models import User
    from core.identity.services import actor_for_user

    return actor_for_user(await User.get(id=client.user.id).select_related("station"))
