"""Map layers (``mapLayer``): GeoJSON FeatureCollections of located rows, and the core's own
``core.areas`` layer — area boundaries with per-area counts of every layer (a choropleth).

Rows come through ``core.scoped``, so tenancy and read rules apply as in every list; a layer
with a filter narrows its rows with its list's own filter code (``MapLayer.filtered``), so the
map and the list agree. A layer never carries personal values (its ``properties`` say what it
shows), and personal points are never drawn (a home stays out of a layer rather than being
masked in it).
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tortoise.functions import Count

from core.contract import MapLayer
from core.errors import ConfigError, Forbidden, UserInputError
from core.geo.datum import Datum
from core.geo.declaration import declaration_of
from core.geo.distance import Box
from core.geo.geojson import feature_collection, geometry_in, point_feature
from core.graphql.ids import to_global_id
from core.periods import Period
from core.tenancy import STATION_OWNED_MODELS, scoped

if TYPE_CHECKING:
    from core.identity.actor import Actor
    from core.runtime import Fengqiao

AREAS_LAYER = "core.areas"
AREAS_PERMISSION = "core.area.read"
# A map draws a few thousand points at most; past that the front end must zoom in (a box).
MAX_FEATURES = 5000


def map_layers(app: Fengqiao) -> dict[str, MapLayer]:
    """Layers by name, collected and checked once per application."""
    cached = app.__dict__.get("_map_layers")
    if cached is not None:
        return cached
    layers: dict[str, MapLayer] = {}
    for plugin, declared in app.plugins.call_each("fengqiao_map_layers"):
        for layer in declared or ():
            _check(plugin.name, layer, app, layers)
            layers[layer.name] = layer
    app.__dict__["_map_layers"] = layers
    return layers


def _check(plugin: str, layer: Any, app: Fengqiao, layers: dict[str, MapLayer]) -> None:
    if not isinstance(layer, MapLayer):
        raise ConfigError(f"plugin '{plugin}': fengqiao_map_layers must return core.MapLayer items")
    where = f"plugin '{plugin}' declares map layer {layer.name}"
    if not layer.name.startswith(f"{plugin}.") or layer.name in layers:
        raise ConfigError(f"{where}: names start with the plugin's name and are used once")
    if layer.model not in STATION_OWNED_MODELS or not hasattr(layer.model, "located"):
        raise ConfigError(f"{where}: its model must be a core.StationOwnedModel declaring core.Located")
    declaration_of(layer.model)
    if layer.permission not in app.permissions.permissions:
        raise ConfigError(f"{where} with unknown permission '{layer.permission}'")
    if layer.period_field is not None and layer.period_field not in layer.model._meta.fields_map:
        raise ConfigError(f"{where}: period_field {layer.period_field} is not a field of its model")
    if (layer.filter_input is None) != (layer.filtered is None):
        raise ConfigError(f"{where}: give both filter_input and filtered, or neither")


def filter_attribute(kind: str) -> str:
    """The ``MapLayerFilter`` attribute of a layer: ``mediation.disputes`` → ``mediation_disputes``
    (``mediationDisputes`` in GraphQL)."""
    return kind.replace(".", "_")


async def _rows(actor: Actor, layer: MapLayer, value: Any) -> Any:
    """The layer's rows for the actor: its list's rows for ``value`` when given, else all it may read."""
    if value is None or layer.filtered is None:
        return scoped(actor, layer.model)
    rows = layer.filtered(actor, value)
    # A queryset is awaitable too (awaiting runs it): only a coroutine gives the queryset.
    return await rows if inspect.iscoroutine(rows) else rows


def _within(queryset: Any, box: Box | None) -> Any:
    queryset = queryset.filter(longitude__isnull=False, latitude__isnull=False)
    if box is None:
        return queryset
    return queryset.filter(
        longitude__gte=box.west, longitude__lte=box.east, latitude__gte=box.south, latitude__lte=box.north
    )


def _in_period(queryset: Any, layer: MapLayer, period: Period | None, app: Fengqiao) -> Any:
    if period is None or layer.period_field is None:
        return queryset
    first, after = period.bounds(app.clock)
    return queryset.filter(**{f"{layer.period_field}__gte": first, f"{layer.period_field}__lt": after})


async def point_layer(
    app: Fengqiao,
    actor: Actor,
    layer: MapLayer,
    *,
    box: Box | None,
    period: Period | None,
    datum: Datum,
    value: Any = None,
) -> dict[str, Any]:
    if not actor.has(layer.permission):
        raise Forbidden()
    if declaration_of(layer.model).personal:
        return feature_collection([], datum)
    queryset = _in_period(_within(await _rows(actor, layer, value), box), layer, period, app)
    rows = await queryset.order_by("id").limit(MAX_FEATURES + 1)
    type_name = layer.model.__name__
    features = [
        point_feature(
            row.longitude,
            row.latitude,
            datum,
            {"id": to_global_id(type_name, row.id), **layer.properties(row)},
        )
        for row in rows[:MAX_FEATURES]
    ]
    collection = feature_collection(features, datum)
    collection["layer"], collection["truncated"] = layer.name, len(rows) > MAX_FEATURES
    return collection


async def _counts(
    app: Fengqiao, actor: Actor, period: Period | None, filters: Mapping[str, Any]
) -> dict[str, Counter[int]]:
    """Per layer the actor may read, its rows (narrowed by its filter) per area: one grouped query each."""
    counts: dict[str, Counter[int]] = {}
    for name, layer in map_layers(app).items():
        area_field = declaration_of(layer.model).area_field
        if area_field is None or not actor.has(layer.permission):
            continue
        column = f"{area_field}_id"
        queryset = _in_period(await _rows(actor, layer, filters.get(name)), layer, period, app)
        grouped = await queryset.annotate(n=Count("id")).group_by(column).values(column, "n")
        counts[name] = Counter({row[column]: row["n"] for row in grouped if row[column] is not None})
    return counts


async def areas_layer(
    app: Fengqiao,
    actor: Actor,
    *,
    box: Box | None,
    period: Period | None,
    datum: Datum,
    filters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The boundaries of the areas the actor may read (narrowed like the ``areas`` list by
    ``filters["core.areas"]``), each with ``counts`` of every layer narrowed by its own filter."""
    from core.identity.schema import filtered_areas

    if not actor.has(AREAS_PERMISSION):
        raise Forbidden()
    filters = filters or {}
    area_filter = filtered_areas(actor, filters.get(AREAS_LAYER), field=f"filter.{filter_field_name(AREAS_LAYER)}")
    queryset = area_filter.filter(boundary__isnull=False)
    if box is not None:
        queryset = queryset.filter(
            boundary_west__lte=box.east,
            boundary_east__gte=box.west,
            boundary_south__lte=box.north,
            boundary_north__gte=box.south,
        )
    areas = await queryset.order_by("id").limit(MAX_FEATURES)
    counts = await _counts(app, actor, period, filters)
    features = []
    for area in areas:
        properties = {
            "id": to_global_id("Area", area.id),
            "name": area.name,
            "kind": area.kind.value,
            "counts": {name: per_area.get(area.id, 0) for name, per_area in counts.items()},
        }
        features.append({"type": "Feature", "geometry": geometry_in(area.boundary, datum), "properties": properties})
    collection = feature_collection(features, datum)
    collection["layer"], collection["truncated"] = AREAS_LAYER, False
    return collection


