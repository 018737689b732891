"""What ``core.graphql.execution`` may answer without graphql-core's per-field machinery.

Per object type of a schema (worked out once, at its first execution, after ``apply_masking``
has wrapped the personal fields):

- ``LeafPlan``: a field without resolver or extension (Strawberry's basic field) of a scalar or
  enum type, possibly masked (``finish_leaf`` of ``core.graphql.masking``);
- ``RelationPlan``: a field whose value is an object or a list of objects, read either as a
  plain attribute (a basic field, e.g. an edge's ``node``) or through the quick answer its field
  declares under ``QUICK`` in its metadata (``related_field``, ``children_field``).

Per request, ``shape_of`` turns a selection on such fields into a ``Shape`` that answers a value
in one pass, or gives up (``MISSING``) wherever the usual path must answer and report.
"""

from __future__ import annotations

import contextlib
import enum
import operator
from collections.abc import Callable
from typing import Any, NamedTuple

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter

# The metadata key of a field's quick answer: ``bind(context, reads)`` gives ``answer(source)``,
# which returns the field's value without I/O, or ``MISSING`` when it is not at hand (the
# field's own resolver then answers). ``reads`` are the columns the field's selection reads of
# its rows (``core.graphql.column_reads``): rows lacking one of them must not answer. It must
# agree with the resolver wherever it answers.
QUICK = "fengqiao.quick"

MISSING: Any = object()

# The plans are kept on the schema itself, so they go with it: a process that builds many
# schemas (tests do) keeps none alive. (Not a weak mapping: they refer back to its types.)
_PLANS = "_fengqiao_field_plans"


class LeafPlan(NamedTuple):
    read: Callable[[Any], Any]
    finish: Callable[[Any, Any, Any], Any] | None  # masking: (value, source, context) → shown value
    coerce: Callable[[Any], Any]
    nullable: bool


class RelationPlan(NamedTuple):
    bind: Callable[[Any, Any], Callable[[Any], Any]]  # (context, reads) → (source → value or MISSING)
    return_type: Any


FieldPlans = dict[str, LeafPlan | RelationPlan]


def answer_leaf(leaf: LeafPlan, source: Any, context: Any) -> Any:
    """The field's answer, or ``MISSING`` where the usual path must answer (and report)."""
    read, finish, coerce, nullable = leaf
    try:
        value = read(source)
        if finish is not None:
            value = finish(value, source, context)
        if value is None:
            return None if nullable else MISSING
        if isinstance(value, Exception):
            return MISSING
        coerced = coerce(value)
    except Exception:  # noqa: BLE001 — the usual path reports it
        return MISSING
    return MISSING if coerced is None or coerced is Undefined else coerced


def field_plans(schema: GraphQLSchema) -> dict[GraphQLObjectType, FieldPlans]:
    """The plain fields of every object type of ``schema``."""
    cached: dict[GraphQLObjectType, FieldPlans] | None = getattr(schema, _PLANS, None)
    if cached is not None:
        return cached
    plans: dict[GraphQLObjectType, FieldPlans] = {}
    for graphql_type in schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        fields: FieldPlans = {}
        for name, field in graphql_type.fields.items():
            plan = _plan(field)
            if plan is not None:
                fields[name] = plan
        if fields:
            plans[graphql_type] = fields
    setattr(schema, _PLANS, plans)
    return plans


def _plan(field: Any) -> LeafPlan | RelationPlan | None:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or definition.extensions:
        return None
    nullable = not isinstance(field.type, GraphQLNonNull)
    named = field.type if nullable else field.type.of_type
    finish = getattr(field.resolve, "finish_leaf", None)
    basic = definition.is_basic_field and (finish is not None or getattr(field.resolve, "_is_default", False))
    if basic and is_leaf_type(named):
        return LeafPlan(_reader(definition), finish, _coercion(named), nullable)
    if basic and finish is None:
        reader = _reader(definition)
        return RelationPlan(lambda context, reads: reader, field.type)
    quick = (definition.metadata or {}).get(QUICK)
    if quick is not None and not is_leaf_type(named):
        return RelationPlan(quick, field.type)
    return None


def _reader(definition: Any) -> Callable[[Any], Any]:
    resolve, python_name = definition.default_resolver, definition.python_name
    if resolve is getattr:  # Strawberry's default, read without a call in between
        return operator.attrgetter(python_name)
    return lambda source: resolve(source, python_name)


