"""WebSocket messages (``graphql-transport-ws``): size and shape checked before the protocol
handler sees them, and errors sent as ``error`` messages with their code."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler

from core.graphql.limits.body import BadBody, Receive, Send, check_request_fields, parse_json_object
from core.graphql.persisted import PersistedTransportWSHandler

MESSAGE_TOO_BIG = 1009  # RFC 6455
INVALID_MESSAGE = 4400  # graphql-transport-ws


def guarded_receive(receive: Receive, send: Send, max_bytes: int) -> Receive:
    """``receive`` that closes the connection on an oversized or malformed message and tells
    the application the client went away."""

    async def close(code: int, reason: str) -> dict[str, Any]:
        await send({"type": "websocket.close", "code": code, "reason": reason[:120]})
        return {"type": "websocket.disconnect", "code": code}

    async def guarded() -> dict[str, Any]:
        message = await receive()
        if message["type"] != "websocket.receive":
            return message
        text = message.get("text")
        if text is None:
            return message  # binary frames: the protocol handler refuses them (4400)
        if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
            return await close(MESSAGE_TOO_BIG, f"Message too big: the limit is {max_bytes} bytes")
        try:
            check_message(text)
        except BadBody as error:
            return await close(INVALID_MESSAGE, error.message)
        return message

    return guarded


def check_message(text: str) -> None:
    """A ``graphql-transport-ws`` message: a JSON object with a string ``type``; ``subscribe``
    carries an ``id`` and a payload shaped like an HTTP GraphQL request."""
    message = parse_json_object(text, "A WebSocket message")
    if not isinstance(message.get("type"), str):
        raise BadBody("A WebSocket message needs a string 'type'.")
    payload = message.get("payload")
    if message["type"] == "subscribe":
        if not isinstance(message.get("id"), str) or not message["id"]:
            raise BadBody("A 'subscribe' message needs a string 'id'.")
        if not isinstance(payload, dict):
            raise BadBody("A 'subscribe' message needs a payload object.")
        query, extensions = payload.get("query"), payload.get("extensions")
        # A persisted operation may send only its hash (extensions.persistedQuery).
        if not isinstance(query, str) and not (query is None and isinstance(extensions, dict)):
            raise BadBody("A 'subscribe' message needs a payload with a 'query' string or a persisted query hash.")
        check_request_fields(payload)
    elif message["type"] == "complete" and not isinstance(message.get("id"), str):
        raise BadBody("A 'complete' message needs a string 'id'.")
    elif payload is not None and not isinstance(payload, dict):
        raise BadBody("A WebSocket message's 'payload' must be a JSON object.")


class TransportWSHandler(PersistedTransportWSHandler):
    """Takes persisted operations by hash (``PersistedTransportWSHandler``), and sends a syntax
    error in a subscribed document back as an ``error`` message with its code (as for any other
    invalid document) instead of closing the connection."""

    @staticmethod
    def _get_pre_execution_close_reason(error: GraphQLError) -> str | None:
        if (error.extensions or {}).get("code"):
            return None
        return BaseGraphQLTransportWSHandler._get_pre_execution_close_reason(error)
