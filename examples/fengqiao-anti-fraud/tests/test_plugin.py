"""The plugin as the core sees it: installed, loaded, in the schema, absent when not loaded."""

import importlib.metadata

import fengqiao_anti_fraud
import pytest
from strawberry.printer import print_schema

from core import Role


def test_plugin_is_registered_under_the_fengqiao_entry_point_group():
    entry_points = {ep.name: ep for ep in importlib.metadata.entry_points(group="fengqiao.plugins")}
    if "anti_fraud" not in entry_points:
        pytest.skip("the package is not installed (pip install -e examples/fengqiao-anti-fraud); entry point unchecked")
    assert entry_points["anti_fraud"].value == "fengqiao_anti_fraud"
    assert entry_points["anti_fraud"].load() is fengqiao_anti_fraud


async def test_plugins_query_lists_the_plugin_with_its_version(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    data = await officer.data("{ plugins { name version title enabled } }")
    assert {
        "name": "anti_fraud",
        "version": "0.1.0",
        "title": "反诈宣传 Anti-fraud publicity",
        "enabled": True,
    } in data["plugins"]


async def test_schema_has_the_plugin_fields_and_types(app):
    sdl = print_schema(app.schema)
    for name in ("antiFraudPublicityEvents", "fraudReports", "antiFraudStats", "recordAntiFraudPublicity"):
        assert name in sdl
    for name in ("reportFraud", "closeFraudReport", "type AntiFraudPublicityEvent implements Node", "type FraudReport"):
        assert name in sdl


async def test_nothing_of_the_plugin_is_in_the_schema_when_it_is_not_loaded(make_app):
    app = await make_app([])
    sdl = print_schema(app.schema)
    assert "fraudReports" not in sdl and "AntiFraud" not in sdl and "FraudReport" not in sdl


async def test_every_type_and_enum_value_of_the_plugin_is_described(app):
    schema = app.schema._schema
    for name, graphql_type in schema.type_map.items():
        if "Fraud" not in name:
            continue
        assert graphql_type.description, f"{name} has no description"
        for value_name, value in getattr(graphql_type, "values", {}).items():
            assert value.description, f"{name}.{value_name} has no description"


async def test_every_field_argument_and_input_field_is_described(app):
    from core.graphql.descriptions import undescribed

    missing = undescribed(app.schema)
    assert missing == [], "add description= to: " + ", ".join(missing)


async def test_migrations_match_the_models(app):
    from core.db import make_migrations

    assert await make_migrations(app.db_config, write=False) == []
