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

from graphql import GraphQLNonNull, GraphQLObjectType, GraphQLSchema, Undefined, is_leaf_type
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

# field name → (read the value from its object, mask it or None, coerce it, whether null is allowed)
Finish = Callable[[Any, Any, Any], Any]
LeafPlan = dict[str, tuple[Callable[[Any], Any], Finish | None, Callable[[Any], Any], bool]]
_plans: dict[int, tuple[GraphQLSchema, dict[GraphQLObjectType, LeafPlan]]] = {}


class ExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def execute_field(self, parent_type, source, field_details_list, path, position_context):  # type: ignore[no-untyped-def]
        if self.middleware_manager is None or not self.middleware_manager.middlewares:
            leaf = leaf_plans(self.schema).get(parent_type)
            if leaf is not None:
                plan = leaf.get(field_details_list[0].node.name.value)
                if plan is not None:
                    read, finish, coerce, nullable = plan
                    try:
                        value = read(source)
                        if finish is not None:
                            value = finish(value, source, self.context_value)
                        if value is None:
                            if nullable:
                                return None
                        elif not isinstance(value, Exception):
                            coerced = coerce(value)
                            if coerced is not None and coerced is not Undefined:
                                return coerced
                    except Exception:  # noqa: BLE001 — the usual path below reports it
                        pass
        return super().execute_field(parent_type, source, field_details_list, path, position_context)


def leaf_plans(schema: GraphQLSchema) -> dict[GraphQLObjectType, LeafPlan]:
    """The plain leaf fields of every object type of ``schema``, worked out at its first use
    (after ``apply_masking`` has replaced the resolvers of personal fields)."""
    cached = _plans.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
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
    _plans[id(schema)] = (schema, plans)
    return plans


def _reader(definition: Any) -> Callable[[Any], Any]:
    resolve, python_name = definition.default_resolver, definition.python_name
    return lambda source: resolve(source, python_name)
