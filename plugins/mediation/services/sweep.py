"""Time-based risk rules need no event to fire: a periodic sweep re-evaluates open disputes
that have been unresolved long enough, across the stations that run mediation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core import Actor, snapshot, stations_running, transaction

from ..models import Dispute
from ..settings import settings
from .common import OPEN_STATUSES, PLUGIN, now, record_step
from .risk import evaluate
from .riskstate import refresh_risk, risk_context

SWEEPER = Actor(username="mediation.risk_sweep")


async def sweep_risk_levels() -> int:
    """Re-evaluate candidates; save, time-line and audit only those whose rules changed.
    Returns how many changed.

    Each dispute commits on its own (a savepoint inside a caller's transaction): its row is
    locked before its audit record takes the audit chain's lock, the order every mutation and
    ``core.DeadlineNotice`` keeps, so a sweep holding the chain never waits for a dispute that
    a writer holding that dispute waits to audit (a deadlock across workers)."""
    config = settings()
    if not config.unresolved_days_raise:
        return 0
    threshold = now() - dt.timedelta(days=config.unresolved_days_raise)
    candidates = _candidates(threshold, await stations_running(PLUGIN))
    changed = 0
    for dispute_id in await candidates.order_by("id").values_list("id", flat=True):
        async with transaction():
            dispute = await candidates.filter(id=dispute_id).select_for_update().first()
            if dispute is not None and await _reevaluate(dispute, config):
                changed += 1
    return changed


def _candidates(threshold: dt.datetime, stations: list[int]) -> QuerySet[Dispute]:
    return Dispute.filter(
        Q(reopened_at__isnull=True) | Q(reopened_at__lte=threshold),
        station_id__in=stations,
        status__in=list(OPEN_STATUSES),
        reported_at__lte=threshold,
    )


async def _reevaluate(dispute: Dispute, config: Any) -> bool:
    computed, hits = evaluate(await risk_context(dispute), config)
    if computed is dispute.computed_risk_level and [h.rule for h in hits] == [
        rule["rule"] for rule in dispute.risk_rules
    ]:
        return False
    before = snapshot(dispute)
    await refresh_risk(dispute, dispute.risk_level)
    await record_step(SWEEPER, dispute, "reevaluate_risk", before, dispute.status, "Time-based rules re-evaluated.")
    return True
