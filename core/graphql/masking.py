"""Personal-data masking and the audit of full views — applied by the core to every field a
plugin declares sensitive, so no resolver masks by hand."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from graphql import GraphQLObjectType, default_field_resolver
from strawberry.extensions import SchemaExtension

from core.contract import SensitiveField
from core.errors import ConfigError
from core.graphql.context import FullView
from core.personal.masking import mask

FULL_VIEW = "core.personal.view_full"


def apply_masking(schema: Any, declared: Sequence[tuple[str, Iterable[SensitiveField]]]) -> None:
    """Wrap the resolver of every declared sensitive field with masking."""
    type_map = schema._schema.type_map
    for owner, fields in declared:
        for item in fields:
            graphql_type = type_map.get(item.type_name)
            if not isinstance(graphql_type, GraphQLObjectType) or item.field not in graphql_type.fields:
                raise ConfigError(
                    f"plugin '{owner}' declares sensitive field {item.type_name}.{item.field}, "
                    "which is not in the schema"
                )
            field = graphql_type.fields[item.field]
            field.resolve = _masked(field.resolve or default_field_resolver, item)


def _masked(resolve, item: SensitiveField):
    def finish(value: Any, source: Any, context: Any) -> Any:
        if value is None:
            return None
        if context.actor.has(FULL_VIEW) or (item.full_view_if is not None and item.full_view_if(context.actor, source)):
            object_id = getattr(source, "id", None)
            context.full_views.append(FullView(item.type_name, item.field, str(object_id) if object_id else None))
            return value
        return mask(item.kind.value, str(value))

    def resolver(source: Any, info, **kwargs: Any) -> Any:
        value = resolve(source, info, **kwargs)
        if inspect.isawaitable(value):

            async def later() -> Any:
                return finish(await value, source, info.context)

            return later()
        return finish(value, source, info.context)

    # Whether the full view is decided on other values of the row (``full_view_if``): a list
    # showing the field then fetches whole rows (``core.graphql.column_reads``).
    resolver.reads_source = item.full_view_if is not None  # type: ignore[attr-defined]
    if getattr(resolve, "_is_default", False):
        # A plain value: the execution's short path for leaf fields reads it and masks it
        # with this same function (core.graphql.execution).
        resolver.finish_leaf = finish  # type: ignore[attr-defined]
    return resolver


class PersonalDataAudit(SchemaExtension):
    """At the end of an operation, before the response is sent, append one row to the
    personal-data access log listing the values shown in full (who saw which field of which
    object). One insert, no audit-chain lock: the rows are sealed into the chain in batches
    by a periodic job (core.audit.access)."""

    async def on_execute(self) -> Iterator[None]:  # type: ignore[override]
        yield
        context = self.execution_context.context
        views = getattr(context, "full_views", None)
        if not views:
            return
        from core.audit.access import record_access

        seen = [(v.type_name, v.field, v.object_id or "") for v in views]
        context.full_views = []
        await record_access(
            seen,
            actor=context.actor,
            request_id=context.request_id,
            client_address=context.client_address,
            now=context.app.clock.now(),
        )
