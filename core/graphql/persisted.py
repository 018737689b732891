"""Persisted operations on the wire: Automatic Persisted Queries and trusted documents.

Clients send ``extensions.persistedQuery = {"version": 1, "sha256Hash": "<hex>"}`` instead of
(or beside) the document text — Apollo's protocol, on POST, on GET for queries, and in
WebSocket ``subscribe``/``start`` payloads.

* Default mode (Automatic Persisted Queries): a hash the server does not know gets
  ``PersistedQueryNotFound``; the client sends hash and text once, the server checks that the
  hash is the text's SHA-256 and remembers it (a bounded in-process cache, per worker).
  Registered operations are found too. Requests without a hash work as before (GET needs one).
* Trusted documents (``[server] persisted_only = true``): only operations registered with
  ``fengqiao operations register`` execute, whether the client sends the hash or the exact text.

Resolution only turns a request into document text; parsing and validation are cached by the
text's hash in ``core.graphql.documents``, so a persisted operation skips both after first use.
"""

from __future__ import annotations

import dataclasses
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.types.execution import ExecutionResult

from core.operations.registry import HASH_PATTERN, registered_document, sha256_of

# Automatic Persisted Queries remembered per worker (least recently used dropped first).
AUTOMATIC_CACHE_SIZE = 1000
# How long a worker trusts its memory of a registered operation before asking the database
# again, so an operation removed with ``fengqiao operations remove`` stops within this time.
REGISTERED_TTL_SECONDS = 60.0
# A hash found unregistered is not looked up again for this long, so a flood of unknown hashes
# costs no database queries; a newly registered operation may wait this long on a worker that
# was asked for it just before.
UNREGISTERED_TTL_SECONDS = 10.0
REGISTERED_CACHE_SIZE = 5000


