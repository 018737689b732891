"""Skip Tortoise's source scan for ``#:`` field comments in modules that have none.

Tortoise reads each model class's source at class creation (``inspect.getsource``, which parses
the whole module once per class) to turn ``#:`` comments into field descriptions. Our models
describe fields with ``description=`` and write no ``#:`` comments, yet the scan cost about
0.7 s of every start-up. This wraps the scan: a module whose file holds no ``#:`` gets ``{}``
at once (what the scan would find); any other module is scanned as before, so a plugin that does
use such comments keeps its descriptions.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType
from typing import Any

_TARGET = "tortoise.models"


@functools.cache
def _may_hold_comments(filename: str | None) -> bool:
    if not filename:
        return True
    try:
        with open(filename, encoding="utf-8") as handle:
            return "#:" in handle.read()
    except (OSError, UnicodeDecodeError):
        return True  # let Tortoise decide, as before


def _patch(module: ModuleType) -> None:
    original = module._get_comments
    if getattr(original, "_fengqiao_fast", False):
        return

    @functools.wraps(original)
    def get_comments(cls: Any) -> dict[str, str]:
        source_module = sys.modules.get(getattr(cls, "__module__", ""))
        if not _may_hold_comments(getattr(source_module, "__file__", None)):
            return {}
        return original(cls)

    get_comments._fengqiao_fast = True  # type: ignore[attr-defined]
    module._get_comments = get_comments  # type: ignore[attr-defined]


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Patch ``tortoise.models`` right after it is first imported (importing it here would make
    every ``import core`` load the ORM)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name != _TARGET:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module: ModuleType) -> None:
            exec_module(module)
            _patch(module)

        loader.exec_module = exec_and_patch  # type: ignore[method-assign]
        return spec


def install() -> None:
    if _TARGET in sys.modules:
        _patch(sys.modules[_TARGET])
    elif not any(isinstance(finder, _PatchOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())
