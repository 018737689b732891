"""``fengqiao plugin new NAME``: write a ready plugin package in the plugin shape
(``core.scaffold.shape``), the shape of the built-in plugins and of the example in
``examples/fengqiao-anti-fraud``.

The package has a pyproject with the ``fengqiao.plugins`` entry point, hookimpls, a model, its
permissions, a setting, GraphQL types, a query and a mutation, an indicator, demo data, a
README whose generated blocks are current, a first migration depending on the core migration
that is current now (the compatibility rule of docs/plugins.md), and tests that pass as written.
Only the standard library renders it (``string.Template`` over ``templates/*.tmpl``).
"""

from __future__ import annotations

import dataclasses
import re
import string
from importlib import resources
from pathlib import Path

from core.contract import CONTRACT_VERSION
from core.errors import ConfigError
from core.plugins import RESERVED_NAMES

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Output path (relative to the distribution's folder) -> template file. ``{package}`` is replaced.
FILES = {
    "pyproject.toml": "pyproject.toml.tmpl",
    "{package}/__init__.py": "__init__.py.tmpl",
    "{package}/README.md": "README.md.tmpl",
    "{package}/models.py": "models.py.tmpl",
    "{package}/migrations/__init__.py": None,
    "{package}/migrations/0001_initial.py": "migration_0001.py.tmpl",
    "{package}/permissions.py": "permissions.py.tmpl",
    "{package}/settings.py": "settings.py.tmpl",
    "{package}/types/__init__.py": "types_init.py.tmpl",
    "{package}/queries.py": "queries.py.tmpl",
    "{package}/mutations.py": "mutations.py.tmpl",
    "{package}/services/__init__.py": "services_init.py.tmpl",
    "{package}/scoring.py": "scoring.py.tmpl",
    "{package}/demo.py": "demo.py.tmpl",
    "tests/conftest.py": "conftest.py.tmpl",
    "tests/test_plugin.py": "test_plugin.py.tmpl",
}


@dataclasses.dataclass(frozen=True)
class PluginNames:
    """Every spelling of a plugin's name the package needs."""

    name: str  # plugin name: config section, app label, permission prefix (school_safety)
    package: str  # importable package (fengqiao_school_safety)
    distribution: str  # pip distribution and folder name (fengqiao-school-safety)
    camel: str  # GraphQL type prefix (SchoolSafety)
    lower_camel: str  # GraphQL field prefix (schoolSafety)
    title: str

    @classmethod
    def parse(cls, raw: str) -> PluginNames:
        name = raw.strip().lower().replace("-", "_")
        if name.startswith("fengqiao_"):
            name = name[len("fengqiao_") :]
        if not _NAME.match(name) or name.endswith("_") or "__" in name:
            raise ConfigError(
                f"plugin name {raw!r}: use lowercase letters, digits and single '_' or '-', starting with a letter "
                "(e.g. school_safety)"
            )
        if name in RESERVED_NAMES:
            raise ConfigError(f"plugin name {raw!r} is reserved by the core; choose another")
        parts = name.split("_")
        camel = "".join(part.capitalize() for part in parts)
        return cls(
            name=name,
            package=f"fengqiao_{name}",
            distribution="fengqiao-" + name.replace("_", "-"),
            camel=camel,
            lower_camel=camel[0].lower() + camel[1:],
            title=" ".join(part.capitalize() for part in parts),
        )


def current_core_migration() -> str:
    """Name of the newest core migration: a new plugin's first migration depends on it."""
    folder = resources.files("core.migrations")
    names = sorted(entry.name[: -len(".py")] for entry in folder.iterdir() if re.match(r"^\d{4}_\w+\.py$", entry.name))
    if not names:
        raise ConfigError("the core has no migrations; reinstall fengqiao")
    return names[-1]


def render(template: str, names: PluginNames) -> str:
    text = resources.files("core.scaffold").joinpath("templates", template).read_text(encoding="utf-8")
    values = dataclasses.asdict(names) | {"contract": CONTRACT_VERSION, "core_migration": current_core_migration()}
    return string.Template(text).substitute(values)


def create_plugin(raw_name: str, directory: str | Path = ".") -> Path:
    """Write the package into ``directory/<distribution>`` and return that folder. Refuses to
    touch an existing folder."""
    names = PluginNames.parse(raw_name)
    target = Path(directory) / names.distribution
    if target.exists():
        raise ConfigError(f"{target} already exists; choose another --directory or remove it")
    rendered = {
        relative.format(package=names.package): render(template, names) if template else ""
        for relative, template in FILES.items()
    }
    for relative, text in rendered.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target
