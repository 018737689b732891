"""The size and shape of what reaches ``/graphql``: HTTP bodies and WebSocket messages.

An ASGI guard in front of the GraphQL view. It answers, before anything is parsed by the
GraphQL layer:

* a body over ``[limits] max_body_bytes`` → HTTP 413 ``PAYLOAD_TOO_LARGE`` (the same for a
  WebSocket message: the connection closes with 1009, "message too big");
* a JSON body that is not valid UTF-8, not JSON, not an object, or nested deeper than
  ``MAX_JSON_DEPTH`` → HTTP 400 ``BAD_REQUEST``; on a WebSocket, close code 4400.

Named root mutation fields may have their own limit, larger or smaller: ``body_limits``
(``[limits] body_limits``, e.g. a file import) for any request, and ``upload_limits`` for
``multipart/form-data`` requests only — a file travels only there, so a JSON request is never
read up to an upload's size (by default ``uploadAttachment`` has ``[attachments]
max_upload_bytes`` plus room for the form fields). The request is read up to the largest limit
of its kind; a body over the smallest one is measured against its operation — from the JSON
body, or from the ``operations`` part of a multipart upload: a mutation whose every root field
has a limit gets the smallest of those, anything else ``max_body_bytes``. A route that needs its
own limit wraps its endpoint in its own ``RequestGuard(endpoint, max_body_bytes=...)``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.responses import JSONResponse

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Variables nest a few levels (an input with a list of inputs); nothing real nests 32.
MAX_JSON_DEPTH = 32


class BadBody(Exception):
    def __init__(self, message: str, status: int = 400, code: str = "BAD_REQUEST", **numbers: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.numbers = numbers

    def response(self) -> JSONResponse:
        error = {"message": self.message, "extensions": {"code": self.code, **self.numbers}}
        return JSONResponse({"data": None, "errors": [error]}, status_code=self.status)


def too_large(limit: int) -> BadBody:
    return BadBody(
        f"The request is larger than the limit of {limit} bytes.", status=413, code="PAYLOAD_TOO_LARGE", limit=limit
    )


def parse_json_object(raw: bytes | str, what: str = "The request body") -> dict[str, Any]:
    """A JSON object from ``raw``, or ``BadBody`` saying what is wrong with it."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadBody(f"{what} is not valid UTF-8.") from None
    try:
        value = json.loads(raw)
    except RecursionError:
        raise BadBody(f"{what} is nested too deeply (at most {MAX_JSON_DEPTH} levels).") from None
    except ValueError:
        raise BadBody(f"{what} is not valid JSON.") from None
    if not isinstance(value, dict):
        raise BadBody(f'{what} must be a JSON object such as {{"query": "…", "variables": {{…}}}}.')
    if json_depth(value) > MAX_JSON_DEPTH:
        raise BadBody(f"{what} is nested too deeply (at most {MAX_JSON_DEPTH} levels).")
    return value


def json_depth(value: Any) -> int:
    """Nesting depth of decoded JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            return depth
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
    return deepest


def check_request_fields(body: dict[str, Any]) -> None:
    """The GraphQL request's own members have the types the protocol gives them."""
    if not isinstance(body.get("query"), str | None):
        raise BadBody("'query' must be a string.")
    for name in ("variables", "extensions"):
        if not isinstance(body.get(name), dict | None):
            raise BadBody(f"'{name}' must be a JSON object or null.")
    if not isinstance(body.get("operationName"), str | None):
        raise BadBody("'operationName' must be a string or null.")


class RequestGuard:
    """Wraps the ``/graphql`` endpoint (HTTP and WebSocket)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        body_limits: Mapping[str, int] | None = None,
        upload_limits: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limits = _Limits(max_body_bytes, dict(body_limits or {}))
        self.multipart_limits = _Limits(max_body_bytes, {**(body_limits or {}), **(upload_limits or {})})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            from core.graphql.limits.websocket import guarded_receive

            await self.app(scope, guarded_receive(receive, send, self.max_body_bytes), send)
            return
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        try:
            content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
            limits = self.multipart_limits if content_type == "multipart/form-data" else self.limits
            body = await self._read(scope, receive, limits)
            self._check(scope, body, content_type, limits)
        except BadBody as error:
            await error.response()(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, scope: Scope, receive: Receive, limits: _Limits) -> bytes:
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limits.ceiling:
            raise too_large(limits.ceiling)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limits.ceiling:
                raise too_large(limits.ceiling)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    def _check(self, scope: Scope, body: bytes, content_type: str, limits: _Limits) -> None:
        is_json = content_type in ("application/json", "application/graphql-response+json")
        request = None
        if is_json and body:
            request = parse_json_object(body)
            check_request_fields(request)
        if len(body) > limits.floor:
            if content_type == "multipart/form-data":
                request = multipart_operations(body, _header(scope, b"content-type") or "")
            limit = limits.of(request)
            if len(body) > limit:
                raise too_large(limit)


class _Limits:
    """The body limits of one kind of request: ``max_body_bytes`` and the named mutations'."""

    def __init__(self, max_body_bytes: int, by_field: dict[str, int]) -> None:
        self.max_body_bytes = max_body_bytes
        self.by_field = by_field
        self.ceiling = max([max_body_bytes, *by_field.values()])
        # Bodies up to the smallest limit pass without looking at their operation.
        self.floor = min([max_body_bytes, *by_field.values()])

    def of(self, request: dict[str, Any] | None) -> int:
        """The smallest limit of the operation's root fields when it is a mutation whose every
        root field has one; ``max_body_bytes`` for anything else."""
        if request is None or not self.by_field:
            return self.max_body_bytes
        try:
            document = parse(request.get("query") or "", max_tokens=10_000)
        except GraphQLError:
            return self.max_body_bytes
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        name = request.get("operationName")
        chosen = [o for o in operations if name is None or (o.name is not None and o.name.value == name)]
        if len(chosen) != 1 or chosen[0].operation != OperationType.MUTATION:
            return self.max_body_bytes
        fields = [getattr(selection, "name", None) for selection in chosen[0].selection_set.selections]
        if not fields or any(field is None or field.value not in self.by_field for field in fields):
            return self.max_body_bytes
        return min(self.by_field[field.value] for field in fields if field is not None)


def multipart_operations(body: bytes, content_type: str) -> dict[str, Any] | None:
    """The ``operations`` part of a GraphQL multipart request (file uploads), which the
    multipart request spec puts first; ``None`` when the body is not shaped so."""
    boundary = ""
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.strip().partition("=")
        if key.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        return None
    delimiter = b"--" + boundary.encode("latin-1")
    start = body.find(delimiter)
    headers_end = body.find(b"\r\n\r\n", start)
    if start < 0 or headers_end < 0:
        return None
    headers = body[start + len(delimiter) : headers_end].decode("latin-1").lower()
    if 'name="operations"' not in headers:
        return None
    end = body.find(b"\r\n" + delimiter, headers_end)
    try:
        return parse_json_object(body[headers_end + 4 : end if end >= 0 else None], "The 'operations' part")
    except BadBody:
        return None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


__all__ = ["BadBody", "RequestGuard", "parse_json_object"]
