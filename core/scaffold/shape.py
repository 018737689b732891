"""The one shape of a plugin package: which entries it has and what each holds.

``fengqiao plugin new`` writes this shape, ``fengqiao plugin check`` holds a package to it, and
the test suite checks every built-in plugin, the example plugin and a freshly written one.
docs/plugins.md ("The package") shows the tree.

The rule: a fixed set of top-level entries, each with one job; everything else lives in a
package entry — domain logic and helpers (import/export, PDF, templates, events) under
``services/``, GraphQL types, inputs and the loaders that serve them under ``types/``.
``queries``, ``mutations`` and ``demo`` are a module, or a package of the same name once the
module would pass ~400 lines (its ``__init__.py`` keeps what the module held, the rest in
modules beside it).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import sys
from pathlib import Path
from types import ModuleType


@dataclasses.dataclass(frozen=True)
class Entry:
    """A top-level entry of the package: its allowed forms (``name.py``, ``name/`` or a file
    name) and its job."""

    forms: tuple[str, ...]
    job: str
    required: bool = True

    @property
    def name(self) -> str:
        return self.forms[0]


ENTRIES: tuple[Entry, ...] = (
    Entry(("__init__.py",), "hook implementations only (@hookimpl functions)"),
    Entry(("README.md",), "what it does; permissions, settings, indicators (generated blocks)"),
    Entry(("models.py",), "Tortoise models (tables prefixed with the plugin name)"),
    Entry(("migrations/",), "the plugin's migrations, written by fengqiao makemigrations"),
    Entry(("permissions.py",), "permission codes and default roles; read rules, masked fields"),
    Entry(("settings.py",), "the settings dataclass of the plugin's fengqiao.toml section"),
    Entry(("types/",), "GraphQL types, inputs, enums and the loaders that serve them"),
    Entry(("queries.py", "queries/"), "root Query fields: thin, they scope and page"),
    Entry(("mutations.py", "mutations/"), "root Mutation fields: thin, they call services"),
    Entry(("services/",), "domain rules, no GraphQL: writes, listings, import/export, documents"),
    Entry(("scoring.py",), "performance indicators (IndicatorSpec)"),
    Entry(("demo.py", "demo/"), "the plugin's part of fengqiao demo"),
    Entry(("subscriptions.py",), "root Subscription fields", required=False),
    Entry(
        ("enums.py",),
        "Python enums of models, settings and services (no ORM import)",
        required=False,
    ),
    Entry(("notifications.py",), "notification kinds and the jobs that send them", required=False),
)

# Never part of the shape: build and cache output.
IGNORED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
# Module-level names ``__init__.py`` may assign besides hook implementations.
INIT_NAMES = {"__version__", "__all__"}


def check_plugin(folder: Path) -> list[str]:
    """The shape of the package in ``folder`` and its README's generated blocks (imports the
    package to call its hooks)."""
    from core.scaffold import readme

    folder = Path(folder).resolve()
    problems = check_package(folder)
    if (folder / "__init__.py").is_file():
        try:
            module = import_package(folder)
        except Exception as error:  # an import error is one more way to depart from the shape
            return [*problems, f"{folder / '__init__.py'}: cannot be imported ({error})"]
        problems.extend(readme.problems(folder / "README.md", module))
    return problems


def import_package(folder: Path) -> ModuleType:
    """Import the package in ``folder`` by its dotted name (``plugins.mediation``,
    ``fengqiao_anti_fraud``), putting its root's parent on ``sys.path`` when needed."""
    folder = Path(folder).resolve()
    parts = [folder.name]
    root = folder
    while (root.parent / "__init__.py").is_file():
        root = root.parent
        parts.insert(0, root.name)
    if str(root.parent) not in sys.path:
        sys.path.insert(0, str(root.parent))
    return importlib.import_module(".".join(parts))


