"""CSV import of standard addresses with coordinates in the datum of the map they came from."""

from __future__ import annotations

from core.geo.datum import gcj02_to_bd09, wgs84_to_gcj02
from core.geo.distance import haversine_metres
from plugins.patrol import models
from tests.plugins.patrol.test_import import run

QUXIAN = (106.97, 30.84)


async def test_coordinates_read_off_amap_are_stored_in_wgs84(officer):
    longitude, latitude = wgs84_to_gcj02(*QUXIAN)
    csv = f"区域,地址,纬度,经度,坐标系\n文峰一网格,文峰路8号,{latitude},{longitude},GCJ02\n"
    assert (await run(officer, "ADDRESSES", csv))["report"]["writtenRows"] == 1
    row = await models.StandardAddress.get()
    assert haversine_metres(row.longitude, row.latitude, *QUXIAN) < 1.0


async def test_a_baidu_datum_named_in_chinese_is_understood(officer):
    longitude, latitude = gcj02_to_bd09(*wgs84_to_gcj02(*QUXIAN))
    csv = f"区域,地址,纬度,经度,坐标系\n文峰一网格,文峰路9号,{latitude},{longitude},百度\n"
    assert (await run(officer, "ADDRESSES", csv))["report"]["writtenRows"] == 1
    row = await models.StandardAddress.get()
    assert haversine_metres(row.longitude, row.latitude, *QUXIAN) < 1.0


async def test_without_a_datum_column_coordinates_are_wgs84(officer):
    csv = "区域,地址,纬度,经度\n文峰一网格,文峰路10号,30.84,106.97\n"
    await run(officer, "ADDRESSES", csv)
    row = await models.StandardAddress.get()
    assert (row.longitude, row.latitude) == QUXIAN


async def test_an_unknown_datum_rejects_the_row_naming_the_column(officer):
    csv = "区域,地址,纬度,经度,坐标系\n文峰一网格,文峰路11号,30.84,106.97,火星\n"
    report = (await run(officer, "ADDRESSES", csv))["report"]
    assert report["rejectedRows"][0]["reason"].startswith("坐标系: Expected WGS84, GCJ02 or BD09")
    assert await models.StandardAddress.all().count() == 0


async def test_an_export_names_the_stored_datum_so_it_reimports_unshifted(officer):
    from tests.plugins.patrol.test_export import EXPORT, parse

    longitude, latitude = wgs84_to_gcj02(*QUXIAN)
    await run(officer, "ADDRESSES", f"区域,地址,纬度,经度,坐标系\n文峰一网格,文峰路12号,{latitude},{longitude},GCJ02\n")
    exported = parse((await officer.mutate(EXPORT, {"input": {"kind": "ADDRESSES"}}))["export"]["csv"])[0]
    assert exported["坐标系"] == "WGS84"
    assert haversine_metres(float(exported["经度"]), float(exported["纬度"]), *QUXIAN) < 1.0
