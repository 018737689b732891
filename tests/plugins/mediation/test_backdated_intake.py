"""补录 for triaging tips and linking criminal cases: the time given is checked by the one rule,
kept beside the entry time, shown, audited as back-dated, and counted in the statistics; a case
announced as opened earlier links its disputes at its opening."""

from __future__ import annotations

from core import keyed_hash, publish
from core.audit.models import AuditEvent
from plugins.mediation import models

from . import flows
from .conftest import gid, id_number, pk, relogin
from .test_demo_and_stats import STATS
from .test_tips import SUBMIT

TIPS = "query { tips { nodes { id } } }"
TRIAGE = """
mutation($input: TriageTipInput!) {
  triageTip(input: $input) {
    tip { status triagedAt recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
STEPS = "query($id: ID!) { node(id: $id) { ... on Dispute { recordedSteps { step occurredAt recordedAt backdated } } } }"
HISTORY = "query($id: ID!) { node(id: $id) { ... on Dispute { history { action at } } } }"


async def _tip(client, officer, station) -> str:
    """A tip sent at 2020-08-20 09:00; its global id."""
    await client.mutate(SUBMIT, {"input": {"content": "小区3栋两户因停车位争吵", "stationId": gid("Station", station)}})
    return (await officer.data(TIPS))["tips"]["nodes"][0]["id"]


def _dismiss(tip_id: str, occurred_at: str) -> dict:
    return {"input": {"tipId": tip_id, "action": "DISMISS", "note": "已核实，系误会", "occurredAt": occurred_at}}


# --- triaging a tip ---------------------------------------------------------------------------------


async def test_a_tip_triaged_on_friday_and_entered_on_monday_keeps_fridays_time(app, client, officer, station, clock):
    tip_id = await _tip(client, officer, station)
    clock.advance(days=4)  # Monday 2020-08-24 09:00
    payload = await relogin(app, officer).mutate(TRIAGE, _dismiss(tip_id, "2020-08-21T16:00:00+08:00"))
    tip = payload["tip"]
    assert (tip["status"], tip["triagedAt"][:19]) == ("DISMISSED", "2020-08-21T08:00:00")
    step = tip["recordedSteps"][0]
    assert (step["step"], step["backdated"]) == ("triage", True)
    assert step["recordedAt"].startswith("2020-08-24T01:00:00")
    event = await AuditEvent.get(action="core.record.backdated", object_type="Tip")
    assert (event.after["step"], event.after["lagMinutes"]) == ("triage", 3 * 24 * 60 - 7 * 60)


async def test_a_tip_triaged_now_is_not_back_dated(client, officer, station):
    tip_id = await _tip(client, officer, station)
    payload = await officer.mutate(
        TRIAGE, {"input": {"tipId": tip_id, "action": "DISMISS", "note": "已核实，系误会"}}
    )
    assert [step["backdated"] for step in payload["tip"]["recordedSteps"]] == [False]
    assert await AuditEvent.filter(action="core.record.backdated").count() == 0


async def test_a_triage_in_the_future_is_refused_and_writes_nothing(client, officer, station):
    tip_id = await _tip(client, officer, station)
    data = await officer.data(TRIAGE, _dismiss(tip_id, "2020-08-20T12:00:00+08:00"))
    error = data["triageTip"]["errors"][0]
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await models.Tip.filter(status=models.TipStatus.RECEIVED).count() == 1


async def test_a_triage_before_the_tip_arrived_is_refused(client, officer, station):
    tip_id = await _tip(client, officer, station)
    data = await officer.data(TRIAGE, _dismiss(tip_id, "2020-08-20T08:00:00+08:00"))
    error = data["triageTip"]["errors"][0]
    assert error["field"] == "occurredAt" and "before the tip's arrival" in error["message"]
    assert await models.Tip.filter(status=models.TipStatus.RECEIVED).count() == 1


async def test_a_triage_beyond_the_back_dating_window_is_refused(app, client, officer, station, clock):
    tip_id = await _tip(client, officer, station)
    clock.advance(days=40)
    data = await relogin(app, officer).data(TRIAGE, _dismiss(tip_id, "2020-08-21T16:00:00+08:00"))
    error = data["triageTip"]["errors"][0]
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]
    assert await models.Tip.filter(status=models.TipStatus.RECEIVED).count() == 1


# --- linking a criminal case (民转刑) ---------------------------------------------------------------


def _link(dispute_id: str, occurred_at: str) -> dict:
    return {"input": {"disputeId": dispute_id, "caseNumber": "刑-2020-001", "occurredAt": occurred_at}}


async def test_a_link_made_in_august_and_entered_in_september_counts_in_august(app, officer, station, clock):
    dispute = await flows.report(officer, station)  # 2020-08-20 09:00
    clock.advance(days=14)  # 2020-09-03
    officer = relogin(app, officer)
    payload = await officer.mutate(flows.LINK, _link(dispute["id"], "2020-08-28T10:00:00+08:00"))
    assert payload["dispute"]["criminalLinked"] is True
    august = {"station": gid("Station", station), "start": "2020-08-01", "end": "2020-08-31"}
    september = {**august, "start": "2020-09-01", "end": "2020-09-30"}
    assert (await officer.data(STATS, august))["mediationStats"]["civilToCriminal"] == 1
    assert (await officer.data(STATS, september))["mediationStats"]["civilToCriminal"] == 0
    steps = (await officer.data(STEPS, {"id": dispute["id"]}))["node"]["recordedSteps"]
    link = next(step for step in steps if step["step"] == "link_criminal_case")
    assert link["backdated"] is True and link["recordedAt"].startswith("2020-09-03T01:00:00")
    history = (await officer.data(HISTORY, {"id": dispute["id"]}))["node"]["history"]
    assert next(e["at"] for e in history if e["action"] == "link_criminal_case").startswith("2020-08-28T02:00:00")
    event = await AuditEvent.get(action="core.record.backdated", object_type="Dispute")
    assert event.after["step"] == "link_criminal_case"


async def test_a_link_in_the_future_is_refused_and_writes_nothing(officer, station):
    dispute = await flows.report(officer, station)
    data = await officer.data(flows.LINK, _link(dispute["id"], "2020-08-21T10:00:00+08:00"))
    error = data["linkCriminalCase"]["errors"][0]
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await models.CriminalCaseLink.all().count() == 0


async def test_a_link_before_the_dispute_was_reported_is_refused(officer, station):
    dispute = await flows.report(officer, station)
    data = await officer.data(flows.LINK, _link(dispute["id"], "2020-08-19T10:00:00+08:00"))
    error = data["linkCriminalCase"]["errors"][0]
    assert error["field"] == "occurredAt" and "before the dispute's report" in error["message"]
    assert await models.CriminalCaseLink.all().count() == 0


async def test_a_link_beyond_the_back_dating_window_is_refused(app, officer, station, clock):
    dispute = await flows.report(officer, station)
    clock.advance(days=40)
    data = await relogin(app, officer).data(flows.LINK, _link(dispute["id"], "2020-08-21T10:00:00+08:00"))
    error = data["linkCriminalCase"]["errors"][0]
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]
    assert await models.CriminalCaseLink.all().count() == 0


async def test_a_case_announced_as_opened_earlier_links_the_dispute_when_it_was_opened(app, officer, station, clock):
    number = id_number()
    dispute = await flows.report(officer, station, parties=[{"name": "张三", "idNumber": number, "role": "APPLICANT"}])
    clock.advance(days=3)  # the case was opened on the 21st and entered on the 23rd
    payload = {
        "case_number": "刑-2020-002",
        "person_hashes": [keyed_hash("id_number", number)],
        "incident_id": 7,
        "opened_at": "2020-08-21T02:00:00+00:00",
    }
    await publish("patrol.criminal_case.opened", payload, station_id=station.id)
    link = await models.CriminalCaseLink.get(dispute_id=pk(dispute["id"]))
    assert link.linked_at.isoformat().startswith("2020-08-21T02:00:00")
    steps = (await relogin(app, officer).data(STEPS, {"id": dispute["id"]}))["node"]["recordedSteps"]
    assert [(s["step"], s["backdated"]) for s in steps if s["step"] == "link_criminal_case"] == [
        ("link_criminal_case", True)
    ]


async def test_a_case_announced_as_opened_before_the_dispute_links_it_at_its_report(officer, station):
    number = id_number()
    dispute = await flows.report(officer, station, parties=[{"name": "张三", "idNumber": number, "role": "APPLICANT"}])
    payload = {
        "case_number": "刑-2020-003",
        "person_hashes": [keyed_hash("id_number", number)],
        "opened_at": "2020-08-19T02:00:00+00:00",
    }
    await publish("patrol.criminal_case.opened", payload, station_id=station.id)
    link = await models.CriminalCaseLink.get(dispute_id=pk(dispute["id"]))
    assert link.linked_at == (await models.Dispute.get(id=pk(dispute["id"]))).reported_at
