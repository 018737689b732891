"""Connection fields: the Relay paging arguments, caps, cursors and ``totalCount``, declared once.

A list is a function returning its scoped, ordered queryset for the field's own arguments
(filter, order); ``connection(NodeType)`` turns it into a connection field and adds
``first/after/last/before``. Pages are read by keyset (seek): when the order is a run of
non-null columns ending with a unique one (the primary key, the audit log's sequence), a cursor
holds the edge's order values and the next page is
``WHERE (order columns) beyond (cursor values) ORDER BY … LIMIT n`` — read from the list's
index, so page 1000 costs what page 1 costs, and rows added or removed between two requests
neither shift nor repeat the next page. Lists with any other order keep offset cursors.
Offset cursors handed out before keyset paging are still read (as offsets) on every list.
"""

from __future__ import annotations

import base64
import datetime
import functools
import inspect
import json
from collections.abc import Callable, Sequence
from typing import Any

from graphql import get_named_type
from tortoise import fields
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core.errors import BadRequest
from core.graphql.column_reads import only_columns, selection_reads, sub_fields
from core.graphql.limits.strings import FORBIDDEN_CHARACTERS
from core.graphql.loaders import joinable, prefetch_children, prefetchable, prime_joined
from core.graphql.relay import Connection, Edge, PageAfter, PageBefore, PageFirst, PageInfo, PageLast
from core.model_rows import fetch_models

# Offsets beyond this are no list's (and would overflow the database's 64-bit OFFSET).
MAX_OFFSET = 2**53
MAX_CURSOR_LENGTH = 2048

PAGE_ARGUMENTS = (("first", PageFirst), ("after", PageAfter), ("last", PageLast), ("before", PageBefore))


# --- cursors -------------------------------------------------------------------------------------


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def offset_cursor(offset: int) -> str:
    return _encode(f"offset:{offset}")


def _to_json(field: fields.Field, value: Any) -> Any:
    if isinstance(field, fields.DatetimeField | fields.DateField):
        return value.isoformat()
    return value


def _from_json(field: fields.Field, value: Any) -> Any:
    """The column value a cursor names, or ``ValueError`` when it cannot be one."""
    if isinstance(field, fields.DatetimeField):
        parsed = datetime.datetime.fromisoformat(value) if isinstance(value, str) else None
        if parsed is None or parsed.tzinfo is None:  # rows hold aware times (use_tz)
            raise ValueError
        # In UTC here: a time at the calendar's edge with an offset overflows now, not in the database.
        return parsed.astimezone(datetime.UTC)
    if isinstance(field, fields.DateField):
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return datetime.date.fromisoformat(value)
    if isinstance(field, fields.CharField | fields.TextField):
        too_long = isinstance(field, fields.CharField) and isinstance(value, str) and len(value) > field.max_length
        if not isinstance(value, str) or too_long or FORBIDDEN_CHARACTERS.search(value):
            raise ValueError
        return value
    # Within the column's own range (a 32-bit key cannot be compared with 2**31 on PostgreSQL).
    lowest, highest = field.constraints.get("ge", -(2**63)), field.constraints.get("le", 2**63 - 1)
    if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= highest:
        raise ValueError
    return value


_SEEKABLE = (
    fields.IntField,
    fields.BigIntField,
    fields.SmallIntField,
    fields.CharField,
    fields.TextField,
    fields.DatetimeField,
    fields.DateField,
)


