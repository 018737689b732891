"""One row per run of a periodic job. The row is also the claim: ``(job, due_at, attempt)`` is
unique, so when several workers reach the same due time only one insert succeeds."""

from __future__ import annotations

import enum

from tortoise import fields
from tortoise.models import Model


class JobTrigger(enum.StrEnum):
    SCHEDULE = "SCHEDULE"
    RETRY = "RETRY"
    MANUAL = "MANUAL"


class JobOutcome(enum.StrEnum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


class JobRun(Model):
    id = fields.BigIntField(primary_key=True)
    job = fields.CharField(max_length=100)
    # The due time this run answers (a manual run: when it was asked for).
    due_at = fields.DatetimeField()
    attempt = fields.SmallIntField(default=1)
    trigger = fields.CharEnumField(JobTrigger, max_length=16)
    outcome = fields.CharEnumField(JobOutcome, max_length=16, default=JobOutcome.RUNNING)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    # A RUNNING row past its lease belongs to a process that died: it counts as failed.
    lease_until = fields.DatetimeField()
    items_changed = fields.IntField(null=True)
    # The exception's type and first line, cut short; never a traceback or input values.
    error = fields.CharField(max_length=300, null=True)
    # host:pid of the process that ran it.
    worker = fields.CharField(max_length=100)

    class Meta:
        table = "core_job_run"
        unique_together = (("job", "due_at", "attempt"),)
        indexes = (("job", "started_at"), ("started_at", "id"))
        ordering = ["-started_at", "-id"]
