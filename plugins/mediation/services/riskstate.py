"""Keeping a dispute's risk level (三色预警) current: gather the context, run the rules, store
the result, and announce a dispute that turns RED."""

from __future__ import annotations

import datetime as dt

from core import publish

from ..models import Dispute, DisputeParty, DisputeStatus, RiskFactor, RiskLevel
from ..settings import settings
from .common import now, today
from .risk import RiskContext, deadline_for, evaluate, is_vulnerable_age

RED_EVENT = "mediation.dispute.red"


async def risk_context(dispute: Dispute) -> RiskContext:
    config = settings()
    links = await DisputeParty.filter(dispute_id=dispute.id).select_related("person")
    day = today()
    vulnerable = sum(1 for link in links if link.vulnerable or is_vulnerable_age(link.person.birth_date, day, config))
    person_ids = [link.person_id for link in links]
    recurring: list[int] = []
    if person_ids:
        since = now() - dt.timedelta(days=config.repeat_window_days)
        recurring = await (
            DisputeParty.filter(person_id__in=person_ids, dispute__reported_at__gte=since)
            .exclude(dispute_id=dispute.id)
            .distinct()
            .values_list("person_id", flat=True)
        )
    unresolved_since = max(filter(None, (dispute.reported_at, dispute.reopened_at)))
    settled = dispute.status in (DisputeStatus.RESOLVED, DisputeStatus.CLOSED)
    return RiskContext(
        factors=frozenset(RiskFactor(value) for value in dispute.risk_factors),
        party_count=len(links),
        vulnerable_parties=vulnerable,
        reopened=dispute.reopened_count > 0,
        recurring_parties=len(set(recurring)),
        criminal_linked=dispute.criminal_linked,
        days_unresolved=None if settled else (now() - unresolved_since).days,
    )


async def refresh_risk(dispute: Dispute, previous_level: RiskLevel | None) -> None:
    """Re-evaluate the rules, apply any override, move the deadline, save; publish
    ``mediation.dispute.red`` when the dispute turns RED (delivered after the commit)."""
    config = settings()
    computed, hits = evaluate(await risk_context(dispute), config)
    effective = dispute.risk_override or computed
    dispute.computed_risk_level = computed
    dispute.risk_rules = [hit.to_json() for hit in hits]
    dispute.risk_level = effective
    dispute.risk_rank = effective.rank
    dispute.deadline_at = deadline_for(dispute.level_started_at, effective, config)
    dispute.updated_at = now()
    await dispute.save()
    if effective is RiskLevel.RED and previous_level is not RiskLevel.RED:
        await publish(RED_EVENT, {"dispute_id": dispute.id}, station_id=dispute.station_id)
