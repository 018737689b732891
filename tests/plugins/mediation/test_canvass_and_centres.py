"""四式摸排 campaigns with findings, and compound mediation centres (小区调处中心)."""

from __future__ import annotations

from core import Role
from core.audit.models import AuditEvent
from plugins.mediation import models

from . import flows
from .conftest import dispute_input, gid

CREATE = """
mutation($input: CreateCanvassCampaignInput!) {
  createCanvassCampaign(input: $input) { campaign { id name mode start end areas { name } addressesCovered }
    errors { field message code } }
}
"""
FINDING = """
mutation($input: RecordCanvassFindingInput!) {
  recordCanvassFinding(input: $input) { finding { id address riskFactors disputeId } errors { field message code } }
}
"""
PROGRESS = """
mutation($input: RecordCanvassProgressInput!) {
  recordCanvassProgress(input: $input) { campaign { addressesCovered } errors { field message code } }
}
"""
CONVERT = """
mutation($input: ConvertCanvassFindingInput!) {
  convertCanvassFinding(input: $input) { dispute { id source riskLevel riskFactors } errors { field message code } }
}
"""
CENTRE = """
mutation($input: CreateMediationCentreInput!) {
  createMediationCentre(input: $input) { centre { id name area { name kind } members { name kind phone } }
    errors { field message code } }
}
"""


def _campaign_input(station, **extra):
    areas = [gid("Area", station.test_areas[name]) for name in ("community", "compound")]
    return {
        "name": "2020年夏季地毯式摸排",
        "mode": "CARPET",
        "areaIds": areas,
        "start": "2020-08-01",
        "end": "2020-08-31",
        **extra,
    }


async def test_a_grid_worker_runs_a_campaign_over_areas(login_as, station):
    grid = await login_as(Role.GRID_WORKER, station=station)
    campaign = (await grid.mutate(CREATE, {"input": _campaign_input(station)}))["campaign"]
    assert campaign["mode"] == "CARPET" and [a["name"] for a in campaign["areas"]] == ["文峰社区", "滨江花园小区"]
    progress = await grid.mutate(PROGRESS, {"input": {"campaignId": campaign["id"], "addressesVisited": 120}})
    assert progress["campaign"]["addressesCovered"] == 120
    listed = await grid.data("query { canvassCampaigns(filter: {mode: CARPET}) { totalCount } }")
    assert listed["canvassCampaigns"]["totalCount"] == 1


async def test_a_campaign_needs_areas_of_the_station_and_a_sane_period(officer, station, other_station):
    bad = _campaign_input(
        station, areaIds=[gid("Area", other_station.test_areas["grid"])], start="2020-09-01", end="2020-08-01"
    )
    errors = (await officer.data(CREATE, {"input": bad}))["createCanvassCampaign"]["errors"]
    assert {(e["field"], e["code"]) for e in errors} == {("end", "INVALID"), ("areaIds.0", "NOT_FOUND")}
    empty = (await officer.data(CREATE, {"input": _campaign_input(station, areaIds=[])}))["createCanvassCampaign"]
    assert empty["errors"][0] == {"field": "areaIds", "message": "Choose at least one area.", "code": "REQUIRED"}
    assert await models.CanvassCampaign.all().count() == 0


