"""Identity rules: stations, areas, users, login. Plain async functions; no GraphQL here.

Every writing function runs inside the caller's transaction and records its audit event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core import audit
from core.contract import Role
from core.errors import Forbidden, UserErrorCode, UserInputError
from core.geo.places import place
from core.geo.types import GeoPointInput
from core.identity.actor import Actor
from core.identity.models import Area, AreaKind, Station, StationClass, User
from core.identity.passwords import hash_password_async
from core.identity.tokens import read_token
from core.runtime import current_app
from core.tenancy import get_scoped

USERNAME = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
STATION_CODE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")
DEPLOYMENT_ROLES = {Role.BUREAU_ADMIN, Role.AUDITOR}


def _required(value: str | None, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise UserInputError(f"{label} is required.", field=field, code=UserErrorCode.REQUIRED)
    return value


async def create_station(
    name: str, code: str, station_class: StationClass, plugins: Sequence[str] | None = None
) -> Station:
    name = _required(name, "name", "Name")
    code = _required(code, "code", "Code")
    if not STATION_CODE.match(code):
        raise UserInputError("Code may contain letters, digits, '-' and '_' (2-32).", field="code")
    if await Station.filter(code=code).exists():
        raise UserInputError(f"A station with code {code!r} exists.", field="code", code=UserErrorCode.CONFLICT)
    enabled = _check_plugins(plugins, "plugins") if plugins is not None else current_app().plugins.names
    station = await Station.create(name=name, code=code, station_class=station_class, enabled_plugins=enabled)
    await audit.record("core.station.create", obj=station, station_id=station.id, after=audit.snapshot(station))
    return station


def _check_plugins(plugins: Sequence[str], field: str) -> list[str]:
    loaded = current_app().plugins.names
    unknown = [name for name in plugins if name not in loaded]
    if unknown:
        raise UserInputError(
            f"Unknown plugin(s): {', '.join(unknown)}; this deployment runs: {', '.join(loaded) or 'none'}.",
            field=field,
        )
    return [name for name in loaded if name in plugins]


async def set_station_plugins(actor: Actor, station_id: int, plugins: Sequence[str]) -> Station:
    station = await get_station(actor, station_id, field="stationId")
    before = audit.snapshot(station, ["enabled_plugins"])
    station.enabled_plugins = _check_plugins(plugins, "plugins")
    await station.save(update_fields=["enabled_plugins"])
    current_app().actors.clear()  # the station's users hold its plugins
    await audit.record(
        "core.station.set_plugins",
        obj=station,
        station_id=station.id,
        before=before,
        after=audit.snapshot(station, ["enabled_plugins"]),
    )
    return station


async def get_station(actor: Actor, station_id: int | None, *, field: str) -> Station:
    """A station the actor may reach (its own, or any for bureau admins)."""
    if station_id is not None and (actor.sees_all_stations or station_id == actor.station_id):
        station = await Station.get_or_none(id=station_id)
        if station is not None:
            return station
    raise UserInputError("Station not found.", field=field, code=UserErrorCode.NOT_FOUND)


async def create_area(
    actor: Actor,
    station_id: int,
    name: str,
    kind: AreaKind,
    parent_id: int | None,
    *,
    centre: GeoPointInput | None = None,
) -> Area:
    station = await get_station(actor, station_id, field="stationId")
    name = _required(name, "name", "Name")
    parent = None
    if parent_id is not None:
        parent = await get_scoped(actor, Area, parent_id, field="parentId", label="Parent area")
        if parent.station_id != station.id:
            raise UserInputError("Parent area not found.", field="parentId", code=UserErrorCode.NOT_FOUND)
        if kind.depth <= parent.kind.depth:
            raise UserInputError(
                f"A {kind.value} cannot sit under a {parent.kind.value}; children are lower levels.",
                field="kind",
            )
    elif kind is not AreaKind.TOWN:
        raise UserInputError(
            "Only a TOWN may be a top-level area; give a parentId.", field="parentId", code=UserErrorCode.REQUIRED
        )
    area = Area(station=station, name=name, kind=kind, parent=parent)
    await place(area, centre, field="centre")
    await area.save()
    await audit.record("core.area.create", obj=area, after=audit.snapshot(area))
    return area


async def create_user(
    actor: Actor,
    username: str,
    password: str,
    display_name: str,
    roles: Sequence[Role],
    station_id: int | None,
) -> User:
    username = _required(username, "username", "Username")
    if not USERNAME.match(username):
        raise UserInputError("Username: 3-64 letters, digits, '.', '-' or '_'.", field="username")
    display_name = _required(display_name, "displayName", "Display name")
    check_password_strength(password, "password")
    if not roles:
        raise UserInputError("Give at least one role.", field="roles", code=UserErrorCode.REQUIRED)
    roles = sorted(set(roles), key=lambda role: role.value)
    if not actor.sees_all_stations and (DEPLOYMENT_ROLES & set(roles)):
        raise Forbidden("Only a bureau admin may grant BUREAU_ADMIN or AUDITOR.")
    station = None
    if station_id is not None:
        station = await get_station(actor, station_id, field="stationId")
    elif not set(roles) <= DEPLOYMENT_ROLES:
        raise UserInputError("Station users need a stationId.", field="stationId", code=UserErrorCode.REQUIRED)
    if await User.filter(username=username).exists():
        raise UserInputError("This username is taken.", field="username", code=UserErrorCode.CONFLICT)
    user = await User.create(
        username=username,
        display_name=display_name,
        password_hash=await hash_password_async(password),
        station=station,
        roles=[role.value for role in roles],
    )
    await audit.record(
        "core.user.create",
        obj=user,
        station_id=station.id if station else None,
        after=audit.snapshot(user, ["username", "display_name", "station_id", "roles"]),
    )
    return user


def check_password_strength(password: str, field: str) -> None:
    minimum = current_app().settings.auth.min_password_length
    if len(password or "") < minimum:
        raise UserInputError(f"The password needs at least {minimum} characters.", field=field)


async def login(username: str, password: str) -> tuple[User | None, str | None, str | None]:
    """``(user, token, error message)``; the rules are in ``core.identity.lockout``."""
    from core.identity.lockout import login as checked_login

    result = await checked_login(username, password)
    return result.user, result.token, result.error


async def actor_for_token(token: str | None) -> Actor | None:
    """The actor a bearer token stands for, or None when the token is not (or no longer) valid."""
    if not token:
        return None
    app = current_app()
    claims = read_token(app.token_secret, token, app.clock.now())
    if claims is None:
        return None
    actor = app.actors.get(claims.user_id, claims.token_version)
    if actor is not None:
        return actor
    user = await User.get_or_none(id=claims.user_id, is_active=True).select_related("station")
    if user is None or user.token_version != claims.token_version:
        return None
    actor = actor_for_user(user)
    app.actors.put(user.id, user.token_version, actor)
    return actor


def actor_for_user(user: User) -> Actor:
    """Build the actor of a user whose ``station`` relation is loaded."""
    roles = frozenset(Role(role) for role in user.roles)
    station = user.station
    return Actor(
        user_id=user.id,
        username=user.username,
        roles=roles,
        station_id=user.station_id,
        permissions=current_app().permissions.for_roles(roles),
        station_plugins=frozenset(station.enabled_plugins) if station is not None else None,
    )
