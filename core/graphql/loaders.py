"""Per-request row loaders shared by every plugin: rows by a key column, children by their
parent's foreign key, and to-one fields that a connection can join into its page query.

Every batch goes through ``scoped`` with the request's actor, so a nested row obeys the same
tenancy, minor-hiding and read rules as its own list. A loader returns rows (never GraphQL
objects): it is shared by every parent of the request, and each caller converts its own rows.

A list may load narrowed rows (only the columns its selection reads, ``core.graphql.
column_reads``): they go into a loader of their own, whose key ends with those columns. Every
other caller's key ends with ``None`` (whole rows), and a quick answer takes rows only from a
loader holding the columns its own selection reads.
"""

import functools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.models import Model

from core.graphql.column_reads import READS, Reads, holds, selection_reads
from core.graphql.field_plans import MISSING as _MISSING
from core.graphql.field_plans import QUICK
from core.graphql.relay import NODE_TYPES
from core.keyed_rows import fetch_by_keys
from core.tenancy import scoped

# The metadata key naming the relation a to-one field reads (``related_field``).
JOIN = "fengqiao.join"
# The metadata key of a list field's children loader (``children_field``).
CHILDREN = "fengqiao.children"


def rows_by(info: Info, model: type[Model], column: str = "id", *, related: Sequence[str] = ()) -> DataLoader:
    """The request's loader of ``model`` rows by ``column`` (a unique column): key → row or None."""
    return _rows_by(info.context, model, column, tuple(related))


def _rows_by(
    context: Any, model: type[Model], column: str, related: tuple[str, ...], columns: tuple[str, ...] | None = None
) -> DataLoader:
    async def batch(keys: list[Any]) -> list[Any]:
        queryset = scoped(context.actor, model)
        if columns is not None:
            queryset = queryset.only(*columns)
        elif related:
            queryset = queryset.select_related(*related)
        found = {getattr(row, column): row for row in await fetch_by_keys(queryset, column, keys)}
        return [found.get(key) for key in keys]

    return context.loader(batch, key=(*_rows_key(model, column, related), columns))


async def load_row(info: Info, model: type[Model], key: Any, *, column: str = "id", related: Sequence[str] = ()) -> Any:
    """The ``model`` row whose ``column`` is ``key`` within the actor's reach; None for a None key."""
    if key is None:
        return None
    return await rows_by(info, model, column, related=related).load(key)


def children_of(
    info: Info,
    model: type[Model],
    parent: str,
    *,
    order: Sequence[str] = ("id",),
    related: Sequence[str] = (),
    where: dict[str, Any] | None = None,
) -> DataLoader:
    """The request's loader of ``model`` rows by their ``parent`` column (e.g. ``dispute_id``):
    parent key → its rows in ``order``. ``related`` to-one rows are joined into the same statement."""
    return _children_of(info.context, model, parent, tuple(order), tuple(related), where)


def _children_of(
    context: Any,
    model: type[Model],
    parent: str,
    order: tuple[str, ...],
    related: tuple[str, ...],
    where: Any,
    columns: tuple[str, ...] | None = None,
) -> DataLoader:
    async def batch(keys: list[Any]) -> list[list[Any]]:
        queryset = scoped(context.actor, model)
        if where:
            queryset = queryset.filter(**where)
        if columns is not None:
            queryset = queryset.only(*columns)
        elif related:
            queryset = queryset.select_related(*related)
        groups: dict[Any, list[Any]] = defaultdict(list)
        for row in await fetch_by_keys(queryset.order_by(*order), parent, keys):
            groups[getattr(row, parent)].append(row)
        return [groups.get(key, []) for key in keys]

    return context.loader(batch, key=(*_children_key(model, parent, order, related, where), columns))


async def load_children(
    info: Info,
    model: type[Model],
    parent: str,
    key: Any,
    *,
    order: Sequence[str] = ("id",),
    related: Sequence[str] = (),
    where: dict[str, Any] | None = None,
) -> list[Any]:
    """The ``model`` rows whose ``parent`` column is ``key``, batched over the request."""
    return await children_of(info, model, parent, order=order, related=related, where=where).load(key)