class SeekOrder:
    """A list order that pages by keyset: non-null plain columns, the last one unique (the
    primary key, or a unique column such as the audit log's sequence)."""

    def __init__(self, columns: list[tuple[str, bool, fields.Field]]) -> None:
        self.columns = columns  # (name, descending, field)
        self.spec = ",".join(("-" if descending else "") + name for name, descending, _ in columns)

    @classmethod
    def of(cls, queryset: QuerySet[Any]) -> SeekOrder | None:
        meta = queryset.model._meta
        orderings = queryset._orderings
        if not orderings:
            return None
        last = meta.pk_attr if orderings[-1][0] == "pk" else orderings[-1][0]
        if last != meta.pk_attr and not getattr(meta.fields_map.get(last), "unique", False):
            return None
        columns: list[tuple[str, bool, fields.Field]] = []
        for name, order in orderings:
            name = meta.pk_attr if name == "pk" else name
            field = meta.fields_map.get(name)
            if field is None or field.null or getattr(field, "enum_type", None) or not isinstance(field, _SEEKABLE):
                return None
            columns.append((name, str(getattr(order, "value", order)).upper() == "DESC", field))
        return cls(columns)

    def cursor(self, row: Any) -> str:
        values = [_to_json(field, getattr(row, name)) for name, _, field in self.columns]
        return _encode("keyset:" + json.dumps([self.spec, values], separators=(",", ":"), ensure_ascii=False))

    def values(self, payload: str, argument: str) -> list[Any]:
        try:
            decoded = json.loads(payload)
        except (ValueError, RecursionError):
            raise BadRequest(f"'{argument}' is not a valid cursor.") from None
        if not isinstance(decoded, list) or len(decoded) != 2:
            raise BadRequest(f"'{argument}' is not a valid cursor.")
        spec, values = decoded
        if spec != self.spec:
            raise BadRequest(
                f"'{argument}' is a cursor of this list in another order (or of another list); "
                "page from the start without it."
            )
        if not isinstance(values, list) or len(values) != len(self.columns):
            raise BadRequest(f"'{argument}' is not a valid cursor.")
        try:
            return [_from_json(field, value) for (_, _, field), value in zip(self.columns, values, strict=True)]
        except (ValueError, TypeError, OverflowError):
            raise BadRequest(f"'{argument}' is not a valid cursor.") from None

    def beyond(self, values: list[Any], forward: bool) -> Q:
        """Rows after (``forward``) or before the position ``values`` in this order.

        ``(a, id) > (x, y)`` spelt as ``a >= x AND (a > x OR (a = x AND id > y))`` so that
        mixed directions work and the leading bound lets the database seek the index.
        """
        terms = []
        for index, (name, descending, _) in enumerate(self.columns):
            operator = "gt" if forward != descending else "lt"
            equal = {column: value for (column, _, _), value in zip(self.columns[:index], values, strict=False)}
            terms.append(Q(**equal, **{f"{name}__{operator}": values[index]}))
        name, descending, _ = self.columns[0]
        leading = Q(**{f"{name}__{'gte' if forward != descending else 'lte'}": values[0]})
        return Q(leading, Q(*terms, join_type="OR"))

    def reversed(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.order_by(*(("" if descending else "-") + name for name, descending, _ in self.columns))


def _decode(cursor: str | None, argument: str, order: SeekOrder | None) -> int | list[Any] | None:
    """An offset (old cursors and unseekable lists) or the keyset values a cursor holds."""
    if cursor is None:
        return None
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except ValueError:  # also binascii.Error and UnicodeDecodeError
        raise BadRequest(f"'{argument}' is not a valid cursor.") from None
    if kind == "keyset" and order is not None:
        return order.values(value, argument)
    if kind == "keyset":
        raise BadRequest(
            f"'{argument}' is a cursor of this list in another order (or of another list); "
            "page from the start without it."
        )
    if kind != "offset" or not (value.isascii() and value.isdigit()) or len(value) > 16 or int(value) > MAX_OFFSET:
        raise BadRequest(f"'{argument}' is not a valid cursor.")
    return int(value)


# --- pages ---------------------------------------------------------------------------------------


def page_sizes(info: Any, first: int | None, last: int | None) -> tuple[int | None, int | None]:
    limits = info.context.app.settings.limits
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise BadRequest(f"'{name}' must not be negative.")
        if value is not None and value > limits.max_page_size:
            raise BadRequest(f"'{name}' must not exceed {limits.max_page_size}; page through with 'after'.")
    if first is None and last is None:
        first = limits.default_page_size
    return first, last


async def fetch_page(queryset: QuerySet[Any], limit: int, offset: int = 0) -> list[Any]:
    """The one read of a page's rows (tests watch it to check the plan of every list)."""
    if offset:
        queryset = queryset.offset(offset)
    return await fetch_models(queryset.limit(limit))


async def _seek_page(
    queryset: QuerySet[Any], order: SeekOrder, first: int | None, after: Any, last: int | None, before: Any
) -> tuple[list[Any], bool, bool]:
    if after is not None:
        queryset = queryset.filter(order.beyond(after, forward=True))
    if before is not None:
        queryset = queryset.filter(order.beyond(before, forward=False))
    if first is not None:
        rows = await fetch_page(queryset, first + 1) if first else []
        has_next = len(rows) > first or before is not None
        rows, has_previous = rows[:first], after is not None
        if last is not None and len(rows) > last:
            rows, has_previous = rows[len(rows) - last :], True
        return rows, has_previous, has_next
    assert last is not None
    rows = await fetch_page(order.reversed(queryset), last + 1) if last else []
    return rows[:last][::-1], len(rows) > last, before is not None


async def _offset_page(
    queryset: QuerySet[Any], count: Callable[[], Any], first: int | None, after: Any, last: int | None, before: Any
) -> tuple[list[Any], int, bool, bool]:
    start = after + 1 if after is not None else 0
    end = before
    if last is not None and end is None and first is None:
        end = await count()
    if first is not None:
        stop = start + first if end is None else min(start + first, end)
    else:
        stop = end if end is not None else start
    if last is not None:
        start = max(start, stop - last)
    size = max(stop - start, 0)
    rows = await fetch_page(queryset, size + 1, start) if size else []
    return rows[:size], start, start > 0, len(rows) > size


async def paginate(
    info: Any,
    queryset: QuerySet[Any],
    convert: Callable[[Sequence[Any]], Any],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Any]:
    """One page of an ordered queryset. ``convert(rows)`` maps rows to node objects (may be
    async, so it can batch). Keyset cursors where the order allows, else offsets; ``first``/
    ``last`` capped by ``limits``; ``totalCount`` is counted only when it is selected."""
    first, last = page_sizes(info, first, last)
    order = SeekOrder.of(queryset)
    after_at, before_at = _decode(after, "after", order), _decode(before, "before", order)
    total: int | None = None

    async def count() -> int:
        nonlocal total
        if total is None:
            total = await queryset.count()
        return total

    positions = [position for position in (after_at, before_at) if position is not None]
    if order is not None and not any(isinstance(position, int) for position in positions):
        rows, has_previous, has_next = await _seek_page(queryset, order, first, after_at, last, before_at)
        cursor_at: Callable[[int], str] = lambda index: order.cursor(rows[index])  # noqa: E731
    elif all(isinstance(position, int) for position in positions):
        rows, start, has_previous, has_next = await _offset_page(queryset, count, first, after_at, last, before_at)
        cursor_at = lambda index: order.cursor(rows[index]) if order else offset_cursor(start + index)  # noqa: E731
    else:
        raise BadRequest(
            "'after' and 'before' are cursors of two kinds (one from an earlier version); page from the start."
        )
    nodes = convert(rows)
    if inspect.isawaitable(nodes):
        nodes = await nodes
    if len(nodes) != len(rows):
        raise ValueError(f"convert gave {len(nodes)} nodes for {len(rows)} rows")
    edges = [_edge(node, cursor_at, index) for index, node in enumerate(nodes)]
    page_info = PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=page_info, _count=count)


