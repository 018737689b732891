"""The core refuses a bad plugin with one line naming it and the reason, before anything is
served or migrated (issue 9, point 4): an incompatible contract, an unknown hook, a model or
root field colliding with another plugin's, an import error.

The plugins here are real packages written into a temporary folder, so their types and
models live in their own modules, as an installed plugin's do.
"""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from strawberry.printer import print_schema

from core.app import create_app
from core.config import PluginSettings
from core.errors import ConfigError
from core.runtime import Fengqiao
from core.testing import make_settings

_unique = itertools.count()

INFO = """
from core import CONTRACT_VERSION, GraphQLContribution, ModelsDeclaration, PluginInfo, hookimpl

@hookimpl
def fengqiao_plugin_info():
    return PluginInfo(name="{name}", version="1.0", title="{name}", contract={contract})
"""
GRAPHQL = """
@hookimpl
def fengqiao_graphql():
    from {package}.schema import Query
    return GraphQLContribution(query=[Query])
"""
SCHEMA = """
import strawberry
from core import query_field

@strawberry.type(name="{type_name}", description="A report.")
class Report:
    title: str

@strawberry.type
class Query:
    @query_field(permission="{name}.report.read", description="A report.", name="{field}")
    def {method}(self) -> Report | None:
        return None
"""
MODELS_HOOK = """
@hookimpl
def fengqiao_models():
    return ModelsDeclaration(models=["{package}.models"], migrations="{package}.migrations")
"""
MODELS = """
from tortoise import fields
from tortoise.models import Model

class Report(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=100)

    class Meta:
        table = "{table}"
"""


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def write_plugin(folder: Path, name: str, *, contract: str = "CONTRACT_VERSION", extra: str = "", files=None):
    """Write a plugin package (unique module name, so sessions never share one) and import it."""
    package = f"refusal_{name}_{next(_unique)}"
    files = dict(files or {})
    source = INFO.format(name=name, contract=contract) + extra.format(package=package, name=name)
    (folder / package).mkdir()
    (folder / package / "__init__.py").write_text(source, encoding="utf-8")
    for file_name, text in files.items():
        (folder / package / file_name).write_text(text.format(package=package, name=name), encoding="utf-8")
    importlib.invalidate_caches()
    return importlib.import_module(package)


def with_report_field(folder, name, *, field="report", type_name=None, method=None):
    schema = (
        SCHEMA.format(
            name=name, field=field, type_name=type_name or f"{name.capitalize()}Report", method=method or field
        )
        .replace("{", "{{")
        .replace("}", "}}")
    )
    return write_plugin(folder, name, extra=GRAPHQL, files={"schema.py": schema})


def settings_for(tmp_path, enabled, *, third_party=False):
    settings = make_settings(f"sqlite://{tmp_path / 'fengqiao.db'}")
    return dataclasses.replace(settings, plugins=PluginSettings(enabled=tuple(enabled), third_party=third_party))


def serve(settings, extra=()):
    """What ``fengqiao serve`` does before binding the port: load plugins, build the schema."""
    return create_app(Fengqiao.create(settings, extra_plugins=extra))


def refusal(settings, extra=()) -> str:
    with pytest.raises(ConfigError) as error:
        serve(settings, extra)
    message = str(error.value)
    assert "\n" not in message, message
    return message


def assert_nothing_touched(tmp_path):
    assert not (tmp_path / "fengqiao.db").exists(), "the database was touched before the refusal"


# --- incompatible contract ----------------------------------------------------------------------


def test_a_plugin_for_another_major_contract_is_refused(tmp_path, plugin_dir):
    plugin = write_plugin(plugin_dir, "alpha", contract='"2.0"')
    message = refusal(settings_for(tmp_path, ["alpha"]), [plugin])
    assert "plugin 'alpha' was written for plugin contract 2.0" in message
    assert_nothing_touched(tmp_path)


def test_a_plugin_for_a_newer_minor_contract_is_refused(tmp_path, plugin_dir):
    from core.contract import CONTRACT_VERSION

    major, minor = CONTRACT_VERSION.split(".")
    plugin = write_plugin(plugin_dir, "alpha", contract=f'"{major}.{int(minor) + 1}"')
    assert "plugin 'alpha'" in refusal(settings_for(tmp_path, ["alpha"]), [plugin])


def test_a_plugin_for_an_older_minor_of_the_same_major_loads(tmp_path, plugin_dir):
    from core.contract import CONTRACT_VERSION

    plugin = write_plugin(plugin_dir, "alpha", contract=f'"{CONTRACT_VERSION.split(".")[0]}.0"')
    assert Fengqiao.create(settings_for(tmp_path, ["alpha"]), extra_plugins=[plugin]).plugins.names == ["alpha"]


# --- unknown hook -------------------------------------------------------------------------------


def test_a_plugin_implementing_an_unknown_hook_is_refused(tmp_path, plugin_dir):
    typo = "\n@hookimpl\ndef fengqiao_modles():\n    return None\n"
    plugin = write_plugin(plugin_dir, "alpha", extra=typo)
    message = refusal(settings_for(tmp_path, ["alpha"]), [plugin])
    assert "plugin 'alpha' implements unknown hook 'fengqiao_modles'" in message
    assert_nothing_touched(tmp_path)


# --- collisions with another plugin -------------------------------------------------------------


def test_a_root_field_defined_by_two_plugins_is_refused_naming_both(tmp_path, plugin_dir):
    alpha = with_report_field(plugin_dir, "alpha")
    beta = with_report_field(plugin_dir, "beta")
    message = refusal(settings_for(tmp_path, ["alpha", "beta"]), [alpha, beta])
    assert "root query field 'report' is defined by both 'alpha' and 'beta'" in message
    assert_nothing_touched(tmp_path)


