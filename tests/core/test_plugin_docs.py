"""The plugin author guide (docs/plugins.md) keeps up with the contract: every hook has a
section with its arguments, return value and an example, and every public name is listed."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import core
from core import hookspecs

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"
HEADING = re.compile(r"^### `(fengqiao_\w+)\(([^)]*)\)`\s*$", re.MULTILINE)


def hook_names() -> list[str]:
    return sorted(
        name
        for name, function in vars(hookspecs).items()
        if name.startswith("fengqiao_") and callable(function) and hasattr(function, "fengqiao_spec")
    )


def sections() -> dict[str, tuple[str, str]]:
    """Hook name -> (arguments as written in the heading, text of the section)."""
    text = GUIDE.read_text(encoding="utf-8")
    found = {}
    for match in HEADING.finditer(text):
        rest = text[match.end() :]
        end = re.search(r"^#{1,3} ", rest, re.MULTILINE)
        found[match.group(1)] = (match.group(2), rest[: end.start()] if end else rest)
    return found


def test_the_contract_has_hooks():
    assert "fengqiao_plugin_info" in hook_names() and len(hook_names()) >= 10


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_section(hook):
    assert hook in sections(), f"docs/plugins.md has no '### `{hook}(...)`' section"


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_section_names_the_hooks_arguments(hook):
    written, _ = sections().get(hook, ("?", ""))
    expected = ", ".join(inspect.signature(getattr(hookspecs, hook)).parameters)
    assert written == expected, f"{hook}: the heading says ({written}), the hookspec takes ({expected})"


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_section_gives_arguments_return_value_and_an_example(hook):
    _, body = sections().get(hook, ("", ""))
    assert "**Arguments:**" in body and "**Returns:**" in body, f"{hook}: say what it receives and returns"
    assert "```python" in body and f"def {hook}" in body, f"{hook}: show an implementation"


def test_no_section_documents_a_hook_that_does_not_exist():
    assert set(sections()) <= set(hook_names())


@pytest.mark.parametrize("name", sorted(core.__all__))
def test_every_public_name_is_listed(name):
    assert f"`{name}`" in GUIDE.read_text(encoding="utf-8"), f"docs/plugins.md does not mention core.{name}"


def test_the_versioning_policy_is_stated_and_its_examples_hold():
    from core.contract import contract_compatible

    text = GUIDE.read_text(encoding="utf-8")
    assert "**same MAJOR**" in text and "**MINOR at least as high**" in text
    # The guide's examples: 1.0 loads on 1.3; 1.3 is refused by 1.0; 2.x is refused by 1.x.
    assert contract_compatible("1.0", "1.3")
    assert not contract_compatible("1.3", "1.0")
    assert not contract_compatible("2.0", "1.9")