async def count_children(
    info: Info, model: type[Model], parent: str, key: Any, *, where: dict[str, Any] | None = None
) -> int:
    """How many ``model`` rows within the actor's reach have ``parent`` = ``key`` (and match
    ``where``), one grouped statement per request."""
    from tortoise.functions import Count

    async def batch(keys: list[Any]) -> list[int]:
        rows = (
            await scoped(info.context.actor, model)
            .filter(**{f"{parent}__in": keys}, **(where or {}))
            .annotate(count=Count("id"))
            .group_by(parent)
            .values(parent, "count")
        )
        counts = {row[parent]: row["count"] for row in rows}
        return [counts.get(key, 0) for key in keys]

    where_key = tuple(sorted((where or {}).items()))
    return await info.context.loader(batch, key=("core.counts", model, parent, where_key)).load(key)


# --- to-one fields a page can join ---------------------------------------------------------------


@functools.cache
def model_of(node: type) -> type[Model]:
    """The model a node type is registered with (``node_type``); looked up once per type, as
    every ``related_field`` resolution asks for it."""
    for registration in NODE_TYPES.values():
        if registration.node_type is node:
            return registration.model
    raise TypeError(f"{node.__name__} is not a registered node type")


def related_field(relation: str, node: type, *, description: str) -> Any:
    """A nullable field showing the ``node`` that the row's ``relation`` foreign key points to
    (``area`` reads ``_row.area_id``), loaded through ``rows_by`` — so within the actor's reach.

    A connection whose page selects this field joins the relation into its page query and
    primes the loader with the joined rows (``prime_joined``): no statement of its own. A
    related model with rules beyond the station (a read rule, hidden minors) is never joined:
    its loader's own scoped query applies them."""

    column = f"{relation}_id"

    def quick(context: Any, reads: Reads) -> Any:  # field_plans.QUICK: the answer where the row is at hand
        loaders = _holding(context, _rows_key(model_of(node), "id", ()), reads)

        def answer(root: Any) -> Any:
            key = getattr(root._row, column)
            if key is None:
                return None
            row = _at_hand(loaders, key)
            return row if row is _MISSING else _node_or_none(node, row)

        return answer

    def resolve(root: Any, info: Info) -> Any:
        answered = quick(info.context, _reads(info))(root)
        if answered is not _MISSING:
            return answered
        return _load_node(rows_by(info, model_of(node)), getattr(root._row, column), node)

    resolve.__annotations__["return"] = node | None
    metadata = {JOIN: relation, QUICK: quick, READS: (column,)}
    return strawberry.field(resolver=resolve, description=description, metadata=metadata)


def children_field(
    model: type[Model],
    parent: str,
    node: type,
    *,
    order: Sequence[str] = ("id",),
    related: Sequence[str] = (),
    description: str,
) -> Any:
    """A list field of the ``node``s whose ``model`` rows point at the row by ``parent``
    (``parties``: ``DisputeParty`` rows by ``dispute_id``), in ``order``, through the same
    loader as ``children_of`` — so within the actor's reach.

    A connection whose page selects this field loads the children of the whole page before it
    answers (``prefetch_children``, one statement): each row then answers at once."""
    order, related = tuple(order), tuple(related)

    def quick(context: Any, reads: Reads) -> Any:  # field_plans.QUICK: the answer where the rows are at hand
        loaders = _holding(context, _children_key(model, parent, order, related, None), reads)
        from_row = node.from_row  # type: ignore[attr-defined]

        def answer(root: Any) -> Any:
            rows = _at_hand(loaders, root._row.pk)
            return rows if rows is _MISSING else [from_row(row) for row in rows]

        return answer

    def resolve(root: Any, info: Info) -> Any:
        answered = quick(info.context, _reads(info))(root)
        if answered is not _MISSING:
            return answered
        return _load_nodes(children_of(info, model, parent, order=order, related=related), root._row.pk, node)

    resolve.__annotations__["return"] = list[node]  # type: ignore[valid-type]
    metadata = {CHILDREN: (model, parent, order, related), QUICK: quick, READS: ("pk",)}
    return strawberry.field(resolver=resolve, description=description, metadata=metadata)


@functools.cache
def prefetchable(node: type) -> dict[str, tuple[type[Model], str, tuple[str, ...], tuple[str, ...]]]:
    """GraphQL field name → (model, parent column, order, related) of the node's ``children_field``s."""
    definition = getattr(node, "__strawberry_definition__", None)
    return {
        _graphql_name(field): field.metadata[CHILDREN]
        for field in (definition.fields if definition else ())
        if CHILDREN in (field.metadata or {})
    }


