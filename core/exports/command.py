"""``fengqiao export``: the same export as ``startExport``, from the command line, as a named
user (their permissions, station, masking and row limit), with a progress bar on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.cli import command, settings_from
from core.errors import ConfigError


def add_export_parser(add) -> None:
    export = add(
        "export",
        "export a list to CSV or XLSX as a user would (masked, watermarked, row-limited, audited)",
        "fengqiao export --user chief.wang --query-file disputes.graphql --format xlsx --output disputes.xlsx",
    )
    export.add_argument("--user", required=True, help="username whose view of the list is exported")
    export.add_argument(
        "--query-file",
        required=True,
        help="file with the list's GraphQL query (one connection field taking first: $first, after: $after)",
    )
    export.add_argument("--variables", default="{}", help="JSON object of the query's variables (filter, order)")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="file format (default csv)")
    export.add_argument("--output", required=True, help="file to write (refused if it exists)")


def progress_bar(job) -> str:
    if job.total:
        done = min(job.rows, job.total)
        filled = int(30 * done / job.total) if job.total else 30
        return f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{job.total} rows"
    return f"\r{job.rows} rows"


@command("export")
def export(args: argparse.Namespace):
    """Check the files before anything touches the database; the export itself is async."""
    output = Path(args.output)
    if output.exists():
        raise ConfigError(f"{output} exists; choose another --output")
    try:
        document = Path(args.query_file).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read --query-file: {error.strerror}") from None
    try:
        variables = json.loads(args.variables)
    except json.JSONDecodeError:
        raise ConfigError("--variables: not valid JSON") from None
    return run(args, output, document, variables)


async def run(args: argparse.Namespace, output: Path, document: str, variables) -> int:
    from core.exports.models import ExportFormat, ExportState
    from core.exports.runner import create_job, run_export
    from core.identity.models import User
    from core.identity.services import actor_for_user
    from core.runtime import Fengqiao

    app = Fengqiao.create(settings_from(args))
    await app.start()
    try:
        user = await User.get_or_none(username=args.user, is_active=True).select_related("station")
        if user is None:
            raise ConfigError(f"no active user named {args.user!r}")
        actor = actor_for_user(user)
        if not actor.has("core.exports.create"):
            raise ConfigError(f"user {args.user!r} may not export lists (core.exports.create)")
        job, _ = await create_job(app, actor, document, variables, ExportFormat(args.format.upper()))

        async def show(current) -> None:
            print(progress_bar(current), end="", file=sys.stderr, flush=True)

        job = await run_export(app, actor, job, document, variables, show, target=output)
    finally:
        await app.stop()
    print(file=sys.stderr)
    if job.state is not ExportState.DONE:
        print(f"fengqiao: export failed: {job.error}", file=sys.stderr)
        return 1
    print(f"exported {job.rows} row(s) of {job.list_name} to {output} (export {job.id}, audited)")
    return 0
