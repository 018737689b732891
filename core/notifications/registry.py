"""The notification kinds and channels of a deployment, collected once from the plugins."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING

from core.contract import NotificationChannel, NotificationKind
from core.errors import ConfigError

if TYPE_CHECKING:
    from core.runtime import Fengqiao


@dataclasses.dataclass(frozen=True)
class NotificationRegistry:
    kinds: dict[str, NotificationKind]
    owners: dict[str, str]
    by_event: dict[str, list[NotificationKind]]
    channels: dict[str, NotificationChannel]


def notification_registry(app: Fengqiao) -> NotificationRegistry:
    cached = getattr(app, "_notification_registry", None)
    if cached is None:
        cached = collect(app)
        app._notification_registry = cached
    return cached


def collect(app: Fengqiao) -> NotificationRegistry:
    from core.notifications.email import email_channel

    kinds: dict[str, NotificationKind] = {}
    owners: dict[str, str] = {}
    for plugin, declared in app.plugins.call_each("fengqiao_notification_kinds"):
        for kind in declared or ():
            if not isinstance(kind, NotificationKind):
                raise ConfigError(f"plugin '{plugin.name}': fengqiao_notification_kinds must return NotificationKind")
            if not kind.name.startswith(plugin.name + "."):
                raise ConfigError(f"plugin '{plugin.name}': notification kind '{kind.name}' must start with its name")
            if kind.name in kinds:
                raise ConfigError(f"notification kind '{kind.name}' is declared twice")
            kinds[kind.name], owners[kind.name] = kind, plugin.name
    by_event: dict[str, list[NotificationKind]] = defaultdict(list)
    for kind in kinds.values():
        by_event[kind.event].append(kind)
    channels: dict[str, NotificationChannel] = {}
    builtin = email_channel(app.settings.notifications)
    declared_channels = [("core", [builtin] if builtin else [])]
    declared_channels += [(p.name, c) for p, c in app.plugins.call_each("fengqiao_notification_channels")]
    for owner, items in declared_channels:
        for channel in items or ():
            if not isinstance(channel, NotificationChannel):
                raise ConfigError(f"plugin '{owner}': fengqiao_notification_channels must return NotificationChannel")
            if channel.name in channels:
                raise ConfigError(f"notification channel '{channel.name}' is declared twice")
            channels[channel.name] = channel
    return NotificationRegistry(kinds, owners, dict(by_event), channels)
