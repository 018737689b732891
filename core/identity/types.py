"""GraphQL types of identity: Station, Area, User, roles and plugin info."""

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from core.contract import Role
from core.geo.datum import Datum
from core.geo.fields import DatumArgument, distance_field, location_field
from core.geo.geojson import geometry_in
from core.graphql.enums import graphql_enum
from core.graphql.relay import Node, node_type
from core.graphql.rows import reference, row_mapping
from core.identity import models
from core.tenancy import scoped

graphql_enum(
    Role,
    description="A user's role (角色).",
    values={
        "BUREAU_ADMIN": "县局管理员 — bureau admin: all stations of the deployment.",
        "STATION_CHIEF": "所长/教导员 — station chief or instructor: everything in own station.",
        "OFFICER": "民警 — officer, including community officers.",
        "AUXILIARY": "辅警 — auxiliary police: no approvals, masked personal data.",
        "GRID_WORKER": "网格员/村(社区)干部 — grid worker or village cadre.",
        "MEDIATOR": "调解员 — mediator (professional, volunteer or people's mediator).",
        "VOLUNTEER": "志愿者 — volunteer.",
        "RESIDENT": "群众 — resident.",
        "AUDITOR": "审计 — reads the audit log, nothing else.",
    },
)
graphql_enum(
    models.StationClass,
    description="Station class (派出所等级), 一类 to 四类.",
    values={
        "ONE": "一类所",
        "TWO": "二类所",
        "THREE": "三类所",
        "FOUR": "四类所",
    },
)
graphql_enum(
    models.AreaKind,
    description="Level of an area in a station's jurisdiction.",
    values={
        "TOWN": "镇/街道 — town or street.",
        "VILLAGE": "村 — village.",
        "COMMUNITY": "社区 — urban community.",
        "GRID": "网格 — grid.",
        "COMPOUND": "小区 — residential compound.",
    },
)


