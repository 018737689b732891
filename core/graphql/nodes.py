"""``node(id:)`` and ``nodes(ids:)``: fetch any registered object by global id, with the same
permission and tenancy rules as its own list; another station's object reads as missing."""

import inspect
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.graphql.fields import query_field
from core.graphql.ids import from_global_id, pk_number, within_pk_range
from core.graphql.relay import NODE_TYPES, Node
from core.tenancy import scoped


async def _load(info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
    context = info.context
    schema_types = context.app.schema._schema.type_map
    wanted: dict[str, list[int]] = {}
    parsed: list[tuple[str, int] | None] = []
    for global_id in ids:
        try:
            type_name, pk = from_global_id(str(global_id))
            number = pk_number(pk)
        except ValueError:
            parsed.append(None)
            continue
        registration = NODE_TYPES.get(type_name)
        if registration is None or type_name not in schema_types or not within_pk_range(registration.model, number):
            parsed.append(None)
            continue
        owner = registration.permission.split(".")[0]
        context.require(registration.permission, plugin=None if owner == "core" else owner)
        wanted.setdefault(type_name, []).append(number)
        parsed.append((type_name, number))
    found: dict[tuple[str, int], Node] = {}
    for type_name, pks in wanted.items():
        registration = NODE_TYPES[type_name]
        for row in await scoped(context.actor, registration.model).filter(pk__in=pks):
            node = registration.from_row(row)
            found[(type_name, row.pk)] = await node if inspect.isawaitable(node) else node
    return [found.get(key) if key else None for key in parsed]


@strawberry.type
class NodeQuery:
    @query_field(
        login_only=True,
        description="Fetch any object by its global id; null when it does not exist or is out of reach.",
    )
    async def node(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description=(
                    "Opaque global id of any object (from its id field). Another station's object or a malformed id "
                    "gives null."
                )
            ),
        ],
    ) -> Node | None:
        return (await _load(info, [id]))[0]

    @query_field(login_only=True, description="Fetch several objects by global id (at most 200), in order.")
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(
                description=(
                    "Up to [limits] max_page_size (200 unless configured) global ids; the answer keeps their order, "
                    "null for each id the caller may not see."
                )
            ),
        ],
    ) -> list[Node | None]:
        from core.errors import BadRequest

        limit = info.context.app.settings.limits.max_page_size
        if len(ids) > limit:
            raise BadRequest(f"'ids' must not hold more than {limit} ids.")
        return await _load(info, ids)
