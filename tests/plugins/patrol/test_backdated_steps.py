"""补录 for reception, the opening of a case and the end of a hotspot campaign: the time given is
checked by the one rule (not in the future, not before the previous step, within the window),
stored beside the entry time, shown, audited as back-dated, and used by the figures."""

from __future__ import annotations

from core.audit.models import AuditEvent
from core.testing import token_for
from plugins.patrol import models
from tests.plugins.patrol import flows
from tests.plugins.patrol.helpers import area_id
from tests.plugins.patrol.test_inspections import START
from tests.plugins.patrol.test_patrols import create_shift, create_team

REPORT = """
mutation($input: ReportIncidentInput!) {
  reportIncident(input: $input) {
    incident { id receivedAt recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
OPEN_CASE = """
mutation($input: OpenCriminalCaseInput!) {
  openCriminalCase(input: $input) {
    criminalCase { openedAt recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
FINISH = """
mutation($input: FinishHotspotCampaignInput!) {
  finishHotspotCampaign(input: $input) {
    campaign { status finishedOn incidentCounts { days } recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
DISPATCH_MINUTES = """query($id: ID!) { node(id: $id) { ... on Incident { dispatchMinutes } } }"""


def fresh(client):
    """The same user with a new token (days later the first token has expired)."""
    return client.as_user(token_for(client.app, client.user))


def error_of(data: dict, mutation: str) -> dict:
    assert data[mutation][next(key for key in data[mutation] if key != "errors")] is None
    return data[mutation]["errors"][0]


# --- reception (接警) ------------------------------------------------------------------------------


async def test_a_call_received_at_night_and_entered_in_the_morning_keeps_its_reception_time(officer, station):
    # Entered at 09:00 for a 110 call taken at 02:10.
    payload = await officer.mutate(REPORT, {"input": flows.incident_input(station, receivedAt="2020-08-20T02:10:00+08:00")})
    incident = payload["incident"]
    assert incident["receivedAt"].startswith("2020-08-19T18:10:00")
    step = incident["recordedSteps"][0]
    assert (step["step"], step["backdated"]) == ("report", True)
    assert step["recordedAt"].startswith("2020-08-20T01:00:00")
    event = await AuditEvent.get(action="core.record.backdated", object_type="Incident")
    assert (event.after["step"], event.after["lagMinutes"]) == ("report", 410)


async def test_response_times_count_from_the_back_dated_reception(officer, station):
    payload = await officer.mutate(REPORT, {"input": flows.incident_input(station, receivedAt="2020-08-20T08:30:00+08:00")})
    incident = payload["incident"]["id"]
    await flows.dispatch(officer, incident)  # 09:00
    shown = await officer.data(DISPATCH_MINUTES, {"id": incident})
    assert shown["node"]["dispatchMinutes"] == 30


async def test_a_call_reported_now_is_not_back_dated(officer, station):
    payload = await officer.mutate(REPORT, {"input": flows.incident_input(station)})
    assert [step["backdated"] for step in payload["incident"]["recordedSteps"]] == [False]
    assert await AuditEvent.filter(action="core.record.backdated").count() == 0


async def test_a_reception_time_in_the_future_is_refused_and_writes_nothing(officer, station):
    data = await officer.data(REPORT, {"input": flows.incident_input(station, receivedAt="2020-08-20T12:00:00+08:00")})
    error = error_of(data, "reportIncident")
    assert (error["field"], error["code"]) == ("receivedAt", "INVALID") and "future" in error["message"]
    assert await models.Incident.all().count() == 0


async def test_a_patrol_finding_received_before_its_shift_started_is_refused(officer, station):
    team = await create_team(officer, station)
    shift = await create_shift(officer, team["id"])  # starts 2020-08-20 09:00
    values = flows.incident_input(
        station,
        source="PATROL",
        category="PUBLIC_ORDER",
        patrolShiftId=shift["id"],
        persons=[],
        receivedAt="2020-08-20T08:00:00+08:00",
    )
    error = error_of(await officer.data(REPORT, {"input": values}), "reportIncident")
    assert error["field"] == "receivedAt" and "before the start of the patrol shift" in error["message"]
    assert await models.Incident.all().count() == 0


async def test_a_reception_beyond_the_back_dating_window_is_refused(officer, station):
    data = await officer.data(REPORT, {"input": flows.incident_input(station, receivedAt="2020-07-01T10:00:00+08:00")})
    error = error_of(data, "reportIncident")
    assert error["field"] == "receivedAt" and "backdating_days" in error["message"]
    assert await models.Incident.all().count() == 0


# --- opening a criminal case (立案) -----------------------------------------------------------------


async def _dispatched(officer, station) -> str:
    incident = await flows.report(officer, station)  # 2020-08-20 09:00
    await flows.dispatch(officer, incident)
    return incident


async def test_a_case_opened_yesterday_and_entered_today_keeps_its_opening_time(officer, station, clock):
    incident = await _dispatched(officer, station)
    clock.advance(days=1)  # entered 2020-08-21 09:00
    payload = await fresh(officer).mutate(
        OPEN_CASE, {"input": {"incidentId": incident, "caseNumber": "A2020-001", "occurredAt": "2020-08-20T17:00:00+08:00"}}
    )
    case = payload["criminalCase"]
    assert case["openedAt"].startswith("2020-08-20T09:00:00")
    assert [(step["step"], step["backdated"]) for step in case["recordedSteps"]] == [("open", True)]
    event = await AuditEvent.get(action="core.record.backdated", object_type="CriminalCase")
    assert (event.after["step"], event.after["lagMinutes"]) == ("open", 960)


async def test_a_case_opened_in_the_future_is_refused_and_writes_nothing(officer, station):
    incident = await _dispatched(officer, station)
    data = await officer.data(
        OPEN_CASE, {"input": {"incidentId": incident, "caseNumber": "A2020-001", "occurredAt": "2020-08-20T18:00:00+08:00"}}
    )
    error = error_of(data, "openCriminalCase")
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await models.CriminalCase.all().count() == 0


async def test_a_case_opened_before_dispatch_is_refused(officer, station):
    incident = await _dispatched(officer, station)
    data = await officer.data(
        OPEN_CASE, {"input": {"incidentId": incident, "caseNumber": "A2020-001", "occurredAt": "2020-08-20T08:00:00+08:00"}}
    )
    error = error_of(data, "openCriminalCase")
    assert error["field"] == "occurredAt" and "before dispatch" in error["message"]
    assert await models.CriminalCase.all().count() == 0


async def test_a_case_opened_beyond_the_back_dating_window_is_refused(officer, station, clock):
    incident = await _dispatched(officer, station)
    clock.advance(days=40)
    data = await fresh(officer).data(
        OPEN_CASE, {"input": {"incidentId": incident, "caseNumber": "A2020-001", "occurredAt": "2020-08-21T10:00:00+08:00"}}
    )
    error = error_of(data, "openCriminalCase")
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]
    assert await models.CriminalCase.all().count() == 0


async def test_solving_a_case_keeps_its_entry_time_beside_the_opening(officer, station, clock):
    incident = await _dispatched(officer, station)
    opened = await officer.mutate(flows.OPEN_CASE, {"input": {"incidentId": incident, "caseNumber": "A2020-001"}})
    clock.advance(days=2)
    await fresh(officer).mutate(
        flows.SOLVE_CASE,
        {"input": {"caseId": opened["criminalCase"]["id"], "solvedWithVideo": True, "solvedAt": "2020-08-21T10:00:00+08:00"}},
    )
    case = await models.CriminalCase.get()
    assert set(case.recorded_steps) == {"open", "solve"}
    assert case.recorded_steps["solve"]["recordedAt"].startswith("2020-08-22T01:00:00")


# --- finishing a hotspot campaign (乱点整治) ---------------------------------------------------------


async def _campaign(officer, station, starts_on: str) -> str:
    payload = await officer.mutate(
        START, {"input": {"name": "滨江花园乱点整治", "areaIds": [area_id(station, "grid")], "startsOn": starts_on}}
    )
    return payload["campaign"]["id"]


async def test_a_campaign_finished_last_week_is_judged_by_the_day_it_ended(officer, station, clock):
    campaign = await _campaign(officer, station, "2020-08-01")
    clock.advance(days=5)  # entered 2020-08-25
    payload = await fresh(officer).mutate(
        FINISH, {"input": {"campaignId": campaign, "occurredAt": "2020-08-15T18:00:00+08:00"}}
    )
    finished = payload["campaign"]
    assert (finished["status"], finished["finishedOn"]) == ("FINISHED", "2020-08-15")
    assert finished["incidentCounts"]["days"] == 15  # 1–15 August, not up to the day of entry
    step = finished["recordedSteps"][0]
    assert (step["step"], step["backdated"]) == ("finish", True)
    assert step["recordedAt"].startswith("2020-08-25T01:00:00")
    event = await AuditEvent.get(action="core.record.backdated", object_type="HotspotCampaign")
    assert event.after["step"] == "finish"


async def test_a_campaign_finished_in_the_future_is_refused(officer, station):
    campaign = await _campaign(officer, station, "2020-08-01")
    data = await officer.data(FINISH, {"input": {"campaignId": campaign, "occurredAt": "2020-08-21T09:00:00+08:00"}})
    error = error_of(data, "finishHotspotCampaign")
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await models.HotspotCampaign.filter(status="ACTIVE").count() == 1


async def test_a_campaign_finished_before_it_started_is_refused(officer, station):
    campaign = await _campaign(officer, station, "2020-08-10")
    data = await officer.data(FINISH, {"input": {"campaignId": campaign, "occurredAt": "2020-08-09T18:00:00+08:00"}})
    error = error_of(data, "finishHotspotCampaign")
    assert error["field"] == "occurredAt" and "before the start of the campaign" in error["message"]
    assert await models.HotspotCampaign.filter(status="ACTIVE").count() == 1


async def test_a_campaign_finished_beyond_the_back_dating_window_is_refused(officer, station, clock):
    campaign = await _campaign(officer, station, "2020-08-01")
    clock.advance(days=40)
    data = await fresh(officer).data(
        FINISH, {"input": {"campaignId": campaign, "occurredAt": "2020-08-15T18:00:00+08:00"}}
    )
    error = error_of(data, "finishHotspotCampaign")
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]
    assert await models.HotspotCampaign.filter(status="ACTIVE").count() == 1
