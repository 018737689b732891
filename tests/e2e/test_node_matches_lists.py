"""``node``/``nodes`` answer with exactly the rows the type's own list answers, for every node
type with a root list and every demo role — read rules (``core.ReadRule``), tenancy and
minor-hiding included — so a front end can open the detail page of any row it lists."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, Undefined

from core import Role
from core.graphql.ids import to_global_id
from core.graphql.relay import NODE_TYPES
from core.identity.models import User
from core.testing import GraphQLClient, demo_data, token_for

ROLES = [role for role in Role]
PAGE = 200


def _unwrap(graphql_type: Any) -> Any:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def _plural(type_name: str) -> str:
    name = type_name[0].lower() + type_name[1:]
    return name[:-1] + "ies" if name.endswith("y") else name + "s"


def root_lists(app) -> dict[str, list[str]]:
    """Node type name → its own root list (``disputes`` for ``Dispute``): a connection field
    without required arguments. Narrowed lists (``overdueDisputes``) are filters, not the rule."""
    schema = app.schema._schema
    lists: dict[str, list[str]] = {}
    for name, field in schema.query_type.fields.items():
        connection = _unwrap(field.type)
        if not isinstance(connection, GraphQLObjectType) or "nodes" not in connection.fields:
            continue
        if any(isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined for arg in field.args.values()):
            continue
        item = _unwrap(connection.fields["nodes"].type)
        if item.name in NODE_TYPES and name == _plural(item.name):
            lists.setdefault(item.name, []).append(name)
    return lists


async def listed_ids(client: GraphQLClient, field: str) -> set[str] | str:
    """Every id the list gives (all pages), or the error code refusing it."""
    ids: set[str] = set()
    after = None
    while True:
        body = await client.execute(
            f"query($after: String) {{ {field}(first: {PAGE}, after: $after) "
            "{ nodes { id } pageInfo { hasNextPage endCursor } } }",
            {"after": after},
        )
        if body.get("errors"):
            return body["errors"][0]["extensions"]["code"]
        page = body["data"][field]
        ids |= {node["id"] for node in page["nodes"]}
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        after = page["pageInfo"]["endCursor"]


async def node_ids(client: GraphQLClient, type_name: str) -> set[str] | str:
    """The ids of every row of the type's table (every station's) that ``nodes`` answers."""
    model = NODE_TYPES[type_name].model
    every = [to_global_id(type_name, pk) for pk in await model.all().values_list("id", flat=True)]
    found: set[str] = set()
    for start in range(0, len(every), PAGE):
        body = await client.execute(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": every[start : start + PAGE]}
        )
        if body.get("errors"):
            return body["errors"][0]["extensions"]["code"]
        found |= {node["id"] for node in body["data"]["nodes"] if node}
    return found


@pytest.fixture
async def demo(app):
    return await demo_data(app)


async def demo_clients(app, demo) -> dict[str, GraphQLClient]:
    clients = {}
    for role in ROLES:
        if role in (Role.BUREAU_ADMIN, Role.AUDITOR):
            user = await User.get(username="bureau.admin" if role is Role.BUREAU_ADMIN else "bureau.auditor")
        else:
            user = demo.user(demo.main_station, role)
        clients[role.value] = GraphQLClient(app, token_for(app, user))
    return clients


async def test_node_answers_exactly_the_rows_of_the_types_list_for_every_role(app, demo):
    lists = root_lists(app)
    assert "Dispute" in lists, "the dispute list must be found for the check to mean anything"
    clients = await demo_clients(app, demo)
    mismatches = []
    checked_rows = 0
    for type_name, fields in sorted(lists.items()):
        for role, client in clients.items():
            by_node = await node_ids(client, type_name)
            for field in fields:
                by_list = await listed_ids(client, field)
                if isinstance(by_list, str) and isinstance(by_node, str):
                    continue  # both refused (no permission, plugin off)
                if by_list != by_node:
                    mismatches.append((type_name, field, role, by_list, by_node))
                elif isinstance(by_list, set):
                    checked_rows += len(by_list)
    assert not mismatches, "\n".join(
        f"{type_name} via {field} as {role}: list {_summary(listed)} vs node {_summary(noded)}"
        for type_name, field, role, listed, noded in mismatches
    )
    assert checked_rows > 0
    # The mediator's (陈调解员) detail page: a dispute it mediates opens by node(id:).
    mediator = clients[Role.MEDIATOR.value]
    listed = await listed_ids(mediator, "disputes")
    assert isinstance(listed, set) and listed, "the demo mediator mediates disputes"
    first = sorted(listed)[0]
    assert (await mediator.data("query($id: ID!) { node(id: $id) { id } }", {"id": first}))["node"] == {"id": first}


def _summary(result: set[str] | str) -> str:
    return result if isinstance(result, str) else f"{len(result)} rows"
