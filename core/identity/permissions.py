"""Permission codes, default grants per role, and configuration overrides."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from core.config import PermissionSettings
from core.contract import Permission, Role
from core.errors import ConfigError

R = Role
STAFF = (R.STATION_CHIEF, R.OFFICER, R.AUXILIARY)
EVERYONE_AT_STATION = (*STAFF, R.GRID_WORKER, R.MEDIATOR, R.VOLUNTEER)

CORE_PERMISSIONS = (
    Permission(
        "core.station.read", "See stations and their settings.", (R.BUREAU_ADMIN, *EVERYONE_AT_STATION, R.AUDITOR)
    ),
    Permission("core.station.manage", "Create stations and switch their plugins on and off.", (R.BUREAU_ADMIN,)),
    Permission("core.area.read", "See the area tree of the jurisdiction.", (R.BUREAU_ADMIN, *EVERYONE_AT_STATION)),
    Permission("core.area.manage", "Create and edit areas.", (R.BUREAU_ADMIN, R.STATION_CHIEF)),
    Permission("core.user.read", "See user accounts.", (R.BUREAU_ADMIN, R.STATION_CHIEF, R.AUDITOR)),
    Permission("core.user.manage", "Create user accounts and assign roles.", (R.BUREAU_ADMIN, R.STATION_CHIEF)),
    Permission("core.audit.read", "Read the audit log and verify its chain.", (R.AUDITOR, R.BUREAU_ADMIN)),
    Permission(
        "core.personal.view_full",
        "See ID numbers, phones and addresses unmasked (audited).",
        (R.BUREAU_ADMIN, R.STATION_CHIEF, R.OFFICER),
    ),
    Permission("core.personal.view_minors", "See people under 14.", (R.STATION_CHIEF, R.OFFICER)),
    Permission(
        "core.plugins.read", "List the loaded plugins.", (R.BUREAU_ADMIN, *EVERYONE_AT_STATION, R.AUDITOR, R.RESIDENT)
    ),
    Permission("core.score.read", "See station scores and rankings.", (R.BUREAU_ADMIN, R.STATION_CHIEF, R.OFFICER)),
    Permission(
        "core.score.peers",
        "See where the own station stands among its peers (county, city or province; optionally one class): "
        "each peer's name, total and rank, not its indicators.",
        (R.STATION_CHIEF, R.OFFICER),
    ),
    Permission("core.score.freeze", "Freeze a month's scores and ranking.", (R.BUREAU_ADMIN,)),
    Permission(
        "core.attachment.read",
        "List and download attachments (each object type also asks for its plugin's read permission).",
        (R.BUREAU_ADMIN, *EVERYONE_AT_STATION),
    ),
    Permission(
        "core.attachment.upload",
        "Upload attachments (each object type also asks for its plugin's upload permission).",
        (R.BUREAU_ADMIN, *EVERYONE_AT_STATION),
    ),
    Permission("core.jobs.read", "See periodic jobs and their runs.", (R.BUREAU_ADMIN,)),
    Permission(
        "core.webhooks.manage",
        "Register a station's webhook endpoints, rotate their secrets, see and replay deliveries.",
        (R.BUREAU_ADMIN, R.STATION_CHIEF),
    ),
    Permission(
        "core.notifications.use",
        "Read one's own notification inbox, choose how each kind arrives, register channel addresses.",
        (R.BUREAU_ADMIN, *EVERYONE_AT_STATION, R.AUDITOR),
    ),
    Permission(
        "core.exports.create",
        "Export lists one may read to CSV/XLSX (masked as on screen, watermarked, audited, row-limited by role).",
        (R.BUREAU_ADMIN, *STAFF, R.AUDITOR),
    ),
)


@dataclasses.dataclass(frozen=True)
class PermissionRegistry:
    """Every declared permission (by code, with its owner) and the effective grants."""

    permissions: Mapping[str, tuple[str, Permission]]
    grants: Mapping[Role, frozenset[str]]

    def for_roles(self, roles: Iterable[Role]) -> frozenset[str]:
        result: set[str] = set()
        for role in roles:
            result |= self.grants.get(role, frozenset())
        return frozenset(result)

    def describe(self, code: str) -> str:
        return self.permissions[code][1].description


def build_permissions(
    declared: Iterable[tuple[str, Iterable[Permission]]], overrides: PermissionSettings
) -> PermissionRegistry:
    """Collect ``(owner, permissions)`` pairs, reject duplicates and foreign prefixes, and apply
    the ``[permissions]`` grant/revoke overrides."""
    permissions: dict[str, tuple[str, Permission]] = {}
    for owner, items in declared:
        for permission in items:
            if not permission.code.startswith(owner + "."):
                raise ConfigError(
                    f"plugin '{owner}' declares permission '{permission.code}'; its codes must start with '{owner}.'"
                )
            if permission.code in permissions:
                raise ConfigError(f"permission '{permission.code}' is declared twice")
            permissions[permission.code] = (owner, permission)
    grants: dict[Role, set[str]] = {role: set() for role in Role}
    for code, (_, permission) in permissions.items():
        for role in permission.roles:
            grants[role].add(code)
    for section, change in (("grant", set.update), ("revoke", set.difference_update)):
        for role_name, codes in getattr(overrides, section).items():
            role = _role(role_name, f"permissions.{section}")
            for code in codes:
                if code not in permissions:
                    raise ConfigError(f"permissions.{section}.{role_name}: unknown permission '{code}'")
            change(grants[role], codes)
    return PermissionRegistry(permissions, {role: frozenset(codes) for role, codes in grants.items()})


def _role(name: str, where: str) -> Role:
    try:
        return Role[name]
    except KeyError:
        raise ConfigError(f"{where}.{name}: unknown role (roles: {', '.join(r.name for r in Role)})") from None
