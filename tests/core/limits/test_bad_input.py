"""Bad input gets a code and a message, never INTERNAL: ids and cursors that do not fit 64
bits, periods outside the calendar, huge filters, control characters and lone surrogates —
one rule on SQLite and PostgreSQL alike, and nothing written."""

import base64
import json
import logging

import httpx
import pytest

import tests.core.sample_plugin as sample_plugin
from core import FixedClock, Role, UserErrorCode, UserInputError, testing, to_global_id
from core.testing import DEFAULT_NOW, make_settings, running_app
from tests.plugins.mediation.conftest import dispute_input

PLUGINS = ["sample", "mediation", "patrol", "party_building", "volunteers"]
ADD = "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { name } errors { code field message } } }"
REPORT = "mutation($input: ReportDisputeInput!) { reportDispute(input: $input) { dispute { id } errors { code field message } } }"
DISPUTES = "query($t: String) { disputes(filter: {text: $t}) { totalCount } }"


@pytest.fixture(scope="module")
async def app(tmp_path_factory):
    # One deployment for the whole module: migrating every pillar takes seconds.
    settings = make_settings(testing.test_database_url(tmp_path_factory.mktemp("bad_input")), PLUGINS)
    async with running_app(settings, extra_plugins=[sample_plugin], clock=FixedClock(DEFAULT_NOW)) as app:
        yield app


@pytest.fixture
async def chief(login_as, station):
    return await login_as(Role.STATION_CHIEF, station=station)


