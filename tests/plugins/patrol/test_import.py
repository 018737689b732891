"""CSV import of "一标三实": validation per row, rejected-row report, encodings, dry run,
batched inserts with progress, and the command-line entry point."""

from __future__ import annotations

import base64
import io

import pytest

from core import Role, UserInputError
from core.audit.models import AuditEvent
from core.personal.credit_code import credit_code_check_char
from core.testing import count_queries
from plugins.patrol import models
from plugins.patrol.enums import BasicInfoKind
from plugins.patrol.services.importer import (
    TextProgressBar,
    import_basic_info,
    import_command,
    print_report,
    run_import,
)
from tests.plugins.patrol.helpers import actor_for, id_number, writing

IMPORT = """
mutation($input: ImportBasicInfoInput!) {
  importBasicInfo(input: $input) {
    report { kind dryRun totalRows acceptedRows writtenRows rejectedCount rejectedRows { line reason } ignoredColumns }
    errors { field message code }
  }
}
"""
ADDRESSES = "区域,地址,备注\n文峰一网格,滨江花园1栋,\n滨江花园小区,滨江花园2栋,新建\n"


async def run(client, kind: str, csv: str | None = None, **extra) -> dict:
    variables = {"input": {"kind": kind, **({"csv": csv} if csv is not None else {}), **extra}}
    return (await client.data(IMPORT, variables))["importBasicInfo"]


async def test_valid_rows_are_imported_and_unknown_columns_reported(officer):
    result = await run(officer, "ADDRESSES", ADDRESSES)
    assert result["errors"] == []
    report = result["report"]
    assert (report["totalRows"], report["writtenRows"], report["rejectedCount"]) == (2, 2, 0)
    assert report["ignoredColumns"] == ["备注"]
    assert await models.StandardAddress.all().count() == 2


async def test_english_headers_and_area_paths_are_accepted(officer):
    csv = "area,address,latitude,longitude\n城东街道/文峰社区,文峰社区服务中心,30.83,106.97\n"
    result = await run(officer, "ADDRESSES", csv)
    assert result["report"]["writtenRows"] == 1
    assert (await models.StandardAddress.get()).latitude == 30.83


async def test_a_duplicate_address_is_rejected_in_the_file_and_against_the_database(officer):
    await run(officer, "ADDRESSES", "区域,地址\n文峰一网格,滨江花园1栋\n")
    csv = "区域,地址\n文峰一网格,滨江花园 1栋\n文峰一网格,滨江花园9栋\n文峰一网格,滨江花园9栋\n"
    report = (await run(officer, "ADDRESSES", csv))["report"]
    assert report["rejectedRows"] == [
        {"line": 2, "reason": "地址: This standard address exists."},
        {"line": 4, "reason": "地址: Duplicate of line 3."},
    ]
    assert await models.StandardAddress.all().count() == 2


async def test_an_unknown_area_is_rejected_with_its_line(officer):
    report = (await run(officer, "ADDRESSES", "区域,地址\n火星,某地1号\n"))["report"]
    assert report["rejectedRows"] == [{"line": 2, "reason": "区域: Unknown area '火星'."}]


async def test_an_area_named_again_is_found_again_and_an_unknown_one_refused_every_time(officer, monkeypatch):
    from plugins.patrol.services import import_rows

    # Past the bound of area texts remembered, a spelling is looked up again.
    monkeypatch.setattr(import_rows, "AREA_TEXTS_KEPT", 1)
    rows = [
        "文峰一网格,幸福路1号",
        "火星,幸福路2号",
        " 文峰一网格 ,幸福路3号",
        "火星,幸福路4号",
        "文峰一网格,幸福路5号",
    ]
    report = (await run(officer, "ADDRESSES", "区域,地址\n" + "\n".join(rows) + "\n"))["report"]
    unknown = "区域: Unknown area '火星'."
    assert report["rejectedRows"] == [{"line": 3, "reason": unknown}, {"line": 5, "reason": unknown}]
    areas = await models.StandardAddress.all().values_list("area__name", flat=True)
    assert areas == ["文峰一网格"] * 3


async def test_invalid_id_numbers_are_rejected_and_the_other_rows_imported(officer):
    good = id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    csv = f"姓名,身份证号,手机号\n张三,{good},13812345678\n李四,{bad},\n王五,123,555\n"
    report = (await run(officer, "RESIDENTS", csv))["report"]
    assert report["writtenRows"] == 1
    assert report["rejectedRows"] == [
        {"line": 3, "reason": "身份证号: ID number has a wrong check digit"},
        {
            "line": 4,
            "reason": "身份证号: ID number must be 18 characters long (got 3); 手机号: Mobile number must be 11 digits starting with 13-19",
        },
    ]
    resident = await models.Resident.get()
    assert (resident.name, resident.id_number) == ("张三", good)


