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


async def bound_grid(station) -> None:
    from tests.plugins.test_area_assignment import bound

    await bound(station)


async def test_a_row_with_coordinates_and_no_area_takes_the_grid_containing_them(officer, station):
    await bound_grid(station)
    csv = "地址,纬度,经度\n文峰路20号,30.84,106.97\n"
    assert (await run(officer, "ADDRESSES", csv))["report"]["writtenRows"] == 1
    assert (await models.StandardAddress.get()).area_id == station.test_areas["grid"].id


async def test_a_row_with_coordinates_in_gcj02_is_located_after_conversion(officer, station):
    await bound_grid(station)
    # 106.9795E in WGS-84 lies in the grid; its GCJ-02 reading lies several hundred metres east, outside it.
    longitude, latitude = wgs84_to_gcj02(106.9795, 30.84)
    assert longitude > 106.98
    csv = f"区域,地址,纬度,经度,坐标系\n,文峰路21号,{latitude},{longitude},GCJ02\n"
    assert (await run(officer, "ADDRESSES", csv))["report"]["writtenRows"] == 1
    assert (await models.StandardAddress.get()).area_id == station.test_areas["grid"].id


async def test_a_row_whose_area_does_not_contain_its_coordinates_is_rejected(officer, station):
    await bound_grid(station)
    csv = "区域,地址,纬度,经度\n文峰一网格,文峰路22号,30.84,106.99\n"
    report = (await run(officer, "ADDRESSES", csv))["report"]
    assert report["rejectedRows"][0]["reason"].startswith(
        "纬度: The location lies outside the boundary of area 文峰一网格"
    )
    assert await models.StandardAddress.all().count() == 0


async def test_force_keeps_the_rows_area_despite_its_coordinates(officer, station):
    await bound_grid(station)
    csv = "区域,地址,纬度,经度\n文峰一网格,文峰路23号,30.84,106.99\n"
    assert (await run(officer, "ADDRESSES", csv, force=True))["report"]["writtenRows"] == 1
    assert (await models.StandardAddress.get()).area_id == station.test_areas["grid"].id


async def test_a_row_with_neither_area_nor_coordinates_is_rejected(officer, station):
    report = (await run(officer, "ADDRESSES", "区域,地址\n,文峰路24号\n"))["report"]
    assert report["rejectedRows"][0]["reason"].startswith("区域: Choose an area")


async def test_a_row_outside_every_area_and_without_one_is_rejected(officer, station):
    await bound_grid(station)
    report = (await run(officer, "ADDRESSES", "地址,纬度,经度\n远方1号,35.0,110.0\n"))["report"]
    assert report["rejectedRows"][0]["reason"] == "area: No area of the station contains this location; choose an area."


async def test_another_stations_grid_never_takes_a_row(officer, station, other_station):
    await bound_grid(other_station)
    report = (await run(officer, "ADDRESSES", "地址,纬度,经度\n文峰路25号,30.84,106.97\n"))["report"]
    assert report["writtenRows"] == 0 and report["rejectedCount"] == 1


async def test_coordinates_that_are_not_finite_or_out_of_range_are_refused_and_nothing_stored(officer):
    rows = ["nan,106.97", "30.84,inf", "-inf,106.97", "91,106.97", "30.84,-181"]
    csv = "区域,地址,纬度,经度,坐标系\n" + "".join(
        f"文峰一网格,文峰路{i}号,{row},GCJ02\n" for i, row in enumerate(rows)
    )
    report = (await run(officer, "ADDRESSES", csv))["report"]
    assert report["rejectedCount"] == len(rows) and report["writtenRows"] == 0
    assert await models.StandardAddress.all().count() == 0
