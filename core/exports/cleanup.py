"""The ``core.exports.cleanup`` job: delete export files whose link expired, and close exports
left RUNNING by a server that stopped (they never finish)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from core.contract import Job
from core.exports.models import ExportJob, ExportState

# No export runs this long; one still RUNNING belongs to a stopped server.
ABANDONED_AFTER = dt.timedelta(hours=6)


async def clean_exports(app) -> int:
    now = app.clock.now()
    removed = 0
    for job in await ExportJob.filter(expires_at__lte=now, file_path__isnull=False):
        await asyncio.to_thread(Path(job.file_path).unlink, missing_ok=True)
        await ExportJob.filter(id=job.id).update(file_path=None)
        removed += 1
    removed += await ExportJob.filter(state=ExportState.RUNNING, created_at__lte=now - ABANDONED_AFTER).update(
        state=ExportState.FAILED, error="the server stopped while the export ran; start it again", finished_at=now
    )
    return removed


async def run_cleanup() -> int:
    from core.runtime import current_app

    return await clean_exports(current_app())


CLEANUP_EXPORTS_JOB = Job(
    name="core.exports.cleanup",
    run=run_cleanup,
    every=dt.timedelta(hours=1),
    description="Delete export files whose download link expired ([exports] link_hours) and close abandoned exports.",
)
