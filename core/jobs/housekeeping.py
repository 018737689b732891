"""The job history keeps itself short: finished runs older than ``[jobs] keep_days`` are deleted
daily, and successful runs that changed nothing already after ``keep_idle_days``. Each job's
newest run stays however old, so the job list still shows when every job last ran."""

from __future__ import annotations

import datetime as dt

from tortoise.functions import Max

from core.contract import Job
from core.db import transaction
from core.jobs.models import JobOutcome, JobRun
from core.runtime import current_app


async def prune_job_runs() -> int:
    """Delete finished runs older than ``keep_days`` and idle successful runs older than
    ``keep_idle_days``, except each job's newest run; returns how many (0 days: that rule is off)."""
    app = current_app()
    settings, now = app.settings.jobs, app.clock.now()
    deleted = 0
    async with transaction():
        newest = await _newest_runs()
        if settings.keep_days:
            cutoff = now - dt.timedelta(days=settings.keep_days)
            finished = JobRun.filter(started_at__lt=cutoff).exclude(outcome=JobOutcome.RUNNING)
            deleted += await finished.exclude(id__in=newest).delete()
        if settings.keep_idle_days:
            # Only past due times go (the runner claims the latest due time by its row).
            cutoff = now - dt.timedelta(days=settings.keep_idle_days)
            idle = JobRun.filter(started_at__lt=cutoff, outcome=JobOutcome.SUCCEEDED, items_changed=0)
            deleted += await idle.exclude(id__in=newest).delete()
    return deleted


async def _newest_runs() -> list[int]:
    rows = await JobRun.annotate(newest=Max("id")).group_by("job").values("newest")
    return [row["newest"] for row in rows]


PRUNE_JOB = Job(
    name="core.jobs.prune_runs",
    run=prune_job_runs,
    cron="15 3 * * *",
    description="Delete finished job runs older than [jobs] keep_days (0: keep them all), and successful runs "
    "that changed nothing older than keep_idle_days; each job's newest run is kept.",
)
