"""Relay: the ``Node`` interface, ``node``/``nodes`` registrations and the connection types.

Node types map ORM rows to Strawberry objects with ``from_row`` (declared with
``core.graphql.rows.row_mapping``); ``register_node`` tells the core which model backs a node
type and which permission reads it, so ``node(id)`` applies the same tenancy and permission
rules as the type's own list. Paging lives in ``core.graphql.connections``.
"""

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from tortoise.models import Model

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
            "starts right after it. A cursor holds the edge's place in the list's order, so rows added or "
            "removed meanwhile do not shift the next page."
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
