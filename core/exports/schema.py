"""GraphQL for exports: ``startExport`` (any readable list, by its query), the caller's
``exportJobs``, and ``exportProgress`` while one runs (``core.exports.create``)."""

import datetime as dt
from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.exports import runner
from core.exports.models import ExportFormat, ExportJob, ExportState
from core.graphql.connections import connection
from core.graphql.enums import graphql_enum
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field, subscription_field
from core.graphql.ids import decode_id
from core.graphql.rows import row_mapping

PERMISSION = "core.exports.create"

graphql_enum(
    ExportFormat,
    name="ExportFormat",
    description="File format of an export.",
    values={"CSV": "UTF-8 CSV (with BOM, opens in Excel/WPS).", "XLSX": "An Excel workbook."},
)
graphql_enum(
    ExportState,
    name="ExportState",
    description="Where an export stands.",
    values={
        "RUNNING": "Being written; see rows for progress.",
        "DONE": "Written; download it from the link given by startExport until expiresAt.",
        "FAILED": "Stopped (e.g. over the row limit of your role); see error. No file was kept.",
    },
)


@strawberry.type(name="ExportJob", description="An export of a list to a file (导出), with its progress.")
class ExportJobNode:
    id: strawberry.ID = strawberry.field(description="Global id of the export.")
    list_name: str = strawberry.field(description="The list (root connection field) exported, e.g. disputes.")
    variables: JSON = strawberry.field(description="The filter and order variables it was run with.")
    format: ExportFormat = strawberry.field(description="CSV or XLSX.")
    state: ExportState = strawberry.field(description="Where it stands.")
    rows: int = strawberry.field(description="Rows written so far.")
    total: int | None = strawberry.field(description="Rows in the list, when the query selects totalCount.")
    error: str | None = strawberry.field(description="Why it failed, if it did.")
    created_at: dt.datetime = strawberry.field(description="When it was asked for (UTC).")
    finished_at: dt.datetime | None = strawberry.field(description="When it ended (UTC).")
    expires_at: dt.datetime = strawberry.field(description="Until when its download link works (UTC).")

    from_row = row_mapping(ExportJob)


@strawberry.input(description="A list to export.")
class StartExportInput:
    query: str = strawberry.field(
        description=(
            "The GraphQL query of the list as shown on screen: one root connection field, taking "
            "first: $first and after: $after, selecting pageInfo { hasNextPage endCursor } and the "
            "node fields that become the columns (nested fields as a.b)."
        )
    )
    variables: JSON | None = strawberry.field(
        default=None, description="Its variables (filter, order); first and after are set by the export."
    )
    format: ExportFormat = strawberry.field(default=ExportFormat.CSV, description="CSV or XLSX.")


@strawberry.type(description="Result of startExport.")
class StartExportPayload:
    export: ExportJobNode | None = strawberry.field(default=None, description="The export, now running.")
    download_url: str | None = strawberry.field(
        default=None,
        description="Path of the file's download link (works once it is DONE, until expiresAt). Shown only here.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it was refused; empty on success."
    )


@strawberry.type
class ExportsQuery:
    @query_field(permission=PERMISSION, description="The caller's exports, newest first.")
    @connection(ExportJobNode)
    async def export_jobs(
        self,
        info: Info,
    ) -> QuerySet:
        return ExportJob.filter(user_id=info.context.actor.user_id).order_by("-id")


@strawberry.type
class ExportsMutation:
    @mutation_field(
        permission=PERMISSION,
        description="Export a list the caller can read to CSV or XLSX, masked as on screen, watermarked and audited.",
    )
    async def start_export(
        self, info: Info, input: Annotated[StartExportInput, strawberry.argument(description="The list and format.")]
    ) -> StartExportPayload:
        context = info.context
        variables = input.variables if input.variables is not None else {}
        job, token = await runner.create_job(context.app, context.actor, input.query, variables, input.format)
        runner.start_in_background(context.app, context.actor, job, input.query, variables)
        return StartExportPayload(export=ExportJobNode.from_row(job), download_url=f"/exports/{job.id}?token={token}")


@strawberry.type
class ExportsSubscription:
    @subscription_field(
        permission=PERMISSION, description="Pushes an export of the caller's as it progresses and ends."
    )
    async def export_progress(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the export.")]
    ) -> AsyncGenerator[ExportJobNode, None]:
        context = info.context
        export_id = decode_id(id, "ExportJob", field="id")
        job = await ExportJob.get_or_none(id=export_id, user_id=context.actor.user_id)
        if job is None:
            return
        stream = context.app.events.subscribe({runner.PROGRESS_EVENT})
        job = await ExportJob.get(id=export_id)
        yield ExportJobNode.from_row(job)
        if job.state is not ExportState.RUNNING:
            return
        async for event in stream:
            if event.payload.get("export_id") != export_id:
                continue
            job = await ExportJob.get(id=export_id)
            node = ExportJobNode.from_row(job)
            if job.state is ExportState.RUNNING:
                node.rows = max(node.rows, event.payload.get("rows", 0))
            yield node
            if job.state is not ExportState.RUNNING:
                return
