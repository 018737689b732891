"""No N+1: a page of 50 costs as many SQL statements as a page of 5, nested lists included."""

from __future__ import annotations

import datetime as dt

import pytest

from core.testing import count_queries
from plugins.patrol import enums as e
from plugins.patrol import models
from tests.plugins.patrol.helpers import id_number

NOW = dt.datetime(2020, 8, 20, 1, 0, tzinfo=dt.UTC)

QUERIES = {
    "incidents": """{ incidents(first: 100) { totalCount nodes { id areaName assigneeName
        persons { name idNumber phone } criminalCase { caseNumber } } } }""",
    "patrolTeams": "{ patrolTeams(first: 100) { nodes { name areaName members { name phone } } } }",
    "patrolShifts": """{ patrolShifts(first: 100) { nodes { status team { name members { name } }
        route { name status checkIn { isLate userName } } findings { id persons { name } } } } }""",
    "surveillanceAssets": "{ surveillanceAssets(first: 100) { nodes { areaName statusHistory { toStatus changedByName } } } }",
    "addresses": """{ addresses(first: 100) { nodes { areaName residents { name idNumber } housing { kind occupants { name } }
        units { name } incidents { id } inspections { kind } } } }""",
    "residents": "{ residents(first: 100) { nodes { name idNumber address { address housing { kind } } } } }",
    "inspections": """{ inspections(first: 100) { nodes { inspectorName target { name areaName }
        findings { severity overdue reinspections { outcome } inspection { id } } } } }""",
    "rectifications": "{ rectifications(first: 100) { nodes { overdue inspection { target { name } } } } }",
    "hotspotCampaigns": "{ hotspotCampaigns(first: 100) { nodes { name areaIds incidentCounts { before after } } } }",
}


async def populate(station, user, count: int, offset: int) -> None:
    """``count`` rows of every kind, each with nested children, without the API (fast)."""
    area = station.test_areas["grid"]
    base = {"station_id": station.id}
    for index in range(offset, offset + count):
        address = await models.StandardAddress.create(
            **base, area_id=area.id, address=f"滨江花园{index}号", address_key=f"K{index}", created_at=NOW
        )
        resident = models.Resident(
            **base,
            name=f"居民{index}",
            id_number=id_number(),
            id_number_hash=f"h{index}",
            address=address,
            residence=e.ResidenceKind.HOUSEHOLD,
            relation=e.AddressRelation.OWNER,
            created_at=NOW,
        )
        await resident.save()
        await models.Housing.create(**base, address=address, kind=e.HousingKind.RESIDENTIAL, created_at=NOW)
        await models.ActualUnit.create(
            **base, name=f"单位{index}", kind=e.UnitKind.SHOP, address=address, created_at=NOW
        )
        team = await models.PatrolTeam.create(
            **base, name=f"队{index}", kind=e.PatrolTeamKind.POLICE, level=1, area_id=area.id, created_at=NOW
        )
        await models.PatrolTeamMember.create(**base, team=team, name="队员", phone="13800000000", user_id=user.id)
        shift = await models.PatrolShift.create(**base, team=team, starts_at=NOW, ends_at=NOW + dt.timedelta(hours=2))
        point = await models.PatrolRoutePoint.create(**base, shift=shift, sequence=1, name="点", expected_at=NOW)
        await models.PatrolCheckIn.create(**base, shift=shift, point=point, checked_at=NOW, user_id=user.id)
        incident = await models.Incident.create(
            **base,
            source=e.IncidentSource.PATROL,
            category=e.IncidentCategory.THEFT,
            status=e.IncidentStatus.DISPATCHED,
            area_id=area.id,
            received_at=NOW,
            assignee_id=user.id,
            standard_address=address,
            patrol_shift=shift,
        )
        await models.IncidentPerson.create(
            **base, incident=incident, role=e.PersonRole.VICTIM, name="张三", id_number=id_number(), phone="13812345678"
        )
        await models.CriminalCase.create(**base, incident=incident, case_number=f"QX-{index}", opened_at=NOW)
        asset = await models.SurveillanceAsset.create(
            **base,
            kind=e.AssetKind.CAMERA,
            project=e.AssetProject.SKYNET,
            name="探头",
            area_id=area.id,
            installed_on=NOW.date(),
            status=e.AssetStatus.ONLINE,
            status_changed_at=NOW,
        )
        await models.AssetStatusChange.create(
            **base, asset=asset, to_status=e.AssetStatus.ONLINE, changed_at=NOW, changed_by_id=user.id
        )
        target = await models.InspectionTarget.create(
            **base,
            name=f"场所{index}",
            kind=e.InspectionTargetKind.HOTEL,
            area_id=area.id,
            address=address,
            created_at=NOW,
        )
        inspection = await models.Inspection.create(
            **base, target=target, kind=e.InspectionKind.FIRE, inspected_at=NOW, inspector_id=user.id
        )
        finding = await models.InspectionFinding.create(
            **base,
            inspection=inspection,
            description="隐患",
            severity=e.FindingSeverity.LOW,
            deadline=NOW.date(),
            original_deadline=NOW.date(),
            status=e.RectificationStatus.OPEN,
        )
        await models.Reinspection.create(
            **base, finding=finding, checked_on=NOW.date(), outcome=e.ReinspectionOutcome.EXTENDED
        )
        campaign = await models.HotspotCampaign.create(
            **base, name=f"整治{index}", starts_on=NOW.date(), status=e.CampaignStatus.ACTIVE
        )
        await models.HotspotCampaignArea.create(**base, campaign=campaign, area_id=area.id)


async def statements(client, query: str) -> int:
    with count_queries() as counter:
        await client.data(query)
    return counter.count


@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_a_page_of_fifty_costs_the_same_statements_as_five(officer, station, name):
    await officer.data("{ me { username } }")  # the officer's account is then reused a while
    await populate(station, officer.user, 5, 0)
    small = await statements(officer, QUERIES[name])
    await populate(station, officer.user, 45, 5)
    large = await statements(officer, QUERIES[name])
    assert large == small, f"{name}: {small} statements for 5 rows, {large} for 50"


async def test_the_front_end_incident_list_reads_the_page_and_its_persons_only(officer, station):
    """At most three reading statements per list request (issue 15): here the page and the persons."""
    query = "{ incidents(first: 50) { nodes { id category status persons { name role } } } }"
    await officer.data(query)  # the officer's account is then reused a while
    await populate(station, officer.user, 50, 0)
    with count_queries() as counter:
        data = await officer.data(query)
    assert len(data["incidents"]["nodes"]) == 50 and all(node["persons"] for node in data["incidents"]["nodes"])
    assert len(counter.reads) == 2, counter.reads
