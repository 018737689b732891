"""查 — inspections, findings with rectification deadlines, re-inspections, overdue lists,
hotspot campaigns with before/after incident counts."""

from __future__ import annotations

from core import Role
from core.audit.models import AuditEvent
from plugins.patrol import models
from tests.plugins.patrol.flows import report
from tests.plugins.patrol.helpers import area_id, refresh_token

CREATE_TARGET = """
mutation($input: CreateInspectionTargetInput!) {
  createInspectionTarget(input: $input) { target { id name kind } errors { field message code } }
}
"""
RECORD = """
mutation($input: RecordInspectionInput!) {
  recordInspection(input: $input) {
    inspection { id kind inspectorName target { name } findings { id severity deadline status overdue } }
    errors { field message code }
  }
}
"""
REINSPECT = """
mutation($input: ReinspectRectificationInput!) {
  reinspectRectification(input: $input) {
    finding { id status deadline originalDeadline extensions closedOn reinspections { outcome newDeadline } }
    errors { field message code }
  }
}
"""
RECTIFICATIONS = """
query($filter: RectificationFilter) { rectifications(filter: $filter) { totalCount nodes { description deadline } } }
"""
START = """
mutation($input: StartHotspotCampaignInput!) {
  startHotspotCampaign(input: $input) {
    campaign { id status incidentCounts { before after days } areaIds }
    errors { field message code }
  }
}
"""
FINISH = """
mutation($input: FinishHotspotCampaignInput!) {
  finishHotspotCampaign(input: $input) { campaign { status finishedOn } errors { field message code } }
}
"""


async def create_target(client, station, kind: str = "ENTERTAINMENT_VENUE") -> str:
    payload = await client.mutate(
        CREATE_TARGET, {"input": {"name": "金色年华KTV", "kind": kind, "areaId": area_id(station, "community")}}
    )
    return payload["target"]["id"]


async def inspect(client, target_id: str, findings: list[dict], kind: str = "PUBLIC_ORDER") -> dict:
    payload = await client.mutate(RECORD, {"input": {"targetId": target_id, "kind": kind, "findings": findings}})
    return payload["inspection"]


async def test_findings_get_a_deadline_from_their_severity(officer, station):
    target_id = await create_target(officer, station)
    inspection = await inspect(
        officer,
        target_id,
        [{"description": "消防通道堵塞", "severity": "CRITICAL"}, {"description": "登记不全", "severity": "LOW"}],
    )
    assert [finding["deadline"] for finding in inspection["findings"]] == ["2020-08-23", "2020-09-19"]
    assert inspection["inspectorName"] == "李警官"
    assert inspection["target"]["name"] == "金色年华KTV"


async def test_an_explicit_deadline_before_the_inspection_is_refused(officer, station):
    target_id = await create_target(officer, station)
    findings = [{"description": "消防通道堵塞", "severity": "HIGH", "deadline": "2020-08-01"}]
    data = await officer.data(RECORD, {"input": {"targetId": target_id, "kind": "FIRE", "findings": findings}})
    assert data["recordInspection"]["errors"][0]["field"] == "findings.0.deadline"
    assert await models.Inspection.all().count() == 0


async def test_a_reinspection_closes_a_rectified_finding(app, officer, station, clock):
    target_id = await create_target(officer, station)
    finding = (await inspect(officer, target_id, [{"description": "灭火器过期", "severity": "MEDIUM"}]))["findings"][0]
    clock.advance(days=5)
    refresh_token(app, officer)
    payload = await officer.mutate(REINSPECT, {"input": {"findingId": finding["id"], "rectified": True}})
    assert (payload["finding"]["status"], payload["finding"]["closedOn"]) == ("CLOSED", "2020-08-25")
    assert payload["finding"]["reinspections"] == [{"outcome": "CLOSED", "newDeadline": None}]
    assert await AuditEvent.filter(action="patrol.rectification.reinspect").count() == 1


async def test_a_reinspection_extends_an_unrectified_finding(officer, station):
    target_id = await create_target(officer, station)
    finding = (await inspect(officer, target_id, [{"description": "灭火器过期", "severity": "MEDIUM"}]))["findings"][0]
    payload = await officer.mutate(
        REINSPECT, {"input": {"findingId": finding["id"], "rectified": False, "newDeadline": "2020-09-30"}}
    )
    found = payload["finding"]
    assert (found["status"], found["deadline"], found["originalDeadline"], found["extensions"]) == (
        "OPEN",
        "2020-09-30",
        "2020-09-04",
        1,
    )