@strawberry.type(description="A unit of a station's jurisdiction (辖区): town, village, grid, compound.")
class Area(Node):
    name: str = strawberry.field(description="Name of the area, e.g. 枫源村.")
    kind: models.AreaKind = strawberry.field(
        description="Level of the area: town, village, community, grid or compound."
    )
    parent_id: strawberry.ID | None = strawberry.field(description="Global id of the parent area.")
    location = location_field("The area's centre (中心点); null when none was recorded.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.Area]

    @strawberry.field(
        description=(
            "The area's boundary (边界) as a GeoJSON Polygon or MultiPolygon geometry in the datum asked for; null "
            "until one is imported."
        )
    )
    def boundary(self, datum: DatumArgument = Datum.WGS84) -> JSON | None:
        if not self._row.boundary:
            return None
        return geometry_in(self._row.boundary, datum)

    from_row = row_mapping(models.Area, parent_id=reference("Area", "parent_id"))


async def _areas_of(station_ids: list[int], info: Info) -> list[list[Area]]:
    rows = await scoped(info.context.actor, models.Area).filter(station_id__in=station_ids).order_by("id")
    by_station: dict[int, list[Area]] = {station_id: [] for station_id in station_ids}
    for row in rows:
        by_station[row.station_id].append(Area.from_row(row))
    return [by_station[station_id] for station_id in station_ids]


@strawberry.type(description="A police station (派出所): the tenant that owns its data.")
class Station(Node):
    name: str = strawberry.field(description="Name of the station, e.g. 枫桥派出所.")
    code: str = strawberry.field(
        description="Unique station code (2-32 letters, digits, '-' or '_'), e.g. the public-security organ code."
    )
    station_class: models.StationClass = strawberry.field(
        description="Station class (派出所等级); rankings can compare within one class."
    )
    enabled_plugins: list[str] = strawberry.field(description="Plugins this station runs.")
    _row: strawberry.Private[models.Station]

    from_row = row_mapping(models.Station)

    @strawberry.field(
        description="The county (区县) the station sits in; its city and province follow Region.parent. Null "
        "until a bureau admin places the station (setStationRegion)."
    )
    async def region(self, info: Info) -> "Region | None":
        return await load_region(info, self._row.region_id)

    @strawberry.field(description="The station's areas, top-down (visible to area readers).")
    async def areas(self, info: Info) -> list[Area]:
        if not info.context.actor.has("core.area.read"):
            return []

        async def batch(station_ids: list[int]) -> list[list[Area]]:
            return await _areas_of(station_ids, info)

        return await info.context.loader(batch, key="station.areas").load(self._row.id)


@strawberry.type(description="A user account.")
class User(Node):
    username: str = strawberry.field(description="Login name, unique in the deployment.")
    display_name: str = strawberry.field(description="Name shown to colleagues and in records, e.g. 王警官.")
    roles: list[Role] = strawberry.field(description="What the account may do; see Role.")
    is_active: bool = strawberry.field(
        description="False when the account is disabled: it cannot log in and its tokens are refused."
    )
    _row: strawberry.Private[models.User]

    from_row = row_mapping(models.User)

    @strawberry.field(description="The user's station; null for deployment-wide accounts.")
    async def station(self, info: Info) -> Station | None:
        if self._row.station_id is None:
            return None

        async def batch(ids: list[int]) -> list[Station | None]:
            rows = {row.id: row for row in await models.Station.filter(id__in=ids)}
            return [Station.from_row(rows[i]) if i in rows else None for i in ids]

        return await info.context.loader(batch, key="user.station").load(self._row.station_id)


@strawberry.type(description="A plugin loaded by this deployment.")
class PluginInfo:
    name: str = strawberry.field(description="Plugin name as used in configuration and enabledPlugins, e.g. mediation.")
    version: str = strawberry.field(description="Version of the installed plugin package.")
    title: str = strawberry.field(description="Human-readable title, e.g. 矛盾纠纷调解.")
    description: str = strawberry.field(description="What the plugin adds to a station's work.")
    enabled: bool = strawberry.field(
        description="Whether the caller's station runs it (always true for deployment-wide accounts)."
    )


graphql_enum(
    models.RegionLevel,
    description="Administrative level above a station's own areas (行政区划级别), from the top; also the scope "
    "of a peer ranking.",
    values={
        "PROVINCE": "省/自治区/直辖市 — province: e.g. the 一网考 ranks a class's stations province-wide.",
        "CITY": "市/州 — city or prefecture.",
        "COUNTY": "县/区 — county or district: the county bureau (县局) whose stations a station sits among.",
    },
)


@strawberry.type(
    description="A province, city or county (行政区划) shared by the stations below it. Stations sit in a county; "
    "their own areas (town → compound) continue below it. Readable by everyone who may see stations."
)
class Region(Node):
    name: str = strawberry.field(description="Official name, e.g. 渠县 or 达州市.")
    code: str = strawberry.field(description="行政区划代码, e.g. 511725 for 渠县; unique in the deployment.")
    level: models.RegionLevel = strawberry.field(description="Province, city or county.")
    parent_id: strawberry.ID | None = strawberry.field(
        description="Global id of the region above (a county's city, a city's province); null for a province."
    )
    _row: strawberry.Private[models.Region]

    from_row = row_mapping(models.Region, parent_id=reference("Region", "parent_id"))

    @strawberry.field(description="The region above, or null for a province.")
    async def parent(self, info: Info) -> "Region | None":
        return await load_region(info, self._row.parent_id)


async def load_region(info: Info, region_id: int | None) -> Region | None:
    """A region by id, batched over the request."""
    if region_id is None:
        return None

    async def batch(ids: list[int]) -> list[Region | None]:
        rows = {row.id: row for row in await models.Region.filter(id__in=ids)}
        return [Region.from_row(rows[i]) if i in rows else None for i in ids]

    return await info.context.loader(batch, key="core.region").load(region_id)


node_type(models.Station, "core.station.read")(Station)
node_type(models.Region, "core.station.read")(Region)
node_type(models.Area, "core.area.read")(Area)
node_type(models.User, "core.user.read")(User)
