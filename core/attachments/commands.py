"""``fengqiao attachments purge`` and the file check of ``fengqiao audit verify``."""

from __future__ import annotations

import argparse
import dataclasses

from core.cli import command


@dataclasses.dataclass(frozen=True)
class FilesReport:
    ok: bool
    lines: list[str]


async def verify_stored_files(sample: int | None) -> FilesReport:
    """Re-hash stored files (all, or ``sample`` at random) against the audit chain."""
    from core.attachments.verify import report_lines, verify_files

    result = await verify_files(sample)
    return FilesReport(result.ok, report_lines(result))


@command("attachments purge")
async def attachments_purge(args: argparse.Namespace) -> int:
    from core.attachments.retention import purge_expired_attachments, sweep_orphaned_files
    from core.commands import _app

    app = _app(args)
    await app.start()
    try:
        result = await purge_expired_attachments(dry_run=args.dry_run)
        orphans = 0 if args.dry_run else await sweep_orphaned_files()
    finally:
        await app.stop()
    if args.dry_run:
        print(f"{result.due} file(s) are past their retention")
        return 0
    print(
        f"purged {result.purged} file(s) past their retention" + (f"; {result.failed} failed" if result.failed else "")
    )
    if orphans:
        print(f"removed {orphans} stored object(s) that no attachment refers to")
    return 1 if result.failed else 0