async def test_a_finding_becomes_a_dispute_with_its_risk_factors(officer, station):
    campaign = (await officer.mutate(CREATE, {"input": _campaign_input(station)}))["campaign"]
    finding_input = {
        "campaignId": campaign["id"],
        "areaId": gid("Area", station.test_areas["compound"]),
        "description": "3栋业主与物业因停车费矛盾激化",
        "address": "滨江花园小区3栋2单元501",
        "riskFactors": ["GROUP_DISPUTE"],
    }
    finding = (await officer.mutate(FINDING, {"input": finding_input}))["finding"]
    assert finding["address"] == "滨江花园小区3栋2单元501"
    converted = await officer.mutate(
        CONVERT, {"input": {"findingId": finding["id"], "dispute": dispute_input(station)}}
    )
    assert converted["dispute"]["source"] == "CANVASS"
    assert converted["dispute"]["riskFactors"] == ["GROUP_DISPUTE"] and converted["dispute"]["riskLevel"] == "YELLOW"
    again = await officer.data(CONVERT, {"input": {"findingId": finding["id"], "dispute": dispute_input(station)}})
    assert again["convertCanvassFinding"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await AuditEvent.filter(action="mediation.canvass.convert").count() == 1


async def test_finding_addresses_are_masked_for_grid_workers(officer, station, login_as):
    campaign = (await officer.mutate(CREATE, {"input": _campaign_input(station)}))["campaign"]
    await officer.mutate(
        FINDING,
        {
            "input": {
                "campaignId": campaign["id"],
                "areaId": gid("Area", station.test_areas["compound"]),
                "description": "噪音扰民",
                "address": "滨江花园小区3栋2单元501",
            }
        },
    )
    grid = await login_as(Role.GRID_WORKER, station=station)
    data = await grid.data("query { canvassCampaigns { nodes { findings { address } } } }")
    assert data["canvassCampaigns"]["nodes"][0]["findings"][0]["address"] == "滨江花园小区****"


async def test_volunteers_do_not_see_campaigns(login_as, station):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    body = await volunteer.execute("query { canvassCampaigns { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_centre_serves_a_compound_with_its_members(officer, station, team):
    members = [
        {"name": "刘书记", "kind": "COMMUNITY_CADRE", "phone": "13700001111"},
        {"name": "物业周经理", "kind": "PROPERTY_STAFF"},
        {"name": "赵志愿者", "kind": "VOLUNTEER", "userId": gid("User", team["VOLUNTEER"])},
    ]
    variables = {
        "input": {
            "name": "滨江花园小区调处中心",
            "areaId": gid("Area", station.test_areas["compound"]),
            "members": members,
        }
    }
    centre = (await officer.mutate(CENTRE, variables))["centre"]
    assert centre["area"] == {"name": "滨江花园小区", "kind": "COMPOUND"}
    assert [m["kind"] for m in centre["members"]] == ["COMMUNITY_CADRE", "PROPERTY_STAFF", "VOLUNTEER"]
    dispute = await flows.report(officer, station, centreId=centre["id"])
    data = await officer.data(
        "query($id: ID!) { disputes(filter: {centreId: $id}) { nodes { id centre { name } } } }", {"id": centre["id"]}
    )
    assert data["disputes"]["nodes"] == [{"id": dispute["id"], "centre": {"name": "滨江花园小区调处中心"}}]


async def test_a_centre_belongs_to_a_compound(officer, station):
    variables = {"input": {"name": "社区调处中心", "areaId": gid("Area", station.test_areas["community"])}}
    data = await officer.data(CENTRE, variables)
    assert data["createMediationCentre"]["errors"][0]["field"] == "areaId"
    assert await models.MediationCentre.all().count() == 0


async def test_a_bad_member_writes_no_centre(officer, station):
    members = [{"name": "刘书记", "kind": "COMMUNITY_CADRE", "phone": "1"}]
    variables = {"input": {"name": "中心", "areaId": gid("Area", station.test_areas["compound"]), "members": members}}
    data = await officer.data(CENTRE, variables)
    assert data["createMediationCentre"]["errors"][0]["field"] == "members.0.phone"
    assert await models.MediationCentre.all().count() == 0


async def test_adding_a_member(officer, station):
    variables = {"input": {"name": "中心", "areaId": gid("Area", station.test_areas["compound"])}}
    centre = (await officer.mutate(CENTRE, variables))["centre"]
    document = """
    mutation($input: AddMediationCentreMemberInput!) {
      addMediationCentreMember(input: $input) { centre { members { name } } errors { field message code } }
    }"""
    payload = await officer.mutate(
        document, {"input": {"centreId": centre["id"], "member": {"name": "社区民警老李", "kind": "POLICE_OFFICER"}}}
    )
    assert payload["centre"]["members"] == [{"name": "社区民警老李"}]


async def test_a_bad_dispute_in_a_conversion_names_the_nested_field(officer, station):
    campaign = (await officer.mutate(CREATE, {"input": _campaign_input(station)}))["campaign"]
    finding_input = {
        "campaignId": campaign["id"],
        "areaId": gid("Area", station.test_areas["grid"]),
        "description": "x",
    }
    finding = (await officer.mutate(FINDING, {"input": finding_input}))["finding"]
    bad = dispute_input(station, areaId="nonsense")
    data = await officer.data(CONVERT, {"input": {"findingId": finding["id"], "dispute": bad}})
    assert data["convertCanvassFinding"]["errors"][0]["field"] == "dispute.areaId"
    assert await models.Dispute.all().count() == 0
