"""The ``fengqiao plugin`` tools for plugin authors: new, check, readme."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli import command
from core.errors import ConfigError


@command("plugin new")
def plugin_new(args: argparse.Namespace) -> int:
    from core.scaffold import create_plugin

    target = create_plugin(args.name, args.directory)
    print(f"created {target}")
    print(f"next: cd {target} && pip install -e . && python -m pytest")
    return 0


@command("plugin check")
def plugin_check(args: argparse.Namespace) -> int:
    from core.scaffold.shape import check_plugin

    problems = [problem for folder in args.folders for problem in check_plugin(Path(folder))]
    for problem in problems:
        print(problem)
    if not problems:
        print(f"{len(args.folders)} plugin package(s) have the plugin shape")
    return 1 if problems else 0


@command("plugin readme")
def plugin_readme(args: argparse.Namespace) -> int:
    from core.scaffold import readme
    from core.scaffold.shape import import_package

    for folder in map(Path, args.folders):
        path = folder / "README.md"
        if not path.is_file():
            raise ConfigError(f"{path} does not exist; write it with the generated blocks of docs/plugins.md")
        changed = readme.rewrite(path, import_package(folder))
        print(f"{path}: {'rewritten' if changed else 'up to date'}")
    return 0
