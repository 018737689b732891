"""GraphQL of maps: ``areaAt`` (the grid of a point) and ``mapLayers`` (what exists); ``mapLayer``
itself is built per schema in ``core.geo.layer_query``, as its filter depends on the plugins."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.errors import UserInputError
from core.geo.distance import Box
from core.geo.layers import AREAS_LAYER, AREAS_PERMISSION, filter_field_name, map_layers
from core.geo.places import area_containing, stored_point
from core.geo.types import BoxInput, GeoPointInput
from core.graphql.fields import query_field
from core.graphql.ids import decode_id
from core.identity.services import get_station
from core.identity.types import Area as AreaNode
from core.runtime import current_app


@strawberry.type(description="A map layer the caller may ask mapLayer for.")
class MapLayerInfo:
    kind: str = strawberry.field(description="The name to pass as mapLayer(kind:), e.g. mediation.disputes.")
    title: str = strawberry.field(description="Title to show in a layer picker.")
    description: str = strawberry.field(description="What the layer shows; may be empty.")
    takes_period: bool = strawberry.field(description="True when mapLayer(period:) narrows this layer.")
    filter_field: str | None = strawberry.field(
        default=None,
        description=(
            "The field of mapLayer(filter:) that narrows this layer, e.g. mediationDisputes (the same input as its "
            "list's filter); null when the layer takes no filter."
        ),
    )


def box_of_input(value: BoxInput | None) -> Box | None:
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
                    filter_field=filter_field_name(AREAS_LAYER),
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
                        filter_field=filter_field_name(name) if layer.filter_input is not None else None,
                    )
                )
        return found
