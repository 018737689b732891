"""补录 — a dispute mediated in a village on Saturday is typed in on Monday: its steps carry
Saturday's times, statistics and deadlines use them, and the entry is audited as back-dated."""

from __future__ import annotations

from core.audit.models import AuditEvent
from plugins.mediation import models

from . import flows
from .conftest import gid, relogin
from .test_demo_and_stats import STATS

SATURDAY_SESSION = "2020-08-22T10:00:00+08:00"
SATURDAY_AGREEMENT = "2020-08-22T11:30:00+08:00"
STEPS = "query($id: ID!) { node(id: $id) { ... on Dispute { recordedSteps { step occurredAt backdated } } } }"


async def _typed_in_on_monday(app, officer, station, team, clock):
    dispute = await flows.in_mediation(officer, station, team)  # reported Thursday 2020-08-20 09:00
    clock.advance(days=4)  # Monday 2020-08-24 09:00
    officer = relogin(app, officer)
    await flows.session(officer, dispute["id"], SATURDAY_SESSION)
    payload = await officer.mutate(
        flows.RESOLVE, {"input": {"disputeId": dispute["id"], "terms": ["赔偿800元"], "signedAt": SATURDAY_AGREEMENT}}
    )
    return officer, dispute, payload["dispute"]


async def test_a_weekend_mediation_entered_on_monday_keeps_its_saturday_times(app, officer, station, team, clock):
    officer, dispute, resolved = await _typed_in_on_monday(app, officer, station, team, clock)
    assert resolved["resolvedAt"].startswith("2020-08-22T03:30:00")
    assert resolved["intervenedAt"].startswith("2020-08-22T02:00:00")
    steps = {s["step"]: s for s in (await officer.data(STEPS, {"id": dispute["id"]}))["node"]["recordedSteps"]}
    assert steps["record_session"]["backdated"] and steps["resolve"]["backdated"]
    assert not steps["assess"]["backdated"]
    assert await AuditEvent.filter(action="core.record.backdated", object_type="Dispute").count() == 2


async def test_statistics_count_the_saturday_outcome_in_a_period_ending_saturday(app, officer, station, team, clock):
    officer, _, _ = await _typed_in_on_monday(app, officer, station, team, clock)
    saturday = {"station": gid("Station", station), "start": "2020-08-01", "end": "2020-08-22"}
    stats = (await officer.data(STATS, saturday))["mediationStats"]
    assert (stats["concluded"], stats["resolved"]) == (1, 1)


async def test_closing_before_the_previous_step_is_refused(app, officer, station, team, clock):
    officer, dispute, _ = await _typed_in_on_monday(app, officer, station, team, clock)
    data = await officer.data(
        flows.CLOSE, {"input": {"disputeId": dispute["id"], "occurredAt": "2020-08-22T11:00:00+08:00"}}
    )
    error = data["closeDispute"]["errors"][0]
    assert error["field"] == "occurredAt" and "previous step" in error["message"]
    assert await models.Dispute.filter(status=models.DisputeStatus.CLOSED).count() == 0


async def test_a_failure_dated_in_the_future_is_refused(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    data = await officer.data(
        flows.FAIL,
        {"input": {"disputeId": dispute["id"], "reason": "分歧大", "occurredAt": "2020-08-21T09:00:00+08:00"}},
    )
    assert data["failMediation"]["errors"][0]["field"] == "occurredAt"
    assert await models.Dispute.filter(status=models.DisputeStatus.FAILED).count() == 0


async def test_an_escalation_entered_later_starts_the_new_levels_deadline_when_it_happened(
    app, officer, station, team, clock
):
    dispute = await flows.in_mediation(officer, station, team)
    await flows.fail(officer, dispute["id"])
    clock.advance(hours=5)
    officer = relogin(app, officer)
    payload = await officer.mutate(
        flows.ESCALATE,
        {"input": {"disputeId": dispute["id"], "handoverNote": "移交街道", "occurredAt": "2020-08-20T10:00:00+08:00"}},
    )
    escalated = payload["dispute"]
    row = await models.Dispute.first()
    assert row.level_started_at.isoformat().startswith("2020-08-20T02:00:00")
    assert escalated["deadlineAt"] != dispute["deadlineAt"]


FIELD_FINDING = """
mutation($input: RecordCanvassFindingInput!) {
  recordCanvassFinding(input: $input) { finding { foundAt recordedAt } errors { field message code } }
}"""


async def test_a_canvass_finding_noted_in_the_field_keeps_the_time_it_was_found(officer, station):
    from .test_canvass_and_centres import CREATE, _campaign_input

    campaign = (await officer.mutate(CREATE, {"input": _campaign_input(station)}))["campaign"]
    finding = {
        "campaignId": campaign["id"],
        "areaId": gid("Area", station.test_areas["compound"]),
        "description": "3栋业主与物业因停车费矛盾激化",
    }
    payload = await officer.mutate(FIELD_FINDING, {"input": {**finding, "foundAt": "2020-08-18T15:00:00+08:00"}})
    assert payload["finding"]["foundAt"].startswith("2020-08-18T07:00:00")
    assert payload["finding"]["recordedAt"].startswith("2020-08-20T01:00:00")
    assert await AuditEvent.filter(action="core.record.backdated", object_type="CanvassFinding").count() == 1
    early = await officer.data(FIELD_FINDING, {"input": {**finding, "foundAt": "2020-07-31T15:00:00+08:00"}})
    assert early["recordCanvassFinding"]["errors"][0]["field"] == "foundAt"
