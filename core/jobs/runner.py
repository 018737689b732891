"""Running periodic jobs once per due time across every worker and machine.

Each server process runs a ``JobRunner``. When a job falls due, every runner tries to insert
the run row ``(job, due_at, attempt)``; the unique key lets exactly one insert succeed, and that
process runs the job. On PostgreSQL the check-then-insert also holds a transaction-scoped
advisory lock per job, so a job never overlaps itself. A row left RUNNING past its lease
belongs to a process that died and counts as failed. A failed run is retried with backoff
(``[jobs] retry_seconds`` doubling, up to ``max_attempts``) until the next due time.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import socket
import time
import zlib
from typing import TYPE_CHECKING

from tortoise.exceptions import IntegrityError

from core.audit.recorder import audit_context
from core.db import dialect, transaction
from core.identity.actor import Actor
from core.jobs.models import JobOutcome, JobRun, JobTrigger
from core.jobs.registry import ScheduledJob, collect_jobs
from core.observability import metrics
from core.observability.context import request_id_scope

if TYPE_CHECKING:
    from core.runtime import Fengqiao

log = logging.getLogger("fengqiao.jobs")

# Arbitrary constant naming the job claim advisory locks in PostgreSQL (key space "FQJB").
_LOCK_SPACE = 0x46514A42
LEASE_GRACE = dt.timedelta(seconds=60)
WORKER = f"{socket.gethostname()[:80]}:{os.getpid()}"


class JobBusy(Exception):
    """The job is running elsewhere right now."""


class JobRunner:
    def __init__(self, app: Fengqiao) -> None:
        self.app = app
        self.settings = app.settings.jobs
        self.jobs: dict[str, ScheduledJob] = collect_jobs(app)
        self._loop_task: asyncio.Task | None = None
        self._running: dict[str, asyncio.Task] = {}

    # --- the loop -----------------------------------------------------------------------------

    async def start(self) -> None:
        if self._loop_task is None:
            self._loop_task = asyncio.get_running_loop().create_task(self._loop(), name="fengqiao-jobs")
            names = ", ".join(f"{e.name} ({e.schedule.text})" for e in self.jobs.values() if e.enabled) or "none"
            log.info("periodic jobs: %s", names)

    async def stop(self, grace: float = 5.0) -> None:
        """Stop scheduling; give running jobs ``grace`` seconds, then cancel them (they count
        as failed and are retried by whichever worker is still up)."""
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
            self._loop_task = None
        running = list(self._running.values())
        if running:
            _, pending = await asyncio.wait(running, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # noqa: BLE001 — e.g. the database is briefly unreachable
                log.exception("job scheduler tick failed; trying again")
            await asyncio.sleep(self._seconds_to_next_wake())

    def _seconds_to_next_wake(self) -> float:
        now = self.app.clock.now()
        wake = now + dt.timedelta(seconds=self.settings.poll_seconds)
        for entry in self.jobs.values():
            if entry.enabled:
                wake = min(wake, entry.schedule.next_due(now, self.app.clock.zone))
        return max(0.05, (wake - now).total_seconds())

    async def tick(self, now: dt.datetime | None = None) -> list[asyncio.Task]:
        """Claim every job due at ``now`` and start it; returns the started tasks."""
        now = now or self.app.clock.now()
        started = []
        for entry in self.jobs.values():
            if not entry.enabled or entry.name in self._running:
                continue
            run = await self._claim(entry, now)
            if run is not None:
                task = asyncio.get_running_loop().create_task(self._execute(entry, run), name=f"job {entry.name}")
                self._running[entry.name] = task
                task.add_done_callback(lambda _t, name=entry.name: self._running.pop(name, None))
                started.append(task)
        return started

    async def run_due(self, now: dt.datetime | None = None) -> list[JobRun]:
        """Claim and run, to the end, every job due at ``now`` (tests, one-shot runners)."""
        return list(await asyncio.gather(*await self.tick(now)))

    # --- claiming -----------------------------------------------------------------------------

    async def _claim(self, entry: ScheduledJob, now: dt.datetime) -> JobRun | None:
        due = entry.schedule.latest_due(now, self.app.clock.zone)
        try:
            async with transaction() as connection:
                await self._lock(connection, entry.name)
                if await self._busy(entry.name, now):
                    return None
                latest = (
                    await JobRun.filter(job=entry.name, due_at=due)
                    .exclude(trigger=JobTrigger.MANUAL)
                    .order_by("-attempt")
                    .first()
                )
                if latest is None:
                    attempt, trigger = 1, JobTrigger.SCHEDULE
                elif latest.outcome is JobOutcome.FAILED and self._retry_due(latest, now):
                    attempt, trigger = latest.attempt + 1, JobTrigger.RETRY
                else:
                    return None
                return await self._insert(entry.name, due, attempt, trigger, now)
        except IntegrityError:
            return None  # another worker claimed this due time first

    def _retry_due(self, run: JobRun, now: dt.datetime) -> bool:
        if run.attempt >= self.settings.max_attempts:
            return False
        wait = dt.timedelta(seconds=self.settings.retry_seconds * 2 ** (run.attempt - 1))
        return now >= (run.finished_at or run.started_at) + wait

    async def _lock(self, connection, name: str) -> None:
        if dialect() == "postgres":
            key = zlib.crc32(name.encode()) - 2**31
            await connection.execute_query("SELECT pg_advisory_xact_lock($1, $2)", [_LOCK_SPACE, key])

    async def _busy(self, name: str, now: dt.datetime) -> bool:
        """True while a live run of the job exists; expired leases are closed as failed."""
        busy = False
        for run in await JobRun.filter(job=name, outcome=JobOutcome.RUNNING):
            if run.lease_until > now:
                busy = True
                continue
            await JobRun.filter(id=run.id, outcome=JobOutcome.RUNNING).update(
                # It ended, as far as anyone can tell, when its lease ran out; backoff counts from then.
                outcome=JobOutcome.FAILED,
                finished_at=run.lease_until,
                error="lease expired: the process running it stopped",
            )
            metrics.JOB_RUNS.labels(name, JobOutcome.FAILED.value).inc()
            log.warning("job %s run %s was abandoned by %s; counted as failed", name, run.id, run.worker)
        return busy

    async def _insert(self, name: str, due: dt.datetime, attempt: int, trigger: JobTrigger, now: dt.datetime) -> JobRun:
        return await JobRun.create(
            job=name,
            due_at=due,
            attempt=attempt,
            trigger=trigger,
            outcome=JobOutcome.RUNNING,
            started_at=now,
            lease_until=now + dt.timedelta(seconds=self.settings.timeout_seconds) + LEASE_GRACE,
            worker=WORKER,
        )

    # --- running ------------------------------------------------------------------------------

    async def run_now(self, name: str) -> JobRun:
        """Run ``name`` at once (``fengqiao jobs run``), whatever its schedule; ``JobBusy`` if a
        run of it is in progress anywhere."""
        entry = self.jobs[name]
        now = self.app.clock.now()
        async with transaction() as connection:
            await self._lock(connection, name)
            if await self._busy(name, now):
                raise JobBusy(name)
            # Two manual runs may ask at the same instant (a stopped clock in tests): number them.
            earlier = await JobRun.filter(job=name, due_at=now).order_by("-attempt").first()
            run = await self._insert(name, now, earlier.attempt + 1 if earlier else 1, JobTrigger.MANUAL, now)
        return await self._execute(entry, run)

    async def _execute(self, entry: ScheduledJob, run: JobRun) -> JobRun:
        # Every log line and audit row of the run carries "job-<run id>".
        with request_id_scope(f"job-{run.id}"), audit_context(Actor(username=entry.name), request_id=f"job-{run.id}"):
            return await self._execute_in_scope(entry, run)

    async def _execute_in_scope(self, entry: ScheduledJob, run: JobRun) -> JobRun:
        name = entry.name
        started = time.perf_counter()
        outcome, items, error = JobOutcome.FAILED, None, None
        log.info("job %s started (run %s, %s, attempt %s)", name, run.id, run.trigger.value.lower(), run.attempt)
        try:
            result = await asyncio.wait_for(entry.job.run(), timeout=self.settings.timeout_seconds)
            outcome = JobOutcome.SUCCEEDED
            items = int(result) if isinstance(result, int) and not isinstance(result, bool) else None
        except asyncio.CancelledError:
            error = "cancelled: the server stopped while it ran"
            raise
        except TimeoutError:
            error = f"timed out after {self.settings.timeout_seconds} s"
            log.error("job %s run %s %s", name, run.id, error)
        except Exception as exc:  # noqa: BLE001 — recorded, retried, never fatal to the server
            first_line = (str(exc).splitlines() or [""])[0]
            error = f"{type(exc).__name__}: {first_line}"[:300]
            log.exception("job %s run %s failed", name, run.id)
        finally:
            finished = self.app.clock.now()
            seconds = time.perf_counter() - started
            await asyncio.shield(self._finish(run, outcome, items, error, finished))
            metrics.JOB_RUNS.labels(name, outcome.value).inc()
            metrics.JOB_DURATION.labels(name).observe(seconds)
            if outcome is JobOutcome.SUCCEEDED:
                metrics.JOB_ITEMS.labels(name).inc(items or 0)
                metrics.JOB_LAST_SUCCESS.labels(name).set(time.time())
                log.info("job %s succeeded (run %s, %.2f s, %s item(s) changed)", name, run.id, seconds, items or 0)
        return run

    async def _finish(self, run: JobRun, outcome, items, error, finished) -> None:
        run.outcome, run.items_changed, run.error, run.finished_at = outcome, items, error, finished
        try:
            await JobRun.filter(id=run.id).update(
                outcome=outcome, items_changed=items, error=error, finished_at=finished
            )
        except Exception:  # noqa: BLE001 — the lease expiry will close the row instead
            log.exception("could not record the end of job run %s", run.id)


async def start_scheduler(app: Fengqiao) -> JobRunner | None:
    """The runner of a server process, started unless ``[jobs] enabled = false`` (the job
    declarations are checked either way, so a bad one stops start-up)."""
    if not app.settings.jobs.enabled:
        collect_jobs(app)
        return None
    runner = JobRunner(app)
    await runner.start()
    return runner


async def stop_scheduler(runner: JobRunner | None) -> None:
    if runner is not None:
        await runner.stop()
