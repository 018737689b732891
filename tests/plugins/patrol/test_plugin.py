"""The plugin as a whole: loading, per-station enablement, contract hygiene."""

from __future__ import annotations

import strawberry.printer
from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType

from core import Role
from core.testing import GraphQLClient, create_station, create_user, token_for
from plugins.patrol.permissions import PERMISSIONS
from tests.plugins.patrol.flows import REPORT_INCIDENT, incident_input
from tests.plugins.patrol.helpers import gid

PATROL_FIELDS = ("reportIncident", "incidents", "patrolTeams", "checkIn", "importBasicInfo", "incidentStats")


async def test_the_schema_has_the_contract_names(app):
    sdl = strawberry.printer.print_schema(app.schema)
    for name in (
        "reportIncident",
        "dispatchIncident",
        "incidents",
        "patrolTeams",
        "createPatrolShift",
        "checkIn",
        "surveillanceAssets",
        "registerSurveillanceAsset",
        "addresses",
        "residents",
        "housing",
        "units",
        "importBasicInfo",
        "inspections",
        "recordInspection",
        "rectifications",
        "incidentStats",
    ):
        assert f"  {name}(" in sdl, name


async def test_without_the_plugin_its_fields_are_absent(make_app):
    app = await make_app([])
    sdl = strawberry.printer.print_schema(app.schema)
    for name in PATROL_FIELDS:
        assert f"  {name}(" not in sdl


async def test_a_station_without_the_plugin_gets_feature_disabled(app):
    station = await create_station(app, plugins=[])
    user = await create_user(app, station, Role.OFFICER)
    client = GraphQLClient(app, token_for(app, user))
    body = await client.execute("{ incidents { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
    data = await client.data(REPORT_INCIDENT, {"input": incident_input(station)})
    assert data["reportIncident"]["errors"][0]["code"] == "FEATURE_DISABLED"


IMPORT = """
mutation($input: ImportBasicInfoInput!) {
  importBasicInfo(input: $input) { report { writtenRows } errors { field message code } }
}
"""


async def test_a_bureau_admin_cannot_import_into_a_station_without_the_plugin(app, login_as):
    station = await create_station(app, plugins=[])
    admin = await login_as(Role.BUREAU_ADMIN)
    variables = {
        "input": {"kind": "ADDRESSES", "csv": "区域,地址\n城东街道,城东街道1号\n", "stationId": gid("Station", station)}
    }
    data = await admin.data(IMPORT, variables)
    assert data["importBasicInfo"]["errors"][0]["code"] == "FEATURE_DISABLED"


async def test_a_bureau_admin_imports_into_the_station_it_names(login_as, station):
    admin = await login_as(Role.BUREAU_ADMIN)
    variables = {
        "input": {"kind": "ADDRESSES", "csv": "区域,地址\n城东街道,城东街道1号\n", "stationId": gid("Station", station)}
    }
    payload = await admin.mutate(IMPORT, variables)
    assert payload["report"]["writtenRows"] == 1


async def test_a_bureau_admin_reads_but_does_not_report_incidents(login_as, station):
    admin = await login_as(Role.BUREAU_ADMIN)
    assert (await admin.data("{ incidents { totalCount } }"))["incidents"]["totalCount"] == 0
    body = await admin.execute(REPORT_INCIDENT, {"input": incident_input(station)})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_anonymous_callers_are_unauthenticated(client):
    body = await client.execute("{ incidents { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_permission_codes_start_with_the_plugin_name():
    assert all(permission.code.startswith("patrol.") for permission in PERMISSIONS)


async def test_every_patrol_type_field_and_enum_value_is_described(app):
    import plugins.patrol.types  # noqa: F401

    type_map = app.schema._schema.type_map
    own = {name for name, item in type_map.items() if _owned_by_patrol(app, name, item)}
    assert "Incident" in own and "IncidentStatus" in own
    for name in own:
        item = type_map[name]
        assert item.description, f"{name} has no description"
        if isinstance(item, GraphQLEnumType):
            for value_name, value in item.values.items():
                assert value.description, f"{name}.{value_name} has no description"


def _owned_by_patrol(app, name, item) -> bool:
    if not isinstance(item, GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType) or name.startswith("__"):
        return False
    definition = app.schema.get_type_by_name(name)
    origin = getattr(definition, "origin", None) or getattr(getattr(definition, "wrapped_cls", None), "__module__", "")
    module = getattr(origin, "__module__", "") if not isinstance(origin, str) else origin
    return module.startswith("plugins.patrol")
