"""``fengqiao plugin new``: the package it writes installs, is found by the core, and its own
tests pass.

The generated code runs in child processes: importing it here would register its models,
node types and enums in this test session's global registries.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from core.cli import main
from core.errors import ConfigError
from core.scaffold import PluginNames, create_plugin, current_core_migration


def child_environment(**extra: str) -> dict[str, str]:
    """This environment without Fengqiao settings (so a child never reuses a configured or
    PostgreSQL test database) plus ``extra``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    return environment | extra


@pytest.fixture
def generated(tmp_path) -> Path:
    return create_plugin("school-safety", tmp_path)


def test_names_are_derived_from_one_plugin_name():
    names = PluginNames.parse("School-Safety")
    assert (names.name, names.package, names.distribution) == (
        "school_safety",
        "fengqiao_school_safety",
        "fengqiao-school-safety",
    )
    assert (names.camel, names.lower_camel) == ("SchoolSafety", "schoolSafety")


@pytest.mark.parametrize("bad", ["", "9lives", "school safety", "school__safety", "schule!", "_x"])
def test_a_name_that_cannot_be_a_plugin_name_is_refused(bad, tmp_path):
    with pytest.raises(ConfigError, match="use lowercase letters"):
        create_plugin(bad, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_name_reserved_by_the_core_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="reserved"):
        create_plugin("scoring", tmp_path)


def test_an_existing_folder_is_never_overwritten(generated):
    (generated / "README.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError, match="already exists"):
        create_plugin("school_safety", generated.parent)
    assert (generated / "README.md").read_text(encoding="utf-8") == "mine"


def test_the_package_has_the_plugin_shape_with_every_required_entry_and_no_optional_one(generated):
    from core.scaffold.shape import ENTRIES, check_package

    package = generated / "fengqiao_school_safety"
    assert check_package(package) == []
    top_level = {path.name + ("/" if path.is_dir() else "") for path in package.iterdir()}
    assert top_level == {entry.forms[0] for entry in ENTRIES if entry.required}


def test_beside_the_package_are_only_the_pyproject_and_the_tests(generated):
    files = {str(path.relative_to(generated)) for path in generated.rglob("*") if path.is_file()}
    outside = {name for name in files if not name.startswith("fengqiao_school_safety/")}
    assert outside == {"pyproject.toml", "tests/conftest.py", "tests/test_plugin.py"}


def test_the_readme_is_the_distributions_readme(generated):
    pyproject = tomllib.loads((generated / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["readme"] == "fengqiao_school_safety/README.md"


def test_pyproject_declares_the_entry_point(generated):
    pyproject = tomllib.loads((generated / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == "fengqiao-school-safety"
    assert pyproject["project"]["entry-points"]["fengqiao.plugins"] == {"school_safety": "fengqiao_school_safety"}


def test_first_migration_depends_on_the_current_core_migration(generated):
    migration = (generated / "fengqiao_school_safety/migrations/0001_initial.py").read_text(encoding="utf-8")
    assert f'dependencies = [("core", "{current_core_migration()}")]' in migration


def test_the_plugin_imports_only_the_public_core_api(generated):
    for path in (generated / "fengqiao_school_safety").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("from core", "import core")):
                assert line.startswith("from core import "), f"{path.name}: {line}"


def test_the_cli_writes_the_package(tmp_path, capsys):
    assert main(["plugin", "new", "traffic_safety", "--directory", str(tmp_path)]) == 0
    assert (tmp_path / "fengqiao-traffic-safety" / "fengqiao_traffic_safety" / "__init__.py").exists()
    assert "created" in capsys.readouterr().out


def test_the_cli_reports_a_bad_name_in_one_line(tmp_path, capsys):
    assert main(["plugin", "new", "Bad Name", "--directory", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("fengqiao: plugin name") and error.count("\n") == 1


def test_the_generated_tests_pass(generated):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=generated,
        env=child_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "11 passed" in result.stdout


def test_the_generated_code_passes_the_linter(generated):
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is not installed in this environment (pip install -e '.[test]')")
    for arguments in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run([str(ruff), *arguments], cwd=generated, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


INSTALLED_CHECK = textwrap.dedent(
    """
    import asyncio, dataclasses, json, sys
    from strawberry.printer import print_schema
    from core.config import PluginSettings
    from core.runtime import Fengqiao
    from core.testing import make_settings

    settings = make_settings("sqlite://" + sys.argv[1])
    settings = dataclasses.replace(settings, plugins=PluginSettings(enabled=("school_safety",), third_party=True))
    app = Fengqiao.create(settings)

    async def tables():
        from tortoise import connections
        await app.start()
        try:
            rows = await connections.get("default").execute_query_dict("SELECT name FROM sqlite_master")
            return sorted(row["name"] for row in rows)
        finally:
            await app.stop()

    plugin = app.plugins.plugins["school_safety"]
    print(json.dumps({
        "distribution": plugin.distribution,
        "module_file": plugin.module.__file__,
        "in_schema": "schoolSafetyRecords" in print_schema(app.schema),
        "tables": asyncio.run(tables()),
    }))
    """
)


def test_the_package_really_installs_and_the_core_finds_it(generated, tmp_path):
    """A real ``pip install`` (into a separate target folder, never into the test environment,
    whose plugin set other tests rely on), then discovery through the entry point."""
    target = tmp_path / "site-packages"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(generated)],
        env=child_environment(PIP_DISABLE_PIP_VERSION_CHECK="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    pythonpath = os.pathsep.join([str(target), *filter(None, [os.environ.get("PYTHONPATH")])])
    check = subprocess.run(
        [sys.executable, "-c", INSTALLED_CHECK, str(tmp_path / "installed.db")],
        cwd=tmp_path,
        env=child_environment(PYTHONPATH=pythonpath),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stderr[-3000:]
    found = json.loads(check.stdout.strip().splitlines()[-1])
    assert found["distribution"] == "fengqiao-school-safety"
    assert found["module_file"].startswith(str(target))
    assert found["in_schema"] is True
    assert "school_safety_record" in found["tables"]