def filter_field_name(kind: str) -> str:
    """The GraphQL name of ``filter_attribute(kind)``: ``mediation.disputes`` → ``mediationDisputes``."""
    first, *rest = filter_attribute(kind).split("_")
    return first + "".join(part.title() for part in rest)


async def build_layer(
    app: Fengqiao,
    actor: Actor,
    kind: str,
    *,
    box: Box | None,
    period: Period | None,
    datum: Datum,
    filters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The layer ``kind``; ``filters`` maps layer names to filter values. A point layer takes
    only its own; ``core.areas`` takes its own (which areas) and any layer's (what is counted)."""
    filters = {name: value for name, value in (filters or {}).items() if value is not None}
    if kind == AREAS_LAYER:
        return await areas_layer(app, actor, box=box, period=period, datum=datum, filters=filters)
    layer = map_layers(app).get(kind)
    if layer is None:
        known = ", ".join([AREAS_LAYER, *sorted(map_layers(app))])
        raise UserInputError(f"Unknown map layer {kind!r}; layers: {known}.", field="kind")
    for name in filters:
        if name != kind:
            given, wanted = filter_field_name(name), filter_field_name(kind)
            raise UserInputError(
                f"filter.{given} narrows the {name} layer, not {kind}; give filter.{wanted}.", field=f"filter.{given}"
            )
    return await point_layer(app, actor, layer, box=box, period=period, datum=datum, value=filters.get(kind))
