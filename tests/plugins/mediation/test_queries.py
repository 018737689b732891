"""The disputes connection: filters, ordering, paging, no N+1; mediator suggestions."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from core import Role
from core.audit import audit_context
from core.db import transaction
from core.testing import count_queries
from plugins.mediation import models, services

from . import flows
from .conftest import actor_of, gid, id_number, quick_user

NESTED = """
query($first: Int) {
  disputes(first: $first) {
    totalCount
    nodes {
      id status riskLevel area { name } isOverdue
      parties { name idNumber phone role }
      sessions { heldAt place attendees }
      mediators { displayName teamRole }
      agreement { terms }
      escalations { toLevel }
      criminalCases { caseNumber }
      history { action }
      centre { name members { name } }
    }
  }
}
"""


async def _fill(app, station, officer_user, team, count: int) -> None:
    actor = actor_of(app, officer_user, station.id)
    members = [services.TeamMember(user.id, models.TeamRole(role)) for role, user in team.items()]
    with audit_context(actor):
        async with transaction():
            centre = await services.create_centre(actor, name="中心", area_id=station.test_areas["compound"].id)
            for n in range(count):
                data = services.DisputeData(
                    parties=[
                        services.PartyData("张三", id_number(), models.PartyRole.APPLICANT, "13812345678"),
                        services.PartyData("李四", id_number(), models.PartyRole.RESPONDENT),
                    ],
                    category=models.DisputeCategory.NEIGHBOUR,
                    area_id=station.test_areas["grid"].id,
                    description=f"纠纷{n}",
                    centre_id=centre.id,
                )
                dispute = await services.report_dispute(actor, data)
                await services.assess_dispute(actor, dispute.id)
                await services.assign_mediators(actor, dispute.id, members)
                await services.record_session(
                    actor, dispute.id, held_at=dispute.reported_at, place="调解室", attendees=["张三"], notes="…"
                )
                if n % 2:
                    await services.resolve_dispute(actor, dispute.id, ["和解"])


async def test_the_statement_count_does_not_grow_with_the_page(app, officer, station, team):
    await _fill(app, station, officer.user, team, 50)
    await officer.data(NESTED, {"first": 1})  # the officer's account is then reused a while
    with count_queries() as small:
        five = await officer.data(NESTED, {"first": 5})
    with count_queries() as large:
        fifty = await officer.data(NESTED, {"first": 50})
    assert len(five["disputes"]["nodes"]) == 5 and len(fifty["disputes"]["nodes"]) == 50
    assert fifty["disputes"]["nodes"][0]["mediators"] and fifty["disputes"]["nodes"][0]["parties"]
    assert small.count == large.count, (small.statements, large.statements)
    assert large.count <= 20


FRONT_END_LIST = """
query($first: Int) {
  disputes(first: $first) {
    nodes { id status riskLevel level area { name } parties { name } mediators { displayName teamRole active } }
  }
}
"""


@pytest.mark.parametrize("first", [5, 50])
async def test_the_front_end_dispute_list_reads_in_three_statements(app, officer, station, team, first):
    """The page with its area, the parties with their persons, the team with their accounts."""
    await _fill(app, station, officer.user, team, 50)
    await officer.data(FRONT_END_LIST, {"first": 1})  # the officer's account is then reused a while
    with count_queries() as counter:
        page = await officer.data(FRONT_END_LIST, {"first": first})
    nodes = page["disputes"]["nodes"]
    assert len(nodes) == first and all(node["area"] and node["parties"] and node["mediators"] for node in nodes)
    assert len(counter.reads) <= 3, counter.reads
    assert len(counter.writes) <= 1, counter.writes  # who saw the parties' names in full


async def test_a_page_joins_the_area_through_fragments_too(app, officer, station, team):
    await _fill(app, station, officer.user, team, 5)
    query = """
    fragment Place on Dispute { area { name } }
    query { disputes(first: 5) { edges { node { id ... on Dispute { ...Place } } } } }
    """
    await officer.data(query)
    with count_queries() as counter:
        page = await officer.data(query)
    assert {edge["node"]["area"]["name"] for edge in page["disputes"]["edges"]} == {"文峰一网格"}
    assert len(counter.reads) == 1, counter.reads


@contextlib.contextmanager
def count_tasks():
    """The asyncio tasks created inside the block (each one a trip through the event loop)."""
    loop = asyncio.get_running_loop()
    previous = loop.get_task_factory()
    created: list[object] = []

    def factory(loop, coro, **options):
        created.append(coro)
        return previous(loop, coro, **options) if previous else asyncio.Task(coro, loop=loop, **options)

    loop.set_task_factory(factory)
    try:
        yield created
    finally:
        loop.set_task_factory(previous)


async def test_the_front_end_dispute_list_answers_its_rows_without_a_task_each(app, officer, station, team):
    """The area is joined and the parties and team are loaded for the page before it answers."""
    await _fill(app, station, officer.user, team, 50)
    await officer.data(FRONT_END_LIST, {"first": 1})
    with count_tasks() as small:
        await officer.data(FRONT_END_LIST, {"first": 5})
    with count_tasks() as large:
        page = await officer.data(FRONT_END_LIST, {"first": 50})
    assert all(node["area"] and node["parties"] and node["mediators"] for node in page["disputes"]["nodes"])
    # 45 more rows; a task per row would show as 45 more tasks. A background task of the rate
    # limiter's storage may start during either request.
    assert len(large) - len(small) <= 2, (small, large)


async def test_an_area_of_another_station_is_not_shown_through_the_join(app, officer, station, other_station, team):
    """A row pointing at another station's area (written past the services) shows no area."""
    await _fill(app, station, officer.user, team, 1)
    await models.Dispute.filter(station_id=station.id).update(area_id=other_station.test_areas["village"].id)
    page = await officer.data("{ disputes(first: 5) { nodes { area { name } } } }")
    assert page["disputes"]["nodes"] == [{"area": None}]


