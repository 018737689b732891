"""``X-Request-ID``: accepted from the client when well-formed, generated otherwise, echoed in
the response, and current for every log line and audit row of the request."""

from __future__ import annotations

import re
import uuid

from core.observability.context import request_id_scope

HEADER = b"x-request-id"
# Fits the audit column (64) and cannot smuggle anything into a log line.
VALID = re.compile(r"^[A-Za-z0-9._:@/+=-]{8,64}$")


def accepted_request_id(value: str | None) -> str:
    return value if value and VALID.match(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Pure ASGI middleware (no buffering, works for WebSockets too)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = next((v for k, v in scope.get("headers", ()) if k == HEADER), None)
        request_id = accepted_request_id(incoming.decode("latin-1") if incoming else None)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message) -> None:
            if message["type"] in ("http.response.start", "websocket.accept"):
                headers = list(message.get("headers", ()))
                headers.append((HEADER, request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        with request_id_scope(request_id):
            await self.app(scope, receive, send_with_id)
