"""Relay: the ``Node`` interface, ``node``/``nodes`` lookups and capped connections.

Node types map ORM rows to Strawberry objects with ``from_row``; ``register_node`` tells the
core which model backs a node type and which permission reads it, so ``node(id)`` applies the
same tenancy and permission rules as the type's own list.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from strawberry.types import Info
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import BadRequest
from core.graphql.ids import to_global_id

T = TypeVar("T")


@strawberry.interface(description="An object with an opaque global id (Relay).")
class Node:
    id: strawberry.ID = strawberry.field(
        description=(
            "Opaque global id (Relay); pass it to node(id:) or to any argument that takes this object's "
            "id. Stable for the object's life."
        )
    )


@dataclasses.dataclass(frozen=True)
class NodeRegistration:
    type_name: str
    node_type: type
    model: type[Model]
    permission: str
    # Builds the GraphQL object from a row; may be async when it needs the context.
    from_row: Callable[[Any], Any]


NODE_TYPES: dict[str, NodeRegistration] = {}


def register_node(
    node_type: type, model: type[Model], permission: str, from_row: Callable[[Any], Any] | None = None
) -> None:
    """Make ``node_type`` fetchable with ``node(id:)`` by readers holding ``permission``."""
    name = node_type.__strawberry_definition__.name
    NODE_TYPES[name] = NodeRegistration(name, node_type, model, permission, from_row or node_type.from_row)


def node_type(model: type[Model], permission: str):
    """Class decorator form of ``register_node`` for a Strawberry type with ``from_row``."""

    def decorate(cls: type) -> type:
        register_node(cls, model, permission)
        return cls

    return decorate


def global_id(row: Model, type_name: str | None = None) -> strawberry.ID:
    return strawberry.ID(to_global_id(type_name or type(row).__name__, row.pk))


@strawberry.type(description="Where a page of a connection sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="True when more items follow this page (ask again with after: endCursor)."
    )
    has_previous_page: bool = strawberry.field(
        description="True when items come before this page (the page does not start at the beginning of the list)."
    )
    start_cursor: str | None = strawberry.field(
        description="Cursor of the first item of this page; null for an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item of this page; null for an empty page."
    )


@strawberry.type(description="One item of a connection with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque position of this item; pass it as after/before to page from here."
    )
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list (Relay connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(
        description="The items of this page with their cursors, in the list's order."
    )
    page_info: PageInfo = strawberry.field(description="Cursors and whether there are pages before or after this one.")
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items in the whole list (all pages).")
    async def total_count(self) -> int:
        return await self._count()

    @strawberry.field(description="The items of this page (shortcut for edges { node }).")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


# The four Relay paging arguments, described once: every connection field declares them with
# these types (``first: PageFirst = None``) so the cap and cursor rules read the same everywhere.
PageFirst = Annotated[
    int | None,
    strawberry.argument(
        description=(
            "Page size from the start: at most this many items, counted after the `after` cursor if given. "
            "When neither first nor last is given the deployment's default page size applies ([limits] "
            "default_page_size, 50 unless configured); more than [limits] max_page_size (200 unless "
            "configured) or a negative number is refused."
        )
    ),
]
PageAfter = Annotated[
    str | None,
    strawberry.argument(
        description=(
            "Opaque cursor of an edge (edges.cursor or pageInfo.endCursor of the previous page); the page "
            "starts right after it. Cursors are positions in the list as ordered now, not stable ids."
        )
    ),
]
PageLast = Annotated[
    int | None,
    strawberry.argument(
        description=(
            "Page size from the end: at most this many items, counted back from the `before` cursor if "
            "given (or the end of the list). Same cap as first."
        )
    ),
]
PageBefore = Annotated[
    str | None,
    strawberry.argument(
        description=(
            "Opaque cursor of an edge (edges.cursor or pageInfo.startCursor of the next page); the page "
            "ends right before it."
        )
    ),
]


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


# Offsets beyond this are no list's (and would overflow the database's 64-bit OFFSET).
MAX_OFFSET = 2**53


def _offset(cursor: str, argument: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "offset" or not (value.isascii() and value.isdigit()) or len(value) > 16:
            raise ValueError
        offset = int(value)
        if offset > MAX_OFFSET:
            raise ValueError
        return offset
    except ValueError:  # also binascii.Error and UnicodeDecodeError
        raise BadRequest(f"'{argument}' is not a valid cursor.") from None


def page_window(
    info: Info, first: int | None, after: str | None, last: int | None, before: str | None
) -> tuple[int, int | None, int | None, int | None]:
    limits = info.context.app.settings.limits
    for name, value in (("first", first), ("last", last)):
        if value is not None and value < 0:
            raise BadRequest(f"'{name}' must not be negative.")
        if value is not None and value > limits.max_page_size:
            raise BadRequest(f"'{name}' must not exceed {limits.max_page_size}; page through with 'after'.")
    if first is None and last is None:
        first = limits.default_page_size
    start = _offset(after, "after") + 1 if after else 0
    end = _offset(before, "before") if before else None
    return start, end, first, last


async def paginate(
    info: Info,
    queryset: QuerySet[Any],
    convert: Callable[[Sequence[Any]], Any],
    *,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Any]:
    """One page of an ordered queryset. ``convert(rows)`` maps rows to node objects (may be
    async, so it can batch). Offset cursors; ``first``/``last`` capped by ``limits``."""
    start, end, first, last = page_window(info, first, after, last, before)
    total: int | None = None

    async def count() -> int:
        nonlocal total
        if total is None:
            total = await queryset.count()
        return total

    if last is not None and end is None and first is None:
        end = await count()
    if first is not None:
        stop = start + first if end is None else min(start + first, end)
    else:
        stop = end if end is not None else start
    if last is not None:
        start = max(start, stop - last)
    size = max(stop - start, 0)
    rows = list(await queryset.offset(start).limit(size + 1)) if size else []
    has_more = len(rows) > size
    rows = rows[:size]
    nodes = convert(rows)
    if hasattr(nodes, "__await__"):
        nodes = await nodes
    edges = [Edge(cursor=_cursor(start + i), node=node) for i, node in enumerate(nodes)]
    page_info = PageInfo(
        has_next_page=has_more,
        has_previous_page=start > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(edges=edges, page_info=page_info, _count=count)
