"""``mapLayer(kind, filter, bbox, period, datum)``, built for each schema: its ``MapLayerFilter``
input has one field per layer that takes a filter, typed as that layer's list filter, so the
layers on offer decide the input (a plugin left out leaves no field behind).

No ``from __future__ import annotations`` here: the resolver's annotations name the input type
made at build time, so they must be objects, not strings resolved later in this module.
"""

from collections.abc import Mapping
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from core.contract import MapLayer
from core.geo.datum import Datum
from core.geo.fields import DatumArgument
from core.geo.layers import AREAS_LAYER, MAX_FEATURES, build_layer, filter_attribute
from core.geo.schema import box_of_input
from core.geo.types import BoxInput
from core.graphql.fields import query_field
from core.graphql.inputs import PeriodInput
from core.runtime import current_app


def filter_input_type(layers: Mapping[str, MapLayer]) -> type:
    """``MapLayerFilter``: ``coreAreas`` (the areas list's ``AreaFilter``) and, per layer with a
    ``filter_input``, a field of that type named after the layer (``mediationDisputes``)."""
    from core.identity.schema import AreaFilter

    annotations: dict[str, Any] = {filter_attribute(AREAS_LAYER): AreaFilter | None}
    namespace: dict[str, Any] = {
        filter_attribute(AREAS_LAYER): strawberry.field(
            default=None,
            description=f"{AREAS_LAYER}: which areas to draw, as the areas list's filter (e.g. kind: GRID).",
        )
    }
    for name, layer in sorted(layers.items()):
        if layer.filter_input is None:
            continue
        annotations[filter_attribute(name)] = layer.filter_input | None
        namespace[filter_attribute(name)] = strawberry.field(
            default=None,
            description=(
                f"{name}: its rows as its list filters them; with kind {AREAS_LAYER}, what its counts per area count."
            ),
        )
    namespace["__annotations__"] = annotations
    return strawberry.input(
        type("MapLayerFilter", (), namespace),
        description=(
            "What a map layer shows: the field named after the layer (see mapLayers' filterField) takes the same "
            f"filter as the layer's list. A point layer takes only its own field; {AREAS_LAYER} takes coreAreas and "
            "any layer's field, which narrows that layer's counts (e.g. a choropleth of RED disputes per grid)."
        ),
    )


def map_layer_query(layers: Mapping[str, MapLayer]) -> type:
    """The root query type holding ``mapLayer`` for these layers."""
    layer_filter = filter_input_type(layers)
    filtered = [AREAS_LAYER, *(name for name, layer in layers.items() if layer.filter_input is not None)]
    names = {filter_attribute(name): name for name in filtered}

    @strawberry.type
    class MapLayerQuery:
        @query_field(
            login_only=True,
            description=(
                "A map layer as a GeoJSON FeatureCollection (RFC 7946) a map library draws directly: points of a "
                "plugin's layer (e.g. mediation.disputes coloured by risk, patrol.incidents, patrol.cameras by "
                "status) or core.areas, the area boundaries with counts of every layer per area (a choropleth). "
                "Rows of the caller's reach only, narrowed by filter as the layer's list narrows them; each layer "
                f"needs its own read permission. At most {MAX_FEATURES} features "
                '("truncated": true beyond; zoom in with bbox).'
            ),
        )
        async def map_layer(
            self,
            info: Info,
            kind: Annotated[str, strawberry.argument(description="The layer: one of mapLayers' kinds.")],
            filter: Annotated[
                layer_filter | None,  # type: ignore[valid-type]
                strawberry.argument(
                    description=(
                        "Only the rows the layer's list would give for this filter (e.g. mediationDisputes: "
                        "{riskLevel: RED}); omitted → every row the caller may read."
                    )
                ),
            ] = None,
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
            filters: dict[str, Any] = {}
            if filter is not None:
                filters = {names[attribute]: getattr(filter, attribute) for attribute in names}
            collection = await build_layer(
                current_app(),
                info.context.actor,
                kind,
                box=box_of_input(bbox),
                period=period.to_period() if period is not None else None,
                datum=datum,
                filters=filters,
            )
            return JSON(collection)

    return MapLayerQuery
