"""CSV export of "一标三实": masked by the exporter's role, minors left out where required, audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

from core import Role
from core.audit.models import AuditEvent
from core.graphql.ids import to_global_id
from tests.plugins.patrol.helpers import id_number

EXPORT = """
mutation($input: ExportBasicInfoInput!) {
  exportBasicInfo(input: $input) { export { kind csv rowCount masked } errors { field message code } }
}
"""
IMPORT = """
mutation($input: ImportBasicInfoInput!) {
  importBasicInfo(input: $input) { report { writtenRows rejectedCount } errors { message } }
}
"""


async def fill(officer, adult: str, child: str | None = None) -> None:
    await officer.mutate(IMPORT, {"input": {"kind": "ADDRESSES", "csv": "区域,地址\n文峰一网格,滨江花园1栋\n"}})
    rows = f"张三,{adult},13812345678,四川省渠县城东街道幸福路3号,滨江花园1栋\n"
    if child:
        rows += f"小明,{child},,,滨江花园1栋\n"
    payload = await officer.mutate(
        IMPORT, {"input": {"kind": "RESIDENTS", "csv": "姓名,身份证号,手机号,户籍地址,地址\n" + rows}}
    )
    assert payload["report"]["rejectedCount"] == 0


def gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, pk)


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_an_officer_exports_in_full(officer):
    number = id_number()
    await fill(officer, number)
    export = (await officer.mutate(EXPORT, {"input": {"kind": "RESIDENTS"}}))["export"]
    row = parse(export["csv"])[0]
    assert export["masked"] is False
    assert (row["姓名"], row["身份证号"], row["手机号"], row["地址"]) == ("张三", number, "13812345678", "滨江花园1栋")


async def test_an_exporter_without_full_view_gets_values_masked_as_the_api_masks_them(make_app):
    import plugins.patrol as plugin
    from core.testing import GraphQLClient, create_station, create_user, token_for

    app = await make_app(["patrol"], extra_plugins=[plugin], permissions=_revoke_full_view())
    home = await create_station(app)
    officer = GraphQLClient(app, token_for(app, await create_user(app, home, Role.OFFICER)))
    number = id_number()
    await fill(officer, number)
    export = (await officer.mutate(EXPORT, {"input": {"kind": "RESIDENTS"}}))["export"]
    row = parse(export["csv"])[0]
    assert export["masked"] is True
    assert row["身份证号"] == number[:4] + "*" * 10 + number[-4:]
    assert row["手机号"] == "138****5678"
    assert row["户籍地址"] == "四川省渠县城****"
    assert row["姓名"] == "张三"


def _revoke_full_view():
    from core.config import PermissionSettings

    return PermissionSettings(revoke={"OFFICER": ("core.personal.view_full",)})


async def test_children_are_left_out_for_exporters_who_may_not_see_minors(make_app):
    import plugins.patrol as plugin
    from core.config import PermissionSettings
    from core.testing import GraphQLClient, create_station, create_user, token_for

    app = await make_app(
        ["patrol"],
        extra_plugins=[plugin],
        permissions=PermissionSettings(revoke={"OFFICER": ("core.personal.view_minors",)}),
    )
    home = await create_station(app)
    officer = GraphQLClient(app, token_for(app, await create_user(app, home, Role.OFFICER)))
    await fill(officer, id_number(), id_number(dt.date(2012, 5, 1)))
    export = (await officer.mutate(EXPORT, {"input": {"kind": "RESIDENTS"}}))["export"]
    assert [row["姓名"] for row in parse(export["csv"])] == ["张三"]


async def test_every_export_is_audited(officer):
    await fill(officer, id_number())
    await officer.mutate(EXPORT, {"input": {"kind": "RESIDENTS"}})
    event = await AuditEvent.get(action="patrol.basic_info.export")
    assert event.after == {"kind": "RESIDENTS", "rows": 1, "masked": False, "area_id": None}
    assert event.actor_username == officer.user.username


async def test_addresses_export_with_area_paths_and_reimport_as_duplicates(officer):
    await fill(officer, id_number())
    export = (await officer.mutate(EXPORT, {"input": {"kind": "ADDRESSES"}}))["export"]
    assert parse(export["csv"]) == [
        {"区域": "城东街道/文峰社区/文峰一网格", "地址": "滨江花园1栋", "纬度": "", "经度": "", "坐标系": ""}
    ]
    again = await officer.mutate(IMPORT, {"input": {"kind": "ADDRESSES", "csv": export["csv"]}})
    assert again["report"] == {"writtenRows": 0, "rejectedCount": 1}


async def test_an_auxiliary_may_not_export(login_as, station):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    body = await auxiliary.execute(EXPORT, {"input": {"kind": "RESIDENTS"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_bureau_admins_export_of_a_named_station_records_that_station(officer, login_as, station, other_station):
    await fill(officer, id_number())
    admin = await login_as(Role.BUREAU_ADMIN)
    payload = await admin.mutate(EXPORT, {"input": {"kind": "RESIDENTS", "stationId": gid("Station", station.id)}})
    assert payload["export"]["rowCount"] == 1
    event = await AuditEvent.get(action="patrol.basic_info.export")
    assert event.station_id == station.id
    assert event.actor_username == admin.user.username


async def test_a_bureau_admins_export_of_a_station_without_patrol_is_refused(login_as, other_station, app):
    await other_station.__class__.filter(id=other_station.id).update(enabled_plugins=[])
    admin = await login_as(Role.BUREAU_ADMIN)
    body = await admin.execute(EXPORT, {"input": {"kind": "RESIDENTS", "stationId": gid("Station", other_station.id)}})
    assert body["data"]["exportBasicInfo"]["errors"][0]["code"] == "FEATURE_DISABLED"
    assert not await AuditEvent.filter(action="patrol.basic_info.export").exists()


async def test_a_station_user_naming_another_station_gets_not_found(officer, other_station):
    body = await officer.execute(EXPORT, {"input": {"kind": "RESIDENTS", "stationId": gid("Station", other_station.id)}})
    assert body["data"]["exportBasicInfo"]["errors"] == [
        {"field": "stationId", "message": "Station not found.", "code": "NOT_FOUND"}
    ]
