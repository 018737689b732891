"""The lifecycle REPORTED → ASSESSED → IN_MEDIATION → RESOLVED | FAILED → ESCALATED → … → CLOSED."""

from __future__ import annotations

import pytest

from core import Role
from core.audit.models import AuditEvent
from plugins.mediation import models

from . import flows
from .conftest import gid, pk, quick_user

HISTORY = "query { disputes { nodes { history { action fromStatus toStatus byUserId note } } } }"


async def test_assess_moves_reported_to_assessed_and_stamps_who_and_when(officer, station, clock):
    dispute = await flows.report(officer, station)
    assessed = await flows.assess(officer, dispute["id"], riskFactors=["PRIOR_INCIDENT"], note="曾因噪音报警")
    assert assessed["status"] == "ASSESSED"
    assert assessed["riskLevel"] == "YELLOW"
    row = await models.Dispute.get(id=pk(dispute["id"]))
    assert row.assessed_by_id == officer.user.id
    assert row.assessed_at == clock.now()


async def test_assign_mediators_starts_mediation_with_the_team(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    assert dispute["status"] == "IN_MEDIATION"
    data = await officer.data("query { disputes { nodes { mediators { displayName teamRole level active } } } }")
    members = data["disputes"]["nodes"][0]["mediators"]
    assert {(m["teamRole"], m["displayName"]) for m in members} == {
        ("PROFESSIONAL", "王警官"),
        ("VOLUNTEER", "赵志愿者"),
        ("PEOPLES_MEDIATOR", "陈调解员"),
    }


async def test_a_team_must_combine_professional_volunteer_and_peoples_mediator(officer, station, team):
    dispute = await flows.report(officer, station)
    await flows.assess(officer, dispute["id"])
    partial = {"PROFESSIONAL": team["PROFESSIONAL"], "VOLUNTEER": team["VOLUNTEER"]}
    data = await officer.data(
        flows.ASSIGN, {"input": {"disputeId": dispute["id"], "mediators": flows.team_input(partial)}}
    )
    errors = data["assignMediators"]["errors"]
    assert errors[0]["field"] == "mediators" and "PEOPLES_MEDIATOR" in errors[0]["message"]
    assert await models.MediatorAssignment.all().count() == 0


async def test_a_mediator_of_another_station_is_not_found(officer, station, other_station, team, app):
    outsider = await quick_user(other_station, Role.MEDIATOR)
    dispute = await flows.report(officer, station)
    await flows.assess(officer, dispute["id"])
    members = {**team, "PEOPLES_MEDIATOR": outsider}
    data = await officer.data(
        flows.ASSIGN, {"input": {"disputeId": dispute["id"], "mediators": flows.team_input(members)}}
    )
    assert data["assignMediators"]["errors"][0]["field"] == "mediators.2.userId"
    assert data["assignMediators"]["errors"][0]["code"] == "NOT_FOUND"


async def test_recording_a_session_is_the_first_intervention(officer, station, team, clock):
    dispute = await flows.in_mediation(officer, station, team)
    clock.advance(hours=3)
    payload = await flows.session(officer, dispute["id"], "2020-08-20T11:00:00+08:00")
    assert payload["session"]["place"] == "文峰社区调解室"
    assert payload["dispute"]["intervenedAt"].startswith("2020-08-20T03:00:00")


async def test_a_session_in_the_future_is_refused(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    variables = {
        "input": {
            "disputeId": dispute["id"],
            "heldAt": "2020-08-21T09:00:00+08:00",
            "place": "调解室",
            "attendees": ["张三"],
            "notes": "…",
        }
    }
    data = await officer.data(flows.SESSION, variables)
    assert data["recordMediationSession"]["errors"][0]["field"] == "heldAt"
    assert await models.MediationSession.all().count() == 0


async def test_resolve_records_the_agreement_with_a_printable_text(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    payload = await flows.resolve(officer, dispute["id"], ["李四赔偿张三维修费800元", "双方互不追究"])
    assert payload["dispute"]["status"] == "RESOLVED"
    assert payload["dispute"]["resolvedLevel"] == "VILLAGE"
    text = payload["agreement"]["printableText"]
    assert "人民调解协议书" in text and "1. 李四赔偿张三维修费800元" in text and "2. 双方互不追究" in text
    assert "申请人：张三" in text and "渠县公安局城东派出所" in text and "人民调解员 陈调解员" in text


async def test_the_printable_agreement_is_hidden_from_roles_without_full_view(officer, station, team, login_as):
    dispute = await flows.in_mediation(officer, station, team)
    await flows.resolve(officer, dispute["id"])
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("query { disputes { nodes { agreement { printableText terms } } } }")
    agreement = data["disputes"]["nodes"][0]["agreement"]
    assert agreement["printableText"] == "***"
    assert agreement["terms"] == ["李四赔偿张三维修费800元"]


async def test_resolve_needs_terms(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    data = await officer.data(flows.RESOLVE, {"input": {"disputeId": dispute["id"], "terms": [" "]}})
    assert data["resolveDispute"]["errors"][0] == {
        "field": "terms",
        "message": "Give the agreed terms.",
        "code": "REQUIRED",
    }
    assert await models.Agreement.all().count() == 0


async def test_fail_then_escalate_moves_up_one_level_with_a_new_deadline(officer, station, team, clock):
    dispute = await flows.in_mediation(officer, station, team)
    failed = await flows.fail(officer, dispute["id"])
    assert failed["status"] == "FAILED"
    clock.advance(hours=5)
    payload = await flows.escalate(officer, dispute["id"])
    assert payload["escalation"] == {"fromLevel": "VILLAGE", "toLevel": "TOWN", "handoverNote": "移交街道调委会"}
    escalated = payload["dispute"]
    assert escalated["status"] == "ESCALATED" and escalated["level"] == "TOWN"
    # BLUE: 7 days from the moment the town took it.
    assert escalated["deadlineAt"].startswith("2020-08-27T06:00:00")
    assert escalated["intervenedAt"] is None
    assert await models.MediatorAssignment.filter(active=True).count() == 0


async def test_escalation_goes_village_town_county_and_no_further(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    await flows.escalate(officer, dispute["id"])
    await flows.assign(officer, dispute["id"], team)
    county = (await flows.escalate(officer, dispute["id"]))["dispute"]
    assert county["level"] == "COUNTY"
    await flows.assign(officer, dispute["id"], team)
    data = await officer.data(flows.ESCALATE, {"input": {"disputeId": dispute["id"], "handoverNote": "再上交"}})
    assert data["escalateDispute"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await models.Escalation.all().count() == 2


async def test_resolved_at_a_higher_level_counts_at_that_level(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    await flows.escalate(officer, dispute["id"])
    await flows.assign(officer, dispute["id"], team)
    resolved = (await flows.resolve(officer, dispute["id"]))["dispute"]
    assert resolved["resolvedLevel"] == "TOWN"


async def test_close_a_resolved_dispute(officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    closed = await flows.close(officer, dispute["id"])
    assert closed["status"] == "CLOSED" and closed["closedAt"] is not None
    assert closed["concludedAt"] == dispute["resolvedAt"]


async def test_close_a_failed_dispute_concludes_it_without_agreement(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    await flows.fail(officer, dispute["id"])
    closed = await flows.close(officer, dispute["id"])
    assert closed["status"] == "CLOSED"
    assert closed["concludedAt"] is not None and closed["resolvedAt"] is None


async def test_reopen_a_recurring_dispute_counts_it_unresolved_again(officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    await flows.close(officer, dispute["id"])
    reopened = (await officer.mutate(flows.REOPEN, {"input": {"disputeId": dispute["id"], "reason": "再次漏水"}}))[
        "dispute"
    ]
    assert reopened["status"] == "REPORTED"
    assert reopened["reopenedCount"] == 1
    assert reopened["resolvedAt"] is None and reopened["concludedAt"] is None and reopened["closedAt"] is None
    assert "complaint.repeated" in {hit["rule"] for hit in reopened["riskRules"]}
    assert reopened["riskLevel"] == "YELLOW"


@pytest.mark.parametrize(
    ("document", "extra"),
    [
        (flows.ASSIGN, "team"),
        (flows.RESOLVE, {"terms": ["x"]}),
        (flows.FAIL, {"reason": "x"}),
        (flows.CLOSE, {}),
        (flows.REOPEN, {"reason": "x"}),
    ],
)
async def test_a_step_from_the_wrong_status_is_an_invalid_transition(officer, station, team, document, extra):
    dispute = await flows.report(officer, station)
    values = {"mediators": flows.team_input(team)} if extra == "team" else extra
    data = await officer.data(document, {"input": {"disputeId": dispute["id"], **values}})
    payload = next(iter(data.values()))
    assert payload["errors"][0]["code"] == "INVALID_TRANSITION"
    assert payload["errors"][0]["field"] == "disputeId"
    assert (await models.Dispute.get(id=pk(dispute["id"]))).status is models.DisputeStatus.REPORTED


async def test_assessing_twice_after_mediation_started_is_refused(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    data = await officer.data(flows.ASSESS, {"input": {"disputeId": dispute["id"]}})
    assert data["assessDispute"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_every_step_is_in_the_history_and_the_audit_log(officer, station, team):
    dispute = await flows.in_mediation(officer, station, team)
    await flows.session(officer, dispute["id"], "2020-08-20T09:00:00+08:00")
    await flows.resolve(officer, dispute["id"])
    await flows.close(officer, dispute["id"])
    data = await officer.data(HISTORY)
    history = data["disputes"]["nodes"][0]["history"]
    assert [(h["action"], h["fromStatus"], h["toStatus"]) for h in history] == [
        ("report", None, "REPORTED"),
        ("assess", "REPORTED", "ASSESSED"),
        ("assign_mediators", "ASSESSED", "IN_MEDIATION"),
        ("record_session", "IN_MEDIATION", "IN_MEDIATION"),
        ("resolve", "IN_MEDIATION", "RESOLVED"),
        ("close", "RESOLVED", "CLOSED"),
    ]
    assert all(h["byUserId"] == gid("User", officer.user) for h in history)
    actions = [e.action for e in await AuditEvent.filter(action__startswith="mediation.dispute.").order_by("sequence")]
    assert actions == [
        "mediation.dispute.report",
        "mediation.dispute.assess",
        "mediation.dispute.assign_mediators",
        "mediation.dispute.record_session",
        "mediation.dispute.resolve",
        "mediation.dispute.close",
    ]
    close_event = await AuditEvent.get(action="mediation.dispute.close")
    assert close_event.before["status"] == "RESOLVED" and close_event.after["status"] == "CLOSED"


async def test_closing_needs_an_approver(login_as, officer, station, team):
    dispute = await flows.resolved(officer, station, team)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    body = await auxiliary.execute(flows.CLOSE, {"input": {"disputeId": dispute["id"]}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_mediator_works_only_the_disputes_of_their_team(officer, station, team, login_as, app):
    from core.testing import GraphQLClient, token_for

    mine = await flows.in_mediation(officer, station, team)
    other = await flows.report(officer, station)
    mediator = GraphQLClient(app, token_for(app, team["PEOPLES_MEDIATOR"]))
    data = await mediator.data("query { disputes { totalCount nodes { id } } }")
    assert [n["id"] for n in data["disputes"]["nodes"]] == [mine["id"]]
    assert (await flows.session(mediator, mine["id"], "2020-08-20T09:00:00+08:00"))["session"]
    refused = await mediator.data(flows.FAIL, {"input": {"disputeId": other["id"], "reason": "x"}})
    assert refused["failMediation"]["errors"][0]["code"] == "NOT_FOUND"


async def test_another_stations_dispute_looks_missing(officer, station, other_station, login_as, team):
    dispute = await flows.in_mediation(officer, station, team)
    stranger = await login_as(Role.OFFICER, station=other_station)
    data = await stranger.data(flows.FAIL, {"input": {"disputeId": dispute["id"], "reason": "x"}})
    assert data["failMediation"]["errors"][0] == {
        "field": "disputeId",
        "message": "Dispute not found.",
        "code": "NOT_FOUND",
    }
    assert (await stranger.data("query { disputes { totalCount } }"))["disputes"]["totalCount"] == 0
    node = await stranger.data("query($id: ID!) { node(id: $id) { id } }", {"id": dispute["id"]})
    assert node["node"] is None
