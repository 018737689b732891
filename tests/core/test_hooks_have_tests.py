"""Every hook of the plugin contract is exercised by at least one test (Datasette's rule)."""

from pathlib import Path

import pytest

from core import hookspecs

TESTS = Path(__file__).resolve().parents[1]
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("fengqiao_"))


@pytest.fixture(scope="module")
def test_sources() -> str:
    plugin_sources = [p.read_text(encoding="utf-8") for p in (TESTS.parent / "plugins").rglob("*.py")]
    test_sources = [p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py")]
    return "\n".join(test_sources + plugin_sources)


@pytest.mark.parametrize("hook", HOOKS)
def test_plugin_hook_is_implemented_and_tested(hook, test_sources):
    # Implemented by a built-in or test plugin, and named by a test that exercises it.
    tests_only = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    assert f"def {hook}" in test_sources, f"no plugin implements {hook}"
    assert hook in tests_only or hook.removeprefix("fengqiao_") in tests_only, f"no test mentions {hook}"
