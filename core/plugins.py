"""Plugin discovery, selection, validation and ordering.

Built-in pillars and third-party plugins are found the same way: entry points in the group
``fengqiao.plugins``. ``[plugins] enabled`` chooses which load (default: all installed).
Everything that can go wrong while loading stops start-up with one ``ConfigError`` line naming
the plugin and the fix; the server never starts half-loaded.
"""

from __future__ import annotations

import dataclasses
import graphlib
import importlib.metadata
import inspect
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pluggy

from core import hookspecs
from core.config import Settings, build_dataclass
from core.contract import CONTRACT_VERSION, PluginInfo, contract_compatible
from core.errors import ConfigError

log = logging.getLogger("fengqiao.plugins")

ENTRY_POINT_GROUP = "fengqiao.plugins"
CORE_DISTRIBUTION = "fengqiao"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RESERVED_NAMES = {"core", "server", "plugins", "auth", "limits", "permissions", "scoring", "events"}
# Config sections of core services (a plugin's own section would collide with them).
RESERVED_NAMES |= {"storage", "attachments", "logging", "metrics", "tracing", "jobs", "records"}


@dataclasses.dataclass(frozen=True)
class LoadedPlugin:
    name: str
    info: PluginInfo
    module: Any
    hooks: tuple[str, ...]
    settings: Any
    distribution: str | None


@dataclasses.dataclass(frozen=True)
class AvailablePlugin:
    """An installed plugin, loaded or not (for ``fengqiao plugins``)."""

    name: str
    distribution: str | None
    entry_point: Any


def discover(*, third_party: bool = True) -> dict[str, AvailablePlugin]:
    """Installed plugins by name, without importing them."""
    found: dict[str, AvailablePlugin] = {}
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        distribution = entry_point.dist.name if entry_point.dist else None
        if not third_party and distribution != CORE_DISTRIBUTION:
            continue
        found.setdefault(entry_point.name, AvailablePlugin(entry_point.name, distribution, entry_point))
    return found


class PluginRegistry:
    """The enabled plugins, in dependency order, with per-plugin hook calls."""

    def __init__(self, manager: pluggy.PluginManager, plugins: Sequence[LoadedPlugin]) -> None:
        self.manager = manager
        self.plugins = {plugin.name: plugin for plugin in plugins}

    @property
    def names(self) -> list[str]:
        return list(self.plugins)

    def __contains__(self, name: object) -> bool:
        return name in self.plugins

    def settings_for(self, name: str) -> Any:
        return self.plugins[name].settings

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[LoadedPlugin, Any]]:
        """Call ``hook`` on every enabled plugin implementing it, in dependency order."""
        implementations = {impl.plugin_name: impl.function for impl in getattr(self.manager.hook, hook).get_hookimpls()}
        results = []
        for name, plugin in self.plugins.items():
            function = implementations.get(name)
            if function is not None:
                results.append((plugin, function(**kwargs)))
        return results

    async def acall_each(self, hook: str, **kwargs: Any) -> list[tuple[LoadedPlugin, Any]]:
        """Like ``call_each`` but awaits coroutine results."""
        results = []
        for plugin, result in self.call_each(hook, **kwargs):
            if inspect.isawaitable(result):
                result = await result
            results.append((plugin, result))
        return results

    async def gather(
        self, hook: str, *, enabled_for: Sequence[str] | None = None, **kwargs: Any
    ) -> list[tuple[LoadedPlugin, Any]]:
        """Call ``hook`` on each plugin (only those in ``enabled_for`` when given, e.g. a
        station's enabled plugins), awaiting results; a plugin that fails is logged and left
        out, so one broken plugin cannot take the others' answers down."""
        results = []
        for plugin, result in self.call_each(hook, **kwargs):
            if enabled_for is not None and plugin.name not in enabled_for:
                if inspect.iscoroutine(result):
                    result.close()
                continue
            try:
                if inspect.isawaitable(result):
                    result = await result
            except Exception:  # noqa: BLE001 — isolate plugins from each other
                log.exception("plugin '%s' failed in %s", plugin.name, hook)
                continue
            results.append((plugin, result))
        return results

    def hook_names(self) -> list[str]:
        return sorted(name for name in dir(hookspecs) if name.startswith("fengqiao_"))


