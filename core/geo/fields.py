"""GraphQL fields the core adds to located types: ``location(datum:)`` and ``distanceMetres(from:)``.

Both read the row a node keeps in ``_row``. A personal location (a home) is shown as the
centre of its area to actors without ``core.personal.view_full``, one batched query per request.
"""

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from core.geo.datum import Datum
from core.geo.declaration import declaration_of
from core.geo.distance import haversine_metres
from core.geo.places import stored_point
from core.geo.types import GeoPoint, GeoPointInput, SpatialFilter
from core.graphql.context import FullView
from core.graphql.masking import FULL_VIEW
from core.identity.models import Area

DatumArgument = Annotated[
    Datum,
    strawberry.argument(description="Datum to answer in: WGS84 (default), GCJ02 for AMap/Tencent, BD09 for Baidu."),
]

SpatialArgument = Annotated[
    SpatialFilter | None,
    strawberry.argument(
        description=(
            "Only rows whose location is near a point, inside a box and/or inside an area's boundary; omitted → "
            "no spatial condition. Rows without a location never match a spatial condition."
        )
    ),
]


async def _area_centres(area_ids: list[int]) -> list[tuple[float, float] | None]:
    rows = {area.id: area for area in await Area.filter(id__in=area_ids)}
    centres: list[tuple[float, float] | None] = []
    for area_id in area_ids:
        area = rows.get(area_id)
        if area is None or area.longitude is None or area.latitude is None:
            centres.append(None)
        else:
            centres.append((float(area.longitude), float(area.latitude)))
    return centres


async def shown_location(row: Any, info: Info, datum: Datum) -> GeoPoint | None:
    """The row's location as the caller may see it, in ``datum``."""
    if row.longitude is None or row.latitude is None:
        return None
    if not declaration_of(type(row)).personal:
        return GeoPoint.of(row.longitude, row.latitude, row.location_accuracy, datum)
    return await personal_location(info, row, datum)


async def personal_location(info: Info, row: Any, datum: Datum, *, owner_id: Any = None) -> GeoPoint | None:
    """A person's home at ``row``'s location: in full (and audited) for actors with
    ``core.personal.view_full``, otherwise the centre of the row's area (``masked``), or null
    when the row has no area. ``owner_id`` names the object shown in the audit (default: row)."""
    if row is None or row.longitude is None or row.latitude is None:
        return None
    if info.context.actor.has(FULL_VIEW):
        object_id = owner_id if owner_id is not None else row.id
        info.context.full_views.append(FullView(info._raw_info.parent_type.name, info.field_name, str(object_id)))
        return GeoPoint.of(row.longitude, row.latitude, row.location_accuracy, datum)
    area_field = declaration_of(type(row)).area_field
    area_id = getattr(row, f"{area_field}_id", None) if area_field else None
    if area_id is None:
        return None
    centre = await info.context.loader(_area_centres).load(area_id)
    if centre is None:
        return None
    return GeoPoint.of(centre[0], centre[1], None, datum, masked=True)


def location_field(description: str) -> Any:
    """``location(datum: Datum = WGS84): GeoPoint`` for a type whose ``_row`` is located."""

    async def location(root: Any, info: Info, datum: DatumArgument = Datum.WGS84) -> GeoPoint | None:
        return await shown_location(root._row, info, datum)

    return strawberry.field(resolver=location, description=description)


def distance_field() -> Any:
    """``distanceMetres(from: GeoPointInput!): Float`` — null when the row has no location."""

    async def distance_metres(
        root: Any,
        info: Info,
        from_: Annotated[
            GeoPointInput,
            strawberry.argument(name="from", description="The point to measure from (in its own datum)."),
        ],
    ) -> float | None:
        shown = await shown_location(root._row, info, Datum.WGS84)
        if shown is None:
            return None
        longitude, latitude, _ = stored_point(from_, field="from")
        return round(haversine_metres(longitude, latitude, shown.longitude, shown.latitude), 1)

    return strawberry.field(
        resolver=distance_metres,
        description=(
            "Great-circle distance in metres from a point to this row's location (as the caller may see it); "
            "null without a location."
        ),
    )
