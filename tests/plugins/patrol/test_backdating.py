"""补录 — steps entered after the fact: occurredAt is checked, stored beside the entry time,
shown, audited as back-dated, and used by statistics and deadlines."""

from __future__ import annotations

from core.audit.models import AuditEvent
from core.testing import token_for
from plugins.patrol import models
from tests.plugins.patrol import flows
from tests.plugins.patrol.test_inspections import REINSPECT, create_target, inspect

CLOSE = """
mutation($input: CloseIncidentInput!) {
  closeIncident(input: $input) {
    incident { status closedAt recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
FINDING = """
query($id: ID!) { node(id: $id) { ... on InspectionFinding { status closedOn recordedSteps { step backdated } } } }
"""


def fresh(client):
    """The same user with a new token (a day later the morning's token has expired)."""
    return client.as_user(token_for(client.app, client.user))


async def _handled(officer, station, clock):
    incident = await flows.report(officer, station)
    clock.advance(minutes=5)
    await flows.dispatch(officer, incident)
    await flows.arrive(officer, incident)
    await flows.handle(officer, incident)
    return incident


async def test_an_incident_closed_at_night_is_recorded_in_the_morning_with_both_times(officer, station, clock):
    # Reported 09:00, handled 09:05; closed at 02:10 the next night, typed in at 08:30.
    incident = await _handled(officer, station, clock)
    clock.advance(hours=23, minutes=25)  # 08:30 next day
    officer = fresh(officer)
    payload = await officer.mutate(
        CLOSE, {"input": {"incidentId": incident, "occurredAt": "2020-08-21T02:10:00+08:00"}}
    )
    closed = payload["incident"]
    assert closed["closedAt"].startswith("2020-08-20T18:10:00")  # 02:10 Asia/Shanghai, in UTC
    step = next(s for s in closed["recordedSteps"] if s["step"] == "close")
    assert step["backdated"] is True and step["recordedAt"].startswith("2020-08-21T00:30:00")
    event = await AuditEvent.get(action="core.record.backdated")
    assert (event.after["step"], event.after["lagMinutes"]) == ("close", 380)


async def test_a_step_entered_now_is_not_back_dated(officer, station, clock):
    incident = await _handled(officer, station, clock)
    payload = await officer.mutate(CLOSE, {"input": {"incidentId": incident}})
    assert all(not step["backdated"] for step in payload["incident"]["recordedSteps"])
    assert await AuditEvent.filter(action="core.record.backdated").count() == 0


async def test_an_occurrence_in_the_future_is_refused_and_writes_nothing(officer, station, clock):
    incident = await _handled(officer, station, clock)
    data = await officer.data(CLOSE, {"input": {"incidentId": incident, "occurredAt": "2020-08-20T12:00:00+08:00"}})
    error = data["closeIncident"]["errors"][0]
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await models.Incident.filter(status="CLOSED").count() == 0


async def test_an_occurrence_before_the_previous_step_is_refused(officer, station, clock):
    incident = await _handled(officer, station, clock)
    data = await officer.data(CLOSE, {"input": {"incidentId": incident, "occurredAt": "2020-08-20T08:00:00+08:00"}})
    error = data["closeIncident"]["errors"][0]
    assert error["field"] == "occurredAt" and "before handling" in error["message"]


async def test_an_occurrence_beyond_the_back_dating_window_is_refused(make_app, login_as, clock):
    import plugins.patrol as plugin
    from core.config import RecordSettings
    from core.contract import Role
    from core.testing import create_station

    app = await make_app(["patrol"], extra_plugins=[plugin], records=RecordSettings(backdating_days=1))
    station = await create_station(app)
    officer = await login_as(Role.OFFICER, station=station)
    incident = await _handled(officer, station, clock)
    clock.advance(days=3)
    officer = fresh(officer)
    data = await officer.data(CLOSE, {"input": {"incidentId": incident, "occurredAt": "2020-08-21T10:00:00+08:00"}})
    error = data["closeIncident"]["errors"][0]
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]


async def test_a_rectification_closed_in_time_but_entered_late_counts_as_on_time(officer, station, clock):
    target = await create_target(officer, station)
    inspection = await inspect(officer, target, [{"description": "消防通道堵塞", "severity": "CRITICAL"}])
    finding = inspection["findings"][0]
    assert finding["deadline"] == "2020-08-23"
    clock.advance(days=5)  # 2020-08-25, past the deadline in the office
    officer = fresh(officer)
    payload = await officer.mutate(
        REINSPECT, {"input": {"findingId": finding["id"], "rectified": True, "occurredAt": "2020-08-22T15:00:00+08:00"}}
    )
    assert payload["finding"]["closedOn"] == "2020-08-22"
    shown = (await officer.data(FINDING, {"id": finding["id"]}))["node"]
    assert shown["recordedSteps"] == [{"step": "reinspect", "backdated": True}]
    import datetime as dt

    from core.periods import Period
    from plugins.patrol.scoring import rectification_on_time

    figures = await rectification_on_time([station.id], Period(dt.date(2020, 8, 1), dt.date(2020, 8, 31)))
    assert figures[station.id].value == 100.0