async def test_a_duplicate_id_number_in_the_file_is_rejected(officer):
    number = id_number()
    report = (await run(officer, "RESIDENTS", f"姓名,身份证号\n张三,{number}\n张三,{number.lower()}\n"))["report"]
    assert report["rejectedRows"] == [{"line": 3, "reason": "身份证号: Duplicate of line 2."}]


async def test_residents_link_to_existing_addresses_and_take_chinese_words(officer):
    await run(officer, "ADDRESSES", "区域,地址\n文峰一网格,滨江花园1栋\n")
    csv = (
        "姓名,身份证号,地址,人口类型,与房屋关系,标签\n"
        f"张三,{id_number()},滨江花园1栋,流动人口,租客,空巢老人;重点人员\n"
        f"李四,{id_number()},滨江花园8栋,,,\n"
    )
    report = (await run(officer, "RESIDENTS", csv))["report"]
    assert report["rejectedRows"] == [{"line": 3, "reason": "地址: Unknown standard address; import addresses first."}]
    resident = await models.Resident.get()
    assert (resident.residence.value, resident.relation.value) == ("FLOATING", "TENANT")
    assert resident.tags == ",EMPTY_NEST_ELDERLY,KEY_PERSON,"
    assert resident.address_id is not None


async def test_an_unknown_enumerated_value_names_the_choices(officer):
    report = (await run(officer, "RESIDENTS", f"姓名,身份证号,人口类型\n张三,{id_number()},外星人\n"))["report"]
    assert report["rejectedRows"][0]["reason"].startswith("人口类型: Unknown value '外星人' (expected one of HOUSEHOLD")


async def test_housing_and_units_are_imported(officer):
    await run(officer, "ADDRESSES", "区域,地址\n文峰一网格,滨江花园1栋\n文峰一网格,滨江花园2栋\n")
    housing = f"地址,房屋类型,房主姓名,房主身份证号,是否出租,面积\n滨江花园1栋,住宅,王五,{id_number()},是,89.5\n"
    assert (await run(officer, "HOUSING", housing))["report"]["writtenRows"] == 1
    code = "91511725MA62ABCD1"
    units = f"单位名称,单位类型,统一社会信用代码,重点单位,地址\n宕渠宾馆,旅馆,{code}{credit_code_check_char(code)},是,滨江花园2栋\n坏代码,商铺,{code}0,否,\n"
    report = (await run(officer, "UNITS", units))["report"]
    assert report["writtenRows"] == 1
    assert report["rejectedRows"][0]["line"] == 3
    housing_row, unit = await models.Housing.get(), await models.ActualUnit.get()
    assert (housing_row.is_rented, housing_row.floor_area) == (True, 89.5)
    assert (unit.kind.value, unit.is_key_unit) == ("HOTEL", True)


async def test_a_missing_required_column_refuses_the_file(officer):
    result = await run(officer, "RESIDENTS", "姓名,手机号\n张三,13812345678\n")
    assert result["report"] is None
    assert result["errors"][0]["code"] == "REQUIRED"
    assert "身份证号 (id_number)" in result["errors"][0]["message"]
    assert await models.Resident.all().count() == 0


async def test_a_byte_order_mark_is_accepted(officer):
    content = base64.b64encode(("\ufeff" + ADDRESSES).encode("utf-8")).decode()
    result = await run(officer, "ADDRESSES", contentBase64=content)
    assert result["report"]["writtenRows"] == 2
    text_result = await run(officer, "ADDRESSES", "\ufeff区域,地址\n文峰一网格,滨江花园5栋\n")
    assert text_result["report"]["writtenRows"] == 1


async def test_a_gbk_file_is_refused_as_utf8_with_a_hint_and_nothing_written(officer):
    content = base64.b64encode(ADDRESSES.encode("gbk")).decode()
    result = await run(officer, "ADDRESSES", contentBase64=content)
    assert result["report"] is None
    error = result["errors"][0]
    assert (error["field"], error["code"]) == ("content", "INVALID")
    assert "line 1" in error["message"] and "GB18030" in error["message"]
    assert await models.StandardAddress.all().count() == 0


async def test_a_gbk_file_imports_when_the_encoding_is_named(officer):
    content = base64.b64encode(ADDRESSES.encode("gbk")).decode()
    result = await run(officer, "ADDRESSES", contentBase64=content, encoding="GB18030")
    assert result["report"]["writtenRows"] == 2
    assert await models.StandardAddress.filter(address="滨江花园2栋").exists()


async def test_a_bad_byte_is_reported_on_its_line(officer):
    content = "区域,地址\n文峰一网格,滨江花园1栋\n".encode() + b"\xff\xfe,x\n"
    result = await run(officer, "ADDRESSES", contentBase64=base64.b64encode(content).decode())
    assert "line 3" in result["errors"][0]["message"]


