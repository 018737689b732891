"""Root fields for operators: ``jobs`` (the declared jobs with their last run and next due
time) and ``jobRuns`` (the run history). Read-only; bureau admins by default (``core.jobs.read``)."""

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.graphql.connections import connection
from core.graphql.enums import graphql_enum
from core.graphql.fields import query_field
from core.graphql.rows import row_mapping
from core.jobs.models import JobOutcome, JobRun, JobTrigger

graphql_enum(
    JobOutcome,
    name="JobOutcome",
    description="How a run of a periodic job ended (or that it is still running).",
    values={
        "RUNNING": "Started and not finished yet (or its process died; it counts as failed once its lease expires).",
        "SUCCEEDED": "Finished without error.",
        "FAILED": "Raised an error, timed out, was cancelled by a shutdown, or its process died.",
    },
)
graphql_enum(
    JobTrigger,
    name="JobTrigger",
    description="What started a run of a periodic job.",
    values={
        "SCHEDULE": "Its due time came.",
        "RETRY": "An earlier attempt for the same due time failed; tried again after a backoff.",
        "MANUAL": "An operator ran it with 'fengqiao jobs run'.",
    },
)


@strawberry.type(description="One run of a periodic job (定时任务执行记录). Times are UTC.")
class JobRunNode:
    id: strawberry.ID = strawberry.field(description="Opaque id of the run.")
    job: str = strawberry.field(description="The job's dotted name, e.g. mediation.risk_sweep.")
    due_at: dt.datetime = strawberry.field(description="The due time this run answers (manual runs: when asked).")
    attempt: int = strawberry.field(description="1 for the first try of a due time, 2 for its first retry, …")
    trigger: JobTrigger = strawberry.field(description="What started the run.")
    outcome: JobOutcome = strawberry.field(description="How the run ended.")
    started_at: dt.datetime = strawberry.field(description="When the run started.")
    finished_at: dt.datetime | None = strawberry.field(description="When it ended; null while running.")
    items_changed: int | None = strawberry.field(
        description="How many items (e.g. disputes) the run changed; null when the job does not count."
    )
    error: str | None = strawberry.field(
        description="Why it failed: the error's type and first line (no values, no traceback)."
    )
    worker: str = strawberry.field(description="The process that ran it, as host:pid.")

    from_row = row_mapping(JobRun)


JobRunNode.__strawberry_definition__.name = "JobRun"  # type: ignore[attr-defined]  # set by @strawberry.type


@strawberry.type(name="PeriodicJob", description="A periodic job of this deployment and its schedule (定时任务).")
class ScheduledJobInfo:
    name: str = strawberry.field(description="Dotted name, starting with its owner (core or a plugin).")
    owner: str = strawberry.field(description="'core' or the plugin that declares it.")
    description: str = strawberry.field(description="What the job does.")
    schedule: str = strawberry.field(
        description="'every 15m' or a 5-field cron expression in the deployment's time zone."
    )
    enabled: bool = strawberry.field(
        description="False when switched off in [jobs] (disabled, or enabled = false); it can still be run by hand."
    )
    next_due_at: dt.datetime = strawberry.field(description="The next due time (UTC).")
    last_run: JobRunNode | None = strawberry.field(description="The most recent run, if any.")


@strawberry.input(description="Filter for job runs.")
class JobRunFilter:
    job: str | None = strawberry.field(default=None, description="Only runs of this job (exact name).")
    outcome: JobOutcome | None = strawberry.field(default=None, description="Only runs that ended so.")


@strawberry.type
class JobsQuery:
    @query_field(
        permission="core.jobs.read",
        description="The periodic jobs of this deployment with their schedule, last run and next due time.",
    )
    async def jobs(self, info: Info) -> list[ScheduledJobInfo]:
        from core.jobs.registry import collect_jobs

        app = info.context.app
        now = app.clock.now()
        result = []
        for name, entry in sorted(collect_jobs(app).items()):
            last = await JobRun.filter(job=name).order_by("-started_at", "-id").first()
            result.append(
                ScheduledJobInfo(
                    name=name,
                    owner=entry.owner,
                    description=entry.job.description,
                    schedule=entry.schedule.text,
                    enabled=entry.enabled and app.settings.jobs.enabled,
                    next_due_at=entry.schedule.next_due(now, app.clock.zone),
                    last_run=JobRunNode.from_row(last) if last else None,
                )
            )
        return result

    @query_field(permission="core.jobs.read", description="Runs of periodic jobs, newest first.")
    @connection(JobRunNode)
    async def job_runs(
        self,
        info: Info,
        filter: Annotated[JobRunFilter | None, strawberry.argument(description="Which runs to list.")] = None,
    ) -> QuerySet:
        queryset = JobRun.all()
        if filter is not None and filter.job:
            queryset = queryset.filter(job=filter.job)
        if filter is not None and filter.outcome:
            queryset = queryset.filter(outcome=filter.outcome)
        return queryset.order_by("-started_at", "-id")
