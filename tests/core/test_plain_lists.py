"""``core.graphql.execution``: lists of objects with nested objects and lists are answered in one
pass where every selected field is plain, and exactly as graphql-core's usual path otherwise."""

from __future__ import annotations

import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from core.graphql.execution import ExecutionContext
from core.graphql.field_plans import MISSING, QUICK

CALLS: list[str] = []


@strawberry.interface(description="Has an id.")
class Named:
    id: strawberry.ID = strawberry.field(description="Id.")


@strawberry.type(description="A party.")
class Party(Named):
    name: str = strawberry.field(description="Name; None on a bad row.")


def _quick_parties(context: object, reads: object):
    # At hand for even case numbers only: the others are left to the resolver.
    return lambda case: [Party(id=f"{case.id}-q", name="quick")] if int(case.id) % 2 == 0 else MISSING


@strawberry.type(description="A case with parties.")
class Case(Named):
    title: str = strawberry.field(description="Title.")
    lead: Party | None = strawberry.field(description="A plain object attribute.")

    @strawberry.field(description="Parties.", metadata={QUICK: _quick_parties})
    def parties(self) -> list[Party]:
        CALLS.append(self.id)
        return [Party(id=f"{self.id}-q", name="quick")] if int(self.id) % 2 == 0 else [Party(id=self.id, name="slow")]


@strawberry.type(description="Checks its objects itself.")
class Picky:
    name: str = strawberry.field(description="Name.")

    @classmethod
    def is_type_of(cls, obj: object, info: object) -> bool:
        CALLS.append("is_type_of")
        return isinstance(obj, cls)


CASES = [Case(id=str(n), title=f"case {n}", lead=Party(id=f"l{n}", name="lead")) for n in (2, 4)]


@strawberry.type(description="Root.")
class Query:
    @strawberry.field(description="Cases whose parties are at hand.")
    def cases(self) -> list[Case]:
        return CASES

    @strawberry.field(description="Cases, one of whose parties must be loaded.")
    def mixed(self) -> list[Case]:
        return [*CASES, Case(id="3", title="case 3", lead=None)]

    @strawberry.field(description="A case with a bad party.")
    def broken(self) -> list[Case]:
        return [Case(id="5", title="t", lead=Party(id="x", name=None))]  # type: ignore[arg-type]

    @strawberry.field(description="Objects a type checks itself.")
    def picky(self) -> list[Picky]:
        return [Picky(name="a")]


def _run(context_class, query: str):
    schema = strawberry.Schema(Query, types=[Party, Case], execution_context_class=context_class)
    CALLS.clear()
    result = schema.execute_sync(query)
    errors = sorted((error.message, tuple(error.path or ())) for error in result.errors or [])
    return result.data, errors, list(CALLS)


FULL = "{ %s { __typename key: id title lead { id name } parties { __typename id name } } }"


def test_a_list_whose_children_are_at_hand_is_answered_without_their_resolver():
    data, errors, calls = _run(ExecutionContext, FULL % "cases")
    assert (data, errors) == _run(StrawberryGraphQLCoreExecutionContext, FULL % "cases")[:2]
    assert calls == []  # every party came from the quick answer
    assert data["cases"][0] == {
        "__typename": "Case",
        "key": "2",
        "title": "case 2",
        "lead": {"id": "l2", "name": "lead"},
        "parties": [{"__typename": "Party", "id": "2-q", "name": "quick"}],
    }


def test_a_list_with_children_not_at_hand_takes_the_usual_path_and_answers_the_same():
    data, errors, calls = _run(ExecutionContext, FULL % "mixed")
    assert (data, errors) == _run(StrawberryGraphQLCoreExecutionContext, FULL % "mixed")[:2]
    assert "3" in calls and data["mixed"][2]["parties"] == [{"__typename": "Party", "id": "3", "name": "slow"}]


def test_an_error_inside_a_nested_object_is_reported_where_it_happened():
    short = _run(ExecutionContext, FULL % "broken")
    assert short[:2] == _run(StrawberryGraphQLCoreExecutionContext, FULL % "broken")[:2]
    assert [path for _, path in short[1]] == [("broken", 0, "lead", "name")]


def test_a_type_that_checks_its_objects_itself_is_asked_as_usual():
    data, errors, calls = _run(ExecutionContext, "{ picky { name } }")
    assert (data, errors) == ({"picky": [{"name": "a"}]}, [])
    assert calls == ["is_type_of"]


def test_field_middleware_sees_every_field_as_on_the_usual_path():
    from strawberry.extensions import SchemaExtension

    seen: list[str] = []

    class Watch(SchemaExtension):
        def resolve(self, _next, root, info, *args, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    def fields_seen(context_class) -> list[str]:
        schema = strawberry.Schema(
            Query, types=[Party, Case], extensions=[Watch], execution_context_class=context_class
        )
        seen.clear()
        assert not schema.execute_sync(FULL % "cases").errors
        return sorted(seen)

    short = fields_seen(ExecutionContext)
    assert short == fields_seen(StrawberryGraphQLCoreExecutionContext)
    assert short.count("name") == 4  # each party's and each lead's: no field skipped the middleware
