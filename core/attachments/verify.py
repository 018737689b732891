"""Re-hashing stored files against the audit chain (``fengqiao audit verify --sample N``).

For each file (all, or a random sample) the stored bytes are read, decrypted and hashed; the
hash must match both the attachment row and the ``core.attachment.store`` audit event. A
writer of the database who edits the row's hash is still caught by the chained event.
"""

from __future__ import annotations

import dataclasses
import random

from core.attachments.crypto import FileIntegrityError
from core.attachments.models import Attachment
from core.audit.models import AuditEvent
from core.storage import StorageError


@dataclasses.dataclass(frozen=True)
class FileProblem:
    attachment_id: int
    reason: str


@dataclasses.dataclass(frozen=True)
class FileVerification:
    checked: int
    total: int
    problems: list[FileProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


async def verify_files(sample: int | None = None, *, rng: random.Random | None = None) -> FileVerification:
    """Check every stored (not purged) file, or ``sample`` of them chosen at random."""
    from core.attachments.services import read_bytes
    from core.runtime import current_app

    app = current_app()
    ids = [row["id"] for row in await Attachment.filter(purged_at__isnull=True).order_by("id").values("id")]
    chosen = ids if sample is None or sample >= len(ids) else sorted((rng or random.SystemRandom()).sample(ids, sample))
    problems: list[FileProblem] = []
    for attachment_id in chosen:
        row = await Attachment.get(id=attachment_id)
        recorded = await _recorded_hash(row.id)
        if recorded is None:
            problems.append(FileProblem(row.id, "no core.attachment.store event in the audit chain"))
            continue
        if recorded != row.sha256:
            problems.append(FileProblem(row.id, "the row's SHA-256 differs from the one in the audit chain"))
            continue
        try:
            await read_bytes(app, row)
        except FileIntegrityError as error:
            problems.append(FileProblem(row.id, str(error)))
        except StorageError as error:
            problems.append(FileProblem(row.id, f"cannot be read from storage: {error}"))
    return FileVerification(len(chosen), len(ids), problems)


async def _recorded_hash(attachment_id: int) -> str | None:
    event = await AuditEvent.filter(
        action="core.attachment.store", object_type="Attachment", object_id=str(attachment_id)
    ).first()
    return (event.after or {}).get("sha256") if event else None


def report_lines(result: FileVerification) -> list[str]:
    """Lines for the command line: a summary, then one per bad file."""
    if result.ok:
        scope = "all" if result.checked == result.total else f"a sample of {result.checked} of {result.total}"
        return [f"files ok: {scope} stored files re-hashed and matched the audit chain"]
    lines = [f"files BROKEN: {len(result.problems)} of {result.checked} checked files do not match"]
    lines += [f"  attachment {problem.attachment_id}: {problem.reason}" for problem in result.problems]
    return lines
