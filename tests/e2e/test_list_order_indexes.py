"""Every list's default order is read from an index, not sorted after a full scan.

A station's list (a Relay connection) asks for ``WHERE station_id = ? ORDER BY <default order>
LIMIT n``. Without an index that starts with the station and continues with the order columns,
the database reads every row of the table and sorts them in a temporary B-tree for each page —
fast on a demo, seconds on a station with a few years of records. The test is driven by the
schema: it calls every connection field with its default arguments as a user holding every
station role, catches the queryset ``core.graphql.connections.paginate`` pages through, and reads
its plan and that of the keyset seek to its next page (``EXPLAIN QUERY PLAN`` on SQLite,
``EXPLAIN`` with sequential scans and sorts priced out on PostgreSQL, so that the plan of an
empty table is the one a full table would get). A new list without a backing index fails here;
add ``Meta.indexes`` such as ``("station_id", "created_at", "id")`` and run
``fengqiao makemigrations``.
"""

from __future__ import annotations

import json

import pytest
from graphql import GraphQLNonNull, GraphQLObjectType, get_named_type
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core.contract import Role
from core.db import dialect
from core.demo import MAIN_STATION
from core.graphql import connections
from core.graphql.ids import to_global_id
from core.graphql.relay import NODE_TYPES
from core.testing import GraphQLClient, _sample_value, create_user, demo_data, token_for

STATION_ROLES = [role for role in Role if role is not Role.BUREAU_ADMIN]
# Made-up values the schema accepts but a resolver would refuse (the rest come from _sample_value).
SAMPLES = {"month": "2020-08"}


def is_connection(graphql_type) -> bool:
    named = get_named_type(graphql_type)
    return isinstance(named, GraphQLObjectType) and {"edges", "pageInfo"} <= set(named.fields)


def connection_fields(schema) -> list[tuple[str, str]]:
    """Every (type, field) of the schema that returns a connection."""
    return sorted(
        (type_name, field_name)
        for type_name, graphql_type in schema._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType) and not type_name.startswith("__")
        for field_name, field in graphql_type.fields.items()
        if is_connection(field.type)
    )


def root_document(schema, name: str) -> tuple[str, dict]:
    field = schema._schema.query_type.fields[name]
    required = {arg: spec for arg, spec in field.args.items() if isinstance(spec.type, GraphQLNonNull)}
    declarations = ", ".join(f"${arg}: {spec.type}" for arg, spec in required.items())
    arguments = ", ".join(f"{arg}: ${arg}" for arg in required)
    head = f"query List({declarations})" if declarations else "query List"
    call = f"{name}({arguments})" if arguments else name
    variables = {arg: SAMPLES.get(arg, _sample_value(spec.type)) for arg, spec in required.items()}
    return f"{head} {{ {call} {{ edges {{ cursor }} }} }}", variables


async def node_ids(app, station) -> list[str]:
    """A global id of a row of every node type of the app (the station's where rows belong to
    one): the candidates for a list's required ``ID`` argument (the owner of an attachment list, …)."""
    ids = []
    loaded = set(app.db_config["apps"])  # the registry also holds types of other test apps of the process
    for registration in NODE_TYPES.values():
        if registration.model._meta.app not in loaded:
            continue
        rows = registration.model.all()
        if "station_id" in registration.model._meta.fields_map:
            rows = rows.filter(station_id=station.id)
        row = await rows.order_by("id").first()
        if row is not None:
            ids.append(to_global_id(registration.type_name, row.pk))
    return ids


async def reach(clients, document: str, variables: dict, ids: list[str], paged: list) -> str | None:
    """Run the list until a page was read; None when reached, else the last errors."""
    id_arguments = [name for name, value in variables.items() if value == _sample_value_id()]
    attempts = [variables] + [{**variables, **dict.fromkeys(id_arguments, id_)} for id_ in ids if id_arguments]
    errors = None
    for client in clients:
        for attempt in attempts:
            paged.clear()
            body = await client.execute(document, attempt)
            if paged:
                return None
            errors = body.get("errors")
    return json.dumps(errors, ensure_ascii=False)[:300]


def _sample_value_id() -> str:
    from graphql import GraphQLID

    return _sample_value(GraphQLID)


@pytest.fixture
def paged_querysets(monkeypatch) -> list[QuerySet]:
    """The querysets ``paginate`` reads a page of (through ``fetch_page``, its one read)."""
    seen: list[QuerySet] = []
    original = connections.fetch_page

    async def fetch_page(queryset, limit, offset=0):
        seen.append(queryset)
        return await original(queryset, limit, offset)

    monkeypatch.setattr(connections, "fetch_page", fetch_page)
    return seen


