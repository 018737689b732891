"""Reacting to the world: the core event announcing a criminal case (民转刑), and the periodic
sweep of time-based risk rules. Both write outside any request, so they open their own
transaction and hold their events until it commits."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from core import Event, transaction

from .settings import MediationSettings

log = logging.getLogger("fengqiao.mediation")


async def on_event(app, event: Event) -> None:
    from .services import CASE_OPENED, link_from_case_event

    if event.name != CASE_OPENED:
        return
    async with app.events.deferred():
        async with transaction():
            links = await link_from_case_event(event)
    if links:
        log.info("linked %d dispute(s) to criminal case (民转刑)", len(links))


async def sweep_once(app) -> int:
    from .services import sweep_risk_levels

    async with app.events.deferred():
        async with transaction():
            return await sweep_risk_levels()


async def _sweep_forever(app, minutes: int) -> None:
    while True:
        await asyncio.sleep(minutes * 60)
        try:
            changed = await sweep_once(app)
            if changed:
                log.info("risk sweep re-evaluated %d dispute(s)", changed)
        except Exception:  # noqa: BLE001 — a failed sweep is retried next time
            log.exception("risk sweep failed")


def start_sweeper(app) -> asyncio.Task | None:
    config: MediationSettings = app.plugin_settings("mediation")
    if not config.sweep_interval_minutes:
        return None
    return asyncio.get_running_loop().create_task(_sweep_forever(app, config.sweep_interval_minutes))


async def stop_sweeper(task: asyncio.Task | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
