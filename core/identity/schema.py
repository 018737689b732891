"""Root fields of identity: login, me, stations, areas, users, plugins."""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.contract import Role
from core.geo.fields import SpatialArgument
from core.geo.filtering import spatially
from core.geo.types import GeoPointInput
from core.graphql.connections import connection
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field
from core.graphql.ids import decode_id
from core.identity import models, services
from core.identity.types import Area, PluginInfo, Station, User
from core.tenancy import scoped


@strawberry.input(description="Credentials for login.")
class LoginInput:
    username: str = strawberry.field(description="Login name of the account (3-64 letters, digits, '.', '-' or '_').")
    password: str = strawberry.field(
        description="The account's password. Never logged; a wrong username and a wrong password get the same answer."
    )


@strawberry.type(description="Result of login: a bearer token on success.")
class LoginPayload:
    token: str | None = strawberry.field(
        default=None,
        description=(
            "Bearer token for the Authorization header (Authorization: Bearer <token>); valid for [auth] "
            "token_ttl_minutes (480 unless configured). Null when login failed."
        ),
    )
    user: User | None = strawberry.field(
        default=None,
        description="The account that logged in; null when login failed.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description=(
            "Why login failed: INVALID for wrong credentials, LOCKED after [auth] max_failed_logins failures in a "
            "row (5 unless configured, for lockout_minutes). Empty on success."
        ),
    )


@strawberry.input(description="A new station.")
class CreateStationInput:
    name: str = strawberry.field(description="Name of the station, e.g. 枫桥派出所.")
    code: str = strawberry.field(description="Unique code, e.g. the public-security organ code.")
    station_class: models.StationClass = strawberry.field(
        description="Station class (派出所等级), used to rank like with like."
    )
    plugins: list[str] | None = strawberry.field(default=None, description="Plugins to enable; default: all loaded.")


@strawberry.type(description="Result of createStation.")
class CreateStationPayload:
    station: Station | None = strawberry.field(
        default=None,
        description="The station created; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused (e.g. CONFLICT for a code in use); empty on success.",
    )


@strawberry.input(description="Which plugins a station runs.")
class SetStationPluginsInput:
    station_id: strawberry.ID = strawberry.field(description="Global id of the station.")
    plugins: list[str] = strawberry.field(
        description=(
            "Names of the loaded plugins the station runs from now on (see plugins); the rest are switched off for "
            "it. Unknown names are refused."
        )
    )


@strawberry.type(description="Result of setStationPlugins.")
class SetStationPluginsPayload:
    station: Station | None = strawberry.field(
        default=None,
        description="The station with its new enabledPlugins; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success.",
    )


@strawberry.input(description="A new area in a station's jurisdiction.")
class CreateAreaInput:
    station_id: strawberry.ID = strawberry.field(
        description=(
            "Global id of the station whose jurisdiction the area belongs to (your own unless you are a bureau admin)."
        )
    )
    name: str = strawberry.field(description="Name of the area, e.g. 枫源村 or 第三网格.")
    kind: models.AreaKind = strawberry.field(
        description="Level of the area; must be below its parent's level (TOWN has no parent)."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the enclosing area in the same station; required for every kind but TOWN.",
    )
    centre: GeoPointInput | None = strawberry.field(
        default=None, description="The area's centre (中心点), in any datum; stored in WGS-84. Optional."
    )


@strawberry.type(description="Result of createArea.")
class CreateAreaPayload:
    area: Area | None = strawberry.field(default=None, description="The area created; null when the input was refused.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success.",
    )


@strawberry.input(description="A new user account.")
class CreateUserInput:
    username: str = strawberry.field(
        description="Login name: 3-64 letters, digits, '.', '-' or '_'; unique in the deployment."
    )
    password: str = strawberry.field(
        description=(
            "Initial password, at least [auth] min_password_length characters (10 unless configured). Stored only as "
            "an Argon2 hash."
        )
    )
    display_name: str = strawberry.field(description="Name shown to colleagues, e.g. 王警官.")
    roles: list[Role] = strawberry.field(
        description="At least one role. Only a bureau admin may grant BUREAU_ADMIN or AUDITOR."
    )
    station_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "Global id of the user's station; required for station roles, omitted for deployment-wide accounts "
            "(BUREAU_ADMIN, AUDITOR)."
        ),
    )


@strawberry.type(description="Result of createUser.")
class CreateUserPayload:
    user: User | None = strawberry.field(
        default=None,
        description="The account created; null when the input was refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused (e.g. CONFLICT for a username in use); empty on success.",
    )


@strawberry.input(description="Filter for areas.")
class AreaFilter:
    station_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only areas of this station (global id); bureau roles use it to pick one station.",
    )
    kind: models.AreaKind | None = strawberry.field(default=None, description="Only areas of this level, e.g. GRID.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only the direct children of this area (global id).",
    )