async def raw(client, query: str, variables: dict) -> dict:
    """Post with JSON escapes (``\\ud800`` stays an escape, as a browser would send it)."""
    headers = {"content-type": "application/json", "authorization": f"Bearer {client.token}"}
    async with httpx.AsyncClient(transport=client._transport, base_url="http://fengqiao.test") as http:
        response = await http.post("/graphql", content=json.dumps({"query": query, "variables": variables}), headers=headers)
    assert response.status_code == 200
    return response.json()


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize("pk", ["99999999999999999999999", "9223372036854775808", "-1", "0", "+1", " 1", "1_0", "١٢"])
async def test_a_global_id_that_is_no_64_bit_key_reads_as_missing(chief, pk):
    body = await chief.execute("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id("SamplePerson", pk)})
    assert body == {"data": {"node": None}}


@pytest.mark.parametrize("type_name", ["SamplePerson", "User", "Area"])
async def test_a_global_id_beyond_a_32_bit_key_reads_as_missing(chief, type_name):
    # These keys are 32-bit columns: PostgreSQL refuses to compare them with 2**31.
    body = await chief.execute("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id(type_name, "2147483648")})
    assert body == {"data": {"node": None}}


async def test_a_32_bit_key_overflow_in_a_mutation_input_is_not_found(chief, station):
    values = dispute_input(station, areaId=to_global_id("Area", "2147483648"))
    payload = (await chief.execute(REPORT, {"input": values}))["data"]["reportDispute"]
    assert payload["errors"][0]["code"] == "NOT_FOUND" and payload["errors"][0]["field"] == "areaId"


@pytest.mark.parametrize("type_name", ["User", "Area"])
async def test_decoding_an_id_beyond_the_key_column_is_not_found(chief, type_name):
    from core.graphql.ids import decode_id

    assert decode_id(to_global_id(type_name, "2147483647"), type_name, field="id") == 2147483647
    with pytest.raises(UserInputError) as refused:
        decode_id(to_global_id(type_name, "2147483648"), type_name, field="id")
    assert refused.value.code == UserErrorCode.NOT_FOUND


async def test_an_oversized_id_in_a_mutation_input_is_not_found(chief, station):
    values = dispute_input(station, areaId=to_global_id("Area", "99999999999999999999999"))
    payload = (await chief.execute(REPORT, {"input": values}))["data"]["reportDispute"]
    assert payload["errors"] == [{"code": "NOT_FOUND", "field": "areaId", "message": "No Area with this id."}]


@pytest.mark.parametrize("text", ["offset:99999999999999999999999", "offset:-1", "offset:1e3", "page:3", "offset:"])
async def test_a_cursor_that_is_no_offset_is_a_bad_request(chief, text):
    body = await chief.execute("query($a: String) { samplePeople(after: $a) { totalCount } }", {"a": cursor(text)})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "'after' is not a valid cursor" in body["errors"][0]["message"]


STATISTICS = {
    "incidentStats": "incidentStats(period: $p) { start }",
    "mediationStats": "mediationStats(period: $p) { start }",
    "patrolCompliance": "patrolCompliance(period: $p) { start }",
    "surveillanceStats": "surveillanceStats(period: $p) { start }",
    "satisfactionStats": "satisfactionStats(period: $p) { responses }",
    "meetingCompliance": "meetingCompliance(period: $p) { start }",
    "stationRanking": "stationRanking(period: $p) { rank }",
}


@pytest.mark.parametrize("field", sorted(STATISTICS))
@pytest.mark.parametrize("year", ["0001", "9999", "1899", "2200"])
async def test_a_period_outside_1900_to_2199_is_bad_user_input_on_every_statistics_field(chief, field, year):
    period = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    body = await chief.execute(f"query($p: PeriodInput!) {{ {STATISTICS[field]} }}", {"p": period})
    assert {error["extensions"]["code"] for error in body["errors"]} == {"BAD_USER_INPUT"}
    assert "between 1900-01-01 and 2199-12-31" in body["errors"][0]["message"]


async def test_the_calendar_edges_are_accepted(chief):
    body = await chief.execute("query($p: PeriodInput!) { incidentStats(period: $p) { start end } }", {"p": {"start": "1900-01-01", "end": "2199-12-31"}})
    assert body["data"]["incidentStats"] == {"start": "1900-01-01", "end": "2199-12-31"}


async def test_a_month_outside_the_calendar_is_bad_user_input(chief):
    body = await chief.execute('{ starMonth(month: "0001-01") { month } }')
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "month"}


@pytest.mark.parametrize("length", [501, 60_000, 200_000])
async def test_a_huge_text_filter_is_bad_user_input_naming_the_filter(chief, length):
    body = await chief.execute(DISPUTES, {"t": "纠" * length})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.text"}
    assert "at most 500 characters" in body["errors"][0]["message"]


async def test_a_filter_too_long_for_its_column_is_bad_user_input_and_not_logged_whole(chief, caplog):
    caplog.set_level(logging.DEBUG)
    # 300 characters: under the filter limit, over the 64 of the username column.
    body = await chief.execute('query($u: String) { auditEvents(filter: {actorUsername: $u}) { totalCount } }', {"u": "q" * 300})
    codes = {error["extensions"]["code"] for error in body.get("errors") or []}
    assert "INTERNAL" not in codes
    assert "q" * 200 not in caplog.text


async def test_a_nul_in_a_text_filter_is_bad_user_input_not_a_match_of_everything(chief):
    body = await chief.execute(DISPUTES, {"t": "\u0000"})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.text"}
    assert "U+0000" in body["errors"][0]["message"]


async def test_a_nul_in_a_description_is_a_field_error_and_writes_nothing(chief, station):
    before = (await chief.data("{ disputes { totalCount } }"))["disputes"]["totalCount"]
    payload = (await chief.execute(REPORT, {"input": dispute_input(station, description="漏水\u0000纠纷")}))["data"]["reportDispute"]
    assert payload["dispute"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID", "description")]
    assert (await chief.data("{ disputes { totalCount } }"))["disputes"]["totalCount"] == before


async def test_a_lone_surrogate_in_a_party_name_is_a_field_error(chief, station):
    values = dispute_input(station)
    values["parties"][1]["name"] = "李\ud800四"
    payload = (await raw(chief, REPORT, {"input": values}))["data"]["reportDispute"]
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID", "parties.1.name")]


async def test_a_nul_in_a_username_is_a_field_error(client):
    query = "mutation($input: LoginInput!) { login(input: $input) { token errors { code field } } }"
    payload = (await client.execute(query, {"input": {"username": "admin\u0000", "password": "x" * 12}}))["data"]["login"]
    assert payload == {"token": None, "errors": [{"code": "INVALID", "field": "username"}]}


async def test_a_nul_in_a_csv_field_is_a_field_error(chief):
    query = "mutation($input: ImportBasicInfoInput!) { importBasicInfo(input: $input) { report { acceptedRows } errors { code field } } }"
    csv = "地址,所属区域\n滨江花园1栋\u0000,文峰社区\n"
    payload = (await chief.execute(query, {"input": {"kind": "ADDRESSES", "csv": csv}}))["data"]["importBasicInfo"]
    assert payload["errors"] == [{"code": "INVALID", "field": "csv"}]


async def test_tabs_and_line_breaks_are_text(chief, station):
    description = "楼上漏水\r\n第二次反映\t已协调"
    payload = (await chief.execute(REPORT, {"input": dispute_input(station, description=description)}))["data"]["reportDispute"]
    assert payload["errors"] == [] and payload["dispute"]["id"]


@pytest.mark.parametrize("character", ["\u0007", "\u001b", "\u007f", "\u0085"])
async def test_other_control_characters_are_refused(chief, character):
    body = await chief.execute(ADD, {"input": {"name": f"张{character}三"}})
    assert body["data"]["addSamplePerson"]["errors"][0]["field"] == "name"


async def test_an_input_over_the_input_limit_is_a_field_error(chief):
    body = await chief.execute(ADD, {"input": {"name": "张" * 10_001}})
    [error] = body["data"]["addSamplePerson"]["errors"]
    assert error["field"] == "name" and "at most 10000 characters" in error["message"]


async def test_a_value_too_long_for_its_column_is_a_field_error_not_internal(chief, caplog):
    before = (await chief.data("{ samplePeople { totalCount } }"))["samplePeople"]["totalCount"]
    body = await chief.execute(ADD, {"input": {"name": "张" * 60}})  # the column holds 50
    [error] = body["data"]["addSamplePerson"]["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "name")
    assert "张" * 60 not in error["message"] and "张" * 60 not in caplog.text
    assert (await chief.data("{ samplePeople { totalCount } }"))["samplePeople"]["totalCount"] == before
