"""民转刑: linking disputes to criminal cases, by hand and from the core event."""

from __future__ import annotations

from core import Role, keyed_hash, publish
from core.audit.models import AuditEvent
from plugins.mediation import models

from . import flows
from .conftest import id_number, pk

CASE_OPENED = "patrol.criminal_case.opened"


async def _case_opened(station, *numbers, case_number="渠公(城东)刑立字〔2020〕101号"):
    payload = {
        "case_number": case_number,
        "person_hashes": [keyed_hash("id_number", number) for number in numbers],
        "incident_id": 7,
    }
    await publish(CASE_OPENED, payload, station_id=station.id)


async def test_an_officer_links_a_dispute_to_a_criminal_case(officer, station):
    dispute = await flows.report(officer, station)
    payload = await officer.mutate(flows.LINK, {"input": {"disputeId": dispute["id"], "caseNumber": "刑-2020-001"}})
    assert payload["criminalCase"] == {"caseNumber": "刑-2020-001", "source": "MANUAL"}
    assert payload["dispute"]["criminalLinked"] is True
    assert payload["dispute"]["riskLevel"] == "RED"
    assert await AuditEvent.filter(action="mediation.dispute.link_criminal_case").count() == 1


async def test_the_same_case_twice_is_a_conflict(officer, station):
    dispute = await flows.report(officer, station)
    variables = {"input": {"disputeId": dispute["id"], "caseNumber": "刑-2020-001"}}
    await officer.mutate(flows.LINK, variables)
    data = await officer.data(flows.LINK, variables)
    assert data["linkCriminalCase"]["errors"][0]["field"] == "caseNumber"
    assert data["linkCriminalCase"]["errors"][0]["code"] == "CONFLICT"
    assert await models.CriminalCaseLink.all().count() == 1


async def test_a_case_naming_a_party_links_the_open_dispute_automatically(officer, station):
    number = id_number()
    dispute = await flows.report(
        officer,
        station,
        parties=[
            {"name": "张三", "idNumber": number, "role": "APPLICANT"},
            {"name": "李四", "idNumber": id_number(), "role": "RESPONDENT"},
        ],
    )
    unrelated = await flows.report(officer, station)
    await _case_opened(station, number)
    row = await models.Dispute.get(id=pk(dispute["id"]))
    assert row.criminal_linked and row.risk_level is models.RiskLevel.RED
    link = await models.CriminalCaseLink.get(dispute_id=row.id)
    assert link.source is models.CriminalLinkSource.AUTOMATIC and link.incident_id == 7
    assert not (await models.Dispute.get(id=pk(unrelated["id"]))).criminal_linked
    data = await officer.data(
        "query { disputes(filter: {criminalLinked: true}) { nodes { id criminalCases { source } } } }"
    )
    assert data["disputes"]["nodes"] == [{"id": dispute["id"], "criminalCases": [{"source": "AUTOMATIC"}]}]
    event = await AuditEvent.get(action="mediation.dispute.link_criminal_case")
    assert event.station_id == station.id


async def test_the_same_case_announced_twice_links_once(officer, station):
    number = id_number()
    await flows.report(officer, station, parties=[{"name": "张三", "idNumber": number, "role": "APPLICANT"}])
    await _case_opened(station, number)
    await _case_opened(station, number)
    assert await models.CriminalCaseLink.all().count() == 1


async def test_closed_disputes_are_not_linked(officer, station, team):
    number = id_number()
    parties = [{"name": "张三", "idNumber": number, "role": "APPLICANT"}]
    dispute = await flows.resolved(officer, station, team, parties=parties)
    await flows.close(officer, dispute["id"])
    await _case_opened(station, number)
    assert await models.CriminalCaseLink.all().count() == 0


async def test_a_case_at_another_station_does_not_link(officer, station, other_station):
    number = id_number()
    await flows.report(officer, station, parties=[{"name": "张三", "idNumber": number, "role": "APPLICANT"}])
    await _case_opened(other_station, number)
    assert await models.CriminalCaseLink.all().count() == 0


async def test_a_malformed_event_is_ignored(officer, station):
    await flows.report(officer, station)
    await publish(CASE_OPENED, {"case_number": "x"}, station_id=station.id)
    await publish(CASE_OPENED, {"case_number": "x", "person_hashes": ["abc"]}, station_id=None)
    assert await models.CriminalCaseLink.all().count() == 0


async def test_linking_needs_the_manage_permission(login_as, officer, station):
    dispute = await flows.report(officer, station)
    grid = await login_as(Role.GRID_WORKER, station=station)
    body = await grid.execute(flows.LINK, {"input": {"disputeId": dispute["id"], "caseNumber": "x"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
