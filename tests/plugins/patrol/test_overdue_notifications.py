"""The patrol.rectification.overdue notification (整改逾期): the ``patrol.overdue_notices`` job
announces each open rectification past its deadline once, to the inspecting officer and the chief."""

from __future__ import annotations

from core import Role
from core.audit.checks import row_problems
from core.audit.models import AuditEvent
from core.jobs.runner import JobRunner
from core.outbox.models import OutboxEvent
from tests.plugins.patrol.helpers import refresh_token
from tests.plugins.patrol.test_inspections import REINSPECT, create_target, inspect

JOB = "patrol.overdue_notices"
KIND = "patrol.rectification.overdue"
INBOX = '{ notifications(filter: {kind: "patrol.rectification.overdue"}) { totalCount nodes { kind message } } }'
# A CRITICAL finding recorded on 2020-08-20 is due by 2020-08-23: overdue from the 24th.
CRITICAL = [{"description": "消防通道堵塞", "severity": "CRITICAL"}]


async def overdue_items(app, client) -> list[dict]:
    refresh_token(app, client)
    data = (await client.data(INBOX))["notifications"]
    assert data["totalCount"] == len(data["nodes"])
    return data["nodes"]


async def sweep(app) -> int:
    run = await JobRunner(app).run_now(JOB)
    assert run.error is None
    return run.items_changed


async def finding_of(officer, station) -> str:
    inspection = await inspect(officer, await create_target(officer, station), CRITICAL)
    return inspection["findings"][0]["id"]


async def test_an_overdue_rectification_reaches_the_inspector_and_the_chief_once(
    app, officer, station, login_as, clock
):
    from core import decode_id

    chief = await login_as(Role.STATION_CHIEF, station=station)
    finding_id = await finding_of(officer, station)
    clock.advance(days=4)
    assert await sweep(app) == 1
    for client in (officer, chief):
        [item] = await overdue_items(app, client)
        assert item["kind"] == KIND
        assert f"#{decode_id(finding_id, 'InspectionFinding', field='id')}" in item["message"]


async def test_other_stations_and_other_roles_hear_nothing(app, officer, station, other_station, login_as, clock):
    outsiders = [
        await login_as(Role.STATION_CHIEF, station=other_station),
        await login_as(Role.OFFICER, station=station),  # did not inspect
        await login_as(Role.AUXILIARY, station=station),
    ]
    await finding_of(officer, station)
    clock.advance(days=4)
    await sweep(app)
    for client in outsiders:
        assert await overdue_items(app, client) == []


async def test_the_deadline_day_itself_is_still_in_time(app, officer, station, clock):
    await finding_of(officer, station)
    clock.advance(days=3)
    assert await sweep(app) == 0
    assert await overdue_items(app, officer) == []


async def test_a_second_sweep_announces_nothing_again(app, officer, station, clock):
    await finding_of(officer, station)
    clock.advance(days=4)
    assert await sweep(app) == 1
    clock.advance(days=1)
    assert await sweep(app) == 0
    assert len(await overdue_items(app, officer)) == 1


async def test_a_closed_rectification_is_never_announced(app, officer, station, clock):
    finding_id = await finding_of(officer, station)
    await officer.mutate(REINSPECT, {"input": {"findingId": finding_id, "rectified": True}})
    clock.advance(days=30)
    assert await sweep(app) == 0
    assert await overdue_items(app, officer) == []


async def test_a_missed_extension_is_announced_again(app, officer, station, clock):
    finding_id = await finding_of(officer, station)
    clock.advance(days=4)
    assert await sweep(app) == 1
    refresh_token(app, officer)
    extend = {"findingId": finding_id, "rectified": False, "newDeadline": "2020-08-30"}
    await officer.mutate(REINSPECT, {"input": extend})
    assert await sweep(app) == 0
    clock.advance(days=7)
    assert await sweep(app) == 1
    assert len(await overdue_items(app, officer)) == 2


async def test_the_announcement_is_audited_and_its_event_holds_ids_only(app, officer, station, clock):
    from core import decode_id

    finding_id = decode_id(await finding_of(officer, station), "InspectionFinding", field="id")
    clock.advance(days=4)
    await sweep(app)
    audit = await AuditEvent.get(action="patrol.rectification.overdue_notice")
    assert (audit.object_id, audit.actor_username) == (str(finding_id), JOB)
    assert (await row_problems())[1] == []  # the marked row matches its latest audited digests
    event = await OutboxEvent.get(name=KIND)
    assert (event.payload, event.station_id) == ({"finding_id": finding_id}, station.id)


async def test_without_the_plugin_there_is_no_overdue_job(make_app):
    app = await make_app(["volunteers"])
    assert JOB not in JobRunner(app).jobs
