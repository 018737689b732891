"""Distances on the sphere and the bounding boxes that pre-filter radius queries in SQL."""

from __future__ import annotations

import dataclasses
import math

# Mean Earth radius (IUGG), metres: haversine on it is within 0.5 % of the ellipsoid.
EARTH_RADIUS_METRES = 6371008.8


@dataclasses.dataclass(frozen=True)
class Box:
    """A longitude/latitude rectangle in WGS-84 (west ≤ east; no box crosses the antimeridian)."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, longitude: float, latitude: float) -> bool:
        return self.west <= longitude <= self.east and self.south <= latitude <= self.north

    def intersects(self, other: Box) -> bool:
        return not (
            other.west > self.east or other.east < self.west or other.south > self.north or other.north < self.south
        )


def haversine_metres(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance between two WGS-84 points, in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(min(1.0, math.sqrt(h)))


def box_around(longitude: float, latitude: float, radius_metres: float) -> Box:
    """The smallest rectangle holding every point within ``radius_metres`` (a little larger).

    The longitude span is widened for the cosine of the latitude nearest the pole inside the
    circle, so no point within the radius falls outside; the exact test comes after.
    """
    d_lat = math.degrees(radius_metres / EARTH_RADIUS_METRES) * 1.0001
    south, north = max(-90.0, latitude - d_lat), min(90.0, latitude + d_lat)
    widest = max(abs(south), abs(north))
    if widest >= 89.9:
        return Box(-180.0, south, 180.0, north)
    d_lon = min(180.0, d_lat / math.cos(math.radians(widest)))
    return Box(max(-180.0, longitude - d_lon), south, min(180.0, longitude + d_lon), north)
