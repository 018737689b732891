"""Argument parsing of the operator commands: ``jobs list|run`` and ``doctor``."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_operation_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    jobs = add(
        "jobs",
        "periodic jobs: list them with their last run, or run one now",
        "fengqiao jobs run mediation.risk_sweep",
        "Periodic jobs run inside 'fengqiao serve', once per due time across all workers. "
        "'list' shows each job's schedule, last run and next due time; 'run NAME' runs one now.",
    )
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True, metavar="ACTION")
    jobs_sub.add_parser(
        "list",
        help="show every job: schedule, enabled, last run, next due time",
        description="Show every job of this deployment with its schedule, last run and next due time.",
    )
    run = jobs_sub.add_parser(
        "run",
        help="run one job now and record the run; exit 1 if it fails or is running elsewhere",
        description="Run one job now, whatever its schedule, and record the run (trigger MANUAL).",
        epilog="Example:\n  fengqiao jobs run core.scoring.auto_freeze",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("name", help="the job's name, as 'fengqiao jobs list' shows it")

    add(
        "doctor",
        "check the deployment: configuration, database, migrations, secret key, plugins, jobs",
        "fengqiao doctor > support-ticket.txt",
        "Print what an operator pastes into a support ticket: versions, configuration source, database "
        "reachability, pending migrations, secret-key presence, plugin set and versions, jobs, logging and "
        "metrics. Never prints secrets. Exits 1 when something needs fixing.",
    )