async def prefetch_children(info: Info, rows: Sequence[Any], fields: dict[str, Any]) -> None:
    """Load the children of a page's ``rows`` for each of ``fields``: ``prefetchable``'s
    (model, parent, order, related) and the columns to fetch (None: whole rows)."""
    keys = [row.pk for row in rows]
    for model, parent, order, related, columns in fields.values():
        loader = _children_of(info.context, model, parent, order, related, None, columns)
        # The loader's batch called directly and its answers primed: one statement as with
        # ``load_many``, without a future and a task for every row of the page.
        missing = [key for key in keys if loader.cache_map.get(key) is None]
        if missing:
            loader.prime_many(dict(zip(missing, await loader.load_fn(missing), strict=True)))


# The keys of the request's loaders, less the columns they fetch (None: whole rows), which
# come last. A key names everything the rows depend on: callers differing in order, joined
# rows or filter never share a loader.


def _rows_key(model: type[Model], column: str, related: tuple[str, ...]) -> tuple[Any, ...]:
    return ("core.rows", model, column, related)


def _children_key(
    model: type[Model], parent: str, order: tuple[str, ...], related: tuple[str, ...], where: Any
) -> tuple[Any, ...]:
    return ("core.children", model, parent, order, related, tuple(sorted((where or {}).items())))


def _holding(context: Any, base: tuple[Any, ...], reads: Reads) -> list[DataLoader]:
    """The request's loaders of ``base`` (a loader key without its columns) whose rows serve a
    selection reading ``reads``: whole rows, or narrowed rows with those columns."""
    return [
        loader
        for key, loader in context.loaders.items()
        if type(key) is tuple and len(key) == len(base) + 1 and key[:-1] == base and holds(key[-1], reads)
    ]


def _reads(info: Info) -> Reads:
    """The columns the selection of the field being resolved reads of its rows, once per
    request and selection (a list's resolvers ask it for every row)."""
    raw = info._raw_info
    key = (raw.return_type, *map(id, raw.field_nodes))
    memo = info.context.selection_reads
    found = memo.get(key)
    if found is None:
        # The nodes are kept with their answer, so that their ids are not reused meanwhile.
        found = memo[key] = (
            raw.field_nodes,
            selection_reads(raw.schema, raw.return_type, raw.field_nodes, raw.fragments),
        )
    return found[1]


def _at_hand(loaders: Sequence[DataLoader], key: Any) -> Any:
    """What one of ``loaders`` already holds for ``key``, or ``_MISSING``. A value at hand is
    answered without a coroutine: a page's rows then cost the event loop no task each."""
    for loader in loaders:
        loaded = loader.cache_map.get(key)
        if loaded is not None and loaded.done() and not loaded.cancelled() and loaded.exception() is None:
            return loaded.result()
    return _MISSING


async def _load_nodes(loader: DataLoader, key: Any, node: type) -> list[Any]:
    return [node.from_row(row) for row in await loader.load(key)]  # type: ignore[attr-defined]


def _node_or_none(node: type, row: Any) -> Any:
    return node.from_row(row) if row is not None else None  # type: ignore[attr-defined]


async def _load_node(loader: DataLoader, key: Any, node: type) -> Any:
    return _node_or_none(node, await loader.load(key))


@functools.cache
def joinable(node: type) -> dict[str, tuple[str, type[Model]]]:
    """GraphQL field name → (relation, related model) of the node's ``related_field``s."""
    definition = getattr(node, "__strawberry_definition__", None)
    found: dict[str, tuple[str, type[Model]]] = {}
    for field in definition.fields if definition else ():
        relation = (field.metadata or {}).get(JOIN)
        if relation is None:
            continue
        model = model_of(field.type.of_type)  # type: ignore[union-attr]
        if not (getattr(model, "read_rule", None) or getattr(model, "minor_birth_date_field", None)):
            found[_graphql_name(field)] = (relation, model)
    return found


def _graphql_name(field: Any) -> str:
    if field.graphql_name:
        return field.graphql_name
    head, *rest = field.python_name.split("_")
    return head + "".join(part.title() for part in rest)


def prime_joined(info: Info, rows: Sequence[Any], joins: dict[str, tuple[str, type[Model], Any]]) -> None:
    """Hand the related rows a page query joined to their loaders: (relation, model, the
    columns fetched or None). A related row is primed only when it belongs to its parent's
    station: what ``scoped`` would answer for the actor, who reaches the parent."""
    for relation, model, columns in joins.values():
        loader = _rows_by(info.context, model, "id", (), columns)
        for row in rows:
            related = getattr(row, f"_{relation}", None)
            if related is not None and getattr(related, "station_id", None) == getattr(row, "station_id", None):
                loader.prime(related.pk, related)
