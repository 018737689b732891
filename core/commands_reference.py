"""``fengqiao config example`` and ``fengqiao permissions``: reference files generated from the code.

Both print to standard output and need no database; the checked-in ``fengqiao.example.toml``
and ``docs/permissions.md`` are their output with the built-in plugins
(``FENGQIAO_PLUGINS__THIRD_PARTY=false``), and CI fails when either is stale.
"""

from __future__ import annotations

import argparse

from core.cli import command, settings_from


def _registry(args: argparse.Namespace):
    from core.plugins import load_plugins

    return load_plugins(settings_from(args))


@command("config example")
def config_example(args: argparse.Namespace) -> int:
    from core import config_example as example

    models = sorted(
        (plugin.name, plugin.info.title, model)
        for plugin, model in _registry(args).call_each("fengqiao_settings_model")
    )
    print(example.render(models), end="")
    return 0


@command("permissions")
def permissions(args: argparse.Namespace) -> int:
    from core import permission_table
    from core.identity.permissions import CORE_PERMISSIONS

    declared = sorted(
        ((plugin.name, list(items or ())) for plugin, items in _registry(args).call_each("fengqiao_permissions")),
        key=lambda pair: pair[0],
    )
    print(permission_table.render([("core", CORE_PERMISSIONS), *declared]), end="")
    return 0
