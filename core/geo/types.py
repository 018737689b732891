"""GraphQL types of locations: the ``Datum`` enum, ``GeoPoint`` and the inputs of spatial filters."""

from typing import Self

import strawberry

from core.geo.datum import DATUM_DESCRIPTIONS, Datum, from_wgs84
from core.graphql.enums import graphql_enum

graphql_enum(
    Datum,
    description=(
        "Coordinate datum of a point (坐标系). Fengqiao stores WGS-84 and converts inputs and outputs; "
        "points outside China are never shifted."
    ),
    values=DATUM_DESCRIPTIONS,
)


@strawberry.type(description="A point on the map, in the datum the caller asked for.")
class GeoPoint:
    longitude: float = strawberry.field(description="Longitude in decimal degrees (east positive).")
    latitude: float = strawberry.field(description="Latitude in decimal degrees (north positive).")
    accuracy_metres: float | None = strawberry.field(
        description="Accuracy the device reported, in metres (radius); null when unknown."
    )
    datum: Datum = strawberry.field(description="Datum of longitude and latitude (the one asked for).")
    masked: bool = strawberry.field(
        description=(
            "True when the point is personal (a home) and shown as the centre of its area because the caller "
            "may not see it in full."
        )
    )

    @classmethod
    def of(cls, longitude: float, latitude: float, accuracy: float | None, datum: Datum, masked: bool = False) -> Self:
        shown_lon, shown_lat = from_wgs84(datum, longitude, latitude)
        return cls(
            longitude=round(shown_lon, 7),
            latitude=round(shown_lat, 7),
            accuracy_metres=accuracy,
            datum=datum,
            masked=masked,
        )


@strawberry.input(description="A point given by the caller, in any datum; stored in WGS-84.")
class GeoPointInput:
    longitude: float = strawberry.field(description="Longitude in decimal degrees (east positive), -180 to 180.")
    latitude: float = strawberry.field(description="Latitude in decimal degrees (north positive), -90 to 90.")
    accuracy_metres: float | None = strawberry.field(
        default=None, description="Accuracy the device reported, in metres (radius); optional, not negative."
    )
    datum: Datum = strawberry.field(
        default=Datum.WGS84,
        description=(
            "Datum of longitude and latitude: WGS84 from GPS (default), GCJ02 from AMap/Tencent, BD09 from Baidu."
        ),
    )


@strawberry.input(description="Within a distance of a point.")
class NearInput:
    point: GeoPointInput = strawberry.field(description="The centre (in its own datum).")
    radius_metres: float = strawberry.field(description="Largest distance from the centre, in metres (1 to 100 000).")


@strawberry.input(description="Inside a rectangle given by two corners.")
class BoxInput:
    south_west: GeoPointInput = strawberry.field(description="The south-west corner (smallest longitude and latitude).")
    north_east: GeoPointInput = strawberry.field(description="The north-east corner (largest longitude and latitude).")


@strawberry.input(
    description=(
        "Where rows must be (空间筛选). Give any of near, inBox and inArea; a row must satisfy all given. Rows "
        "without a location never match."
    )
)
class SpatialFilter:
    near: NearInput | None = strawberry.field(default=None, description="Within radiusMetres of a point.")
    in_box: BoxInput | None = strawberry.field(default=None, description="Inside a rectangle.")
    in_area: strawberry.ID | None = strawberry.field(
        default=None, description="Inside this area's boundary (global id of an Area that has one)."
    )
