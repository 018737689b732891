"""Root fields of identity: login, me, stations, areas, users, plugins."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.contract import Role
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field
from core.graphql.ids import decode_id
from core.graphql.relay import Connection, paginate
from core.identity import models, services
from core.identity.types import Area, PluginInfo, Station, User
from core.tenancy import scoped


@strawberry.input(description="Credentials for login.")
class LoginInput:
    username: str
    password: str


@strawberry.type(description="Result of login: a bearer token on success.")
class LoginPayload:
    token: str | None = None
    user: User | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="A new station.")
class CreateStationInput:
    name: str
    code: str = strawberry.field(description="Unique code, e.g. the public-security organ code.")
    station_class: models.StationClass
    plugins: list[str] | None = strawberry.field(default=None, description="Plugins to enable; default: all loaded.")


@strawberry.type(description="Result of createStation.")
class CreateStationPayload:
    station: Station | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Which plugins a station runs.")
class SetStationPluginsInput:
    station_id: strawberry.ID
    plugins: list[str]


@strawberry.type(description="Result of setStationPlugins.")
class SetStationPluginsPayload:
    station: Station | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="A new area in a station's jurisdiction.")
class CreateAreaInput:
    station_id: strawberry.ID
    name: str
    kind: models.AreaKind
    parent_id: strawberry.ID | None = None


@strawberry.type(description="Result of createArea.")
class CreateAreaPayload:
    area: Area | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="A new user account.")
class CreateUserInput:
    username: str
    password: str
    display_name: str
    roles: list[Role]
    station_id: strawberry.ID | None = None


@strawberry.type(description="Result of createUser.")
class CreateUserPayload:
    user: User | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Filter for areas.")
class AreaFilter:
    station_id: strawberry.ID | None = None
    kind: models.AreaKind | None = None
    parent_id: strawberry.ID | None = None


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
    async def stations(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Station]:
        queryset = scoped(info.context.actor, models.Station).order_by("id")
        return await paginate(
            info,
            queryset,
            lambda rows: [Station.from_row(r) for r in rows],
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @query_field(permission="core.area.read", description="Areas of the caller's station(s).")
    async def areas(
        self,
        info: Info,
        filter: AreaFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Area]:
        queryset = scoped(info.context.actor, models.Area)
        if filter is not None:
            if filter.station_id is not None:
                queryset = queryset.filter(station_id=decode_id(filter.station_id, "Station", field="filter.stationId"))
            if filter.kind is not None:
                queryset = queryset.filter(kind=filter.kind)
            if filter.parent_id is not None:
                queryset = queryset.filter(parent_id=decode_id(filter.parent_id, "Area", field="filter.parentId"))
        return await paginate(
            info,
            queryset.order_by("id"),
            lambda rows: [Area.from_row(r) for r in rows],
            first=first,
            after=after,
            last=last,
            before=before,
        )

    @query_field(permission="core.user.read", description="User accounts of the caller's station(s).")
    async def users(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[User]:
        queryset = scoped(info.context.actor, models.User).order_by("id")
        return await paginate(
            info,
            queryset,
            lambda rows: [User.from_row(r) for r in rows],
            first=first,
            after=after,
            last=last,
            before=before,
        )

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
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        from core.errors import UserErrorCode
        from core.identity.lockout import login

        result = await login(input.username, input.password)
        if result.error is not None:
            code = UserErrorCode(result.code or "INVALID")
            return LoginPayload(errors=[UserError(field=None, message=result.error, code=code)])
        return LoginPayload(token=result.token, user=User.from_row(result.user))

    @mutation_field(permission="core.station.manage", description="Create a station (派出所).")
    async def create_station(self, info: Info, input: CreateStationInput) -> CreateStationPayload:
        station = await services.create_station(input.name, input.code, input.station_class, input.plugins)
        return CreateStationPayload(station=Station.from_row(station))

    @mutation_field(permission="core.station.manage", description="Switch a station's plugins on or off.")
    async def set_station_plugins(self, info: Info, input: SetStationPluginsInput) -> SetStationPluginsPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId")
        station = await services.set_station_plugins(info.context.actor, station_id, input.plugins)
        return SetStationPluginsPayload(station=Station.from_row(station))

    @mutation_field(permission="core.area.manage", description="Add an area to a station's jurisdiction.")
    async def create_area(self, info: Info, input: CreateAreaInput) -> CreateAreaPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId")
        parent_id = decode_id(input.parent_id, "Area", field="parentId", required=False)
        area = await services.create_area(info.context.actor, station_id, input.name, input.kind, parent_id)
        return CreateAreaPayload(area=Area.from_row(area))

    @mutation_field(permission="core.user.manage", description="Create a user account.")
    async def create_user(self, info: Info, input: CreateUserInput) -> CreateUserPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId", required=False)
        user = await services.create_user(
            info.context.actor, input.username, input.password, input.display_name, input.roles, station_id
        )
        return CreateUserPayload(user=User.from_row(user))