class PersistedQueryError(Exception):
    """A persisted-operation request that cannot run; reported as a GraphQL error with a code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def graphql_error(self) -> GraphQLError:
        return GraphQLError(self.message, extensions={"code": self.code})


def not_found() -> PersistedQueryError:
    # Apollo clients recognise this exact message and code, then resend with the document.
    return PersistedQueryError("PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound")


def not_in_list(sha256: str) -> PersistedQueryError:
    return PersistedQueryError(
        "PERSISTED_QUERY_NOT_IN_LIST",
        f"Operation {sha256[:12]}… is not registered on this server, which runs registered operations only.",
    )


def document_required() -> PersistedQueryError:
    return PersistedQueryError(
        "PERSISTED_QUERY_REQUIRED",
        "This server runs registered operations only: send extensions.persistedQuery.sha256Hash "
        "of an operation registered with 'fengqiao operations register'.",
    )


class _LRU:
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str) -> Any:
        value = self.items.get(key)
        if value is not None:
            self.items.move_to_end(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


class OperationResolver:
    """Turns a request's ``query`` and ``extensions`` into the document text to execute."""

    def __init__(self, *, persisted_only: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.persisted_only = persisted_only
        self._clock = clock
        self._automatic = _LRU(AUTOMATIC_CACHE_SIZE)
        self._registered = _LRU(REGISTERED_CACHE_SIZE)

    async def resolve(self, query: Any, extensions: Any) -> str | None:
        """The document text to run (``None`` only when the request had neither text nor hash:
        the caller's usual "no query" error applies). Raises ``PersistedQueryError``."""
        sha256 = requested_hash(extensions)
        if query is not None and not isinstance(query, str):
            return query  # the view reports the malformed request itself
        if sha256 is None:
            if self.persisted_only and query is not None:
                if await self._registered_document(sha256_of(query)) is None:
                    raise document_required()
            elif self.persisted_only:
                raise document_required()
            return query
        if query is not None and sha256_of(query) != sha256:
            raise PersistedQueryError(
                "BAD_REQUEST", "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query."
            )
        if not self.persisted_only:
            remembered = query if query is not None else self._automatic.get(sha256)
            if remembered is not None:
                self._automatic.put(sha256, remembered)
                return remembered
        registered = await self._registered_document(sha256)
        if registered is not None:
            return registered
        raise not_in_list(sha256) if self.persisted_only else not_found()

    async def _registered_document(self, sha256: str) -> str | None:
        cached = self._registered.get(sha256)
        now = self._clock()
        if cached is not None and cached[1] > now:
            return cached[0]
        document = await registered_document(sha256)
        ttl = REGISTERED_TTL_SECONDS if document is not None else UNREGISTERED_TTL_SECONDS
        self._registered.put(sha256, (document, now + ttl))
        return document


_resolvers: weakref.WeakKeyDictionary[Any, OperationResolver] = weakref.WeakKeyDictionary()


def resolver_for(app: Any) -> OperationResolver:
    """The application's resolver, shared by its HTTP and WebSocket endpoints."""
    resolver = _resolvers.get(app)
    if resolver is None:
        resolver = _resolvers[app] = OperationResolver(persisted_only=app.settings.server.persisted_only)
    return resolver


def requested_hash(extensions: Any) -> str | None:
    """The SHA-256 the request names in ``extensions.persistedQuery``, checked for form."""
    if not isinstance(extensions, dict) or extensions.get("persistedQuery") is None:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, dict):
        raise PersistedQueryError("BAD_REQUEST", "extensions.persistedQuery must be an object.")
    if persisted.get("version", 1) != 1:
        raise PersistedQueryError(
            "PERSISTED_QUERY_NOT_SUPPORTED", f"Unsupported persisted query version {persisted.get('version')!r}."
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not HASH_PATTERN.match(sha256):
        raise PersistedQueryError(
            "BAD_REQUEST", "extensions.persistedQuery.sha256Hash must be a lower-case hex SHA-256 (64 characters)."
        )
    return sha256


class PersistedOperationsView:
    """Mixed into the GraphQL view (before Strawberry's class): resolves persisted operations
    on HTTP and on both WebSocket protocols. GET runs persisted queries only."""

    app: Any

    @property
    def operation_resolver(self) -> OperationResolver:
        return resolver_for(self.app)

    async def execute_operation(self, request, request_adapter, request_data, context, root_value, sub_response):
        items = request_data if isinstance(request_data, list) else [request_data]
        resolved = []
        try:
            for item in items:
                if request_adapter.method == "GET" and requested_hash(item.extensions) is None:
                    raise PersistedQueryError(
                        "BAD_REQUEST",
                        "GET runs persisted queries only (extensions.persistedQuery.sha256Hash); "
                        "send other operations with POST.",
                    )
                query = await self.operation_resolver.resolve(item.query, item.extensions)
                resolved.append(dataclasses.replace(item, query=query))
        except PersistedQueryError as error:
            return ExecutionResult(data=None, errors=[error.graphql_error()])
        return await super().execute_operation(
            request=request,
            request_adapter=request_adapter,
            request_data=resolved if isinstance(request_data, list) else resolved[0],
            context=context,
            root_value=root_value,
            sub_response=sub_response,
        )


class PersistedTransportWSHandler(BaseGraphQLTransportWSHandler):
    """graphql-transport-ws: a ``subscribe`` payload may carry a hash instead of the text."""

    async def handle_subscribe(self, message) -> None:
        payload = message.get("payload")
        if self.connection_acknowledged and isinstance(payload, dict) and message.get("id") not in self.operations:
            try:
                query = await self.view.operation_resolver.resolve(payload.get("query"), payload.get("extensions"))
            except PersistedQueryError as error:
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [error.graphql_error().formatted]}
                )
                return
            if query is not None:
                message = {**message, "payload": {**payload, "query": query}}
        await super().handle_subscribe(message)


class PersistedLegacyWSHandler(BaseGraphQLWSHandler):
    """The older graphql-ws protocol: the same rule for ``start`` payloads."""

    async def handle_start(self, message) -> None:
        payload = message.get("payload")
        if self.connection_acknowledged and isinstance(payload, dict):
            try:
                query = await self.view.operation_resolver.resolve(payload.get("query"), payload.get("extensions"))
            except PersistedQueryError as error:
                await self.send_message(
                    {"type": "error", "id": message["id"], "payload": error.graphql_error().formatted}
                )
                return
            if query is not None:
                message = {**message, "payload": {**payload, "query": query}}
        await super().handle_start(message)


PersistedOperationsView.graphql_transport_ws_handler_class = PersistedTransportWSHandler
PersistedOperationsView.graphql_ws_handler_class = PersistedLegacyWSHandler
