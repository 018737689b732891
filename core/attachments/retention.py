"""Deletion by retention rule — the only way a stored file is ever deleted.

``purge_expired_attachments`` is a plain async function for the periodic-jobs runner (and the
``fengqiao attachments purge`` command): it deletes the stored bytes of every file whose
``retain_until`` has passed, marks its row purged and records ``core.attachment.purge`` in the
audit chain. The row and the original ``core.attachment.store`` event stay, so the file's
history (hash, size, uploader, time) remains verifiable after the bytes are gone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from core.attachments.models import Attachment
from core.audit.recorder import audit_context, record
from core.contract import Job
from core.db import transaction
from core.identity.actor import SYSTEM
from core.storage import StorageError

log = logging.getLogger("fengqiao.attachments")
BATCH = 200


@dataclasses.dataclass(frozen=True)
class PurgeResult:
    purged: int
    failed: int
    due: int


async def purge_expired_attachments(now: dt.datetime | None = None, *, dry_run: bool = False) -> PurgeResult:
    """Delete every file past its retention; safe to run in several workers at once (each row
    is claimed with a conditional update, so a file is purged and audited exactly once)."""
    from core.attachments.services import storage_of
    from core.runtime import current_app

    app = current_app()
    now = now or app.clock.now()
    due = Attachment.filter(retain_until__lte=now, purged_at__isnull=True)
    if dry_run:
        count = await due.count()
        return PurgeResult(0, 0, count)
    storage = storage_of(app)
    purged = failed = 0
    last_id = 0
    with audit_context(SYSTEM):
        while True:
            batch = await due.filter(id__gt=last_id).order_by("id").limit(BATCH)
            if not batch:
                break
            for row in batch:
                last_id = row.id
                async with transaction():
                    claimed = await Attachment.filter(id=row.id, purged_at__isnull=True).update(purged_at=now)
                    if not claimed:
                        continue
                    await record(
                        "core.attachment.purge",
                        obj=row,
                        after={
                            "sha256": row.sha256,
                            "size": row.size,
                            "retain_until": row.retain_until,
                            "reason": "retention",
                        },
                    )
                try:
                    await storage.delete(row.storage_key)
                    purged += 1
                except StorageError as error:
                    # The row says purged; the bytes linger sealed (their key is kept) until an
                    # operator removes them. Logged without the key or any content.
                    failed += 1
                    log.error("attachment %s: deleting its stored bytes failed: %s", row.id, error)
    return PurgeResult(purged, failed, purged + failed)


async def sweep_orphaned_files(now: dt.datetime | None = None, *, grace: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Delete stored objects no attachment row refers to (left by a transaction that rolled
    back after the bytes were written), once they are older than ``grace`` — uploads still in
    flight are never touched. Returns how many were deleted. Plain function for a daily job."""
    from core.attachments.services import storage_of
    from core.runtime import current_app

    app = current_app()
    storage = storage_of(app)
    cutoff = (now or dt.datetime.now(dt.UTC)).timestamp() - grace.total_seconds()
    stored = [key for key, modified in await storage.listing() if modified < cutoff]
    if not stored:
        return 0
    known: set[str] = set()
    for start in range(0, len(stored), BATCH):
        chunk = stored[start : start + BATCH]
        known |= set(await Attachment.filter(storage_key__in=chunk).values_list("storage_key", flat=True))
    orphans = [key for key in stored if key not in known]
    for key in orphans:
        await storage.delete(key)
    if orphans:
        log.warning("deleted %d stored object(s) that no attachment refers to", len(orphans))
    return len(orphans)


async def apply_retention() -> int:
    """The daily retention job: purge expired files, then sweep orphans; returns files removed.

    A file that could not be deleted (storage unreachable) fails the run, so the runner retries.
    """
    result = await purge_expired_attachments()
    swept = await sweep_orphaned_files()
    if result.failed:
        raise StorageError(f"{result.failed} of {result.due} expired files could not be deleted")
    return result.purged + swept


RETENTION_JOB = Job(
    name="core.attachments.retention",
    run=apply_retention,
    cron="40 3 * * *",
    description="Delete attachment files past their retention (their rows and audit records stay) "
    "and stored files that no row refers to.",
)
