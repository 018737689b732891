"""GraphQL execution with a short path for plain leaf fields.

Most fields of a list answer are plain values read from an object — a dispute's ``status``, a
party's ``role``, a mediator's ``active`` — and graphql-core treats each like any field: it
builds a resolve-info object, looks up arguments, calls the resolver, then walks the return
type (non-null, list, leaf) to coerce the value. For a page of 50 rows that is several hundred
fields and most of the execution time.

``ExecutionContext`` answers such a field directly: a field of an object type whose resolver is
Strawberry's default (no resolver of its own, no extension) and whose type is a scalar or an
enum is read with the field's default resolver and coerced by its type, the same two steps
graphql-core would take. A personal field (``apply_masking``) is masked on the way by the same
function its masking resolver uses (``finish_leaf``), which also records a full view. Anything
else — a missing value of a non-null field, a value the type refuses, a resolver error — goes
the usual way, which reports it exactly as before. Field middleware, when a deployment has
any, turns the short path off.
"""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, Undefined, is_leaf_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

# field name → (read the value from its object, mask it or None, coerce it, whether null is allowed)
Finish = Callable[[Any, Any, Any], Any]
LeafPlan = dict[str, tuple[Callable[[Any], Any], Finish | None, Callable[[Any], Any], bool]]
# Kept on the schema itself, so they go with it: a process that builds many schemas (tests
# do) keeps none alive. (Not a weak mapping: the plans refer back to the schema's types.)
_PLANS = "_fengqiao_leaf_plans"


_MISSING = object()


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self.leaf_plans = leaf_plans(self.schema) if manager is None or not manager.middlewares else {}

    def execute_field(self, parent_type, source, field_details_list, path, position_context):  # type: ignore[no-untyped-def]
        plan = self.leaf_plans.get(parent_type)
        if plan is not None:
            leaf = plan.get(field_details_list[0].node.name.value)
            if leaf is not None:
                value = _answer(leaf, source, self.context_value)
                if value is not _MISSING:
                    return value
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def complete_value(self, return_type, field_details_list, info, path, result, position_context):  # type: ignore[no-untyped-def]
        # A list of plain objects whose selected fields are all plain leaves (a dispute's
        # parties with their names, its mediators with name, seat and state): answered in one
        # loop, without completing each item and each field through the whole type walk.
        if isinstance(result, list):
            answered = self._leaf_objects(return_type, field_details_list, result)
            if answered is not _MISSING:
                return answered
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)

    def _leaf_objects(self, return_type: Any, field_details_list: Any, items: list[Any]) -> Any:
        list_type = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        if not isinstance(list_type, GraphQLList):
            return _MISSING
        item_type, items_nullable = list_type.of_type, True
        if isinstance(item_type, GraphQLNonNull):
            item_type, items_nullable = item_type.of_type, False
        plan = self.leaf_plans.get(item_type)
        if plan is None or item_type.is_type_of is not None:  # a node's type is checked per item
            return _MISSING
        grouped, deferred, _ = self.collect_subfields(item_type, field_details_list)
        if deferred:
            return _MISSING
        columns = []
        for response_name, details in grouped.items():
            leaf = plan.get(details[0].node.name.value)
            if leaf is None:
                return _MISSING
            columns.append((response_name, leaf))
        context = self.context_value
        answered: list[dict[str, Any] | None] = []
        for item in items:
            if item is None:
                if not items_nullable:
                    return _MISSING
                answered.append(None)
                continue
            values = {}
            for response_name, leaf in columns:
                value = _answer(leaf, item, context)
                if value is _MISSING:
                    return _MISSING
                values[response_name] = value
            answered.append(values)
        return answered


def _answer(leaf: Any, source: Any, context: Any) -> Any:
    """The field's answer, or ``_MISSING`` where the usual path must answer (and report)."""
    read, finish, coerce, nullable = leaf
    try:
        value = read(source)
        if finish is not None:
            value = finish(value, source, context)
        if value is None:
            return None if nullable else _MISSING
        if isinstance(value, Exception):
            return _MISSING
        coerced = coerce(value)
    except Exception:  # noqa: BLE001 — the usual path reports it
        return _MISSING
    return _MISSING if coerced is None or coerced is Undefined else coerced


def leaf_plans(schema: GraphQLSchema) -> dict[GraphQLObjectType, LeafPlan]:
    """The plain leaf fields of every object type of ``schema``, worked out at its first use
    (after ``apply_masking`` has replaced the resolvers of personal fields)."""
    cached: dict[GraphQLObjectType, LeafPlan] | None = getattr(schema, _PLANS, None)
    if cached is not None:
        return cached
    plans: dict[GraphQLObjectType, LeafPlan] = {}
    for graphql_type in schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        fields: LeafPlan = {}
        for name, field in graphql_type.fields.items():
            definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            finish = getattr(field.resolve, "finish_leaf", None)
            if definition is None or not (finish or getattr(field.resolve, "_is_default", False)):
                continue
            nullable = not isinstance(field.type, GraphQLNonNull)
            named = field.type if nullable else field.type.of_type
            if not is_leaf_type(named):
                continue
            fields[name] = (_reader(definition), finish, named.coerce_output_value, nullable)
        if fields:
            plans[graphql_type] = fields
    setattr(schema, _PLANS, plans)
    return plans


def _reader(definition: Any) -> Callable[[Any], Any]:
    resolve, python_name = definition.default_resolver, definition.python_name
    return lambda source: resolve(source, python_name)