def test_distinct_root_fields_of_two_plugins_both_load(tmp_path, plugin_dir):
    alpha = with_report_field(plugin_dir, "alpha", field="alphaReport")
    beta = with_report_field(plugin_dir, "beta", field="betaReport")
    sdl = print_schema(Fengqiao.create(settings_for(tmp_path, ["alpha", "beta"]), extra_plugins=[alpha, beta]).schema)
    assert "alphaReport: AlphaReport" in sdl and "betaReport: BetaReport" in sdl


def test_a_type_name_defined_by_two_plugins_is_refused_naming_both(tmp_path, plugin_dir):
    alpha = with_report_field(plugin_dir, "alpha", field="alphaReport", type_name="Report")
    beta = with_report_field(plugin_dir, "beta", field="betaReport", type_name="Report")
    message = refusal(settings_for(tmp_path, ["alpha", "beta"]), [alpha, beta])
    assert "Report" in message and "'alpha'" in message and "'beta'" in message


def test_root_fields_of_two_plugins_sharing_a_method_name_both_load_or_are_refused(tmp_path, plugin_dir):
    alpha = with_report_field(plugin_dir, "alpha", field="alphaStats", method="stats")
    beta = with_report_field(plugin_dir, "beta", field="betaStats", method="stats")
    try:
        sdl = print_schema(
            Fengqiao.create(settings_for(tmp_path, ["alpha", "beta"]), extra_plugins=[alpha, beta]).schema
        )
    except ConfigError as error:
        assert "'alpha'" in str(error) and "'beta'" in str(error)
    else:
        assert "alphaStats" in sdl and "betaStats" in sdl


def with_table(folder, name, table):
    return write_plugin(folder, name, extra=MODELS_HOOK, files={"models.py": MODELS.replace("{table}", table)})


def test_a_model_table_defined_by_two_plugins_is_refused_naming_both(tmp_path, plugin_dir):
    alpha = with_table(plugin_dir, "alpha", "report")
    beta = with_table(plugin_dir, "beta", "report")
    message = refusal(settings_for(tmp_path, ["alpha", "beta"]), [alpha, beta])
    assert "'alpha'" in message and "'beta'" in message and "report" in message
    assert_nothing_touched(tmp_path)


def test_a_model_table_colliding_with_a_core_table_is_refused(tmp_path, plugin_dir):
    alpha = with_table(plugin_dir, "alpha", "core_station")
    message = refusal(settings_for(tmp_path, ["alpha"]), [alpha])
    assert "'alpha'" in message and "core_station" in message


def test_distinct_tables_of_two_plugins_load(tmp_path, plugin_dir):
    alpha = with_table(plugin_dir, "alpha", "alpha_report")
    beta = with_table(plugin_dir, "beta", "beta_report")
    app = Fengqiao.create(settings_for(tmp_path, ["alpha", "beta"]), extra_plugins=[alpha, beta])
    assert {"alpha", "beta"} <= set(app.db_config["apps"])


# --- import error -------------------------------------------------------------------------------


def install_broken_distribution(folder: Path, error: str = "import missing_dependency_of_broken") -> str:
    """A distribution whose entry point module raises on import, found by importlib.metadata."""
    module = f"broken_plugin_{next(_unique)}"
    (folder / f"{module}.py").write_text(error + "\n", encoding="utf-8")
    dist_info = folder / f"{module}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n", encoding="utf-8")
    (dist_info / "entry_points.txt").write_text(f"[fengqiao.plugins]\nbroken = {module}\n", encoding="utf-8")
    importlib.invalidate_caches()
    return module


def test_a_plugin_that_raises_on_import_is_refused(tmp_path, plugin_dir):
    install_broken_distribution(plugin_dir)
    message = refusal(settings_for(tmp_path, ["broken"], third_party=True))
    assert message.startswith("plugin 'broken' failed to import (ModuleNotFoundError:")
    assert "missing_dependency_of_broken" in message
    assert_nothing_touched(tmp_path)


def test_a_plugin_raising_any_error_on_import_is_refused(tmp_path, plugin_dir):
    install_broken_distribution(plugin_dir, error="raise RuntimeError('bad configuration at import time')")
    message = refusal(settings_for(tmp_path, ["broken"], third_party=True))
    assert "plugin 'broken' failed to import (RuntimeError: bad configuration at import time)" in message


def test_fengqiao_serve_stops_with_one_line_and_serves_nothing(tmp_path, plugin_dir):
    """The real command in a child process: exit status 2, one line on stderr, no database."""
    install_broken_distribution(plugin_dir)
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        textwrap.dedent(
            f"""
            database_url = "sqlite://{tmp_path / "fengqiao.db"}"
            secret_key = "refusal-test-secret-0123456789-abcdefghijklmnop"
            [plugins]
            enabled = ["broken"]
            third_party = true
            """
        ),
        encoding="utf-8",
    )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    environment["PYTHONPATH"] = os.pathsep.join([str(plugin_dir), *filter(None, [os.environ.get("PYTHONPATH")])])
    result = subprocess.run(
        [sys.executable, "-m", "core.cli", "--config", str(config), "serve", "--host", "127.0.0.1", "--port", "1"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("fengqiao: plugin 'broken' failed to import")
    assert result.stderr.count("\n") == 1, result.stderr
    assert_nothing_touched(tmp_path)
