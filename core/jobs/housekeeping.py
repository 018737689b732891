"""The job history keeps itself short: runs older than ``[jobs] keep_days`` are deleted daily,
and successful runs that changed nothing already after ``keep_idle_days``."""

from __future__ import annotations

import datetime as dt

from tortoise.functions import Max

from core.contract import Job
from core.db import transaction
from core.jobs.models import JobOutcome, JobRun
from core.runtime import current_app


async def prune_job_runs() -> int:
    """Delete finished runs older than ``keep_days`` and idle successful runs older than
    ``keep_idle_days``; returns how many (0 days: that rule is off)."""
    app = current_app()
    settings, now = app.settings.jobs, app.clock.now()
    deleted = 0
    async with transaction():
        if settings.keep_days:
            cutoff = now - dt.timedelta(days=settings.keep_days)
            deleted += await JobRun.filter(started_at__lt=cutoff).exclude(outcome=JobOutcome.RUNNING).delete()
        if settings.keep_idle_days:
            deleted += await _prune_idle_runs(now - dt.timedelta(days=settings.keep_idle_days))
    return deleted


async def _prune_idle_runs(cutoff: dt.datetime) -> int:
    # Only past due times are deleted (the runner claims the latest due time by its row), and each
    # job keeps its newest run so the job list still shows when it last ran.
    newest = await JobRun.annotate(newest=Max("id")).group_by("job").values_list("newest", flat=True)
    idle = JobRun.filter(started_at__lt=cutoff, outcome=JobOutcome.SUCCEEDED, items_changed=0)
    return await idle.exclude(id__in=list(newest)).delete()


PRUNE_JOB = Job(
    name="core.jobs.prune_runs",
    run=prune_job_runs,
    cron="15 3 * * *",
    description="Delete job runs older than [jobs] keep_days (0: keep them all), and successful runs "
    "that changed nothing older than keep_idle_days.",
)
