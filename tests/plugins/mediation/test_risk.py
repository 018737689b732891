"""三色预警: declarative rules, configuration, overrides, deadlines, overdue supervision."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import plugins.mediation as plugin
from core import Role
from core.audit.models import AuditEvent
from plugins.mediation import models
from plugins.mediation.models import RiskFactor, RiskLevel
from plugins.mediation.services.risk import RiskContext, evaluate
from plugins.mediation.settings import MediationSettings

from . import flows
from .conftest import id_number, pk, quick_user, relogin

DEFAULTS = MediationSettings()


def context(**values) -> RiskContext:
    base = dict(
        factors=frozenset(),
        party_count=2,
        vulnerable_parties=0,
        reopened=False,
        recurring_parties=0,
        criminal_linked=False,
        days_unresolved=0,
    )
    base.update(values)
    return RiskContext(**base)


def rules_of(hits) -> list[str]:
    return [hit.rule for hit in hits]


# --- the rules, one by one ----------------------------------------------------------------------


def test_no_rule_fires_for_a_plain_dispute():
    assert evaluate(context(), DEFAULTS) == (RiskLevel.BLUE, [])


@pytest.mark.parametrize("factor", [RiskFactor.THREAT_OF_VIOLENCE, RiskFactor.WEAPON, RiskFactor.SELF_HARM_THREAT])
def test_a_threat_or_a_weapon_is_red(factor):
    level, hits = evaluate(context(factors=frozenset({factor})), DEFAULTS)
    assert level is RiskLevel.RED and rules_of(hits) == [f"factor.{factor.value}"]


@pytest.mark.parametrize(
    "factor",
    [RiskFactor.VULNERABLE_PARTY, RiskFactor.PRIOR_INCIDENT, RiskFactor.REPEATED_COMPLAINT, RiskFactor.GROUP_DISPUTE],
)
def test_yellow_factors_are_yellow(factor):
    level, hits = evaluate(context(factors=frozenset({factor})), DEFAULTS)
    assert level is RiskLevel.YELLOW and rules_of(hits) == [f"factor.{factor.value}"]


def test_many_parties_is_yellow_from_the_threshold():
    assert evaluate(context(party_count=3), DEFAULTS)[0] is RiskLevel.BLUE
    level, hits = evaluate(context(party_count=4), DEFAULTS)
    assert level is RiskLevel.YELLOW and rules_of(hits) == ["parties.many"]


def test_a_vulnerable_party_is_yellow():
    level, hits = evaluate(context(vulnerable_parties=1), DEFAULTS)
    assert level is RiskLevel.YELLOW and rules_of(hits) == ["party.vulnerable"]


def test_a_reopened_dispute_or_a_recurring_party_is_a_repeated_complaint():
    assert rules_of(evaluate(context(reopened=True), DEFAULTS)[1]) == ["complaint.repeated"]
    level, hits = evaluate(context(recurring_parties=2), DEFAULTS)
    assert level is RiskLevel.YELLOW and "2 party(ies)" in hits[0].explanation


def test_a_criminal_case_link_is_red():
    level, hits = evaluate(context(criminal_linked=True), DEFAULTS)
    assert level is RiskLevel.RED and rules_of(hits) == ["case.criminal"]


def test_unresolved_past_the_limit_raises_one_level():
    assert evaluate(context(days_unresolved=29), DEFAULTS)[0] is RiskLevel.BLUE
    level, hits = evaluate(context(days_unresolved=30), DEFAULTS)
    assert level is RiskLevel.YELLOW and hits[0].raises
    assert evaluate(context(days_unresolved=30, party_count=5), DEFAULTS)[0] is RiskLevel.RED
    red = context(days_unresolved=99, factors=frozenset({RiskFactor.WEAPON}))
    assert evaluate(red, DEFAULTS)[0] is RiskLevel.RED


def test_a_resolved_dispute_is_not_raised_for_time():
    assert evaluate(context(days_unresolved=None), DEFAULTS)[0] is RiskLevel.BLUE


def test_the_highest_level_wins_and_every_rule_is_listed():
    level, hits = evaluate(context(factors=frozenset({RiskFactor.WEAPON}), party_count=6), DEFAULTS)
    assert level is RiskLevel.RED and rules_of(hits) == ["factor.WEAPON", "parties.many"]


def test_rules_follow_the_configuration():
    config = MediationSettings(
        red_factors=("GROUP_DISPUTE",), yellow_factors=(), many_parties=2, unresolved_days_raise=0
    )
    assert evaluate(context(factors=frozenset({RiskFactor.GROUP_DISPUTE})), config)[0] is RiskLevel.RED
    assert evaluate(context(factors=frozenset({RiskFactor.WEAPON})), config)[0] is RiskLevel.YELLOW  # via parties.many
    assert evaluate(context(party_count=1, days_unresolved=400), config)[0] is RiskLevel.BLUE


def test_an_unknown_factor_in_the_configuration_is_refused():
    with pytest.raises(ValueError, match="red_factors: unknown risk factor"):
        MediationSettings(red_factors=("KNIFE",))


async def test_a_bad_mediation_section_stops_start_up(make_app):
    from core.errors import ConfigError

    with pytest.raises(ConfigError, match="mediation: red_factors: unknown risk factor"):
        await make_app(["mediation"], extra_plugins=[plugin], plugin_sections={"mediation": {"red_factors": ["KNIFE"]}})


# --- rules applied to real disputes ---------------------------------------------------------------


async def test_a_weapon_makes_a_reported_dispute_red_with_a_24_hour_deadline(officer, station):
    dispute = await flows.report(officer, station, riskFactors=["WEAPON"])
    assert dispute["riskLevel"] == "RED"
    assert dispute["deadlineAt"].startswith("2020-08-21T01:00:00")


@pytest.mark.parametrize(
    ("factors", "deadline"), [([], "2020-08-27T01:00:00"), (["PRIOR_INCIDENT"], "2020-08-23T01:00:00")]
)
async def test_each_level_has_its_deadline(officer, station, factors, deadline):
    dispute = await flows.report(officer, station, riskFactors=factors)
    assert dispute["deadlineAt"].startswith(deadline)


async def test_an_elderly_party_is_vulnerable_by_age(officer, station):
    parties = [
        {"name": "王奶奶", "idNumber": id_number(birth=dt.date(1945, 1, 1)), "role": "APPLICANT"},
        {"name": "李四", "idNumber": id_number(), "role": "RESPONDENT"},
    ]
    dispute = await flows.report(officer, station, parties=parties)
    assert dispute["riskLevel"] == "YELLOW" and dispute["riskRules"][0]["rule"] == "party.vulnerable"


async def test_four_parties_make_it_yellow(officer, station):
    parties = [{"name": f"村民{n}", "idNumber": id_number(), "role": "APPLICANT"} for n in range(4)]
    dispute = await flows.report(officer, station, parties=parties, category="LAND")
    assert [r["rule"] for r in dispute["riskRules"]] == ["parties.many"]


async def test_thresholds_and_deadlines_come_from_the_settings(make_app, clock):
    from core.testing import GraphQLClient, create_station, token_for

    app = await make_app(
        ["mediation"],
        extra_plugins=[plugin],
        plugin_sections={"mediation": {"many_parties": 2, "yellow_deadline_hours": 12}},
    )
    station = await create_station(app)
    officer = GraphQLClient(app, token_for(app, await quick_user(station, Role.OFFICER)))
    dispute = await flows.report(officer, station)
    assert dispute["riskLevel"] == "YELLOW"
    assert dispute["deadlineAt"].startswith("2020-08-20T13:00:00")


async def test_rules_are_re_evaluated_on_every_event(app, officer, station, team, clock):
    dispute = await flows.in_mediation(officer, station, team)
    assert dispute["riskLevel"] == "BLUE"
    clock.advance(days=31)
    officer = relogin(app, officer)
    payload = await flows.session(officer, dispute["id"], "2020-09-20T09:00:00+08:00")
    assert payload["dispute"]["riskLevel"] == "YELLOW"
    assert payload["dispute"]["riskRules"][-1]["rule"] == "unresolved.days"


async def test_the_sweep_raises_disputes_left_unresolved(app, officer, station, clock):
    from plugins.mediation.services.events import sweep_once

    dispute = await flows.report(officer, station)
    clock.advance(days=30, hours=1)
    assert await sweep_once(app) == 1
    row = await models.Dispute.get(id=pk(dispute["id"]))
    assert row.risk_level is RiskLevel.YELLOW
    assert await sweep_once(app) == 0
    history = await models.DisputeTransition.filter(dispute_id=row.id).order_by("id")
    assert history[-1].action == "reevaluate_risk"


# --- override -------------------------------------------------------------------------------------


async def test_an_officer_overrides_the_level_with_a_reason(officer, station):
    dispute = await flows.report(officer, station)
    variables = {"input": {"disputeId": dispute["id"], "level": "RED", "reason": "当事人情绪激动，扬言报复"}}
    overridden = (await officer.mutate(flows.OVERRIDE, variables))["dispute"]
    assert overridden["riskLevel"] == "RED" and overridden["computedRiskLevel"] == "BLUE"
    assert overridden["deadlineAt"].startswith("2020-08-21T01:00:00")
    row = await models.Dispute.get(id=pk(dispute["id"]))
    assert row.risk_override_reason == "当事人情绪激动，扬言报复" and row.risk_override_by_id == officer.user.id


async def test_an_override_needs_a_reason(officer, station):
    dispute = await flows.report(officer, station)
    data = await officer.data(flows.OVERRIDE, {"input": {"disputeId": dispute["id"], "level": "RED", "reason": " "}})
    assert data["overrideRiskLevel"]["errors"][0]["field"] == "reason"
    assert data["overrideRiskLevel"]["errors"][0]["code"] == "REQUIRED"
    assert (await models.Dispute.get(id=pk(dispute["id"]))).risk_level is RiskLevel.BLUE


async def test_an_override_survives_re_evaluation_until_cleared(officer, station):
    dispute = await flows.report(officer, station, riskFactors=["WEAPON"])
    await officer.mutate(
        flows.OVERRIDE, {"input": {"disputeId": dispute["id"], "level": "YELLOW", "reason": "刀具已收缴"}}
    )
    assert (await flows.assess(officer, dispute["id"]))["riskLevel"] == "YELLOW"
    cleared = await officer.mutate(
        flows.OVERRIDE, {"input": {"disputeId": dispute["id"], "level": None, "reason": "复核"}}
    )
    assert cleared["dispute"]["riskLevel"] == "RED"


async def test_auxiliary_police_may_not_override(login_as, officer, station):
    dispute = await flows.report(officer, station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    body = await auxiliary.execute(
        flows.OVERRIDE, {"input": {"disputeId": dispute["id"], "level": "RED", "reason": "x"}}
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# --- deadlines and supervision --------------------------------------------------------------------

OVERDUE = "query { overdueDisputes { totalCount nodes { id riskLevel isOverdue } } }"


async def test_a_dispute_past_its_deadline_without_intervention_is_overdue(app, officer, station, team, clock):
    red = await flows.report(officer, station, riskFactors=["THREAT_OF_VIOLENCE"])
    blue = await flows.report(officer, station)
    clock.advance(hours=23)
    assert (await relogin(app, officer).data(OVERDUE))["overdueDisputes"]["totalCount"] == 0
    clock.advance(hours=2)
    officer = relogin(app, officer)
    data = await officer.data(OVERDUE)
    assert data["overdueDisputes"]["nodes"] == [{"id": red["id"], "riskLevel": "RED", "isOverdue": True}]
    filtered = await officer.data("query { disputes(filter: {overdue: true}) { nodes { id } } }")
    assert filtered["disputes"]["nodes"] == [{"id": red["id"]}]
    clock.advance(days=7)
    nodes = (await relogin(app, officer).data(OVERDUE))["overdueDisputes"]["nodes"]
    assert [n["id"] for n in nodes] == [red["id"], blue["id"]]


async def test_an_intervention_takes_a_dispute_off_the_overdue_list(app, officer, station, team, clock):
    dispute = await flows.report(officer, station, riskFactors=["WEAPON"])
    await flows.assess(officer, dispute["id"])
    await flows.assign(officer, dispute["id"], team)
    clock.advance(hours=6)
    await flows.session(officer, dispute["id"], "2020-08-20T15:00:00+08:00")
    clock.advance(days=2)
    assert (await relogin(app, officer).data(OVERDUE))["overdueDisputes"]["totalCount"] == 0


async def test_the_overdue_list_is_for_supervisors(login_as, station):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    body = await auxiliary.execute(OVERDUE)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# --- the sweep as a periodic job (fengqiao_jobs) ----------------------------------------------------


async def test_the_sweep_is_a_core_job_on_the_configured_interval(app, officer, station, clock):
    from core.jobs.models import JobOutcome
    from core.jobs.runner import JobRunner

    await flows.report(officer, station)
    clock.advance(days=30, hours=1)
    runner = JobRunner(app)
    entry = runner.jobs["mediation.risk_sweep"]
    assert entry.owner == "mediation" and entry.schedule.text == "every 1h"
    run = await runner.run_now("mediation.risk_sweep")
    assert (run.outcome, run.items_changed) == (JobOutcome.SUCCEEDED, 1)
    event = await AuditEvent.filter(action="mediation.dispute.reevaluate_risk").first()
    assert event.actor_username == "mediation.risk_sweep" and event.request_id == f"job-{run.id}"


async def test_a_zero_sweep_interval_declares_no_job(make_app):
    from core.jobs.runner import JobRunner

    app = await make_app(["mediation"], extra_plugins=[plugin])
    app.plugins.plugins["mediation"] = dataclasses.replace(
        app.plugins.plugins["mediation"], settings=MediationSettings(sweep_interval_minutes=0)
    )
    assert "mediation.risk_sweep" not in JobRunner(app).jobs