class _Cursor:
    """An edge's cursor, worked out at its first read: a page that shows only its nodes encodes
    none but the first and last (``pageInfo``)."""

    def __get__(self, edge: Any, owner: type | None = None) -> Any:
        if edge is None:
            return self
        cursor_at, index = edge.__dict__.pop(_CURSOR_AT)
        edge.__dict__["cursor"] = cursor = cursor_at(index)
        return cursor


_CURSOR_AT = "_fengqiao_cursor_at"


class _PageEdge(Edge):  # type: ignore[type-arg]  # an Edge to GraphQL, its cursor made on demand
    cursor = _Cursor()  # type: ignore[assignment]


def _edge(node: Any, cursor_at: Callable[[int], str], index: int) -> Edge[Any]:
    edge = object.__new__(_PageEdge)
    edge.__dict__.update({"node": node, _CURSOR_AT: (cursor_at, index)})
    return edge


# --- declaring a connection field ----------------------------------------------------------------


def connection(node: type, convert: Callable[[Sequence[Any]], Any] | None = None):
    """Decorate a list resolver that returns its ordered queryset; the result is a resolver of
    ``Connection[node]`` with the Relay arguments ``first/after/last/before`` after its own
    (before its keyword-only ones, so ``*, spatial: SpatialArgument = None`` stays last).

    ``convert(rows)`` builds the nodes of a page (default: ``node.from_row`` per row); it may be
    async to batch. The node's ``related_field``s that the query selects are joined into the
    page query, so they cost no statement of their own; its selected ``children_field``s are
    loaded for the whole page (one statement each) before it answers. The resolver must take
    ``info``; it may be sync or async::

        @query_field(permission="my_plugin.thing.read", description="Things, newest first.")
        @connection(Thing)
        def things(self, info: Info, filter: ThingFilter | None = None) -> QuerySet[models.Thing]:
            return scoped(info.context.actor, models.Thing).order_by("-created_at", "-id")
    """
    build = convert or (lambda rows: [node.from_row(row) for row in rows])  # type: ignore[attr-defined]

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(function)
        taken = {name for name, _ in PAGE_ARGUMENTS} & set(signature.parameters)
        if taken or "info" not in signature.parameters:
            raise TypeError(f"{function.__qualname__}: a connection takes 'info' and none of {sorted(taken)}")
        paging = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
            for name, annotation in PAGE_ARGUMENTS
        ]

        @functools.wraps(function)
        async def resolve(*args: Any, first=None, after=None, last=None, before=None, **kwargs: Any) -> Any:
            info = signature.bind(*args, **kwargs).arguments["info"]
            queryset = function(*args, **kwargs)
            if inspect.iscoroutine(queryset):  # not isawaitable: awaiting a QuerySet runs it
                queryset = await queryset
            plan = _plan(info, node, queryset, narrow=convert is None)
            if not plan.joins and not plan.children:
                queryset = plan.narrowed(queryset)
                return await paginate(info, queryset, build, first=first, after=after, last=last, before=before)

            async def build_with_related(rows: Sequence[Any]) -> Any:
                prime_joined(info, rows, plan.joins)
                await prefetch_children(info, rows, plan.children)
                nodes = build(rows)
                return await nodes if inspect.isawaitable(nodes) else nodes

            return await paginate(
                info, plan.narrowed(queryset), build_with_related, first=first, after=after, last=last, before=before
            )

        returns = Connection[node]  # type: ignore[valid-type]
        # The paging arguments follow the resolver's own, except keyword-only ones (``*, spatial``).
        own = list(signature.parameters.values())
        split = next((i for i, p in enumerate(own) if p.kind is inspect.Parameter.KEYWORD_ONLY), len(own))
        resolve.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*own[:split], *paging, *own[split:]], return_annotation=returns
        )
        resolve.__annotations__ = {
            **{k: v for k, v in function.__annotations__.items() if k != "return"},
            **dict(PAGE_ARGUMENTS),
            "return": returns,
        }
        return resolve

    return decorate


