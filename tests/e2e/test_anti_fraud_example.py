"""The example third-party plugin, installed as a package and enabled in a config file.

This is the plugin contract seen from outside: the core finds the plugin through its entry
point (no ``extra_plugins``), builds the schema with it, and serves it over HTTP. CI installs
the example (``pip install -e examples/fengqiao-anti-fraud``); elsewhere these tests skip.
"""

from __future__ import annotations

import importlib.metadata
import os
from pathlib import Path

import pytest

from core import Role, to_global_id
from core.config import load_settings
from core.testing import GraphQLClient, create_station, create_user, running_app, token_for

ENTRY_POINTS = {ep.name: ep for ep in importlib.metadata.entry_points(group="fengqiao.plugins")}
pytestmark = pytest.mark.skipif(
    "anti_fraud" not in ENTRY_POINTS,
    reason="the example plugin is not installed: pip install -e examples/fengqiao-anti-fraud (CI does)",
)

ROOT_FIELDS = "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }"
RECORD = """
mutation ($input: RecordAntiFraudPublicityInput!) {
  recordAntiFraudPublicity(input: $input) { publicityEvent { id appInstalls } errors { field code } }
}
"""
EVENTS = "{ antiFraudPublicityEvents { totalCount nodes { id } } }"
AUDIT = """
{ auditEvents(filter: {action: "anti_fraud.publicity.record"}) { totalCount nodes { actorUsername stationId } } }
"""
SCORE = """
query ($s: ID!) {
  stationScore(stationId: $s, period: {start: "2020-08-01", end: "2020-08-31"}) {
    indicators { key plugin value explanation }
  }
}
"""


