"""Counts every GraphQL operation against its caller's bucket before anything resolves.

The verdict is left on the request context; the root-field guard turns it into a
``RATE_LIMITED`` error: a ``UserError`` on mutation payloads, a top-level error on queries.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import FieldNode, OperationDefinitionNode
from strawberry.extensions import SchemaExtension

from core.ratelimit.limiter import categorise


def _root_fields(execution_context) -> list[str]:
    document = execution_context.graphql_document
    if document is None:
        return []
    wanted = execution_context.operation_name
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode) and (
            wanted is None or (definition.name and definition.name.value == wanted)
        ):
            return [s.name.value for s in definition.selection_set.selections if isinstance(s, FieldNode)]
    return []


class RateLimitCheck(SchemaExtension):
    async def on_execute(self) -> Iterator[None]:  # type: ignore[override]
        context = self.execution_context.context
        limiter = getattr(getattr(context, "app", None), "rate_limits", None)
        if limiter is not None:
            operation = self.execution_context.operation_type.value
            category = categorise(operation, _root_fields(self.execution_context))
            context.rate_limited = not await limiter.allow(category, context.actor, context.client_address)
        yield
