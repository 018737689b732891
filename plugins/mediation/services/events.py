"""Reacting to the world: the core event announcing a criminal case (民转刑), and the periodic
sweep of time-based risk rules (a core job, see ``fengqiao_jobs``). Both write outside any
request, so they open their own transaction and hold their events until it commits."""

from __future__ import annotations

import datetime as dt
import logging

from core import Event, Job, current_app, transaction

from ..settings import MediationSettings

log = logging.getLogger("fengqiao.mediation")


async def on_event(app, event: Event) -> None:
    from . import CASE_OPENED, link_from_case_event

    if event.name != CASE_OPENED:
        return
    async with app.events.deferred():
        async with transaction():
            links = await link_from_case_event(event)
    if links:
        log.info("linked %d dispute(s) to criminal case (民转刑)", len(links))


async def sweep_once(app) -> int:
    from . import sweep_risk_levels

    async with app.events.deferred():
        return await sweep_risk_levels()


async def run_risk_sweep() -> int:
    """The ``mediation.risk_sweep`` job: the core runs it once per due time across workers."""
    changed = await sweep_once(current_app())
    if changed:
        log.info("risk sweep re-evaluated %d dispute(s)", changed)
    return changed


async def run_overdue_notices() -> int:
    """The ``mediation.overdue_notices`` job: announce disputes past their deadline (督办)."""
    from .overdue import DISPUTE_OVERDUE

    return await DISPUTE_OVERDUE.run()


OVERDUE_NOTICES_JOB = Job(
    name="mediation.overdue_notices",
    run=run_overdue_notices,
    every=dt.timedelta(minutes=15),
    description="Announce each dispute past its intervention deadline without an intervention (督办提醒), "
    "once per deadline, to its mediation team and the station chief (mediation.dispute.overdue).",
)


def risk_sweep_jobs() -> list[Job]:
    config: MediationSettings = current_app().plugin_settings("mediation")
    if not config.sweep_interval_minutes:
        return []
    return [
        Job(
            name="mediation.risk_sweep",
            run=run_risk_sweep,
            every=dt.timedelta(minutes=config.sweep_interval_minutes),
            description="Re-evaluate time-based 三色预警 rules of open disputes (unresolved too long).",
        )
    ]
