"""The set of jobs of a deployment: the core's own (``CORE_JOBS``) and the plugins'
(``fengqiao_jobs``), checked once, with the schedule overrides of ``[jobs]`` applied."""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

from core.contract import Job
from core.errors import ConfigError
from core.jobs.schedule import Schedule, check_cron, parse_schedule

if TYPE_CHECKING:
    from core.runtime import Fengqiao

log = logging.getLogger("fengqiao.jobs")


# The jobs the core owns, as "module:attribute" of a ``core.Job`` (imported when the runner
# starts, so job modules may use the whole core). Add a core job here and nowhere else.
CORE_JOBS: list[str] = [
    "core.scoring.autofreeze:AUTO_FREEZE_JOB",
    "core.jobs.housekeeping:PRUNE_JOB",
    "core.attachments.retention:RETENTION_JOB",
    "core.audit.checkpoints:CHECKPOINT_JOB",
    "core.audit.access:SEAL_JOB",
    "core.outbox.store:DISPATCH_OUTBOX_JOB",
    "core.webhooks.sender:DELIVER_WEBHOOKS_JOB",
    "core.notifications.jobs:DIGEST_JOB",
    "core.notifications.jobs:DELIVER_JOB",
    "core.exports.cleanup:CLEANUP_EXPORTS_JOB",
]


def core_jobs() -> list[Job]:
    import importlib

    jobs = []
    for reference in CORE_JOBS:
        module, _, attribute = reference.partition(":")
        jobs.append(getattr(importlib.import_module(module), attribute))
    return jobs


@dataclasses.dataclass(frozen=True)
class ScheduledJob:
    job: Job
    owner: str
    schedule: Schedule
    # False when listed in [jobs] disabled: not run on schedule, still runnable by hand.
    enabled: bool

    @property
    def name(self) -> str:
        return self.job.name


def collect_jobs(app: Fengqiao) -> dict[str, ScheduledJob]:
    """Every declared job by name; a bad declaration stops start-up with one line."""
    declared: list[tuple[str, object]] = [("core", job) for job in core_jobs()]
    try:
        answers = app.plugins.call_each("fengqiao_jobs")
    except (TypeError, ValueError) as error:  # Job() refuses a bad name or schedule
        raise ConfigError(f"a plugin declares a bad job: {error}") from None
    for plugin, jobs in answers:
        for job in jobs or ():
            declared.append((plugin.name, job))
    settings = app.settings.jobs
    found: dict[str, ScheduledJob] = {}
    for owner, job in declared:
        if not isinstance(job, Job):
            raise ConfigError(f"plugin '{owner}': fengqiao_jobs must return a list of core.Job, got {job!r}")
        if owner != "core" and not job.name.startswith(owner + "."):
            raise ConfigError(f"plugin '{owner}': job '{job.name}' must be named '{owner}.<something>'")
        if job.name in found:
            raise ConfigError(f"job '{job.name}' is declared by both '{found[job.name].owner}' and '{owner}'")
        if job.cron is not None:
            try:
                check_cron(job.cron)
            except ValueError as error:
                raise ConfigError(f"job '{job.name}' of '{owner}': {error}") from None
        schedule = Schedule(every=job.every, cron=job.cron)
        if job.name in settings.schedule:
            schedule = parse_schedule(settings.schedule[job.name])
        found[job.name] = ScheduledJob(job, owner, schedule, enabled=job.name not in settings.disabled)
    for name in (*settings.schedule, *settings.disabled):
        if name not in found:
            # Not an error: the job may belong to a plugin switched off for now.
            log.warning("[jobs] names job '%s', which no enabled plugin declares", name)
    return found
