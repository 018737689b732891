"""Implementations of ``fengqiao jobs list|run`` and ``fengqiao doctor``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from core.cli import command, settings_from
from core.commands import _app
from core.errors import ConfigError


@command("jobs list")
async def jobs_list(args: argparse.Namespace) -> int:
    from core.jobs.models import JobRun
    from core.jobs.registry import collect_jobs

    app = _app(args)
    await app.start()
    try:
        jobs = collect_jobs(app)
        now = app.clock.now()
        rows = [("NAME", "SCHEDULE", "ENABLED", "LAST RUN", "NEXT DUE")]
        for name, entry in sorted(jobs.items()):
            last = await JobRun.filter(job=name).order_by("-started_at", "-id").first()
            rows.append(
                (
                    name,
                    entry.schedule.text,
                    "yes" if entry.enabled and app.settings.jobs.enabled else "no",
                    _describe_run(app, last),
                    _local(app, entry.schedule.next_due(now, app.clock.zone)),
                )
            )
    finally:
        await app.stop()
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for name, entry in sorted(jobs.items()):
        if entry.job.description:
            print(f"  {name}: {entry.job.description}")
    return 0


def _local(app, moment: dt.datetime | None) -> str:
    return app.clock.local(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


def _describe_run(app, run) -> str:
    if run is None:
        return "never"
    items = f", {run.items_changed} changed" if run.items_changed is not None else ""
    return f"{run.outcome.value} {_local(app, run.finished_at or run.started_at)}{items}"


@command("jobs run")
async def jobs_run(args: argparse.Namespace) -> int:
    from core.jobs.models import JobOutcome
    from core.jobs.runner import JobBusy, JobRunner

    app = _app(args)
    await app.start()
    try:
        runner = JobRunner(app)
        if args.name not in runner.jobs:
            known = ", ".join(sorted(runner.jobs)) or "none"
            raise ConfigError(f"no job named {args.name!r} (jobs: {known})")
        try:
            run = await runner.run_now(args.name)
        except JobBusy:
            print(f"fengqiao: job {args.name} is running right now in another process; try later", file=sys.stderr)
            return 1
    finally:
        await app.stop()
    seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0.0
    if run.outcome is JobOutcome.SUCCEEDED:
        changed = "no count" if run.items_changed is None else f"{run.items_changed} item(s) changed"
        print(f"job {args.name} succeeded in {seconds:.2f} s: {changed} (run {run.id})")
        return 0
    print(f"fengqiao: job {args.name} failed (run {run.id}): {run.error}", file=sys.stderr)
    return 1


@command("doctor")
async def doctor(args: argparse.Namespace) -> int:
    from core.doctor import diagnose

    settings = settings_from(args)
    problems = 0
    for label, value, ok in await diagnose(settings):
        mark = "ok " if ok else "!! "
        problems += 0 if ok else 1
        print(f"{mark}{label + ':':<13} {value}")
    print("no problems found" if not problems else f"{problems} problem(s) found")
    return 0 if not problems else 1