@pytest.fixture
async def spread(officer, station, team, clock):
    """Disputes of several kinds, reported an hour apart."""
    made = {}
    made["red"] = await flows.report(officer, station, riskFactors=["WEAPON"], description="持刀威胁邻居")
    clock.advance(hours=1)
    made["land"] = await flows.report(
        officer, station, category="LAND", areaId=gid("Area", station.test_areas["village"]), description="宅基地界址"
    )
    clock.advance(hours=1)
    made["compound"] = await flows.report(
        officer, station, areaId=gid("Area", station.test_areas["compound"]), description="物业收费"
    )
    clock.advance(hours=1)
    made["resolved"] = await flows.resolved(officer, station, team, description="欠薪")
    return made


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("{status: RESOLVED}", ["resolved"]),
        ("{riskLevel: RED}", ["red"]),
        ("{category: LAND}", ["land"]),
        ("{level: VILLAGE, open: false}", ["resolved"]),
        ("{open: true}", ["compound", "land", "red"]),
        ('{text: "物业"}', ["compound"]),
    ],
)
async def test_filters(officer, spread, where, expected):
    data = await officer.data(f"query {{ disputes(filter: {where}) {{ nodes {{ id }} }} }}")
    assert [n["id"] for n in data["disputes"]["nodes"]] == [spread[name]["id"] for name in expected]


async def test_the_area_filter_includes_the_areas_below(officer, station, spread):
    community = gid("Area", station.test_areas["community"])
    data = await officer.data("query($a: ID) { disputes(filter: {areaId: $a}) { nodes { id } } }", {"a": community})
    # The default area of the test disputes is the community; the compound lies below it.
    assert [n["id"] for n in data["disputes"]["nodes"]] == [spread[k]["id"] for k in ("resolved", "compound", "red")]


async def test_a_bad_area_id_in_a_filter_is_not_found(officer, spread):
    body = await officer.execute('query { disputes(filter: {areaId: "nonsense"}) { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_ordering_by_risk_then_paging(officer, spread):
    document = """query($after: String) { disputes(orderBy: {field: RISK_LEVEL, descending: true}, first: 2, after: $after) {
      pageInfo { hasNextPage endCursor } nodes { id riskLevel } } }"""
    first = (await officer.data(document))["disputes"]
    assert first["nodes"][0] == {"id": spread["red"]["id"], "riskLevel": "RED"}
    assert first["pageInfo"]["hasNextPage"]
    rest = (await officer.data(document, {"after": first["pageInfo"]["endCursor"]}))["disputes"]
    assert len(rest["nodes"]) == 2 and not rest["pageInfo"]["hasNextPage"]


async def test_ordering_oldest_first(officer, spread):
    data = await officer.data("query { disputes(orderBy: {field: CREATED_AT, descending: false}) { nodes { id } } }")
    assert data["disputes"]["nodes"][0]["id"] == spread["red"]["id"]


async def test_first_is_capped(officer, spread):
    body = await officer.execute("query { disputes(first: 500) { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_dispute_is_a_node(officer, spread):
    data = await officer.data(
        "query($id: ID!) { node(id: $id) { ... on Dispute { status } } }", {"id": spread["red"]["id"]}
    )
    assert data["node"] == {"status": "REPORTED"}


SUGGEST = """query($id: ID!, $role: TeamRole) { suggestMediators(disputeId: $id, teamRole: $role) {
  displayName teamRole openDisputes } }"""


async def test_suggestions_put_the_least_busy_first(app, officer, station, team, clock):
    idle = await quick_user(station, Role.MEDIATOR, display_name="闲调解员")
    await flows.in_mediation(officer, station, team)
    dispute = await flows.report(officer, station)
    data = await officer.data(SUGGEST, {"id": dispute["id"], "role": "PEOPLES_MEDIATOR"})
    assert data["suggestMediators"] == [
        {"displayName": idle.display_name, "teamRole": "PEOPLES_MEDIATOR", "openDisputes": 0},
        {"displayName": "陈调解员", "teamRole": "PEOPLES_MEDIATOR", "openDisputes": 1},
    ]
    every_seat = await officer.data(SUGGEST, {"id": dispute["id"]})
    assert {s["teamRole"] for s in every_seat["suggestMediators"]} == {"PROFESSIONAL", "VOLUNTEER", "PEOPLES_MEDIATOR"}


async def test_suggestions_for_a_missing_dispute_are_not_found(officer, spread):
    body = await officer.execute(SUGGEST, {"id": gid("Dispute", 999)})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
