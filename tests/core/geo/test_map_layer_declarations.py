"""The core refuses a bad ``fengqiao_map_layers`` declaration when it builds the schema (server start)."""

from __future__ import annotations

import types

import pytest

from core import MapLayer, hookimpl
from core.app import create_app
from core.errors import ConfigError
from core.identity.models import Area, User
from tests.core import sample_plugin


def layers_plugin(*layers: MapLayer) -> types.SimpleNamespace:
    @hookimpl
    def fengqiao_map_layers():
        return list(layers)

    return types.SimpleNamespace(fengqiao_map_layers=fengqiao_map_layers)


def test_a_layer_name_must_be_dotted() -> None:
    with pytest.raises(ValueError, match="dotted"):
        MapLayer("disputes", "纠纷", Area, "core.area.read", properties=dict)


async def test_a_layer_named_after_another_plugin_stops_start_up(make_app) -> None:
    plugin = layers_plugin(MapLayer("patrol.areas", "片区", Area, "core.area.read", properties=lambda row: {}))
    merged = types.SimpleNamespace(**vars(sample_plugin), **vars(plugin))
    app = await make_app(["sample"], extra_plugins=[merged])
    with pytest.raises(ConfigError, match="names start with the plugin's name"):
        create_app(app)


async def test_a_layer_of_a_model_without_a_location_stops_start_up(make_app) -> None:
    plugin = layers_plugin(MapLayer("sample.users", "用户", User, "core.area.read", properties=lambda row: {}))
    merged = types.SimpleNamespace(**vars(sample_plugin), **vars(plugin))
    app = await make_app(["sample"], extra_plugins=[merged])
    with pytest.raises(ConfigError, match="declaring core.Located"):
        create_app(app)
