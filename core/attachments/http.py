"""HTTP rules of uploads: the larger body allowance of multipart requests, and multipart
requests accepted only for the upload mutation.

The server's normal body limit stays small; only a ``multipart/form-data`` POST to
``/graphql`` may carry up to ``[attachments] max_upload_bytes`` (plus room for the form
fields), and ``check_upload_operation`` refuses such a request unless its one operation is a
mutation selecting nothing but ``uploadAttachment``. A general body-size middleware should
let requests for which ``upload_allowance(scope)`` is not None through to this one.
"""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from graphql import OperationDefinitionNode, OperationType, parse
from graphql.error import GraphQLError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_FIELDS = frozenset({"uploadAttachment"})
# Room for the multipart framing and the ``operations``/``map`` fields around the file.
FORM_OVERHEAD = 64 * 1024


def is_upload_request(scope: Scope) -> bool:
    if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") != "/graphql":
        return False
    for name, value in scope.get("headers") or ():
        if name == b"content-type":
            return value.split(b";", 1)[0].strip().lower() == b"multipart/form-data"
    return False


def upload_allowance(scope: Scope, max_upload_bytes: int) -> int | None:
    """The body limit of an upload request in bytes, or None for any other request."""
    return max_upload_bytes + FORM_OVERHEAD if is_upload_request(scope) else None


class _TooLarge(Exception):
    pass


class UploadBodyLimit:
    """Refuse (413) an upload request whose body passes its allowance, declared or streamed."""

    def __init__(self, app: ASGIApp, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = upload_allowance(scope, self.max_upload_bytes)
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    body = (
        b'{"errors":[{"message":"The upload is larger than this server accepts (%d bytes).",'
        b'"extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}' % limit
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def check_upload_operation(data: Any) -> None:
    """Refuse a multipart request that is anything but one ``uploadAttachment`` mutation."""
    refusal = HTTPException(400, "Multipart requests are accepted only for the uploadAttachment mutation.")
    if not isinstance(data, dict) or not isinstance(data.get("query"), str):
        raise refusal
    try:
        document = parse(data["query"])
    except GraphQLError:
        raise refusal from None
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    if len(operations) != 1 or len(document.definitions) != 1 or operations[0].operation != OperationType.MUTATION:
        raise refusal
    fields = operations[0].selection_set.selections
    if not fields or any(
        getattr(field, "name", None) is None or field.name.value not in UPLOAD_FIELDS for field in fields
    ):
        raise refusal
