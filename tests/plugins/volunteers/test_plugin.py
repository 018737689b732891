"""The plugin as a whole: schema contribution, descriptions, permissions, settings, demo data."""

import io
import re

import pytest
import strawberry

import plugins.volunteers as plugin
from core import Role
from core.errors import ConfigError

FIELDS = [
    "volunteerOrganizations",
    "volunteers",
    "registerVolunteer",
    "volunteerActivities",
    "recordActivity",
    "careRecipients",
    "peopleReportMeetings",
    "recordPeopleReportMeeting",
    "feedbackItems",
    "replyFeedback",
    "satisfactionSurveys",
    "submitSatisfaction",
    "satisfactionStats",
]


def _sdl(app) -> str:
    return strawberry.printer.print_schema(app.schema)


async def test_the_contract_names_are_in_the_schema(app):
    sdl = _sdl(app)
    for name in FIELDS:
        assert re.search(rf"^\s+{name}\(", sdl, re.MULTILINE), name
    activity_kind = sdl[sdl.index("enum ActivityKind") :].split("}")[0]
    for value in ("CARE_VISIT", "PATROL", "PUBLICITY", "MEDIATION_SUPPORT", "OTHER"):
        assert value in activity_kind


async def test_without_the_plugin_its_fields_are_absent(make_app):
    app = await make_app([])
    sdl = _sdl(app)
    for name in FIELDS:
        assert not re.search(rf"^\s+{name}\(", sdl, re.MULTILINE), name
    assert "VolunteerOrganization" not in sdl


def _plugin_type_names() -> set[str]:
    from plugins.volunteers.types import care, common, enums, inputs, meetings, payloads, satisfaction, volunteers

    names = set()
    for module in (care, common, enums, inputs, meetings, payloads, satisfaction, volunteers):
        for obj in vars(module).values():
            definition = getattr(obj, "__strawberry_definition__", None)
            if definition is not None and getattr(obj, "__module__", "").startswith("plugins.volunteers"):
                names.add(definition.name)
    return names


async def test_every_type_and_enum_value_of_the_plugin_is_described(app):
    type_map = app.schema._schema.type_map
    names = _plugin_type_names()
    assert {"Volunteer", "ActivityKind", "RecordActivityInput", "PeopleReportCompliance"} <= names
    for name in names:
        graphql_type = type_map[name]
        assert graphql_type.description, name
        for value_name, value in getattr(graphql_type, "values", {}).items():
            assert value.description, f"{name}.{value_name}"


def test_permissions_are_prefixed_and_volunteers_record_their_own_activities():
    permissions = {permission.code: permission for permission in plugin.fengqiao_permissions()}
    assert all(code.startswith("volunteers.") for code in permissions)
    assert Role.VOLUNTEER in permissions["volunteers.activity.record"].roles
    assert Role.VOLUNTEER not in permissions["volunteers.activity.record_any"].roles
    assert Role.OFFICER not in permissions["volunteers.callback.draw"].roles
    assert Role.GRID_WORKER not in permissions["volunteers.feedback.reply"].roles


async def test_an_unknown_setting_stops_start_up(make_app):
    with pytest.raises(ConfigError, match="volunteers.care_visit_days"):
        await make_app(["volunteers"], extra_plugins=[plugin], plugin_sections={"volunteers": {"care_visit_days": 7}})


async def test_demo_data_makes_the_stations_differ(app):
    from core.demo import load_demo
    from plugins.volunteers import models, scoring

    context = await load_demo(app, out=io.StringIO())
    main = context.main_station
    names = set(await models.VolunteerOrganization.filter(station_id=main.id).values_list("name", flat=True))
    assert {"小红志愿者工作室", "城东商会"} <= names
    assert await models.CareRecipient.filter(
        station_id=main.id, kind=models.CareRecipientKind.LEFT_BEHIND_CHILD
    ).count()
    assert set(await models.PeopleReportMeeting.filter(station_id=main.id).values_list("quarter", flat=True)) == {
        "2020-Q1",
        "2020-Q2",
    }
    assert await models.SatisfactionResponse.filter(station_id=main.id).count() > 0
    import datetime as dt

    from core import Period

    ids = [station.id for station in context.stations.values()]
    meetings = next(s for s in scoring.indicators() if s.key == "volunteers.people_report_meetings")
    held = await meetings.compute(ids, Period(dt.date(2020, 1, 1), dt.date(2020, 6, 30)))
    values = [held[station.id].value for station in context.stations.values()]
    assert values == sorted(values, reverse=True) and values[0] == 100.0 and values[0] > values[-1]
