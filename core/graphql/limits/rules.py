"""Refuse over-limit documents before any resolver runs: depth, aliases, directives, cost and
introspection. Each refusal is a top-level error with its own ``extensions.code`` and the
numbers a client needs (``limit``, ``found``; ``cost`` for the cost limit)."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from graphql import DocumentNode, FieldNode, GraphQLError, GraphQLObjectType, Visitor, visit
from strawberry.extensions import SchemaExtension

from core.config import LimitSettings
from core.contract import FieldCost
from core.errors import ConfigError
from core.graphql.limits.document import CostModel, CostRule, Measures, measure
from core.graphql.limits.introspection import introspection_refusal

if TYPE_CHECKING:
    from core.runtime import Fengqiao

# Core fields that compute over a whole period or every station.
CORE_FIELD_COSTS = (
    FieldCost("Query", "stationRanking", cost=50, list_size=1),
    FieldCost("Query", "stationScore", cost=10),
    FieldCost("Query", "scoreHistory", cost=10, list_size=12),
)


def limit_error(code: str, message: str, **numbers: int) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, **numbers})


class MeasureCache:
    """The measures of recently seen documents with their variables (which set page sizes, so
    the cost): a list polled by a front end is measured once, not on every request. Keyed by
    the parsed document (one object per distinct text, ``core.graphql.documents``) and the
    variables; variables longer than ``MAX_VARIABLES`` are measured every time, not kept."""

    SIZE = 256
    MAX_VARIABLES = 1024

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[int, str], tuple[DocumentNode, bool, Measures]] = OrderedDict()

    def measured(self, schema: Any, document: DocumentNode, variables: Any, model: CostModel) -> tuple[bool, Measures]:
        """Whether ``document`` uses introspection, and its measures."""
        shown = json.dumps(variables, sort_keys=True, default=str) if variables else ""
        key = (id(document), shown)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is document:
            self._entries.move_to_end(key)
            return entry[1], entry[2]
        found = uses_introspection(document), measure(schema, document, variables, model)
        if len(shown) <= self.MAX_VARIABLES:
            self._entries[key] = (document, *found)
            while len(self._entries) > self.SIZE:
                self._entries.popitem(last=False)
        return found


class DocumentLimits(SchemaExtension):
    """Placed after the validation cache: its refusal replaces the validation's answer, so an
    over-limit document is refused whatever else is wrong with it."""

    def __init__(
        self, limits: LimitSettings, model: CostModel, introspection: str, cache: MeasureCache | None = None
    ) -> None:
        self.limits = limits
        self.model = model
        self.introspection = introspection
        self.cache = cache or MeasureCache()

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            errors = self.check(document, context.variables, context.context)
            if errors:
                context.pre_execution_errors = errors
        yield

    def check(self, document: DocumentNode, variables: Any, request: Any) -> list[GraphQLError]:
        limits = self.limits
        schema = self.execution_context.schema._schema
        introspects, measures = self.cache.measured(schema, document, variables, self.model)
        refusal = introspection_refusal(self.introspection, request, introspects)
        if refusal is not None:
            return [refusal]
        errors = []
        if measures.depth > limits.max_depth:
            errors.append(
                limit_error(
                    "QUERY_TOO_DEEP",
                    f"The query is nested {measures.depth} levels deep; the limit is {limits.max_depth}. "
                    "Use 'nodes' instead of 'edges { node }', or split the query.",
                    limit=limits.max_depth,
                    found=measures.depth,
                )
            )
        if measures.introspection_problem is not None:
            errors.append(limit_error("QUERY_TOO_DEEP", f"The query is refused: {measures.introspection_problem}."))
        if measures.aliases > limits.max_aliases:
            errors.append(
                limit_error(
                    "TOO_MANY_ALIASES",
                    f"The query uses {measures.aliases} aliases; the limit is {limits.max_aliases}.",
                    limit=limits.max_aliases,
                    found=measures.aliases,
                )
            )
        if measures.directives > limits.max_directives:
            errors.append(
                limit_error(
                    "TOO_MANY_DIRECTIVES",
                    f"The query uses {measures.directives} directives; the limit is {limits.max_directives}.",
                    limit=limits.max_directives,
                    found=measures.directives,
                )
            )
        if measures.cost > limits.max_cost:
            errors.append(
                limit_error(
                    "QUERY_TOO_COSTLY",
                    f"The query would cost {measures.cost}; the limit is {limits.max_cost}. "
                    "Ask for smaller pages ('first'), fewer nested lists or fewer aliases.",
                    limit=limits.max_cost,
                    cost=measures.cost,
                )
            )
        return errors


def uses_introspection(document: DocumentNode) -> bool:
    finder = _IntrospectionFinder()
    visit(document, finder)
    return finder.found


class _IntrospectionFinder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def enter_field(self, node: FieldNode, *_: Any) -> Any:
        if node.name.value in ("__schema", "__type"):
            self.found = True
            return self.BREAK
        return None


def cost_model(app: Fengqiao, schema: Any) -> CostModel:
    """The core's and the plugins' declared costs, checked against the schema."""
    declared: list[tuple[str, Sequence[FieldCost]]] = [("core", CORE_FIELD_COSTS)]
    declared += [(plugin.name, costs or ()) for plugin, costs in app.plugins.call_each("fengqiao_field_costs")]
    type_map = schema._schema.type_map
    rules: dict[tuple[str, str], CostRule] = {}
    for owner, costs in declared:
        for item in costs:
            graphql_type = type_map.get(item.type_name)
            if not isinstance(graphql_type, GraphQLObjectType) or item.field not in graphql_type.fields:
                if owner == "core":  # the core's own fields come and go with the scoring module
                    continue
                raise ConfigError(
                    f"plugin '{owner}' declares a cost for {item.type_name}.{item.field}, which is not in the schema"
                )
            rules[(item.type_name, item.field)] = CostRule(cost=item.cost, list_size=item.list_size)
    limits = app.settings.limits
    return CostModel(default_page_size=limits.default_page_size, rules=rules)
