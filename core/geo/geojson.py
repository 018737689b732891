"""GeoJSON output: geometries in the caller's datum and FeatureCollections for map layers."""

from __future__ import annotations

from typing import Any

from core.geo.datum import Datum, from_wgs84


def _converted(coordinates: Any, datum: Datum) -> Any:
    if coordinates and isinstance(coordinates[0], int | float):
        longitude, latitude = from_wgs84(datum, float(coordinates[0]), float(coordinates[1]))
        return [round(longitude, 7), round(latitude, 7)]
    return [_converted(item, datum) for item in coordinates]


def geometry_in(geometry: dict[str, Any], datum: Datum) -> dict[str, Any]:
    """A stored (WGS-84) GeoJSON geometry with every position in ``datum``."""
    if datum is Datum.WGS84:
        return geometry
    return {"type": geometry["type"], "coordinates": _converted(geometry["coordinates"], datum)}


def point_feature(longitude: float, latitude: float, datum: Datum, properties: dict[str, Any]) -> dict[str, Any]:
    shown = _converted([longitude, latitude], datum)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": shown}, "properties": properties}


def feature_collection(features: list[dict[str, Any]], datum: Datum) -> dict[str, Any]:
    # RFC 7946 drops "crs"; the datum travels as a foreign member so a client can check it.
    return {"type": "FeatureCollection", "datum": datum.value, "features": features}