def filtered_areas(actor: Any, filter: AreaFilter | None, *, field: str = "filter") -> QuerySet[models.Area]:
    """The areas the actor may read, narrowed by ``filter`` (the list's and the map's rule)."""
    queryset = scoped(actor, models.Area)
    if filter is None:
        return queryset
    if filter.station_id is not None:
        queryset = queryset.filter(station_id=decode_id(filter.station_id, "Station", field=f"{field}.stationId"))
    if filter.kind is not None:
        queryset = queryset.filter(kind=filter.kind)
    if filter.parent_id is not None:
        queryset = queryset.filter(parent_id=decode_id(filter.parent_id, "Area", field=f"{field}.parentId"))
    return queryset


@strawberry.type
class IdentityQuery:
    @query_field(public=True, description="The logged-in user, or null.")
    async def me(self, info: Info) -> User | None:
        actor = info.context.actor
        if not actor.is_authenticated:
            return None
        row = await models.User.get_or_none(id=actor.user_id)
        return User.from_row(row) if row else None

    @query_field(permission="core.station.read", description="Stations the caller may see.")
    @connection(Station)
    async def stations(
        self,
        info: Info,
    ) -> QuerySet:
        return scoped(info.context.actor, models.Station).order_by("id")

    @query_field(permission="core.area.read", description="Areas of the caller's station(s).")
    @connection(Area)
    async def areas(
        self,
        info: Info,
        filter: Annotated[
            AreaFilter | None,
            strawberry.argument(
                description="Narrow by station, level or parent; omitted → every area the caller may see."
            ),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        queryset = await spatially(info.context.actor, filtered_areas(info.context.actor, filter), spatial)
        return queryset.order_by("id")

    @query_field(permission="core.user.read", description="User accounts of the caller's station(s).")
    @connection(User)
    async def users(
        self,
        info: Info,
    ) -> QuerySet:
        return scoped(info.context.actor, models.User).order_by("id")

    @query_field(permission="core.plugins.read", description="Plugins loaded by this deployment.")
    def plugins(self, info: Info) -> list[PluginInfo]:
        actor = info.context.actor
        return [
            PluginInfo(
                name=p.name,
                version=p.info.version,
                title=p.info.title,
                description=p.info.description,
                enabled=actor.plugin_enabled(p.name),
            )
            for p in info.context.app.plugins.plugins.values()
        ]


@strawberry.type
class IdentityMutation:
    @mutation_field(
        public=True,
        transactional=False,
        description="Exchange username and password for a bearer token. After repeated failures a username "
        "answers LOCKED for a while, whether or not it is an account.",
    )
    async def login(
        self,
        info: Info,
        input: Annotated[LoginInput, strawberry.argument(description="Username and password.")],
    ) -> LoginPayload:
        from core.errors import UserErrorCode
        from core.identity.lockout import login

        result = await login(input.username, input.password)
        if result.error is not None:
            code = UserErrorCode(result.code or "INVALID")
            return LoginPayload(errors=[UserError(field=None, message=result.error, code=code)])
        return LoginPayload(token=result.token, user=User.from_row(result.user))

    @mutation_field(permission="core.station.manage", description="Create a station (派出所).")
    async def create_station(
        self,
        info: Info,
        input: Annotated[
            CreateStationInput,
            strawberry.argument(description="Name, code and class of the new station, and optionally its plugins."),
        ],
    ) -> CreateStationPayload:
        station = await services.create_station(input.name, input.code, input.station_class, input.plugins)
        return CreateStationPayload(station=Station.from_row(station))

    @mutation_field(permission="core.station.manage", description="Switch a station's plugins on or off.")
    async def set_station_plugins(
        self,
        info: Info,
        input: Annotated[
            SetStationPluginsInput,
            strawberry.argument(description="The station and the full list of plugins it runs from now on."),
        ],
    ) -> SetStationPluginsPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId")
        station = await services.set_station_plugins(info.context.actor, station_id, input.plugins)
        return SetStationPluginsPayload(station=Station.from_row(station))

    @mutation_field(permission="core.area.manage", description="Add an area to a station's jurisdiction.")
    async def create_area(
        self,
        info: Info,
        input: Annotated[
            CreateAreaInput,
            strawberry.argument(description="The station, name, level and parent of the new area."),
        ],
    ) -> CreateAreaPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId")
        parent_id = decode_id(input.parent_id, "Area", field="parentId", required=False)
        area = await services.create_area(
            info.context.actor, station_id, input.name, input.kind, parent_id, centre=input.centre
        )
        return CreateAreaPayload(area=Area.from_row(area))

    @mutation_field(permission="core.user.manage", description="Create a user account.")
    async def create_user(
        self,
        info: Info,
        input: Annotated[
            CreateUserInput,
            strawberry.argument(
                description="Username, initial password, display name, roles and station of the new account."
            ),
        ],
    ) -> CreateUserPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId", required=False)
        user = await services.create_user(
            info.context.actor, input.username, input.password, input.display_name, input.roles, station_id
        )
        return CreateUserPayload(user=User.from_row(user))