async def next_pages(querysets: list[QuerySet]) -> list[QuerySet]:
    """The seek of the page after each keyset list's first row: a deep page must read the same
    index as the first one (an ``OFFSET`` would read and drop every row before it)."""
    seeks = []
    for queryset in querysets:
        order = connections.SeekOrder.of(queryset)
        row = await queryset.first() if order is not None else None
        if row is not None:
            values = [getattr(row, name) for name, _, _ in order.columns]
            seeks.append(queryset.filter(order.beyond(values, forward=True)))
    return seeks


def page_sql(queryset: QuerySet) -> str:
    return queryset.limit(51).sql(params_inline=True)


async def plan_problems(queryset: QuerySet) -> list[str]:
    """What in the page query's plan reads the whole table or sorts it; empty when indexed."""
    table = queryset.model._meta.db_table
    sql = page_sql(queryset)
    async with in_transaction() as connection:
        if dialect() == "postgres":
            # Small test tables make a sort look cheap: with scans and sorts priced out, a plan
            # that still sorts or scans has no index to read the order from.
            await connection.execute_script("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
            _, rows = await connection.execute_query(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = rows[0]["QUERY PLAN"]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            return [problem for problem in _postgres_problems(plan[0]["Plan"], table)]
        _, rows = await connection.execute_query(f"EXPLAIN QUERY PLAN {sql}")
    problems = []
    filtered = " WHERE " in sql
    for row in rows:
        detail = row["detail"]
        words = detail.replace('"', "").split()
        # Reading a table in its primary key order is an index read, unless rows are filtered.
        if words[:2] == ["SCAN", table] and "INDEX" not in words and filtered:
            problems.append(detail)
        # "RIGHT PART OF ORDER BY" sorts only rows tied on the index's columns (a tie-breaker
        # in the other direction): bounded by the page, not the table.
        if "TEMP B-TREE FOR ORDER BY" in detail:
            problems.append(detail)
    return problems


def _postgres_problems(node: dict, table: str):
    if node["Node Type"] == "Seq Scan" and node.get("Relation Name") == table:
        yield f"Seq Scan on {table}"
    # An index that gives the order but not the station (typically the primary key) reads every
    # station's rows and drops the others': the station must be in the index condition.
    if node["Node Type"] in ("Index Scan", "Index Only Scan") and "station_id" in node.get("Filter", ""):
        yield f"{node['Node Type']} using {node.get('Index Name')} filtered by {node['Filter']}"
    if node["Node Type"] == "Sort":  # an Incremental Sort only orders ties of the index's order
        yield f"{node['Node Type']} by {', '.join(node.get('Sort Key', []))}"
    for child in node.get("Plans", ()):
        yield from _postgres_problems(child, table)


async def test_every_list_pages_in_the_order_of_an_index(app, paged_querysets):
    demo = await demo_data(app)
    station = demo.stations[MAIN_STATION]
    officer = await create_user(app, station, *STATION_ROLES)
    admin = await create_user(app, None, Role.BUREAU_ADMIN)
    # The station's view first (station-scoped lists); deployment-wide lists need the bureau.
    clients = [GraphQLClient(app, token_for(app, officer)), GraphQLClient(app, token_for(app, admin))]
    ids = await node_ids(app, station)
    schema = app.schema
    roots = [field for owner, field in connection_fields(schema) if owner == schema._schema.query_type.name]
    assert len(roots) > 30  # the check reaches the lists of the core and of every plugin
    failures, unreached, offset_only = [], [], []
    for name in roots:
        document, variables = root_document(schema, name)
        errors = await reach(clients, document, variables, ids, paged_querysets)
        if errors is not None:
            unreached.append(f"{name}: {errors}")
            continue
        if any(connections.SeekOrder.of(queryset) is None for queryset in paged_querysets):
            offset_only.append(name)
        for queryset in [*paged_querysets, *await next_pages(paged_querysets)]:
            problems = await plan_problems(queryset)
            if problems:
                where = page_sql(queryset).partition(" WHERE ")[2] or page_sql(queryset).partition(" ORDER BY ")[2]
                failures.append(f"{name} → {'; '.join(problems)} in … WHERE {where}")
    assert not unreached, "lists the check could not page through:\n" + "\n".join(unreached)
    assert not failures, "lists whose default order is not read from an index:\n" + "\n".join(sorted(failures))
    # A deep page must cost what the first costs: every default order ends with a unique column.
    assert not offset_only, f"lists that page by OFFSET in their default order: {offset_only}"


async def test_the_check_knows_every_connection_field_is_a_root_list(app):
    """Nested connections have no rows to page through on an empty station: the check above
    reaches root lists only. A nested connection must be added to it (with rows to reach it)."""
    schema = app.schema
    nested = [
        f"{owner}.{field}" for owner, field in connection_fields(schema) if owner != schema._schema.query_type.name
    ]
    assert not nested, "connection fields the index check does not reach: " + ", ".join(nested)
