"""Which columns of its rows a selection reads, so that a list fetches only those.

A front-end list shows a handful of a row's columns: the dispute list reads 7 of a dispute's 44,
a party's name of a person's 9 (not the encrypted ID number and phone), a mediator's display
name of a user's 12 (not the password hash). Fetching whole rows costs the database, the driver
and the row building for every column, shown or not.

Per object type of a schema (worked out once, kept on the schema), each field's reads:

- a data field of a ``row_mapping`` type: the column (or ``relation.column`` path) its value
  comes from (``RowMapping.reads``); ``None`` for a callable, which may read anything;
- a resolver field declaring ``READS`` in its metadata (``related_field``: its foreign key;
  ``children_field``: the primary key); any other resolver, a field with extensions, or a masked
  field whose full view depends on the row (``full_view_if``): ``None``.

``selection_reads`` unions them over a selection (aliases merged, fragments walked, ``@skip``/
``@include`` ignored — a superset is always safe); ``None`` anywhere means the whole row.
``only_columns`` turns reads into the ``only()`` of a statement, adding what the machinery
itself reads: the primary key and station of every row (loaders, tenancy checks), and the
caller's own columns (order, parent key).

A narrowed row is partial (``core.model_rows``): reading a column it lacks raises, and it
cannot be saved. Narrowed rows live only in loaders whose key names their columns
(``core.graphql.loaders``), so no caller asking for whole rows ever gets one.
"""

import inspect
from collections.abc import Iterable, Sequence
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    get_named_type,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter
from tortoise.models import Model

# The metadata key of a resolver field's reads: ``only()`` expressions of its row; ``"pk"``
# stands for the primary key.
READS = "fengqiao.reads"

Reads = frozenset[str] | None
FieldReads = dict[str, Reads]

_TABLE = "_fengqiao_column_reads"


def field_reads(schema: GraphQLSchema, graphql_type: GraphQLObjectType) -> FieldReads | None:
    """GraphQL field name → the columns it reads (``None``: any), for one object type; None for
    a type not built by ``row_mapping`` (a hand-written ``from_row`` may read every column)."""
    tables: dict[str, FieldReads | None] | None = getattr(schema, _TABLE, None)
    if tables is None:
        tables = {}
        setattr(schema, _TABLE, tables)
    if graphql_type.name not in tables:
        tables[graphql_type.name] = _field_reads(graphql_type)
    return tables[graphql_type.name]


def _field_reads(graphql_type: GraphQLObjectType) -> FieldReads | None:
    from core.graphql.rows import RowMapping

    definition = (graphql_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    origin = getattr(definition, "origin", None)
    mapping = inspect.getattr_static(origin, "from_row", None) if origin is not None else None
    if origin is None or not isinstance(mapping, RowMapping):
        return None
    data = mapping.reads(origin)
    pk = mapping.model._meta.pk_attr
    table: FieldReads = {}
    for name, field in graphql_type.fields.items():
        strawberry_field = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if strawberry_field is None or strawberry_field.extensions or getattr(field.resolve, "reads_source", False):
            table[name] = None
        elif strawberry_field.base_resolver is None:
            table[name] = data.get(strawberry_field.python_name)
        else:
            declared = (strawberry_field.metadata or {}).get(READS)
            table[name] = None if declared is None else frozenset(pk if read == "pk" else read for read in declared)
    return table


def sub_fields(field_nodes: Iterable[FieldNode], fragments: dict[str, Any]) -> dict[str, list[FieldNode]]:
    """The fields selected under ``field_nodes``, by field name (aliases merged, fragments walked)."""
    found: dict[str, list[FieldNode]] = {}

    def walk(selections: Sequence[Any], seen: frozenset[str]) -> None:
        for selection in selections:
            if isinstance(selection, FieldNode):
                found.setdefault(selection.name.value, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set.selections, seen)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                fragment = fragments.get(selection.name.value)
                # Definitions (a resolver's info) or the executor's details wrapping them.
                fragment = getattr(fragment, "definition", fragment)
                if fragment is not None:
                    walk(fragment.selection_set.selections, seen | {selection.name.value})

    for node in field_nodes:
        if node.selection_set is not None:
            walk(node.selection_set.selections, frozenset())
    return found


def selection_reads(
    schema: GraphQLSchema, graphql_type: Any, field_nodes: Iterable[FieldNode], fragments: dict[str, Any]
) -> Reads:
    """The columns a selection on ``graphql_type`` reads of its row; None when it may read any."""
    named = get_named_type(graphql_type)
    if not isinstance(named, GraphQLObjectType):
        return None
    table = field_reads(schema, named)
    if table is None:
        return None
    reads: set[str] = set()
    for name in sub_fields(field_nodes, fragments):
        if name == "__typename":
            continue
        found = table.get(name)
        if found is None:
            return None
        reads |= found
    return frozenset(reads)


def only_columns(model: type[Model], reads: Reads, also: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The ``only()`` of a statement reading ``reads`` of ``model`` (plus ``also``, columns the
    caller reads itself), or None for whole rows. Every row fetched, joined ones included,
    keeps its primary key and station."""
    if reads is None:
        return None
    pk = model._meta.pk_attr
    columns = {*reads, *(pk if column == "pk" else column for column in also), *_keys(model, "")}
    for read in list(columns):
        path, _, _ = read.rpartition("__")
        if path:
            related: Any = model
            for part in path.split("__"):
                related = related._meta.fields_map[part].related_model
            columns.update(_keys(related, path + "__"))
    return tuple(sorted(columns))


def _keys(model: type[Model], prefix: str) -> list[str]:
    meta = model._meta
    return [prefix + meta.pk_attr] + ([prefix + "station_id"] if "station_id" in meta.fields_db_projection else [])


def holds(columns: tuple[str, ...] | None, reads: Reads) -> bool:
    """Whether rows fetched with ``columns`` (None: whole rows) serve a selection reading ``reads``."""
    return columns is None or (reads is not None and reads.issubset(columns))
