"""``core.graphql.execution``: the short path for plain leaf fields answers exactly as
graphql-core's usual path does — values, nulls, and the errors of bad values alike."""

import enum

import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from core.graphql.execution import ExecutionContext
from core.graphql.field_plans import LeafPlan, field_plans


@strawberry.enum(description="A risk colour.")
class Colour(enum.Enum):
    RED = "RED"
    GREEN = "GREEN"


class Broken:
    @property
    def value(self) -> int:
        raise RuntimeError("no value")


@strawberry.type(description="A row with every kind of leaf.")
class Row:
    name: str = strawberry.field(description="A non-null string.")
    note: str | None = strawberry.field(description="A nullable string.")
    count: int = strawberry.field(description="A non-null integer.")
    colour: Colour = strawberry.field(description="A non-null enum.")
    tags: list[str] = strawberry.field(description="A list: never on the short path.")

    @strawberry.field(description="A resolver: never on the short path.")
    def shout(self) -> str:
        return self.name.upper()


ROWS = [
    Row(name="枫桥", note=None, count=3, colour=Colour.RED, tags=["a"]),
    Row(name=None, note="x", count=1, colour=Colour.GREEN, tags=[]),  # type: ignore[arg-type]
    Row(name="b", note=None, count="many", colour=Colour.RED, tags=[]),  # type: ignore[arg-type]
    Row(name="c", note=None, count=2, colour="BLUE", tags=[]),  # type: ignore[arg-type]
]


@strawberry.type(description="Root.")
class Query:
    @strawberry.field(description="Rows, one with each kind of bad value.")
    def rows(self) -> list[Row | None]:
        return ROWS


QUERY = "{ rows { name note count colour tags shout } }"


@strawberry.type(description="Root with a list of only good rows.")
class GoodQuery:
    @strawberry.field(description="Rows with good values, and a missing one.")
    def rows(self) -> list[Row | None]:
        return [ROWS[0], None, ROWS[0]]


def _answer(execution_context_class, query: str = QUERY, root: type = Query) -> tuple[object, list[tuple[str, tuple]]]:
    schema = strawberry.Schema(root, execution_context_class=execution_context_class)
    result = schema.execute_sync(query)
    return result.data, sorted((error.message, tuple(error.path or ())) for error in result.errors or [])


def test_the_short_path_answers_as_the_usual_path_values_nulls_and_errors():
    data, errors = _answer(ExecutionContext)
    assert (data, errors) == _answer(StrawberryGraphQLCoreExecutionContext)
    assert data["rows"][0] == {
        "name": "枫桥",
        "note": None,
        "count": 3,
        "colour": "RED",
        "tags": ["a"],
        "shout": "枫桥",
    }
    assert sorted(path for _, path in errors) == [("rows", 1, "name"), ("rows", 2, "count"), ("rows", 3, "colour")]


@strawberry.type(description="A row whose value raises.")
class BrokenRow:
    value: int | None = strawberry.field(description="Raises when read.")


@strawberry.type(description="Root.")
class BrokenQuery:
    @strawberry.field(description="A row whose value raises.")
    def row(self) -> BrokenRow:
        return Broken()  # type: ignore[return-value]


def test_a_list_of_plain_objects_answers_as_the_usual_path():
    leaves_only = "{ rows { name note count colour } }"
    assert _answer(ExecutionContext, leaves_only) == _answer(StrawberryGraphQLCoreExecutionContext, leaves_only)
    good = "{ rows { n: name colour } }"
    data, errors = _answer(ExecutionContext, good, GoodQuery)
    assert (data, errors) == _answer(StrawberryGraphQLCoreExecutionContext, good, GoodQuery)
    assert data == {"rows": [{"n": "枫桥", "colour": "RED"}, None, {"n": "枫桥", "colour": "RED"}]}


def test_a_resolver_error_on_the_short_path_is_reported_where_it_happened():
    def answer(execution_context_class):
        schema = strawberry.Schema(BrokenQuery, types=[BrokenRow], execution_context_class=execution_context_class)
        result = schema.execute_sync("{ row { value } }")
        return result.data, [(error.message, error.path) for error in result.errors or []]

    assert answer(ExecutionContext) == answer(StrawberryGraphQLCoreExecutionContext)
    assert answer(ExecutionContext)[1] == [("no value", ["row", "value"])]


def test_only_plain_leaf_fields_take_the_short_path():
    schema = strawberry.Schema(Query, execution_context_class=ExecutionContext)
    plans = {
        graphql_type.name: {name for name, plan in fields.items() if isinstance(plan, LeafPlan)}
        for graphql_type, fields in field_plans(schema._schema).items()
    }
    assert plans == {"Row": {"name", "note", "count", "colour"}}


def test_the_plans_of_a_schema_go_with_it():
    import gc
    import weakref

    schema = strawberry.Schema(Query, execution_context_class=ExecutionContext)
    field_plans(schema._schema)
    gone = weakref.ref(schema._schema)
    del schema
    gc.collect()
    assert gone() is None
