"""Running an export: the user's own GraphQL query, page by page, as that user — so filter,
order, permissions, station scoping and masking are exactly what they see on screen — written
to a CSV or XLSX file with a watermark, within the row limit of their role, and audited."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
import hashlib
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLSyntaxError

from core.audit import recorder as audit
from core.contract import Event
from core.db import transaction
from core.errors import UserErrorCode, UserInputError
from core.exports.models import ExportFormat, ExportJob, ExportState
from core.exports.writers import flatten, writer_for
from core.identity.actor import Actor

PAGE = 200
PROGRESS_EVENT = "core.export.progress"


def row_limit(app, actor: Actor) -> int:
    settings = app.settings.exports
    limits = [settings.row_limits[role.value] for role in actor.roles if role.value in settings.row_limits]
    return max(limits, default=settings.default_row_limit)


def list_name_of(document: str) -> str:
    """The one root field of a query that pages with ``$after``; ``UserInputError`` otherwise."""
    try:
        parsed = parse(document)
    except GraphQLSyntaxError as error:
        raise UserInputError(f"The query does not parse: {error.message}", field="query") from None
    operations = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
        raise UserInputError("Give exactly one query operation.", field="query")
    operation = operations[0]
    fields = operation.selection_set.selections
    if len(fields) != 1 or not hasattr(fields[0], "name"):
        raise UserInputError("Select exactly one list (a connection field) at the root.", field="query")
    declared = {variable.variable.name.value for variable in operation.variable_definitions or ()}
    if "after" not in declared:
        raise UserInputError(
            "Declare $after: String and pass after: $after to the list, so the export can page through it.",
            field="query",
        )
    return fields[0].name.value


def watermark(user, station_name: str | None, moment: dt.datetime, export_id: int) -> str:
    place = station_name or "全局"
    when = moment.strftime("%Y-%m-%d %H:%M %Z")
    return f"导出人 {user.display_name}（{user.username}）· {when} · {place} · 导出编号 {export_id} · 内部资料 严禁外传"


def new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hashlib.sha256(token.encode()).hexdigest()


class ExportFailed(Exception):
    """Why an export stopped; the text is shown to the user."""


async def run_export(
    app,
    actor: Actor,
    job: ExportJob,
    document: str,
    variables: dict[str, Any],
    progress: Callable[[ExportJob], Awaitable[None]] | None = None,
    target: Path | None = None,
) -> ExportJob:
    """Fill ``job``'s file (in ``[exports] directory``, or ``target``); on any failure the file
    is removed and the job FAILED."""
    from core.graphql.context import RequestContext
    from core.identity.models import Station, User

    user = await User.get(id=actor.user_id)
    station = await Station.get_or_none(id=actor.station_id) if actor.station_id else None
    limit = row_limit(app, actor)
    directory = Path(app.settings.exports.directory)
    await asyncio.to_thread(directory.mkdir, mode=0o700, parents=True, exist_ok=True)
    path = target or directory / f"export-{job.id}-{secrets.token_hex(6)}.{job.format.value.lower()}"
    await asyncio.to_thread(path.touch, mode=0o600)  # the server's account only, before anything is written
    mark = watermark(user, station.name if station else None, app.clock.now().astimezone(app.clock.zone), job.id)
    writer = writer_for(job.format, str(path), mark)
    columns: list[str] | None = None
    cursor: str | None = None
    try:
        while True:
            result = await app.schema.execute(
                document,
                variable_values={**variables, "first": PAGE, "after": cursor},
                context_value=RequestContext(app=app, actor=actor),
            )
            if result.errors:
                raise ExportFailed(result.errors[0].message)
            connection = next(iter((result.data or {}).values()), None) or {}
            page_info = connection.get("pageInfo")
            if page_info is None or "endCursor" not in page_info or "hasNextPage" not in page_info:
                raise ExportFailed("Select pageInfo { hasNextPage endCursor } of the list.")
            nodes = connection.get("nodes")
            if nodes is None:
                nodes = [edge["node"] for edge in connection.get("edges") or []]
            job.total = connection.get("totalCount", job.total)
            if job.total is not None and job.total > limit:
                raise ExportFailed(f"The list has {job.total} rows; your role may export at most {limit}. Narrow it.")
            rows = [flatten(node) for node in nodes]
            if columns is None:
                columns = list(dict.fromkeys(key for row in rows for key in row))
                writer.header(columns)
            for row in rows:
                writer.row([row.get(column, "") for column in columns])
            job.rows += len(rows)
            if job.rows > limit:
                raise ExportFailed(f"The list has more than {limit} rows, the most your role may export. Narrow it.")
            if progress is not None:
                await progress(job)
            if not page_info["hasNextPage"]:
                break
            if page_info["endCursor"] == cursor:
                raise ExportFailed("The list does not page: pass after: $after to it.")
            cursor = page_info["endCursor"]
        writer.close()
        job.state, job.file_path = ExportState.DONE, str(path)
    except Exception as error:  # noqa: BLE001 — any failure ends the export with a reason
        with contextlib.suppress(Exception):
            writer.close()
        path.unlink(missing_ok=True)
        job.state = ExportState.FAILED
        job.error = (str(error) if isinstance(error, ExportFailed) else f"the export failed ({type(error).__name__})")[
            :300
        ]
    job.finished_at = app.clock.now()
    await finish(actor, job)
    if progress is not None:
        await progress(job)
    return job


async def finish(actor: Actor, job: ExportJob) -> None:
    """Store the outcome and audit it — the list, the filter, the row count — in one transaction."""
    with audit.audit_context(actor):
        async with transaction():
            await job.save(update_fields=["state", "rows", "total", "error", "file_path", "finished_at"])
            action = "core.export.create" if job.state is ExportState.DONE else "core.export.refuse"
            await audit.record(
                action,
                object_type="Export",
                object_id=job.id,
                station_id=job.station_id,
                after={
                    "list": job.list_name,
                    "variables": job.variables,
                    "format": job.format.value,
                    "rows": job.rows,
                    "error": job.error,
                },
            )


async def create_job(
    app, actor: Actor, document: str, variables: dict[str, Any], fmt: ExportFormat
) -> tuple[ExportJob, str]:
    if not isinstance(variables, dict):
        raise UserInputError("Variables must be a JSON object.", field="variables")
    name = list_name_of(document)
    token, token_hash = new_token()
    now = app.clock.now()
    job = await ExportJob.create(
        user_id=actor.user_id,
        station_id=actor.station_id,
        list_name=name,
        variables={k: v for k, v in variables.items() if k not in ("first", "after", "last", "before")},
        format=fmt,
        token_hash=token_hash,
        created_at=now,
        expires_at=now + dt.timedelta(hours=app.settings.exports.link_hours),
    )
    return job, token


_running: set[asyncio.Task] = set()


def start_in_background(app, actor: Actor, job: ExportJob, document: str, variables: dict[str, Any]) -> None:
    """Run the export after the current request; progress is announced to ``exportProgress``."""

    async def announce(current: ExportJob) -> None:
        await app.events.announce(
            Event(PROGRESS_EVENT, {"export_id": current.id, "rows": current.rows}, current.station_id)
        )
        if current.state is ExportState.RUNNING:
            await ExportJob.filter(id=current.id).update(rows=current.rows, total=current.total)

    async def after_commit() -> ExportJob:
        # Started inside the request's transaction: wait until its row is committed.
        for _ in range(200):
            if await ExportJob.exists(id=job.id):
                return await run_export(app, actor, job, document, variables, announce)
            await asyncio.sleep(0.05)
        return job

    # A fresh context: the task must not share the request's transaction connection.
    task = asyncio.get_running_loop().create_task(after_commit(), context=contextvars.Context())
    _running.add(task)
    task.add_done_callback(_running.discard)


__all__ = ["UserErrorCode", "create_job", "list_name_of", "run_export", "start_in_background"]
