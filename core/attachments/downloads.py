"""Short-lived signed download URLs and the ``GET /files/{token}`` route that serves them.

A URL names one attachment and one user and expires after ``[attachments]
download_url_ttl_seconds``. Serving it checks again, at that moment, that the user is active,
still holds the target's read permission and still reaches the owning object (station and
the plugin's rule), then audits the download and sends the decrypted bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import urllib.parse
import uuid

import jwt
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from core.attachments.crypto import FileIntegrityError
from core.attachments.models import Attachment
from core.attachments.services import read_bytes
from core.attachments.targets import _plugin_of, attachment_targets, visible_rows
from core.audit.recorder import audit_context, record
from core.db import transaction
from core.storage import StorageError

log = logging.getLogger("fengqiao.attachments")
AUDIENCE = "fengqiao-download"
ROUTE = "/files/{token}"
READ = "core.attachment.read"


def _key(app) -> str:
    # Its own key, derived from the token secret: a download URL is never a login token.
    return hashlib.sha256(b"fengqiao downloads v1\x00" + app.token_secret.encode()).hexdigest()


def download_token(app, attachment_id: int, user_id: int) -> tuple[str, dt.datetime]:
    now = app.clock.now()
    expires = now + dt.timedelta(seconds=app.settings.attachments.download_url_ttl_seconds)
    payload = {
        "sub": str(user_id),
        "att": attachment_id,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "aud": AUDIENCE,
    }
    return jwt.encode(payload, _key(app), algorithm="HS256"), expires


def read_download_token(app, token: str) -> tuple[int, int] | None:
    """``(attachment id, user id)`` of a valid, unexpired token, else None."""
    try:
        payload = jwt.decode(
            token,
            _key(app),
            algorithms=["HS256"],
            audience=AUDIENCE,
            options={"require": ["sub", "exp", "att", "aud"], "verify_exp": False},
        )
        if payload["exp"] <= app.clock.now().timestamp():
            return None
        return int(payload["att"]), int(payload["sub"])
    except (jwt.PyJWTError, ValueError, KeyError, TypeError):
        return None


def _refused(status: int = 404) -> JSONResponse:
    # One answer for expired, forged, foreign and missing: nothing to learn from probing.
    message = "This download link is invalid or has expired; ask for a new one."
    return JSONResponse({"error": message}, status_code=status, headers={"Cache-Control": "no-store"})


async def serve_download(request: Request) -> Response:
    from core.identity.models import User
    from core.identity.services import actor_for_user

    app = request.app.state.fengqiao
    claims = read_download_token(app, request.path_params["token"])
    if claims is None:
        return _refused()
    attachment_id, user_id = claims
    user = await User.get_or_none(id=user_id, is_active=True).select_related("station")
    row = await Attachment.get_or_none(id=attachment_id, purged_at__isnull=True)
    if user is None or row is None:
        return _refused()
    actor = actor_for_user(user)
    target = attachment_targets(app).get(row.owner_type)
    if (
        target is None
        or not actor.has(READ)
        or not actor.has(target.read_permission)
        or not actor.plugin_enabled(_plugin_of(app, row.owner_type))
        or not await visible_rows(actor, target).filter(pk=row.owner_id).exists()
    ):
        return _refused()
    try:
        data = await read_bytes(app, row)
    except (FileIntegrityError, StorageError) as error:
        log.error("attachment %s cannot be served: %s", row.id, error)
        return JSONResponse({"error": "The file cannot be read; the station has been told."}, status_code=500)
    client = request.client.host if request.client else None
    with audit_context(actor, uuid.uuid4().hex, client):
        async with transaction():
            await record(
                "core.attachment.download",
                obj=row,
                after={"sha256": row.sha256, "size": row.size, "owner_type": row.owner_type, "owner_id": row.owner_id},
            )
    quoted = urllib.parse.quote(row.filename)
    return Response(
        data,
        media_type=row.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="file.{row.filename.rsplit(".", 1)[-1]}"; '
            f"filename*=UTF-8''{quoted}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "X-Checksum-SHA256": row.sha256,
        },
    )


class RedactDownloadTokens(logging.Filter):
    """Keep download links out of access logs: ``/files/<token>`` is logged as ``/files/…``.

    A link is a bearer credential for a few minutes; the audit log already records each use.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, str) and a.startswith("/files/") for a in record.args):
            record.args = tuple(
                "/files/…" if isinstance(arg, str) and arg.startswith("/files/") else arg for arg in record.args
            )
        return True


def redact_access_logs() -> None:
    """Install the filter on uvicorn's access logger once per process."""
    logger = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, RedactDownloadTokens) for existing in logger.filters):
        logger.addFilter(RedactDownloadTokens())
