"""Static measures of a parsed document: depth, aliases, directives and cost.

Computed before execution, from the document, the schema and the request's variables only.
Fragments are expanded where they are used (a fragment spread ten times costs ten times) but
measured once per (fragment, parent type, page size), so a "fragment bomb" cannot make the
measuring itself slow. A fragment that spreads itself (invalid anyway) counts once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    Visitor,
    get_named_type,
    is_composite_type,
    visit,
)

# Introspection list fields that, nested inside themselves, only serve to multiply the answer
# (``__type { fields { type { fields { type { fields … } } } } }``).
INTROSPECTION_LISTS = frozenset({"types", "fields", "inputFields", "args", "enumValues", "interfaces", "possibleTypes"})
# The standard introspection query (GraphiQL's) nests 12 levels below ``__schema``.
MAX_INTROSPECTION_DEPTH = 15
PAGE_ARGUMENTS = ("first", "last")


@dataclasses.dataclass(frozen=True)
class CostRule:
    """What one field costs: ``cost`` for itself, and for a list without ``first``/``last``
    the number of items assumed (``list_size``)."""

    cost: int = 1
    list_size: int | None = None


@dataclasses.dataclass(frozen=True)
class CostModel:
    """Costs of a schema. Object fields cost 1, scalar and enum fields 0; a list multiplies the
    cost of each item by its page size (``first``/``last`` of the connection, else
    ``default_page_size``) or, for a plain list, by ``list_size``."""

    default_page_size: int = 50
    list_size: int = 10
    # ``{("Query", "incidentStats"): CostRule(cost=20)}`` — declared by plugins.
    rules: Mapping[tuple[str, str], CostRule] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class Measures:
    depth: int = 0
    aliases: int = 0
    directives: int = 0
    cost: int = 0
    # Set when an introspection path repeats a list field or nests too deep.
    introspection_problem: str | None = None


def count_aliases_and_directives(document: DocumentNode) -> tuple[int, int]:
    counter = _Counter()
    visit(document, counter)
    return counter.aliases, counter.directives


class _Counter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.aliases = 0
        self.directives = 0

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.alias is not None:
            self.aliases += 1

    def enter_directive(self, *_: Any) -> None:
        self.directives += 1


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    model: CostModel,
) -> Measures:
    """Depth (strawberry's convention: ``{ me { username } }`` is 1), aliases, directives and
    the cost of the costliest operation of ``document``."""
    measures = Measures()
    measures.aliases, measures.directives = count_aliases_and_directives(document)
    walker = _Walker(schema, document, variables or {}, model)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = _root_type(schema, definition.operation)
            depth, cost = walker.selection_set(definition.selection_set, root, None, ())
            measures.depth = max(measures.depth, depth - 1)
            measures.cost = max(measures.cost, cost)
    measures.introspection_problem = walker.introspection_problem
    return measures


def _root_type(schema: GraphQLSchema, operation: OperationType) -> GraphQLObjectType | None:
    return {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[operation]


class _Walker:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any], model: CostModel
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.model = model
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[tuple[str, int | None, tuple[str, ...]], tuple[int, int]] = {}
        self.expanding: set[str] = set()
        self.introspection_problem: str | None = None

    def selection_set(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        page: int | None,
        introspection_path: tuple[str, ...],
    ) -> tuple[int, int]:
        """(depth, cost) of a selection set: depth counts this level."""
        if selection_set is None:
            return 0, 0
        depth, cost = 0, 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                field_depth, field_cost = self.field(selection, parent, page, introspection_path)
            elif isinstance(selection, InlineFragmentNode):
                condition = self._type(selection.type_condition.name.value) if selection.type_condition else parent
                field_depth, field_cost = self.selection_set(
                    selection.selection_set, condition, page, introspection_path
                )
                field_depth -= 1  # a fragment is not a level
            elif isinstance(selection, FragmentSpreadNode):
                field_depth, field_cost = self.spread(selection, page, introspection_path)
            else:  # pragma: no cover — the grammar has no other selection
                continue
            depth = max(depth, field_depth + 1)
            cost += field_cost
        return depth, cost

    def spread(self, node: FragmentSpreadNode, page: int | None, path: tuple[str, ...]) -> tuple[int, int]:
        name = node.name.value
        fragment = self.fragments.get(name)
        if fragment is None or name in self.expanding:
            return 0, 0
        key = (name, page, path)
        if key not in self.memo:
            self.expanding.add(name)
            try:
                condition = self._type(fragment.type_condition.name.value)
                depth, cost = self.selection_set(fragment.selection_set, condition, page, path)
            finally:
                self.expanding.discard(name)
            self.memo[key] = (depth - 1, cost)
        return self.memo[key]

    def field(
        self, node: FieldNode, parent: GraphQLNamedType | None, page: int | None, path: tuple[str, ...]
    ) -> tuple[int, int]:
        name = node.name.value
        if name == "__typename":
            return 0, 0
        definition = self._field(parent, name)
        if name.startswith("__") or path:
            return self.introspection(node, definition, path)
        rule = self.model.rules.get((parent.name, name)) if parent is not None else None
        return_type = definition.type if definition is not None else None
        named = get_named_type(return_type) if return_type is not None else None
        own = rule.cost if rule is not None else (1 if named is None or is_composite_type(named) else 0)
        own_page = self._page_size(node, definition)
        items, child_page = 1, own_page
        if return_type is not None and _is_list(return_type):
            # A list takes its size from its own first/last, else from the connection above it.
            declared = rule.list_size if rule is not None else None
            items = next(size for size in (own_page, page, declared, self.model.list_size) if size is not None)
            child_page = None
        depth, children = self.selection_set(node.selection_set, named, child_page, ())
        return depth, items * (own + children)

    def introspection(self, node: FieldNode, definition: GraphQLField | None, path: tuple[str, ...]) -> tuple[int, int]:
        """Introspection costs nothing but may not nest a list field inside itself, nor nest
        deeper than the standard introspection query needs."""
        name = node.name.value
        if name in INTROSPECTION_LISTS and name in path and self.introspection_problem is None:
            self.introspection_problem = f"introspection may not nest '{name}' inside '{name}'"
        if len(path) >= MAX_INTROSPECTION_DEPTH and self.introspection_problem is None:
            self.introspection_problem = f"introspection may not nest deeper than {MAX_INTROSPECTION_DEPTH} levels"
        if self.introspection_problem is not None:
            return 0, 0
        named = get_named_type(definition.type) if definition is not None else None
        self.selection_set(node.selection_set, named, None, (*path, name))
        return 0, 0  # the depth limit is for the data graph

    def _page_size(self, node: FieldNode, definition: GraphQLField | None) -> int | None:
        if definition is None or not any(argument in definition.args for argument in PAGE_ARGUMENTS):
            return None
        sizes = [self._argument_int(node, argument) for argument in PAGE_ARGUMENTS]
        given = [size for size in sizes if size is not None]
        if given:
            return max(given)
        defaults = [definition.args[a].default_value for a in PAGE_ARGUMENTS if a in definition.args]
        declared = [value for value in defaults if isinstance(value, int) and not isinstance(value, bool)]
        return max(declared) if declared else self.model.default_page_size

    def _argument_int(self, node: FieldNode, name: str) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                raw: Any = value.value
            elif isinstance(value, VariableNode):
                raw = self.variables.get(value.name.value)
            else:
                return None
            try:
                return max(int(raw), 0)
            except (TypeError, ValueError, OverflowError):
                return None
        return None

    def _type(self, name: str) -> GraphQLNamedType | None:
        return self.schema.get_type(name)

    @staticmethod
    def _field(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return parent.fields.get(name)
        return None


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)