def load_plugins(settings: Settings, *, extra: Iterable[Any] = ()) -> PluginRegistry:
    """Import, validate and order the enabled plugins.

    ``extra`` are plugin modules or objects registered directly (tests, embedding); they
    count as installed and follow the same selection rules.
    """
    available = discover(third_party=settings.plugins.third_party)
    direct = {}
    for obj in extra:
        info = _plugin_info(obj, getattr(obj, "__name__", repr(obj)))
        direct[info.name] = obj
    installed = set(available) | set(direct)
    wanted = list(settings.plugins.enabled) if settings.plugins.enabled is not None else sorted(installed)
    for name in wanted:
        if name not in installed:
            choices = ", ".join(sorted(installed)) or "none"
            raise ConfigError(
                f"plugin '{name}' in [plugins] enabled is not installed "
                f"(installed: {choices}); install it or remove it from the list"
            )
    modules = {name: direct.get(name) or _import(available[name]) for name in wanted}
    infos = {name: _plugin_info(module, name) for name, module in modules.items()}
    order = _dependency_order(infos)
    _check_sections(settings, installed)
    manager = pluggy.PluginManager("fengqiao")
    manager.add_hookspecs(hookspecs)
    loaded = []
    for name in order:
        _register(manager, name, modules[name])
        hooks = tuple(
            sorted(
                hook_name
                for hook_name in dir(manager.hook)
                if hook_name.startswith("fengqiao_")
                and any(impl.plugin_name == name for impl in getattr(manager.hook, hook_name).get_hookimpls())
            )
        )
        loaded.append(
            LoadedPlugin(
                name=name,
                info=infos[name],
                module=modules[name],
                hooks=hooks,
                settings=None,
                distribution=available[name].distribution if name in available else None,
            )
        )
    _check_pending(manager)
    registry = PluginRegistry(manager, loaded)
    _attach_settings(registry, settings)
    return registry


def _import(available: AvailablePlugin) -> Any:
    try:
        return available.entry_point.load()
    except Exception as error:  # noqa: BLE001 — any import failure must become one clear line
        raise ConfigError(
            f"plugin '{available.name}' failed to import ({type(error).__name__}: {error}); "
            "fix or reinstall it, or remove it from [plugins] enabled"
        ) from None


def _plugin_info(module: Any, name: str) -> PluginInfo:
    function = getattr(module, "fengqiao_plugin_info", None)
    if function is None:
        raise ConfigError(f"plugin '{name}' does not implement fengqiao_plugin_info; every plugin must")
    try:
        info = function()
    except Exception as error:  # noqa: BLE001
        raise ConfigError(f"plugin '{name}': fengqiao_plugin_info failed ({error})") from None
    if not isinstance(info, PluginInfo):
        raise ConfigError(f"plugin '{name}': fengqiao_plugin_info must return core.PluginInfo")
    if not _NAME.match(info.name) or info.name in RESERVED_NAMES:
        raise ConfigError(f"plugin '{name}': invalid plugin name {info.name!r} (use [a-z_], not a reserved word)")
    if not contract_compatible(info.contract):
        raise ConfigError(
            f"plugin '{info.name}' was written for plugin contract {info.contract}, "
            f"this core provides {CONTRACT_VERSION}; install a version of the plugin built for "
            f"{CONTRACT_VERSION.split('.')[0]}.x"
        )
    return info


def _dependency_order(infos: dict[str, PluginInfo]) -> list[str]:
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for name in sorted(infos):
        for dependency in infos[name].dependencies:
            if dependency not in infos:
                raise ConfigError(
                    f"plugin '{name}' needs plugin '{dependency}', which is not enabled; "
                    f"add '{dependency}' to [plugins] enabled"
                )
        sorter.add(name, *sorted(infos[name].dependencies))
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        raise ConfigError(f"plugins depend on each other in a cycle: {' -> '.join(error.args[1])}") from None
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        order.extend(ready)
        sorter.done(*ready)
    return order


def _register(manager: pluggy.PluginManager, name: str, module: Any) -> None:
    try:
        manager.register(module, name=name)
    except pluggy.PluginValidationError as error:
        raise ConfigError(f"plugin '{name}': {error}") from None
    except ValueError as error:
        raise ConfigError(f"plugin '{name}' is registered twice ({error})") from None


def _check_pending(manager: pluggy.PluginManager) -> None:
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        plugin = manager.get_name(error.plugin) if error.plugin else "?"
        hook = str(error).split("'")[1] if "'" in str(error) else str(error)
        raise ConfigError(
            f"plugin '{plugin}' implements unknown hook '{hook}'; check its spelling against "
            "core.hookspecs (docs/plugins.md)"
        ) from None


def _check_sections(settings: Settings, installed: set[str]) -> None:
    for section in settings.plugin_sections:
        if section not in installed:
            raise ConfigError(f"[{section}]: unknown section; it is neither a core setting nor an installed plugin")


def _attach_settings(registry: PluginRegistry, settings: Settings) -> None:
    for plugin, model in registry.call_each("fengqiao_settings_model"):
        section = settings.plugin_sections.get(plugin.name, {})
        if model is None:
            if section:
                raise ConfigError(f"[{plugin.name}]: plugin '{plugin.name}' takes no settings")
            continue
        value = build_dataclass(model, section, plugin.name)
        registry.plugins[plugin.name] = dataclasses.replace(plugin, settings=value)