class _PagePlan:
    """What a page reads, worked out from the query: the node's related rows to join (relation,
    model, the columns fetched or None) and its children to load for the whole page (model,
    parent, order, related, columns or None); the page's own columns, or None for whole rows."""

    def __init__(self) -> None:
        self.joins: dict[str, tuple[str, Any, tuple[str, ...] | None]] = {}
        self.children: dict[str, tuple[Any, ...]] = {}
        self.columns: tuple[str, ...] | None = None

    def narrowed(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.columns is not None:
            return queryset.only(*self.columns)
        if self.joins:
            return queryset.select_related(*(relation for relation, _, _ in self.joins.values()))
        return queryset


def _plan(info: Any, node: type, queryset: QuerySet[Any], *, narrow: bool) -> _PagePlan:
    """The page's plan. Rows are narrowed to the columns the selection reads only where the
    core builds the nodes (``node.from_row``) from a plain queryset: a list's own ``convert``,
    annotations or joins may read anything."""
    raw = info._raw_info
    schema, fragments = raw.schema, raw.fragments
    node_type = get_named_type(get_named_type(raw.return_type).fields["nodes"].type)
    node_nodes = _node_field_nodes(raw.field_nodes, fragments)
    selected = sub_fields(node_nodes, fragments)
    plan = _PagePlan()
    for name, (model, parent, order, related) in prefetchable(node).items():
        if name in selected:
            reads = selection_reads(schema, node_type.fields[name].type, selected[name], fragments)
            columns = only_columns(model, reads, (parent, *(column.lstrip("-") for column in order)))
            plan.children[name] = (model, parent, order, related, columns)
    page_reads = selection_reads(schema, node_type, node_nodes, fragments) if narrow and _plain(queryset) else None
    for name, (relation, model) in joinable(node).items():
        if name in selected:
            related_reads = selection_reads(schema, node_type.fields[name].type, selected[name], fragments)
            columns = only_columns(model, related_reads) if page_reads is not None else None
            plan.joins[name] = (relation, model, columns)
            # The joined row's columns are fetched by the page's own statement.
            if columns is None or page_reads is None:
                page_reads = None
            else:
                page_reads |= {f"{relation}__{column}" for column in columns}
    if page_reads is not None:
        plan.columns = only_columns(queryset.model, page_reads, [name for name, _ in queryset._orderings])
    return plan


def _plain(queryset: QuerySet[Any]) -> bool:
    """A queryset of whole rows ordered by columns: nothing a narrowed select would change."""
    meta = queryset.model._meta
    return not (
        queryset._fields_for_select
        or queryset._annotations
        or queryset._select_related
        or queryset._prefetch_map
        or queryset._prefetch_queries
        or queryset._distinct
        or queryset._group_bys
    ) and all(name in meta.fields_db_projection or name == "pk" for name, _ in queryset._orderings)


def _node_field_nodes(field_nodes: Sequence[Any], fragments: dict[str, Any]) -> list[Any]:
    """The field nodes selecting a connection's nodes: ``nodes { … }`` and ``edges { node { … } }``."""
    selected = sub_fields(field_nodes, fragments)
    edges = sub_fields(selected.get("edges", ()), fragments)
    return [*selected.get("nodes", ()), *edges.get("node", ())]
