"""Discovery, selection and ordering of plugins (core.plugins)."""

import dataclasses

import pytest

from core.config import PluginSettings
from core.errors import ConfigError
from core.plugins import load_plugins
from core.testing import make_settings
from tests.core.fake_plugins import make_plugin


def settings_with(enabled=None):
    settings = make_settings("sqlite://:memory:")
    return dataclasses.replace(settings, plugins=PluginSettings(enabled=enabled, third_party=False))


def test_all_installed_plugins_load_when_none_are_listed():
    registry = load_plugins(settings_with(None), extra=[make_plugin("alpha"), make_plugin("beta")])
    assert {"alpha", "beta", "party_building", "patrol"} <= set(registry.names)


def test_only_listed_plugins_load():
    registry = load_plugins(settings_with(("alpha",)), extra=[make_plugin("alpha"), make_plugin("beta")])
    assert registry.names == ["alpha"]


def test_empty_list_loads_no_plugin():
    assert load_plugins(settings_with(()), extra=[make_plugin("alpha")]).names == []


def test_unknown_plugin_name_stops_with_one_line_naming_it():
    with pytest.raises(ConfigError, match="plugin 'gamma' in \\[plugins\\] enabled is not installed") as error:
        load_plugins(settings_with(("gamma",)), extra=[make_plugin("alpha")])
    assert "\n" not in str(error.value)


def test_missing_dependency_names_plugin_and_fix():
    with pytest.raises(ConfigError, match="plugin 'beta' needs plugin 'alpha', which is not enabled; add 'alpha'"):
        load_plugins(
            settings_with(("beta",)), extra=[make_plugin("alpha"), make_plugin("beta", dependencies=("alpha",))]
        )


def test_dependencies_come_first_whatever_the_registration_order():
    plugins = [
        make_plugin("zeta", dependencies=("alpha",)),
        make_plugin("alpha", dependencies=("mid",)),
        make_plugin("mid"),
    ]
    assert load_plugins(settings_with(("zeta", "alpha", "mid")), extra=plugins).names == ["mid", "alpha", "zeta"]


def test_dependency_cycle_is_reported():
    plugins = [make_plugin("alpha", dependencies=("beta",)), make_plugin("beta", dependencies=("alpha",))]
    with pytest.raises(ConfigError, match="cycle"):
        load_plugins(settings_with(None), extra=plugins)


def test_misspelt_hook_is_an_error_naming_plugin_and_hook():
    plugin = make_plugin("alpha", fengqiao_modles=lambda: None)
    with pytest.raises(ConfigError, match="plugin 'alpha' implements unknown hook 'fengqiao_modles'"):
        load_plugins(settings_with(None), extra=[plugin])


def test_incompatible_contract_is_refused_naming_the_plugin():
    with pytest.raises(ConfigError, match="plugin 'alpha' was written for plugin contract 2.0"):
        load_plugins(settings_with(None), extra=[make_plugin("alpha", contract="2.0")])


def test_newer_minor_contract_than_core_is_refused():
    with pytest.raises(ConfigError, match="contract 1.99"):
        load_plugins(settings_with(None), extra=[make_plugin("alpha", contract="1.99")])


def test_plugin_failing_to_import_is_one_clear_line(monkeypatch):
    from core import plugins as plugins_module

    class BrokenEntryPoint:
        name = "broken"
        dist = None

        def load(self):
            raise ModuleNotFoundError("No module named 'requests_oauthlib'")

    monkeypatch.setattr(
        plugins_module,
        "discover",
        lambda third_party: {"broken": plugins_module.AvailablePlugin("broken", None, BrokenEntryPoint())},
    )
    with pytest.raises(ConfigError) as error:
        load_plugins(settings_with(("broken",)))
    assert str(error.value).startswith("plugin 'broken' failed to import (ModuleNotFoundError")
    assert "remove it from [plugins] enabled" in str(error.value)


def test_plugin_settings_section_is_validated_by_its_model():
    @dataclasses.dataclass(frozen=True)
    class AlphaSettings:
        deadline_hours: int = 24

    plugin = make_plugin("alpha", fengqiao_settings_model=lambda: AlphaSettings)
    settings = dataclasses.replace(settings_with(None), plugin_sections={"alpha": {"deadline_hours": 48}})
    assert load_plugins(settings, extra=[plugin]).settings_for("alpha") == AlphaSettings(48)
    bad = dataclasses.replace(settings, plugin_sections={"alpha": {"deadline_hour": 48}})
    with pytest.raises(ConfigError, match="alpha.deadline_hour: unknown setting"):
        load_plugins(bad, extra=[plugin])


def test_section_for_a_plugin_that_is_not_installed_is_an_error():
    settings = dataclasses.replace(settings_with(None), plugin_sections={"medaition": {"x": 1}})
    with pytest.raises(ConfigError, match="\\[medaition\\]: unknown section"):
        load_plugins(settings, extra=[])


def test_call_each_reports_which_plugin_answered():
    registry = load_plugins(
        settings_with(("alpha", "beta")),
        extra=[make_plugin("alpha", fengqiao_permissions=lambda: ["a"]), make_plugin("beta")],
    )
    assert [(plugin.name, result) for plugin, result in registry.call_each("fengqiao_permissions")] == [
        ("alpha", ["a"])
    ]


def test_permission_codes_must_carry_the_plugin_prefix(make_app):
    from core import Permission, Role
    from core.runtime import Fengqiao

    plugin = make_plugin("alpha", fengqiao_permissions=lambda: [Permission("beta.thing.read", "x", (Role.OFFICER,))])
    with pytest.raises(ConfigError, match="its codes must start with 'alpha.'"):
        Fengqiao.create(settings_with(None), extra_plugins=[plugin])


async def test_startup_and_shutdown_hooks_run_around_the_app(tmp_path):
    from core.testing import make_settings, running_app

    calls = []

    async def on_startup(app):
        calls.append(("fengqiao_startup", app.started))

    plugin = make_plugin(
        "lifecycle",
        fengqiao_startup=on_startup,
        fengqiao_shutdown=lambda app: calls.append(("fengqiao_shutdown", None)),
    )
    settings = make_settings(f"sqlite://{tmp_path / 'life.db'}", ["lifecycle"])
    async with running_app(settings, extra_plugins=[plugin]):
        assert calls == [("fengqiao_startup", False)]  # called once the database is ready, before serving
    assert calls[-1] == ("fengqiao_shutdown", None)