async def test_an_extension_needs_a_later_deadline(officer, station):
    target_id = await create_target(officer, station)
    finding = (await inspect(officer, target_id, [{"description": "灭火器过期", "severity": "MEDIUM"}]))["findings"][0]
    missing = await officer.data(REINSPECT, {"input": {"findingId": finding["id"], "rectified": False}})
    assert missing["reinspectRectification"]["errors"][0]["code"] == "REQUIRED"
    earlier = await officer.data(
        REINSPECT, {"input": {"findingId": finding["id"], "rectified": False, "newDeadline": "2020-09-01"}}
    )
    assert earlier["reinspectRectification"]["errors"][0]["field"] == "newDeadline"


async def test_a_closed_rectification_cannot_be_reinspected(officer, station):
    target_id = await create_target(officer, station)
    finding = (await inspect(officer, target_id, [{"description": "灭火器过期", "severity": "MEDIUM"}]))["findings"][0]
    await officer.mutate(REINSPECT, {"input": {"findingId": finding["id"], "rectified": True}})
    data = await officer.data(REINSPECT, {"input": {"findingId": finding["id"], "rectified": True}})
    assert data["reinspectRectification"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_overdue_rectifications_are_listed(app, officer, station, clock):
    target_id = await create_target(officer, station)
    findings = [
        {"description": "消防通道堵塞", "severity": "CRITICAL"},
        {"description": "登记不全", "severity": "LOW"},
    ]
    await inspect(officer, target_id, findings)
    clock.advance(days=4)
    refresh_token(app, officer)
    overdue = (await officer.data(RECTIFICATIONS, {"filter": {"overdue": True}}))["rectifications"]
    assert [node["description"] for node in overdue["nodes"]] == ["消防通道堵塞"]
    not_overdue = (await officer.data(RECTIFICATIONS, {"filter": {"overdue": False}}))["rectifications"]
    assert not_overdue["totalCount"] == 1


async def test_an_auxiliary_records_inspections_but_a_volunteer_may_not_read_them(login_as, officer, station):
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    target_id = await create_target(officer, station)
    await inspect(auxiliary, target_id, [], kind="DAILY")
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    body = await volunteer.execute("{ inspections { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_campaign_compares_incidents_before_and_since_its_start(officer, station, clock):
    for day in ("2020-07-25", "2020-07-28", "2020-08-05"):
        await report(officer, station, receivedAt=f"{day}T10:00:00+08:00", areaId=area_id(station, "compound"))
    await report(officer, station, receivedAt="2020-08-06T10:00:00+08:00", areaId=area_id(station, "village"))
    await report(officer, station, receivedAt="2020-08-07T10:00:00+08:00", areaId=area_id(station, "grid"))
    payload = await officer.mutate(
        START,
        {"input": {"name": "滨江花园乱点整治", "areaIds": [area_id(station, "grid")], "startsOn": "2020-08-01"}},
    )
    counts = payload["campaign"]["incidentCounts"]
    assert counts == {"before": 2, "after": 2, "days": 20}


async def test_finishing_a_campaign_twice_is_an_invalid_transition(officer, station):
    payload = await officer.mutate(START, {"input": {"name": "整治", "areaIds": [area_id(station, "grid")]}})
    campaign_id = payload["campaign"]["id"]
    finished = await officer.mutate(FINISH, {"input": {"campaignId": campaign_id}})
    assert finished["campaign"] == {"status": "FINISHED", "finishedOn": "2020-08-20"}
    again = await officer.data(FINISH, {"input": {"campaignId": campaign_id}})
    assert again["finishHotspotCampaign"]["errors"][0]["code"] == "INVALID_TRANSITION"


async def test_a_campaign_needs_an_area_of_the_station(officer, station, other_station):
    empty = await officer.data(START, {"input": {"name": "整治", "areaIds": []}})
    assert empty["startHotspotCampaign"]["errors"][0]["code"] == "REQUIRED"
    foreign = await officer.data(START, {"input": {"name": "整治", "areaIds": [area_id(other_station)]}})
    assert foreign["startHotspotCampaign"]["errors"][0]["code"] == "NOT_FOUND"
    assert await models.HotspotCampaign.all().count() == 0