async def test_csv_and_base64_together_are_refused(officer):
    result = await run(officer, "ADDRESSES", ADDRESSES, contentBase64="eA==")
    assert result["errors"][0]["field"] == "csv"


async def test_a_dry_run_validates_and_writes_nothing(officer):
    csv = f"姓名,身份证号\n张三,{id_number()}\n李四,123\n"
    report = (await run(officer, "RESIDENTS", csv, dryRun=True))["report"]
    assert (report["dryRun"], report["acceptedRows"], report["writtenRows"], report["rejectedCount"]) == (True, 1, 0, 1)
    assert await models.Resident.all().count() == 0
    assert await AuditEvent.filter(action="patrol.basic_info.import").count() == 0


async def test_an_import_is_audited_per_batch(officer):
    await run(officer, "ADDRESSES", ADDRESSES)
    event = await AuditEvent.get(action="patrol.basic_info.import")
    assert event.after["imported"] == 2
    assert (event.after["first_line"], event.after["last_line"]) == (2, 3)


async def test_quoted_fields_across_lines_keep_line_numbers_right(officer):
    csv = '区域,地址\n文峰一网格,"滨江花园\n1栋"\n火星,某地\n'
    report = (await run(officer, "ADDRESSES", csv))["report"]
    assert report["rejectedRows"][0]["line"] == 4


async def test_a_grid_worker_may_not_import(login_as, station):
    worker = await login_as(Role.GRID_WORKER, station=station)
    body = await worker.execute(IMPORT, {"input": {"kind": "ADDRESSES", "csv": ADDRESSES}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_ten_thousand_rows_go_in_as_batched_inserts_with_progress(app, officer, station):
    rows = "".join(f"文峰一网格,滨江花园{index}号\n" for index in range(10_000))
    actor = actor_for(app, officer.user, station)
    calls = []
    with count_queries() as counter:
        async with writing(actor):
            report = await import_basic_info(
                actor,
                station.id,
                BasicInfoKind.ADDRESSES,
                "区域,地址\n" + rows,
                progress=lambda d, t: calls.append((d, t)),
            )
    inserts = [statement for statement in counter.statements if 'INSERT INTO "patrol_standard_address"' in statement]
    assert report.written_rows == 10_000
    assert await models.StandardAddress.all().count() == 10_000
    assert 10 <= len(inserts) <= 20
    assert calls[0] == (1000, 10_000) and calls[-1] == (10_000, 10_000) and len(calls) == 10


async def test_the_command_line_import_reads_a_file_with_one_transaction_per_batch(app, station, tmp_path):
    path = tmp_path / "addresses.csv"
    path.write_bytes(ADDRESSES.encode("gb18030"))
    out = io.StringIO()
    report = await run_import(path, station.code, "addresses", False, TextProgressBar(out), encoding="gb18030")
    assert report.written_rows == 2
    assert out.getvalue().endswith("2/2 rows\n")
    assert await models.StandardAddress.all().count() == 2
    printed = io.StringIO()
    print_report(report, printed)
    assert printed.getvalue().startswith("ADDRESSES: 2 rows, 2 imported, 0 rejected")


async def test_the_command_line_dry_run_writes_nothing(app, station, tmp_path):
    path = tmp_path / "addresses.csv"
    path.write_text(ADDRESSES, encoding="utf-8-sig")
    report = await run_import(str(path), station.code, "ADDRESSES", True)
    assert (report.accepted_rows, report.written_rows) == (2, 0)
    assert await models.StandardAddress.all().count() == 0


async def test_the_command_line_refuses_an_unknown_station_or_kind(app, station, tmp_path):
    path = tmp_path / "addresses.csv"
    path.write_text(ADDRESSES)
    with pytest.raises(UserInputError, match="No station"):
        await run_import(path, "NOPE", "addresses")
    with pytest.raises(UserInputError, match="Unknown kind"):
        await run_import(path, station.code, "people")
    with pytest.raises(UserInputError, match="Cannot read"):
        await run_import(tmp_path / "missing.csv", station.code, "addresses")


async def test_the_command_prints_the_report_and_fails_when_rows_are_rejected(app, station, tmp_path):
    path = tmp_path / "residents.csv"
    path.write_text(f"姓名,身份证号\n张三,{id_number()}\n李四,123\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = await import_command(path, station.code, "residents", out=out, err=err)
    assert status == 1
    assert "RESIDENTS: 2 rows, 1 imported, 1 rejected" in out.getvalue()
    assert "line 3: 身份证号: ID number must be 18 characters long (got 3)" in out.getvalue()
    assert "2/2 rows" in err.getvalue()
