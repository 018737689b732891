"""The actor: who is making a request, resolved once per request from the token."""

from __future__ import annotations

import dataclasses

from core.contract import Role


@dataclasses.dataclass(frozen=True)
class Actor:
    user_id: int | None = None
    username: str | None = None
    roles: frozenset[Role] = frozenset()
    station_id: int | None = None
    permissions: frozenset[str] = frozenset()
    # Plugins enabled for the actor's station (None: no station, e.g. a bureau admin).
    station_plugins: frozenset[str] | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def sees_all_stations(self) -> bool:
        """Bureau admins work across every station of the deployment."""
        return Role.BUREAU_ADMIN in self.roles

    def has(self, permission: str) -> bool:
        return permission in self.permissions

    def plugin_enabled(self, plugin: str | None) -> bool:
        """Whether the actor's station runs ``plugin``. Actors without a station work across
        stations; per-station checks then apply to the station a change targets."""
        if plugin is None or self.station_plugins is None:
            return True
        return plugin in self.station_plugins


ANONYMOUS = Actor()
SYSTEM = Actor(username="system")
