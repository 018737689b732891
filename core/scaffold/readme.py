"""The generated blocks of a plugin's README.md: its permissions, settings and indicators,
written from the plugin's own hooks so the README cannot drift from the code.

A block sits between ``<!-- generated:NAME -->`` and ``<!-- /generated:NAME -->``; the text
around the blocks is the author's. ``fengqiao plugin readme PATH`` rewrites the blocks,
``fengqiao plugin check PATH`` (and the test suite) fails while one is stale or missing.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

from core.config_example import _default, _field_help, _toml
from core.contract import IndicatorSpec, Permission
from core.permission_table import _cell, _ordered

BLOCKS = ("permissions", "settings", "indicators")


def start_marker(name: str) -> str:
    return f"<!-- generated:{name} -->"


def end_marker(name: str) -> str:
    return f"<!-- /generated:{name} -->"


def _block_pattern(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(start_marker(name)) + r"\n(.*?)" + re.escape(end_marker(name)), re.DOTALL)


def permissions_block(permissions: list[Permission]) -> str:
    if not permissions:
        return "No permissions.\n"
    lines = ["| permission | what it allows | default roles |", "|---|---|---|"]
    for permission in sorted(permissions, key=lambda permission: permission.code):
        roles = ", ".join(f"`{role.name}`" for role in _ordered(permission.roles)) or "none"
        lines.append(f"| `{permission.code}` | {_cell(permission.description)} | {roles} |")
    return "\n".join(lines) + "\n"


def settings_block(name: str, model: type | None) -> str:
    if model is None or not dataclasses.fields(model):
        return f"The plugin takes no settings (no `[{name}]` section).\n"
    lines = [f"In the `[{name}]` section of `fengqiao.toml`:", "", "| key | default | meaning |", "|---|---|---|"]
    for field in dataclasses.fields(model):
        default = _default(field)
        shown = "unset" if default is None else _setting_value(default)
        lines.append(f"| `{field.name}` | `{shown}` | {_cell(_field_help(model, field)) or '—'} |")
    return "\n".join(lines) + "\n"


def _setting_value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key} = {_toml(item)}" for key, item in value.items()) + "}"
    return _toml(value)


def indicators_block(indicators: list[IndicatorSpec]) -> str:
    if not indicators:
        return "No indicators.\n"
    lines = ["| indicator | label | unit | better | target | weight | category |", "|---|---|---|---|---|---|---|"]
    for spec in indicators:
        better = "higher" if spec.direction.value == "HIGHER_IS_BETTER" else "lower"
        lines.append(
            f"| `{spec.key}` | {_cell(spec.label)} | {_cell(spec.unit)} | {better} | {spec.target:g} | "
            f"{spec.weight:g} | {spec.category.value} |"
        )
    return "\n".join(lines) + "\n"


def blocks(module: ModuleType) -> dict[str, str]:
    """The generated text of each block, from the plugin module's hook implementations."""

    def call(hook: str, default: Any) -> Any:
        function: Callable[[], Any] | None = getattr(module, hook, None)
        return function() if function is not None else default

    info = call("fengqiao_plugin_info", None)
    name = info.name if info is not None else module.__name__.rsplit(".", 1)[-1]
    return {
        "permissions": permissions_block(list(call("fengqiao_permissions", []))),
        "settings": settings_block(name, call("fengqiao_settings_model", None)),
        "indicators": indicators_block(list(call("fengqiao_score_indicators", []))),
    }


def render(text: str, generated: Mapping[str, str]) -> str:
    """``text`` with every block's content replaced; a missing block is left missing."""
    for name, content in generated.items():
        replacement = f"{start_marker(name)}\n{content}{end_marker(name)}"
        text = _block_pattern(name).sub(replacement.replace("\\", "\\\\"), text)
    return text


def problems(path: Path, module: ModuleType) -> list[str]:
    """Blocks missing from the README at ``path`` or stale against the plugin's hooks."""
    if not path.is_file():
        return [f"{path}: missing"]
    text = path.read_text(encoding="utf-8")
    generated = blocks(module)
    found = []
    for name in BLOCKS:
        match = _block_pattern(name).search(text)
        if match is None:
            found.append(f"{path}: no generated {name} block ({start_marker(name)} … {end_marker(name)})")
        elif match.group(1) != generated[name]:
            found.append(f"{path}: the {name} block is stale; run `fengqiao plugin readme {path.parent}`")
    return found


def rewrite(path: Path, module: ModuleType) -> bool:
    """Rewrite the blocks of the README at ``path``; True when it changed."""
    text = path.read_text(encoding="utf-8")
    updated = render(text, blocks(module))
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text
