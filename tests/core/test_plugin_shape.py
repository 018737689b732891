"""One plugin shape (``core.scaffold.shape``; docs/plugins.md, "The package") for the built-in
plugins, the example plugin and a plugin ``fengqiao plugin new`` writes: the required entries,
nothing else at the top level, hook implementations only in ``__init__.py``, and README
blocks current with the plugin's permissions, settings and indicators.

A freshly written plugin is checked in a child process: importing it here would register its
models and types in this test session's global registries.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.scaffold import create_plugin, readme
from core.scaffold.shape import check_package, import_package, tree

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "fengqiao-anti-fraud" / "fengqiao_anti_fraud"
BUILT_INS = sorted(path for path in (ROOT / "plugins").iterdir() if (path / "__init__.py").is_file())
PLUGINS = [*BUILT_INS, EXAMPLE]


def label(folder: Path) -> str:
    return folder.name


def fengqiao(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from core.cli import main; sys.exit(main())", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_four_built_in_plugins_are_checked():
    assert [folder.name for folder in BUILT_INS] == ["mediation", "party_building", "patrol", "volunteers"]


@pytest.mark.parametrize("folder", PLUGINS, ids=label)
def test_the_plugin_has_the_plugin_shape(folder):
    assert check_package(folder) == []


@pytest.mark.parametrize("folder", PLUGINS, ids=label)
def test_the_readme_blocks_match_the_plugins_hooks(folder):
    assert readme.problems(folder / "README.md", import_package(folder)) == []


def test_the_plugin_guide_shows_the_tree():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert tree() in guide, "docs/plugins.md, 'The package': paste core.scaffold.shape.tree()"


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the volunteers plugin to break."""
    return Path(shutil.copytree(ROOT / "plugins" / "volunteers", tmp_path / "volunteers", ignore=_caches))


def _caches(_folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name == "__pycache__"]


def test_an_intact_copy_starts_with_the_shape(copy):
    assert check_package(copy) == []


@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        (lambda folder: (folder / "helpers.py").write_text("", encoding="utf-8"), "helpers.py: not part of the"),
        (lambda folder: (folder / "loaders").mkdir(), "loaders: not part of the"),
        (lambda folder: (folder / "permissions.py").unlink(), "permissions.py: missing"),
        (lambda folder: shutil.rmtree(folder / "types"), "types/: missing"),
        (lambda folder: (folder / "services" / "__init__.py").unlink(), "services/__init__.py: missing"),
        (lambda folder: shutil.copytree(folder / "types", folder / "mutations"), "both mutations.py and mutations/"),
    ],
    ids=["extra-file", "extra-folder", "no-permissions", "no-types", "services-not-a-package", "module-and-package"],
)
def test_a_departure_is_reported_naming_the_file(copy, breakage, named):
    breakage(copy)
    problems = check_package(copy)
    assert len(problems) == 1 and named in problems[0] and str(copy) in problems[0], problems


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("STAFF = ('OFFICER',)\n", "assignment to STAFF"),
        ("def helper():\n    return 1\n", "function helper() is not a @hookimpl"),
        ("class Settings:\n    pass\n", "class Settings"),
        ("print('loaded')\n", "statement 'print('loaded')'"),
    ],
    ids=["constant", "plain-function", "class", "statement"],
)
def test_init_with_anything_but_hook_implementations_is_reported_with_its_line(copy, code, named):
    init = copy / "__init__.py"
    lines = init.read_text(encoding="utf-8").count("\n")
    init.write_text(init.read_text(encoding="utf-8") + "\n" + code, encoding="utf-8")
    problems = check_package(copy)
    assert problems == [problems[0]] and f"__init__.py:{lines + 2}: {named}" in problems[0], problems


def test_a_package_module_named_like_an_import_of_its_init_is_reported(copy):
    # volunteers/queries/__init__.py imports services.care: a queries/care.py would replace it.
    (copy / "queries" / "care.py").write_text("", encoding="utf-8")
    problems = check_package(copy)
    assert problems == [f"{copy}/queries/care: shares its name with a name queries/__init__.py imports; rename the module"]


def test_init_may_carry_its_version(copy):
    init = copy / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + '\n__version__ = "1.0"\n', encoding="utf-8")
    assert check_package(copy) == []


def test_a_stale_or_missing_readme_block_is_reported(tmp_path):
    import plugins.volunteers as volunteers

    path = tmp_path / "README.md"
    text = (ROOT / "plugins" / "volunteers" / "README.md").read_text(encoding="utf-8")
    path.write_text(text.replace("`volunteers.callback.draw`", "`volunteers.callback.pick`"), encoding="utf-8")
    assert readme.problems(path, volunteers) == [
        f"{path}: the permissions block is stale; run `fengqiao plugin readme {tmp_path}`"
    ]
    start, end = readme.start_marker("indicators"), readme.end_marker("indicators")
    path.write_text(text[: text.index(start)] + text[text.index(end) + len(end) :], encoding="utf-8")
    assert readme.problems(path, volunteers) == [f"{path}: no generated indicators block ({start} … {end})"]


def test_rewriting_the_readme_fills_the_blocks_and_keeps_the_rest(tmp_path):
    import plugins.volunteers as volunteers

    path = tmp_path / "README.md"
    blocks = "".join(f"{readme.start_marker(name)}\nold\n{readme.end_marker(name)}\n" for name in readme.BLOCKS)
    path.write_text("# volunteers\n\nWritten by hand.\n\n" + blocks, encoding="utf-8")
    assert readme.rewrite(path, volunteers) is True
    assert readme.problems(path, volunteers) == []
    assert path.read_text(encoding="utf-8").startswith("# volunteers\n\nWritten by hand.\n\n")
    assert readme.rewrite(path, volunteers) is False


def test_a_freshly_written_plugin_has_the_shape_and_a_current_readme(tmp_path):
    target = create_plugin("school_safety", tmp_path)
    result = fengqiao("plugin", "check", "fengqiao_school_safety", cwd=target)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 plugin package(s) have the plugin shape" in result.stdout


def test_the_check_command_names_the_departures_and_readme_repairs_the_blocks(tmp_path):
    target = create_plugin("school_safety", tmp_path)
    package = target / "fengqiao_school_safety"
    (package / "helpers.py").write_text("", encoding="utf-8")
    text = (package / "README.md").read_text(encoding="utf-8")
    (package / "README.md").write_text(text.replace("| 2000 |", "| 1000 |").replace("`2000`", "`1000`"), "utf-8")

    broken = fengqiao("plugin", "check", "fengqiao_school_safety", cwd=target)
    assert broken.returncode == 1
    assert f"{package / 'helpers.py'}: not part of the plugin shape" in broken.stdout
    assert f"{package / 'README.md'}: the settings block is stale" in broken.stdout

    (package / "helpers.py").unlink()
    assert fengqiao("plugin", "readme", "fengqiao_school_safety", cwd=target).returncode == 0
    assert (package / "README.md").read_text(encoding="utf-8") == text
    assert fengqiao("plugin", "check", "fengqiao_school_safety", cwd=target).returncode == 0
