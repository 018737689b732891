"""``core.row_mapping``: how a GraphQL type is built from its row, one rule per test."""

from __future__ import annotations

import datetime as dt

import pytest
import strawberry

from core import Node, Role, decode_id, reference, row_mapping
from core.graphql.rows import RowMapping
from core.identity import models


@strawberry.type(description="A user as the tests see it.")
class UserView(Node):
    username: str = strawberry.field(description="Login name.")
    name: str = strawberry.field(description="Display name, from another column.")
    roles: list[Role] = strawberry.field(description="Roles, from a JSON list of strings.")
    station_id: strawberry.ID | None = strawberry.field(description="Global id of the user's station.")
    _row: strawberry.Private[models.User]
    _note: strawberry.Private[str] = "kept"

    from_row = row_mapping(
        models.User,
        name="display_name",
        station_id=reference("Station", "station_id"),
    )

    @strawberry.field(description="A resolver: left to itself.")
    def shout(self) -> str:
        return self.username.upper()


@strawberry.type(description="An area as the tests see it.")
class AreaView:
    name: str = strawberry.field(description="Name.")
    kind: models.AreaKind = strawberry.field(description="Kind, an enum.")
    label: str = strawberry.field(description="Computed from the row.")

    from_row = row_mapping(models.Area, label=lambda row: f"{row.name} ({row.kind.value})")


def _user(**values) -> models.User:
    base = {"id": 7, "username": "wang", "display_name": "王警官", "password_hash": "-", "roles": ["OFFICER"]}
    return models.User(**(base | values))


async def test_a_field_not_named_reads_the_column_of_the_same_name(app):
    assert UserView.from_row(_user()).username == "wang"


async def test_a_field_named_with_a_string_reads_that_column(app):
    assert UserView.from_row(_user()).name == "王警官"


async def test_a_dotted_path_reads_through_a_related_row(app):
    @strawberry.type(description="A user with the name of its station.")
    class StationedUser:
        station_name: str = strawberry.field(description="Name of the user's station.")

        from_row = row_mapping(models.User, station_name="station.name")

    station = await models.Station.create(name="枫桥派出所", code="fq-rows", station_class=models.StationClass.FOUR)
    assert StationedUser.from_row(_user(station=station)).station_name == "枫桥派出所"


async def test_a_reference_to_an_empty_column_is_none(app):
    assert UserView.from_row(_user(station_id=None)).station_id is None


async def test_a_reference_is_the_global_id_of_the_row_it_points_at(app):
    view = UserView.from_row(_user(station_id=3))
    assert decode_id(view.station_id, "Station", field="stationId") == 3


async def test_the_id_of_a_node_is_its_global_id_under_the_graphql_name(app):
    assert decode_id(UserView.from_row(_user()).id, "UserView", field="id") == 7


async def test_a_list_of_enum_values_becomes_a_list_of_enum_members(app):
    view = UserView.from_row(_user(roles=["OFFICER", "MEDIATOR"]))
    assert view.roles == [Role.OFFICER, Role.MEDIATOR]
    assert all(isinstance(role, Role) for role in view.roles)


async def test_an_enum_column_stays_an_enum_member(app):
    row = models.Area(id=1, name="枫源村", kind=models.AreaKind.VILLAGE)
    assert AreaView.from_row(row).kind is models.AreaKind.VILLAGE


async def test_a_callable_gets_the_row(app):
    row = models.Area(id=1, name="枫源村", kind=models.AreaKind.VILLAGE)
    assert AreaView.from_row(row).label == "枫源村 (VILLAGE)"


async def test_the_private_row_holds_the_row_and_other_private_fields_keep_their_default(app):
    row = _user()
    view = UserView.from_row(row)
    assert view._row is row
    assert view._note == "kept"


async def test_a_field_is_worked_out_at_its_first_read_and_then_kept(app):
    calls = []

    @strawberry.type(description="A type counting how often its label is worked out.")
    class Counted:
        label: str = strawberry.field(description="Computed from the row.")
        name: str = strawberry.field(description="Name.")

        from_row = row_mapping(models.Area, label=lambda row: calls.append(row.name) or row.name)

    view = Counted.from_row(models.Area(id=1, name="枫源村", kind=models.AreaKind.VILLAGE))
    assert calls == []
    assert view.label == view.label == "枫源村"
    assert calls == ["枫源村"]


async def test_a_built_object_is_an_instance_of_its_type_and_takes_assignments(app):
    view = UserView.from_row(_user())
    assert isinstance(view, UserView)
    view.name = "另一个"
    assert view.name == "另一个"


async def test_a_resolver_field_is_not_mapped(app):
    assert UserView.from_row(_user()).shout() == "WANG"


async def test_the_mapping_is_worked_out_at_first_use_and_then_reused(app):
    @strawberry.type(description="A fresh type.")
    class Fresh:
        username: str = strawberry.field(description="Login name.")

        from_row = row_mapping(models.User)

    before = Fresh.from_row
    Fresh.from_row(_user())
    built = Fresh.from_row
    assert built is not before
    assert Fresh.from_row is built


async def test_an_unknown_column_in_the_mapping_fails_at_first_use_naming_type_and_column(app):
    @strawberry.type(description="A misspelt mapping.")
    class Misspelt:
        name: str = strawberry.field(description="Name.")

        from_row = row_mapping(models.User, name="display_nmae")

    with pytest.raises(TypeError, match=r"Misspelt.*User has no column or attribute 'display_nmae'"):
        Misspelt.from_row(_user())


async def test_a_field_without_a_column_of_its_name_fails_at_first_use(app):
    @strawberry.type(description="A field the model lacks.")
    class Unmapped:
        nickname: str = strawberry.field(description="Nickname.")

        from_row = row_mapping(models.User)

    with pytest.raises(TypeError, match="no column or attribute 'nickname'"):
        Unmapped.from_row(_user())


async def test_naming_a_field_the_type_does_not_have_fails(app):
    @strawberry.type(description="A mapping for a field that is not there.")
    class Extra:
        username: str = strawberry.field(description="Login name.")

        from_row = row_mapping(models.User, usernam="username")

    with pytest.raises(TypeError, match=r"Extra.*\['usernam'\]"):
        Extra.from_row(_user())


async def test_an_object_field_needs_a_callable(app):
    @strawberry.type(description="Holds an object.")
    class Holder:
        station: AreaView = strawberry.field(description="An object.")
        when: dt.datetime | None = strawberry.field(description="A time.")

        from_row = row_mapping(models.User, when="created_at")

    with pytest.raises(TypeError, match="'station' is an object; give it a callable"):
        Holder.from_row(_user())


async def test_every_row_mapping_of_the_schema_fits_its_model(make_app):
    app = await make_app()
    checked = []
    for graphql_type in app.schema.schema_converter.type_map.values():
        origin = getattr(graphql_type.definition, "origin", None)
        mapping = getattr(origin, "__dict__", {}).get("from_row")
        if isinstance(mapping, RowMapping):
            mapping.mapping(origin)  # raises TypeError naming the type and field that do not fit
            checked.append(origin)
    assert checked
