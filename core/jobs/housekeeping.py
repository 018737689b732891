"""The job history keeps itself short: runs older than ``[jobs] keep_days`` are deleted daily."""

from __future__ import annotations

import datetime as dt

from core.contract import Job
from core.db import transaction
from core.jobs.models import JobOutcome, JobRun
from core.runtime import current_app


async def prune_job_runs() -> int:
    """Delete finished runs older than ``keep_days``; returns how many (0: keep_days is 0)."""
    app = current_app()
    days = app.settings.jobs.keep_days
    if not days:
        return 0
    cutoff = app.clock.now() - dt.timedelta(days=days)
    async with transaction():
        return await JobRun.filter(started_at__lt=cutoff).exclude(outcome=JobOutcome.RUNNING).delete()


PRUNE_JOB = Job(
    name="core.jobs.prune_runs",
    run=prune_job_runs,
    cron="15 3 * * *",
    description="Delete job runs older than [jobs] keep_days (0: keep them all).",
)
