"""``GET /exports/{id}?token=…``: the file of a finished export, for whoever holds its link,
until the link expires. Each download is audited in the name of the user who exported."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import hmac

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

from core.exports.models import ExportFormat, ExportJob, ExportState

MEDIA = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_routes(app) -> list[Route]:
    async def download(request: Request):
        from pathlib import Path

        from core.audit import recorder as audit
        from core.db import transaction
        from core.identity.actor import SYSTEM

        refused = JSONResponse({"error": "This download link is unknown or has expired."}, status_code=404)
        try:
            export_id = int(request.path_params["export_id"])
        except ValueError:
            return refused
        token = request.query_params.get("token", "")
        job = await ExportJob.get_or_none(id=export_id).select_related("user")
        if job is None or not hmac.compare_digest(job.token_hash, hashlib.sha256(token.encode()).hexdigest()):
            return refused
        if job.expires_at <= app.clock.now() or job.state is not ExportState.DONE or not job.file_path:
            return refused
        if not await asyncio.to_thread(Path(job.file_path).is_file):
            return refused
        actor = dataclasses.replace(SYSTEM, user_id=job.user_id, username=job.user.username)
        with audit.audit_context(actor, client_address=request.client.host if request.client else None):
            async with transaction():
                await audit.record(
                    "core.export.download",
                    object_type="Export",
                    object_id=job.id,
                    station_id=job.station_id,
                    after={"list": job.list_name, "rows": job.rows},
                )
        name = f"{job.list_name}-{job.id}.{job.format.value.lower()}"
        return FileResponse(job.file_path, media_type=MEDIA[job.format], filename=name)

    return [Route("/exports/{export_id}", download, methods=["GET"])]
