"""GraphQL of regions (行政区划): the ``Region`` type, ``regions``, ``createRegion`` and
``setStationRegion``. Thin: the rules live in ``core.identity.regions``."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core.graphql.connections import connection
from core.graphql.errors import UserError
from core.graphql.fields import mutation_field, query_field
from core.graphql.ids import decode_id
from core.identity import models, regions
from core.identity.services import get_station
from core.identity.types import Region, Station
from core.tenancy import scoped


@strawberry.input(description="Filter for regions.")
class RegionFilter:
    level: models.RegionLevel | None = strawberry.field(default=None, description="Only regions of this level.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only the regions directly below this one."
    )


@strawberry.input(description="A new province, city or county (bureau admins).")
class CreateRegionInput:
    name: str = strawberry.field(description="Official name, e.g. 渠县.")
    code: str = strawberry.field(description="行政区划代码 (2-12 letters or digits), unique, e.g. 511725.")
    level: models.RegionLevel = strawberry.field(description="Province, city or county.")
    parent_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The region above: none for a province, a province for a city, a city (or a municipality's "
        "province-level region) for a county.",
    )


@strawberry.type(description="Result of createRegion.")
class CreateRegionPayload:
    region: Region | None = strawberry.field(default=None, description="The new region; null on errors.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why nothing was created.")


@strawberry.input(description="Place a station in its county (bureau admins).")
class SetStationRegionInput:
    station_id: strawberry.ID = strawberry.field(description="The station to place.")
    region_id: strawberry.ID | None = strawberry.field(
        default=None, description="A COUNTY region; null takes the station out of every region."
    )


@strawberry.type(description="Result of setStationRegion.")
class SetStationRegionPayload:
    station: Station | None = strawberry.field(default=None, description="The station with its new region.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why nothing changed.")


@strawberry.type
class RegionQuery:
    @query_field(
        permission="core.station.read",
        description="Provinces, cities and counties (行政区划) of the deployment, top-down.",
    )
    @connection(Region)
    async def regions(
        self,
        info: Info,
        filter: Annotated[RegionFilter | None, strawberry.argument(description="Which regions.")] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.Region)
        if filter is not None:
            if filter.level is not None:
                queryset = queryset.filter(level=filter.level)
            if filter.parent_id is not None:
                queryset = queryset.filter(parent_id=decode_id(filter.parent_id, "Region", field="filter.parentId"))
        return queryset.order_by("id")


@strawberry.type
class RegionMutation:
    @mutation_field(permission="core.station.manage", description="Add a province, city or county (行政区划).")
    async def create_region(
        self, info: Info, input: Annotated[CreateRegionInput, strawberry.argument(description="The new region.")]
    ) -> CreateRegionPayload:
        parent_id = decode_id(input.parent_id, "Region", field="parentId", required=False)
        region = await regions.create_region(input.name, input.code, input.level, parent_id)
        return CreateRegionPayload(region=Region.from_row(region))

    @mutation_field(
        permission="core.station.manage",
        description="Place a station in its county, which decides its peers in rankings (audited).",
    )
    async def set_station_region(
        self,
        info: Info,
        input: Annotated[SetStationRegionInput, strawberry.argument(description="The station and its county.")],
    ) -> SetStationRegionPayload:
        station_id = decode_id(input.station_id, "Station", field="stationId")
        region_id = decode_id(input.region_id, "Region", field="regionId", required=False)
        station = await get_station(info.context.actor, station_id, field="stationId")
        station = await regions.set_station_region(station, region_id)
        return SetStationRegionPayload(station=Station.from_row(station))
