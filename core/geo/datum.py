"""Geodetic datums of Chinese maps and the conversions between them (坐标系转换).

GPS receivers report WGS-84. Maps published in China must use GCJ-02 (国测局坐标, "Mars
coordinates": AMap/高德, Tencent, Google China), which shifts points by a few hundred metres with
a published obfuscation formula; Baidu adds its own BD-09 offset on top of GCJ-02. Fengqiao
stores WGS-84 only and converts at the API's edge, both ways.

GCJ-02 has no closed-form inverse: ``gcj02_to_wgs84`` iterates the forward formula until the
point maps back to within about a millimetre. Outside China the formula is not applied by the
map providers either, so points outside the rectangle below are returned unchanged.
"""

from __future__ import annotations

import enum
import math

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 formula.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0

# The rectangle inside which Chinese map providers shift points (the usual published bounds).
CHINA_WEST, CHINA_EAST = 72.004, 137.8347
CHINA_SOUTH, CHINA_NORTH = 0.8293, 55.8271

# Stop iterating an inverse once the forward image is this close (degrees; ~1 mm).
_INVERSE_TOLERANCE = 1e-8
_INVERSE_MAX_STEPS = 30


class Datum(enum.Enum):
    """Coordinate reference of a point given to or read from the API."""

    WGS84 = "WGS84"
    GCJ02 = "GCJ02"
    BD09 = "BD09"


DATUM_DESCRIPTIONS = {
    "WGS84": "WGS-84, as GPS receivers report it (GPS 原始坐标); the datum Fengqiao stores.",
    "GCJ02": "GCJ-02 (国测局坐标/火星坐标), used by AMap (高德), Tencent (腾讯) and other maps published in China.",
    "BD09": "BD-09 (百度坐标), used by Baidu Maps: GCJ-02 with Baidu's own offset.",
}


def out_of_china(longitude: float, latitude: float) -> bool:
    """True when map providers leave the point unshifted (outside the China rectangle)."""
    return not (CHINA_WEST <= longitude <= CHINA_EAST and CHINA_SOUTH <= latitude <= CHINA_NORTH)


def _shift_latitude(x: float, y: float) -> float:
    value = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    value += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return value


def _shift_longitude(x: float, y: float) -> float:
    value = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    value += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    value += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    value += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return value


def wgs84_to_gcj02(longitude: float, latitude: float) -> tuple[float, float]:
    """The published GCJ-02 forward formula."""
    if out_of_china(longitude, latitude):
        return longitude, latitude
    d_lat = _shift_latitude(longitude - 105.0, latitude - 35.0)
    d_lon = _shift_longitude(longitude - 105.0, latitude - 35.0)
    rad_lat = latitude / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return longitude + d_lon, latitude + d_lat


def gcj02_to_bd09(longitude: float, latitude: float) -> tuple[float, float]:
    """Baidu's published offset from GCJ-02."""
    if out_of_china(longitude, latitude):
        return longitude, latitude
    z = math.hypot(longitude, latitude) + 0.00002 * math.sin(latitude * _X_PI)
    theta = math.atan2(latitude, longitude) + 0.000003 * math.cos(longitude * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def _invert(forward, longitude: float, latitude: float) -> tuple[float, float]:
    """Find p with forward(p) == (longitude, latitude) by fixed-point iteration.

    The offsets vary slowly (a few metres per kilometre), so correcting the guess by the error
    of its image converges to millimetres in a handful of steps.
    """
    if out_of_china(longitude, latitude):
        return longitude, latitude
    guess_lon, guess_lat = longitude, latitude
    for _ in range(_INVERSE_MAX_STEPS):
        image_lon, image_lat = forward(guess_lon, guess_lat)
        error_lon, error_lat = image_lon - longitude, image_lat - latitude
        if abs(error_lon) < _INVERSE_TOLERANCE and abs(error_lat) < _INVERSE_TOLERANCE:
            break
        guess_lon, guess_lat = guess_lon - error_lon, guess_lat - error_lat
    return guess_lon, guess_lat


def gcj02_to_wgs84(longitude: float, latitude: float) -> tuple[float, float]:
    """Inverse of ``wgs84_to_gcj02`` (iterative; well under a metre)."""
    return _invert(wgs84_to_gcj02, longitude, latitude)


def bd09_to_gcj02(longitude: float, latitude: float) -> tuple[float, float]:
    """Inverse of ``gcj02_to_bd09`` (iterative, so it round-trips exactly to millimetres)."""
    return _invert(gcj02_to_bd09, longitude, latitude)


def to_wgs84(datum: Datum, longitude: float, latitude: float) -> tuple[float, float]:
    """A point given in ``datum``, in WGS-84 (the stored datum)."""
    if datum is Datum.BD09:
        longitude, latitude = bd09_to_gcj02(longitude, latitude)
        datum = Datum.GCJ02
    if datum is Datum.GCJ02:
        return gcj02_to_wgs84(longitude, latitude)
    return longitude, latitude


def from_wgs84(datum: Datum, longitude: float, latitude: float) -> tuple[float, float]:
    """A stored WGS-84 point, in ``datum``."""
    if datum is Datum.WGS84:
        return longitude, latitude
    longitude, latitude = wgs84_to_gcj02(longitude, latitude)
    if datum is Datum.BD09:
        return gcj02_to_bd09(longitude, latitude)
    return longitude, latitude