def write_config(directory: Path, enabled: list[str]) -> Path:
    url = os.environ.get("FENGQIAO_TEST_DATABASE_URL") or f"sqlite://{directory / 'fengqiao.db'}"
    path = directory / "fengqiao.toml"
    plugins = ", ".join(f'"{name}"' for name in enabled)
    path.write_text(
        f'database_url = "{url}"\n'
        'secret_key = "e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz"\n'
        f"[plugins]\nenabled = [{plugins}]\nthird_party = true\n"
        f'[storage]\npath = "{directory / "files"}"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
async def deployment(tmp_path, clock):
    """``await deployment([...])`` → a started app configured from a fengqiao.toml file."""
    stack = []

    async def start(enabled: list[str]):
        directory = tmp_path / f"deployment{len(stack)}"
        directory.mkdir()
        settings = load_settings(write_config(directory, enabled), environ={})
        context = running_app(settings, clock=clock)
        stack.append(context)
        return await context.__aenter__()

    yield start
    while stack:
        await stack.pop().__aexit__(None, None, None)


async def login(app, station, role: Role) -> GraphQLClient:
    return GraphQLClient(app, token_for(app, await create_user(app, station, role)))


async def root_fields(client: GraphQLClient) -> set[str]:
    schema = (await client.data(ROOT_FIELDS))["__schema"]
    return {field["name"] for root in ("queryType", "mutationType") for field in schema[root]["fields"]}


def publicity(area) -> dict:
    return {
        "input": {
            "areaId": to_global_id("Area", area.id),
            "heldOn": "2020-08-18",
            "kind": "MARKET",
            "venue": "城东农贸市场",
            "audienceCount": 120,
            "residentsWarned": 30,
            "appInstalls": 64,
        }
    }


async def test_the_installed_plugin_is_found_through_its_entry_point(deployment):
    app = await deployment(["anti_fraud"])
    assert app.plugins.names == ["anti_fraud"]
    assert app.plugins.plugins["anti_fraud"].distribution == "fengqiao-anti-fraud"


async def test_its_fields_are_in_the_schema_over_http(deployment):
    app = await deployment(["anti_fraud"])
    station = await create_station(app)
    fields = await root_fields(await login(app, station, Role.OFFICER))
    assert {"antiFraudPublicityEvents", "fraudReports", "antiFraudStats"} <= fields
    assert {"recordAntiFraudPublicity", "reportFraud", "closeFraudReport"} <= fields


async def test_its_mutation_is_audited_and_kept_to_the_station(deployment):
    app = await deployment(["anti_fraud"])
    station = await create_station(app)
    other = await create_station(app, name="渠县公安局临巴派出所")
    officer = await login(app, station, Role.OFFICER)
    payload = await officer.mutate(RECORD, publicity(station.test_areas["community"]))
    assert payload["publicityEvent"]["appInstalls"] == 64
    auditor = await login(app, None, Role.AUDITOR)
    audit = (await auditor.data(AUDIT))["auditEvents"]
    assert audit["totalCount"] == 1
    assert audit["nodes"][0]["stationId"] == to_global_id("Station", station.id)
    stranger = await login(app, other, Role.OFFICER)
    assert (await stranger.data(EVENTS))["antiFraudPublicityEvents"]["totalCount"] == 0
    refused = await stranger.data(RECORD, publicity(station.test_areas["community"]))
    assert refused["recordAntiFraudPublicity"]["errors"] == [{"field": "areaId", "code": "NOT_FOUND"}]


async def test_its_indicators_appear_in_the_station_score(deployment):
    app = await deployment(["anti_fraud"])
    station = await create_station(app)
    await (await login(app, station, Role.OFFICER)).mutate(RECORD, publicity(station.test_areas["community"]))
    chief = await login(app, station, Role.STATION_CHIEF)
    score = (await chief.data(SCORE, {"s": to_global_id("Station", station.id)}))["stationScore"]
    indicators = {item["key"]: item for item in score["indicators"]}
    assert indicators["anti_fraud.app_installs"]["plugin"] == "anti_fraud"
    assert indicators["anti_fraud.app_installs"]["value"] == 64
    assert indicators["anti_fraud.app_installs"]["explanation"] == "64 installs at 1 publicity events"
    assert "anti_fraud.fraud_losses" in indicators


async def test_with_the_plugin_disabled_all_of_it_is_gone(deployment):
    app = await deployment([])
    station = await create_station(app)
    officer = await login(app, station, Role.OFFICER)
    fields = await root_fields(officer)
    assert not {name for name in fields if "raud" in name}
    body = await officer.execute(RECORD, publicity(station.test_areas["community"]))
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    chief = await login(app, station, Role.STATION_CHIEF)
    score = (await chief.data(SCORE, {"s": to_global_id("Station", station.id)}))["stationScore"]
    assert not [item for item in score["indicators"] if item["plugin"] == "anti_fraud"]


async def test_a_station_that_switched_it_off_loses_fields_and_indicators(deployment):
    app = await deployment(["anti_fraud"])
    station = await create_station(app, plugins=[])
    officer = await login(app, station, Role.OFFICER)
    body = await officer.execute(EVENTS)
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
    chief = await login(app, station, Role.STATION_CHIEF)
    score = (await chief.data(SCORE, {"s": to_global_id("Station", station.id)}))["stationScore"]
    assert not [item for item in score["indicators"] if item["plugin"] == "anti_fraud"]


REPORT_FRAUD = """
mutation ($input: ReportFraudInput!) { reportFraud(input: $input) { fraudReport { id } errors { field code } } }
"""


async def test_its_fraud_reports_accept_attachments_through_the_core(deployment):
    # The plugin's one declaration (fengqiao_attachment_targets) is all it takes: upload, list,
    # download and the custody audit are the core's.
    from tests.core.attachments.files import download, png, upload

    app = await deployment(["anti_fraud"])
    station = await create_station(app)
    officer = await login(app, station, Role.OFFICER)
    report = await officer.mutate(
        REPORT_FRAUD,
        {"input": {"occurredOn": "2020-08-15", "fraudType": "IMPERSONATING_OFFICIALS", "amountLost": "12000.00",
                   "victimName": "王秀英", "victimPhone": "13812345678"}},
    )
    owner = report["fraudReport"]["id"]
    response = await upload(officer, owner, png(), "转账截图.png", "image/png", description="转账截图")
    attachment = response.json()["data"]["uploadAttachment"]["attachment"]
    listed = await officer.data("query($o: ID!) { attachments(ownerId: $o) { nodes { sha256 } } }", {"o": owner})
    assert listed["attachments"]["nodes"] == [{"sha256": attachment["sha256"]}]
    assert (await download(officer, attachment["downloadUrl"]["url"])).content == png()
    stranger = await login(app, await create_station(app, name="渠县公安局临巴派出所"), Role.OFFICER)
    refused = await upload(stranger, owner, png(), "x.png", "image/png")
    assert refused.json()["data"]["uploadAttachment"]["errors"][0]["code"] == "NOT_FOUND"
