"""Datum conversions (坐标系转换): published values, round trips, and no shift outside China."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.geo.datum import (
    Datum,
    bd09_to_gcj02,
    from_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    out_of_china,
    to_wgs84,
    wgs84_to_gcj02,
)
from core.geo.distance import haversine_metres

# Mainland China well inside the providers' rectangle, so the shifted point stays inside it too.
china_longitudes = st.floats(min_value=75.0, max_value=134.0, allow_nan=False)
china_latitudes = st.floats(min_value=18.0, max_value=53.0, allow_nan=False)
datums = st.sampled_from(list(Datum))


def test_wgs84_to_gcj02_matches_the_published_value_for_tiananmen() -> None:
    longitude, latitude = wgs84_to_gcj02(116.404, 39.915)
    assert longitude == pytest.approx(116.41024449916938, abs=1e-9)
    assert latitude == pytest.approx(39.91640428150164, abs=1e-9)


def test_gcj02_to_bd09_matches_the_published_value_for_tiananmen() -> None:
    longitude, latitude = gcj02_to_bd09(116.404, 39.915)
    assert longitude == pytest.approx(116.41036949371029, abs=1e-9)
    assert latitude == pytest.approx(39.92133699351021, abs=1e-9)


def test_gcj02_shifts_a_point_in_quxian_by_hundreds_of_metres() -> None:
    shifted = wgs84_to_gcj02(106.97, 30.84)
    assert 100 < haversine_metres(106.97, 30.84, *shifted) < 1000


@settings(max_examples=300)
@given(china_longitudes, china_latitudes)
def test_gcj02_round_trip_is_within_a_metre_inside_china(longitude: float, latitude: float) -> None:
    back = gcj02_to_wgs84(*wgs84_to_gcj02(longitude, latitude))
    assert haversine_metres(longitude, latitude, *back) < 1.0


@settings(max_examples=300)
@given(china_longitudes, china_latitudes)
def test_bd09_round_trip_is_within_a_metre_inside_china(longitude: float, latitude: float) -> None:
    back = bd09_to_gcj02(*gcj02_to_bd09(longitude, latitude))
    assert haversine_metres(longitude, latitude, *back) < 1.0


@settings(max_examples=300)
@given(china_longitudes, china_latitudes, datums)
def test_storing_and_reading_back_in_any_datum_is_within_a_metre(
    longitude: float, latitude: float, datum: Datum
) -> None:
    stored = to_wgs84(datum, longitude, latitude)
    shown = from_wgs84(datum, *stored)
    assert haversine_metres(longitude, latitude, *shown) < 1.0


@settings(max_examples=300)
@given(
    st.one_of(
        st.tuples(st.floats(-180.0, 71.9), st.floats(-90.0, 90.0)),
        st.tuples(st.floats(137.9, 180.0), st.floats(-90.0, 90.0)),
        st.tuples(st.floats(-180.0, 180.0), st.floats(55.9, 90.0)),
        st.tuples(st.floats(-180.0, 180.0), st.floats(-90.0, 0.8)),
    ),
    datums,
)
def test_points_outside_china_are_not_shifted(point: tuple[float, float], datum: Datum) -> None:
    assert out_of_china(*point)
    assert to_wgs84(datum, *point) == point
    assert from_wgs84(datum, *point) == point


def test_wgs84_is_stored_as_given() -> None:
    assert to_wgs84(Datum.WGS84, 106.97, 30.84) == (106.97, 30.84)
