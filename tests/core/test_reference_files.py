"""``fengqiao config example`` and ``fengqiao permissions``: generated from the code, checked in
as fengqiao.example.toml and docs/permissions.md, and kept current (CI compares them too)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from core.config import Settings, load_settings
from core.plugins import load_plugins

ROOT = Path(__file__).resolve().parents[2]


def fengqiao(*args: str, cwd: Path) -> str:
    """Run the installed ``fengqiao`` command as a deployer would, with only built-in plugins."""
    executable = shutil.which("fengqiao")
    if executable is None:
        pytest.skip("the fengqiao command is not installed in this environment")
    environ = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    environ["FENGQIAO_PLUGINS__THIRD_PARTY"] = "false"
    result = subprocess.run(
        [executable, *args], capture_output=True, text=True, timeout=60, cwd=cwd, env=environ, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> str:
    return fengqiao("config", "example", cwd=tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def permissions(tmp_path_factory) -> str:
    return fengqiao("permissions", cwd=tmp_path_factory.mktemp("permissions"))


def test_the_checked_in_example_configuration_is_current(example):
    assert (ROOT / "fengqiao.example.toml").read_text(encoding="utf-8") == example, (
        "fengqiao.example.toml is stale: run "
        "'FENGQIAO_PLUGINS__THIRD_PARTY=false fengqiao config example > fengqiao.example.toml'"
    )


def test_the_checked_in_permission_list_is_current(permissions):
    assert (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8") == permissions, (
        "docs/permissions.md is stale: run 'FENGQIAO_PLUGINS__THIRD_PARTY=false fengqiao permissions > docs/permissions.md'"
    )


def test_the_example_is_a_valid_configuration_equal_to_the_defaults(example, tmp_path):
    path = tmp_path / "fengqiao.toml"
    path.write_text(example, encoding="utf-8")
    loaded = load_settings(path, environ={})
    assert dataclasses.replace(loaded, plugin_sections={}, source=None) == Settings()
    registry = load_plugins(dataclasses.replace(loaded, plugins=dataclasses.replace(loaded.plugins, third_party=False)))
    for plugin in registry.plugins.values():
        model = type(plugin.settings)
        assert plugin.settings == model(), plugin.name


def test_every_core_and_plugin_setting_appears_with_its_help(example):
    data = tomllib.loads(example)
    assert data["records"]["backdating_days"] == 30
    assert data["mediation"]["red_deadline_hours"] == 24
    assert data["patrol"]["checkin_grace_minutes"] == 15
    assert data["party_building"]["voting_last_day"] == 25
    assert data["volunteers"]["care_visit_interval_days"] == 30
    assert "# A check-in later than this after the point's expected time counts as late (迟到)." in example
    assert "# [volunteers.population]" in example


def test_every_declared_permission_is_listed_with_its_default_roles(permissions, tmp_path):
    from core.permission_table import _ordered
    from core.runtime import Fengqiao
    from core.testing import make_settings

    app = Fengqiao.create(make_settings(f"sqlite://{tmp_path / 'unused.db'}"))
    rows = {line.split(" | ")[0].strip("| `"): line for line in permissions.splitlines() if line.startswith("| `")}
    assert set(rows) == set(app.permissions.permissions)
    for code, (_, permission) in app.permissions.permissions.items():
        roles = ", ".join(f"`{role.name}`" for role in _ordered(permission.roles)) or "none"
        assert rows[code].endswith(f" | {roles} |"), code


def test_a_deployments_overrides_do_not_change_the_generated_files(tmp_path):
    (tmp_path / "fengqiao.toml").write_text(
        '[server]\nport = 9999\n[permissions.grant]\nAUXILIARY = ["core.user.read"]\n[mediation]\nmany_parties = 9\n',
        encoding="utf-8",
    )
    assert "port = 8000" in fengqiao("config", "example", cwd=tmp_path)
    listing = fengqiao("permissions", cwd=tmp_path)
    assert "| `core.user.read` | See user accounts. | `BUREAU_ADMIN`, `STATION_CHIEF`, `AUDITOR` |" in listing