def check_package(folder: Path) -> list[str]:
    """Every way the plugin package in ``folder`` departs from the shape, each naming the
    file; empty when it has the shape. (README blocks: ``core.scaffold.readme``.)"""
    folder = Path(folder)
    present = {_form(path) for path in folder.iterdir() if not _ignored(path)}
    problems: list[str] = []
    for entry in ENTRIES:
        found = [form for form in entry.forms if form in present]
        if entry.required and not found:
            problems.append(f"{folder}/{entry.name}: missing ({entry.job})")
        if len(found) > 1:
            problems.append(f"{folder}: both {' and '.join(found)}; keep one")
    allowed = {form for entry in ENTRIES for form in entry.forms}
    for form in sorted(present - allowed):
        problems.append(
            f"{folder / form.rstrip('/')}: not part of the plugin shape; move it under services/ or types/ "
            "(see docs/plugins.md, 'The package')"
        )
    for form in sorted(present & allowed):
        if form.endswith("/") and not (folder / form / "__init__.py").is_file():
            problems.append(f"{folder}/{form}__init__.py: missing (every package entry is a Python package)")
    if (folder / "__init__.py").is_file():
        problems.extend(check_init(folder / "__init__.py"))
    for form in sorted(present & allowed):
        if form.endswith("/") and (folder / form / "__init__.py").is_file():
            problems.extend(check_shadowing(folder / form.rstrip("/")))
    return problems


def check_shadowing(package: Path) -> list[str]:
    """A module of ``package`` must not share its name with a name the package's ``__init__.py``
    imports: importing the module binds its name on the package, replacing the imported one
    (``queries/care.py`` would replace ``from …services import care``)."""
    tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    imported = {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom) and not _imports_own_module(node, package.name)
        for alias in node.names
    }
    modules = {path.stem for path in package.glob("*.py")} | {
        path.name for path in package.iterdir() if path.is_dir() and (path / "__init__.py").is_file()
    }
    return [
        f"{package}/{name}: shares its name with a name {package.name}/__init__.py imports; rename the module"
        for name in sorted(modules & imported - {"__init__"})
    ]


def check_init(path: Path) -> list[str]:
    """``__init__.py`` holds hook implementations only: a docstring, imports, ``@hookimpl``
    functions and ``__version__``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    problems = []
    for index, node in enumerate(tree.body):
        if _allowed_in_init(node, first=index == 0):
            continue
        problems.append(
            f"{path}:{node.lineno}: {_describe(node)} — __init__.py holds hook implementations only; "
            "move it to the module of its job"
        )
    return problems


def _allowed_in_init(node: ast.stmt, *, first: bool) -> bool:
    if first and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True  # the module docstring
    if isinstance(node, ast.Import | ast.ImportFrom):
        return True
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return any(_is_hookimpl(decorator) for decorator in node.decorator_list)
    if isinstance(node, ast.Assign):
        return all(isinstance(target, ast.Name) and target.id in INIT_NAMES for target in node.targets)
    return False


def _is_hookimpl(decorator: ast.expr) -> bool:
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    return (isinstance(decorator, ast.Name) and decorator.id == "hookimpl") or (
        isinstance(decorator, ast.Attribute) and decorator.attr == "hookimpl"
    )


def _imports_own_module(node: ast.Import | ast.ImportFrom, package: str) -> bool:
    """``from . import enums`` or ``from plugins.patrol.types import enums`` in ``types/``."""
    if not isinstance(node, ast.ImportFrom):
        return False
    if node.level == 1 and node.module is None:
        return True
    return node.level == 0 and (node.module or "").rsplit(".", 1)[-1] == package


def _describe(node: ast.stmt) -> str:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return f"function {node.name}() is not a @hookimpl"
    if isinstance(node, ast.ClassDef):
        return f"class {node.name}"
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return "assignment to " + ", ".join(ast.unparse(target) for target in targets)
    return f"statement '{ast.unparse(node).splitlines()[0]}'"


def _form(path: Path) -> str:
    return path.name + "/" if path.is_dir() else path.name


def _ignored(path: Path) -> bool:
    return path.name in IGNORED or path.name.startswith(".") or path.suffix in {".pyc", ".pyo"}


def tree() -> str:
    """The shape as a tree, as docs/plugins.md shows it."""
    width = max(len(" | ".join(entry.forms)) for entry in ENTRIES) + 2
    lines = ["<plugin>/"]
    for entry in ENTRIES:
        name = " | ".join(entry.forms)
        optional = "" if entry.required else "(optional) "
        lines.append(f"  {name:<{width}}# {optional}{entry.job}".rstrip())
    return "\n".join(lines)
