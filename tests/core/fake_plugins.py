"""Tiny plugin modules built in memory for plugin-loading tests."""

import types

from core import CONTRACT_VERSION, PluginInfo, hookimpl


def make_plugin(name: str, *, dependencies=(), contract: str = CONTRACT_VERSION, **hooks) -> types.ModuleType:
    module = types.ModuleType(f"fake_{name}")

    @hookimpl
    def fengqiao_plugin_info():
        return PluginInfo(name=name, version="1.0", title=name.title(), dependencies=dependencies, contract=contract)

    module.fengqiao_plugin_info = fengqiao_plugin_info
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module
