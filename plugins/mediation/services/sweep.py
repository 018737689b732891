"""Time-based risk rules need no event to fire: a periodic sweep re-evaluates open disputes
that have been unresolved long enough, across the stations that run mediation."""

from __future__ import annotations

import datetime as dt

from tortoise.expressions import Q

from core import Actor, snapshot, stations_running

from ..models import Dispute
from ..settings import settings
from .common import OPEN_STATUSES, PLUGIN, now, record_step
from .risk import evaluate
from .riskstate import refresh_risk, risk_context

SWEEPER = Actor(username="mediation.risk_sweep")


async def sweep_risk_levels() -> int:
    """Re-evaluate candidates; save, time-line and audit only those whose rules changed.
    Returns how many changed. Runs in the caller's transaction."""
    config = settings()
    if not config.unresolved_days_raise:
        return 0
    threshold = now() - dt.timedelta(days=config.unresolved_days_raise)
    stations = await stations_running(PLUGIN)
    candidates = await Dispute.filter(
        Q(reopened_at__isnull=True) | Q(reopened_at__lte=threshold),
        station_id__in=stations,
        status__in=list(OPEN_STATUSES),
        reported_at__lte=threshold,
    ).order_by("id")
    changed = 0
    for dispute in candidates:
        computed, hits = evaluate(await risk_context(dispute), config)
        if computed is dispute.computed_risk_level and [h.rule for h in hits] == [
            rule["rule"] for rule in dispute.risk_rules
        ]:
            continue
        before = snapshot(dispute)
        await refresh_risk(dispute, dispute.risk_level)
        await record_step(SWEEPER, dispute, "reevaluate_risk", before, dispute.status, "Time-based rules re-evaluated.")
        changed += 1
    return changed