def _coercion(leaf_type: Any) -> Callable[[Any], Any]:
    """The type's output coercion; for an enum, its members' names by a lookup (Strawberry's
    own compares the value with each member's in turn)."""
    coerce = leaf_type.coerce_output_value
    wrapped = getattr(leaf_type, "wrapped_cls", None)
    if not isinstance(leaf_type, GraphQLEnumType) or not isinstance(wrapped, enum.EnumMeta):
        return coerce
    names: dict[Any, Any] = {}
    member: Any
    for member in wrapped:
        with contextlib.suppress(Exception):  # a member the type refuses: refused when shown
            names[member] = coerce(member)

    def coerce_member(value: Any) -> Any:
        return names[value] if type(value) is wrapped else coerce(value)  # KeyError: the usual path

    return coerce_member


_LEAF, _TYPENAME, _RELATION = range(3)


class Shape:
    """How to answer a value of one return type for one selection: non-null and list wrappers,
    the object type's check, and a column per selected field."""

    __slots__ = ("nullable", "is_list", "items_nullable", "named", "is_type_of", "columns", "context")

    def __init__(self, return_type: Any, context: Any) -> None:
        self.nullable = not isinstance(return_type, GraphQLNonNull)
        named = return_type if self.nullable else return_type.of_type
        self.is_list, self.items_nullable = isinstance(named, GraphQLList), True
        if self.is_list:
            named = named.of_type
            if isinstance(named, GraphQLNonNull):
                self.items_nullable, named = False, named.of_type
        self.named = named  # the object type, when the shape can answer at all
        self.context = context
        self.columns: list[tuple[str, int, Any]] = []
        self.is_type_of: Callable[[Any, Any], Any] | None = None

    def answer(self, value: Any) -> Any:
        if value is None:
            return None if self.nullable else MISSING
        if not self.is_list:
            return self._object(value)
        if not isinstance(value, list):
            return MISSING
        answered = []
        for item in value:
            if item is None:
                if not self.items_nullable:
                    return MISSING
            else:
                item = self._object(item)
                if item is MISSING:
                    return MISSING
            answered.append(item)
        return answered

    def _object(self, item: Any) -> Any:
        context = self.context
        try:
            if self.is_type_of is not None and not self.is_type_of(item, None):
                return MISSING
            values = {}
            for response_name, kind, payload in self.columns:
                if kind == _LEAF:
                    value = answer_leaf(payload, item, context)
                elif kind == _TYPENAME:
                    value = payload
                else:
                    answer, inner = payload
                    value = answer(item)
                    if value is not MISSING:
                        value = inner.answer(value)
                if value is MISSING:
                    return MISSING
                values[response_name] = value
        except Exception:  # noqa: BLE001 — the usual path reports it
            return MISSING
        return values


def shape_of(
    plans: dict[GraphQLObjectType, FieldPlans],
    collect_subfields: Callable[[GraphQLObjectType, Any], Any],
    reads_of: Callable[[Any, Any], Any],
    context: Any,
    return_type: Any,
    field_details_list: Any,
) -> Shape | None:
    """The shape answering ``return_type`` for the selection ``field_details_list``, or None
    when some selected field (or the type itself) is not plain. ``reads_of(return_type,
    details)`` gives the columns a selection reads, for the quick answers."""
    shape = Shape(return_type, context)
    named = shape.named
    if not isinstance(named, GraphQLObjectType) or (fields := plans.get(named)) is None:
        return None
    if named.is_type_of is not None:
        # Strawberry's own check (an isinstance) ignores its info; a type's own may not.
        definition = (named.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if definition is None or definition.is_type_of is not None:
            return None
        shape.is_type_of = named.is_type_of
    grouped, deferred, *_ = collect_subfields(named, field_details_list)
    if deferred:
        return None
    for response_name, details in grouped.items():
        name = details[0].node.name.value
        plan = fields.get(name)
        if name == "__typename":
            shape.columns.append((response_name, _TYPENAME, named.name))
        elif isinstance(plan, LeafPlan):
            shape.columns.append((response_name, _LEAF, plan))
        elif isinstance(plan, RelationPlan):
            inner = shape_of(plans, collect_subfields, reads_of, context, plan.return_type, details)
            if inner is None:
                return None
            answer = plan.bind(context, reads_of(plan.return_type, details))
            shape.columns.append((response_name, _RELATION, (answer, inner)))
        else:
            return None
    return shape
