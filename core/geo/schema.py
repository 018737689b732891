"""GraphQL of maps: ``mapLayer`` (a GeoJSON FeatureCollection) and ``mapLayers`` (what exists)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from core.errors import UserInputError
from core.geo.datum import Datum
from core.geo.distance import Box
from core.geo.fields import DatumArgument
from core.geo.layers import AREAS_LAYER, AREAS_PERMISSION, build_layer, map_layers
from core.geo.places import area_containing, stored_point
from core.geo.types import BoxInput, GeoPointInput
from core.graphql.fields import query_field
from core.graphql.ids import decode_id
from core.graphql.inputs import PeriodInput
from core.identity.services import get_station
from core.identity.types import Area as AreaNode
from core.runtime import current_app


@strawberry.type(description="A map layer the caller may ask mapLayer for.")
class MapLayerInfo:
    kind: str = strawberry.field(description="The name to pass as mapLayer(kind:), e.g. mediation.disputes.")
    title: str = strawberry.field(description="Title to show in a layer picker.")
    description: str = strawberry.field(description="What the layer shows; may be empty.")
    takes_period: bool = strawberry.field(description="True when mapLayer(period:) narrows this layer.")


def _box(value: BoxInput | None) -> Box | None:
    if value is None:
        return None
    west, south, _ = stored_point(value.south_west, field="bbox.southWest")
    east, north, _ = stored_point(value.north_east, field="bbox.northEast")
    if west > east or south > north:
        raise UserInputError("southWest must be west and south of northEast.", field="bbox")
    return Box(west, south, east, north)


@strawberry.type
class MapQuery:
    @query_field(
        login_only=True,
        description=(
            "A map layer as a GeoJSON FeatureCollection (RFC 7946) a map library draws directly: points of a "
            "plugin's layer (e.g. mediation.disputes coloured by risk, patrol.incidents, patrol.cameras by status) "
            "or core.areas, the area boundaries with counts of every layer per area (a choropleth). Rows of the "
            "caller's reach only; each layer needs its own read permission. At most 5000 features "
            '("truncated": true beyond; zoom in with bbox).'
        ),
    )
    async def map_layer(
        self,
        info: Info,
        kind: Annotated[str, strawberry.argument(description="The layer: one of mapLayers' kinds.")],
        bbox: Annotated[
            BoxInput | None,
            strawberry.argument(description="Only features inside this box (the map's view); omitted → all."),
        ] = None,
        period: Annotated[
            PeriodInput | None,
            strawberry.argument(
                description="Only rows of this period (layers with takesPeriod; for core.areas, the counts)."
            ),
        ] = None,
        datum: DatumArgument = Datum.WGS84,
    ) -> JSON:
        collection = await build_layer(
            current_app(),
            info.context.actor,
            kind,
            box=_box(bbox),
            period=period.to_period() if period is not None else None,
            datum=datum,
        )
        return JSON(collection)

    @query_field(
        permission=AREAS_PERMISSION,
        description=(
            "The deepest area (a grid before its village) whose boundary contains the point, in the caller's "
            "station (or stationId for bureau admins); null when none does. Edges count as inside."
        ),
    )
    async def area_at(
        self,
        info: Info,
        point: Annotated[GeoPointInput, strawberry.argument(description="The point, in any datum.")],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The station to look in; only bureau admins give it."),
        ] = None,
    ) -> AreaNode | None:
        actor = info.context.actor
        wanted = decode_id(station_id, "Station", field="stationId", required=False)
        station = await get_station(actor, wanted if wanted is not None else actor.station_id, field="stationId")
        longitude, latitude, _ = stored_point(point, field="point")
        found = await area_containing(station.id, longitude, latitude)
        return AreaNode.from_row(found) if found is not None else None

    @query_field(login_only=True, description="The map layers the caller may read.")
    async def map_layers(self, info: Info) -> list[MapLayerInfo]:
        actor = info.context.actor
        found = []
        if actor.has(AREAS_PERMISSION):
            found.append(
                MapLayerInfo(
                    kind=AREAS_LAYER,
                    title="辖区边界 Area boundaries",
                    description="Area boundaries with counts of every readable layer per area (choropleth).",
                    takes_period=True,
                )
            )
        for name, layer in sorted(map_layers(current_app()).items()):
            if actor.has(layer.permission):
                found.append(
                    MapLayerInfo(
                        kind=name,
                        title=layer.title,
                        description=layer.description,
                        takes_period=layer.period_field is not None,
                    )
                )
        return found
