"""The mediation.dispute.overdue notification (督办提醒): the ``mediation.overdue_notices`` job
announces each dispute past its intervention deadline once, to its team and the station chief."""

from __future__ import annotations

from core import Role
from core.audit.checks import row_problems
from core.audit.models import AuditEvent
from core.jobs.runner import JobRunner
from core.testing import GraphQLClient, token_for

from . import flows
from .conftest import pk, quick_user, relogin

JOB = "mediation.overdue_notices"
KIND = "mediation.dispute.overdue"
INBOX = '{ notifications(filter: {kind: "mediation.dispute.overdue"}) { totalCount nodes { kind message } } }'
# A BLUE dispute's deadline is 168 hours after it was reported.
PAST_BLUE_DEADLINE = {"days": 7, "hours": 1}


async def overdue_items(app, user) -> list[dict]:
    """The user's overdue-dispute notifications, read over GraphQL with a fresh token."""
    data = await GraphQLClient(app, token_for(app, user)).data(INBOX)
    assert data["notifications"]["totalCount"] == len(data["notifications"]["nodes"])
    return data["notifications"]["nodes"]


async def sweep(app) -> int:
    run = await JobRunner(app).run_now(JOB)
    assert run.error is None
    return run.items_changed


async def test_an_overdue_dispute_reaches_its_team_and_the_chief_once(app, officer, station, team, clock):
    chief = await quick_user(station, Role.STATION_CHIEF)
    dispute = await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    assert await sweep(app) == 1
    for user in (chief, *team.values()):
        [item] = await overdue_items(app, user)
        assert item["kind"] == KIND and f"#{pk(dispute['id'])}" in item["message"]


async def test_other_stations_and_other_roles_hear_nothing(app, officer, station, other_station, team, clock):
    outsiders = [
        await quick_user(other_station, Role.STATION_CHIEF),
        await quick_user(station, Role.MEDIATOR),  # a mediator of the station, not on the team
        await quick_user(station, Role.OFFICER),
        officer.user,  # reported it, not on the team
    ]
    await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    await sweep(app)
    for user in outsiders:
        assert await overdue_items(app, user) == []


async def test_a_dispute_without_a_team_reaches_the_chief_alone(app, officer, station, clock):
    chief = await quick_user(station, Role.STATION_CHIEF)
    await flows.report(officer, station)
    clock.advance(**PAST_BLUE_DEADLINE)
    assert await sweep(app) == 1
    assert len(await overdue_items(app, chief)) == 1
    assert await overdue_items(app, officer.user) == []


async def test_a_second_sweep_announces_nothing_again(app, officer, station, team, clock):
    chief = await quick_user(station, Role.STATION_CHIEF)
    await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    assert await sweep(app) == 1
    clock.advance(hours=1)
    assert await sweep(app) == 0
    assert len(await overdue_items(app, chief)) == 1


async def test_a_dispute_not_yet_past_its_deadline_is_not_announced(app, officer, station, team, clock):
    chief = await quick_user(station, Role.STATION_CHIEF)
    await flows.in_mediation(officer, station, team)
    clock.advance(days=6)
    assert await sweep(app) == 0
    assert await overdue_items(app, chief) == []


async def test_a_resolved_dispute_is_never_announced(app, officer, station, team, clock):
    chief = await quick_user(station, Role.STATION_CHIEF)
    await flows.resolved(officer, station, team)
    clock.advance(days=30)
    assert await sweep(app) == 0
    assert await overdue_items(app, chief) == []


async def test_an_escalated_dispute_missing_its_new_deadline_is_announced_again(app, officer, station, team, clock):
    chief = await quick_user(station, Role.STATION_CHIEF)
    dispute = await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    assert await sweep(app) == 1
    await flows.escalate(relogin(app, officer), dispute["id"])  # a new level: a new intervention deadline
    clock.advance(**PAST_BLUE_DEADLINE)
    assert await sweep(app) == 1
    assert len(await overdue_items(app, chief)) == 2


async def test_the_announcement_is_audited_under_the_job_with_the_row_digests(app, officer, station, team, clock):
    dispute = await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    await sweep(app)
    event = await AuditEvent.get(action="mediation.dispute.overdue_notice")
    assert (event.object_id, event.actor_username) == (str(pk(dispute["id"])), JOB)
    assert (await row_problems())[1] == []  # the marked row matches its latest audited digests


async def test_the_event_payload_holds_the_dispute_id_only(app, officer, station, team, clock):
    from core.outbox.models import OutboxEvent

    dispute = await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    await sweep(app)
    event = await OutboxEvent.get(name=KIND)
    assert (event.payload, event.station_id) == ({"dispute_id": pk(dispute["id"])}, station.id)


async def test_without_the_plugin_there_is_no_overdue_job(make_app):
    app = await make_app(["patrol"])
    assert JOB not in JobRunner(app).jobs


async def test_a_dispute_is_claimed_once_when_two_sweeps_race_for_it(app, officer, station, team, clock):
    from core import transaction
    from core.outbox.models import OutboxEvent
    from plugins.mediation.models import Dispute
    from plugins.mediation.services.overdue import DISPUTE_OVERDUE

    dispute = await flows.in_mediation(officer, station, team)
    clock.advance(**PAST_BLUE_DEADLINE)
    row = await Dispute.get(id=pk(dispute["id"]))
    # Both sweeps read the dispute as unannounced; only the first conditional update claims it.
    async with app.events.deferred():
        async with transaction():
            first = await DISPUTE_OVERDUE.announce(row.id, row.deadline_at)
        async with transaction():
            second = await DISPUTE_OVERDUE.announce(row.id, row.deadline_at)
    assert (first, second) == (True, False)
    assert await OutboxEvent.filter(name=KIND).count() == 1


async def test_a_station_that_switched_mediation_off_is_not_swept(app, officer, station, team, clock):
    from core import Station

    chief = await quick_user(station, Role.STATION_CHIEF)
    await flows.in_mediation(officer, station, team)
    await Station.filter(id=station.id).update(enabled_plugins=[])
    clock.advance(**PAST_BLUE_DEADLINE)
    assert await sweep(app) == 0
    assert await overdue_items(app, chief) == []
