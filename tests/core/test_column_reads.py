"""``core.graphql.column_reads``: the columns a selection reads of its rows, or None (the whole
row) wherever a field may read anything."""

import strawberry
from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from core.graphql.column_reads import only_columns, selection_reads
from core.graphql.rows import row_mapping
from core.identity.models import User


@strawberry.type(description="An account as a list shows it.")
class Account:
    id: strawberry.ID = strawberry.field(description="Id.")
    username: str = strawberry.field(description="Login name.")
    station_name: str = strawberry.field(description="Its station's name, through the join.")
    shouted: str = strawberry.field(description="Computed by a callable.")

    from_row = row_mapping(User, station_name="station.name", shouted=lambda row: row.username.upper())

    @strawberry.field(description="A resolver, which may read anything of the row.")
    def greeting(self) -> str:
        return "hello"


@strawberry.type(description="Built by hand from the row.")
class HandBuilt:
    username: str = strawberry.field(description="Login name.")

    @classmethod
    def from_row(cls, row):
        return cls(username=row.username)


@strawberry.type(description="Root.")
class Query:
    @strawberry.field(description="Accounts.")
    def accounts(self) -> list[Account]:
        return []

    @strawberry.field(description="Hand-built rows.")
    def hand_built(self) -> list[HandBuilt]:
        return []


SCHEMA = strawberry.Schema(query=Query)


def _reads(document: str, root_field: str):
    parsed = parse(document)
    fragments = {d.name.value: d for d in parsed.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in parsed.definitions if isinstance(d, OperationDefinitionNode))
    nodes = [s for s in operation.selection_set.selections if s.name.value == root_field]
    schema = SCHEMA._schema
    return selection_reads(schema, schema.query_type.fields[root_field].type, nodes, fragments)


def test_plain_fields_read_their_columns_and_paths(app):
    assert _reads("{ accounts { id username stationName __typename } }", "accounts") == {
        "id",
        "username",
        "station__name",
    }


def test_aliases_and_fragments_add_up(app):
    document = """fragment Name on Account { username }
        { accounts { ...Name ... on Account { who: stationName } other: id } }"""
    assert _reads(document, "accounts") == {"id", "username", "station__name"}


def test_a_callable_field_reads_the_whole_row(app):
    assert _reads("{ accounts { username shouted } }", "accounts") is None


def test_a_resolver_field_reads_the_whole_row(app):
    assert _reads("{ accounts { username greeting } }", "accounts") is None


def test_a_hand_built_type_reads_the_whole_row_even_when_nothing_is_selected(app):
    assert _reads("{ handBuilt { __typename } }", "handBuilt") is None


def test_every_row_fetched_keeps_its_key_and_station(app):
    columns = only_columns(User, frozenset({"username", "station__name"}), ("pk",))
    assert set(columns) == {"id", "username", "station_id", "station__id", "station__name"}


def test_whole_rows_stay_whole(app):
    assert only_columns(User, None, ("id",)) is None
