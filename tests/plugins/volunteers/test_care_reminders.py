"""The volunteers.care_visit.due notification (关爱走访提醒): the ``volunteers.care_visit_reminders``
job announces each care visit falling due by its cadence once, to whoever makes the visits."""

from __future__ import annotations

from core import Role, decode_id
from core.audit.checks import row_problems
from core.audit.models import AuditEvent
from core.jobs.runner import JobRunner
from core.outbox.models import OutboxEvent
from tests.plugins.volunteers.helpers import gid, renewed
from tests.plugins.volunteers.test_care import REGISTER, VISIT, _elder, _visit, _volunteer

JOB = "volunteers.care_visit_reminders"
KIND = "volunteers.care_visit.due"
INBOX = '{ notifications(filter: {kind: "volunteers.care_visit.due"}) { totalCount nodes { kind message } } }'
UPDATE = """mutation($input: UpdateCareRecipientInput!) { updateCareRecipient(input: $input) {
    careRecipient { responsibleUserId status } errors { field code } } }"""
# Registered on 2020-08-20 with a weekly cadence: due on 2020-08-27.
WEEKLY = {"visitIntervalDays": 7}


async def due_items(app, client) -> list[dict]:
    data = (await renewed(app, client).data(INBOX))["notifications"]
    assert data["totalCount"] == len(data["nodes"])
    return data["nodes"]


async def sweep(app) -> int:
    run = await JobRunner(app).run_now(JOB)
    assert run.error is None
    return run.items_changed


async def register(chief, station, responsible=None) -> str:
    extra = {**WEEKLY, "responsibleUserId": gid("User", responsible.user.id)} if responsible else WEEKLY
    return (await chief.mutate(REGISTER, {"input": _elder(station, **extra)}))["careRecipient"]["id"]


async def test_a_due_visit_reaches_the_responsible_grid_worker_once(app, station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    recipient_id = await register(chief, station, worker)
    clock.advance(days=7)
    assert await sweep(app) == 1
    [item] = await due_items(app, worker)
    assert item["kind"] == KIND and f"#{decode_id(recipient_id, 'CareRecipient', field='id')}" in item["message"]
    assert await due_items(app, chief) == []  # someone is named: the chief is not troubled


async def test_with_nobody_named_the_chief_is_told(app, station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    await register(chief, station)
    clock.advance(days=7)
    assert await sweep(app) == 1
    assert len(await due_items(app, chief)) == 1
    assert await due_items(app, worker) == []


async def test_other_stations_and_other_users_hear_nothing(app, station, other_station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    outsiders = [
        await login_as(Role.STATION_CHIEF, station=other_station),
        await login_as(Role.GRID_WORKER, station=station),
        await login_as(Role.OFFICER, station=station),
    ]
    await register(chief, station, worker)
    clock.advance(days=7)
    await sweep(app)
    for client in outsiders:
        assert await due_items(app, client) == []


async def test_a_visit_not_yet_due_is_not_announced(app, station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    await register(chief, station, worker)
    clock.advance(days=6)
    assert await sweep(app) == 0
    assert await due_items(app, worker) == []


async def test_a_second_sweep_announces_nothing_again(app, station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    await register(chief, station, worker)
    clock.advance(days=7)
    assert await sweep(app) == 1
    clock.advance(days=1)
    assert await sweep(app) == 0
    assert len(await due_items(app, worker)) == 1


async def test_a_person_no_longer_in_care_is_never_announced(app, station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    recipient_id = await register(chief, station, worker)
    await chief.mutate(UPDATE, {"input": {"careRecipientId": recipient_id, "status": "CLOSED"}})
    clock.advance(days=30)
    assert await sweep(app) == 0
    assert await due_items(app, worker) == []


async def test_the_next_due_date_after_a_visit_is_announced_in_its_turn(
    app, station, chief, chief_actor, login_as, clock
):
    worker = await login_as(Role.GRID_WORKER, station=station)
    recipient_id = await register(chief, station, worker)
    clock.advance(days=7)
    assert await sweep(app) == 1
    volunteer = await _volunteer(station, chief_actor)
    await renewed(app, chief).mutate(VISIT, {"input": _visit(clock, volunteer, [recipient_id])})
    assert await sweep(app) == 0  # visited today: due again in a week
    clock.advance(days=7)
    assert await sweep(app) == 1
    assert len(await due_items(app, worker)) == 2


async def test_the_announcement_is_audited_and_its_event_holds_ids_only(app, station, chief, login_as, clock):
    worker = await login_as(Role.GRID_WORKER, station=station)
    recipient_id = decode_id(await register(chief, station, worker), "CareRecipient", field="id")
    clock.advance(days=7)
    await sweep(app)
    audit = await AuditEvent.get(action="volunteers.care_recipient.visit_due_notice")
    assert (audit.object_id, audit.actor_username) == (str(recipient_id), JOB)
    assert (await row_problems())[1] == []  # the marked row matches its latest audited digests
    event = await OutboxEvent.get(name=KIND)
    assert (event.payload, event.station_id) == ({"care_recipient_id": recipient_id}, station.id)


async def test_the_responsible_user_is_shown_and_can_be_changed(app, station, chief, login_as):
    worker = await login_as(Role.GRID_WORKER, station=station)
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    recipient_id = await register(chief, station, worker)
    payload = await chief.mutate(
        UPDATE, {"input": {"careRecipientId": recipient_id, "responsibleUserId": gid("User", volunteer.user.id)}}
    )
    assert payload["careRecipient"]["responsibleUserId"] == gid("User", volunteer.user.id)
    cleared = await chief.mutate(UPDATE, {"input": {"careRecipientId": recipient_id, "responsibleUserId": None}})
    assert cleared["careRecipient"]["responsibleUserId"] is None


async def test_a_responsible_user_of_another_station_is_refused(app, station, other_station, chief, login_as):
    stranger = await login_as(Role.GRID_WORKER, station=other_station)
    extra = {**WEEKLY, "responsibleUserId": gid("User", stranger.user.id)}
    data = await chief.data(REGISTER, {"input": _elder(station, **extra)})
    assert data["registerCareRecipient"]["errors"][0]["field"] == "responsibleUserId"
    assert data["registerCareRecipient"]["careRecipient"] is None


async def test_a_resident_cannot_be_made_responsible(app, station, chief, login_as):
    resident = await login_as(Role.RESIDENT, station=station)
    extra = {**WEEKLY, "responsibleUserId": gid("User", resident.user.id)}
    data = await chief.data(REGISTER, {"input": _elder(station, **extra)})
    assert data["registerCareRecipient"]["errors"] == [
        {
            "field": "responsibleUserId",
            "message": "The person responsible must be an active volunteer, grid worker or police account of the "
            "station.",
            "code": "INVALID",
        }
    ]


async def test_without_the_plugin_there_is_no_reminder_job(make_app):
    app = await make_app(["patrol"])
    assert JOB not in JobRunner(app).jobs
