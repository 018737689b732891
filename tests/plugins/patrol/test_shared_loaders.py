"""Nested lists share one loader per request: each parent still sees its own state.

A list of several parents resolves its nested lists through one DataLoader per relation. Each
test lists parents whose nested rows must be judged differently and checks that no parent's
state leaks into another's (the loader returns rows; each parent converts its own).
"""

from __future__ import annotations

from tests.plugins.patrol.test_patrols import CHECK_IN, create_shift, create_team

SHIFTS = """
query($filter: PatrolShiftFilter) {
  patrolShifts(filter: $filter) { edges { node { id endsAt status route { sequence status } } } }
}
"""
SHIFT = """
query($id: ID!) { node(id: $id) { ... on PatrolShift { route { status } } } }
"""


async def _two_shifts(officer, station, clock):
    team = await create_team(officer, station)
    morning = await create_shift(officer, team["id"], points=2)
    afternoon = await create_shift(
        officer, team["id"], points=2, startsAt="2020-08-20T14:00:00+08:00", endsAt="2020-08-20T16:00:00+08:00"
    )
    clock.advance(minutes=5)
    await officer.mutate(CHECK_IN, {"input": {"pointId": morning["route"][0]["id"]}})
    clock.advance(hours=2, minutes=30)  # 11:35: the morning shift is over, the afternoon one ahead
    return team, morning, afternoon


async def test_each_listed_shift_judges_its_route_by_its_own_end_time(officer, station, clock):
    team, morning, afternoon = await _two_shifts(officer, station, clock)
    data = await officer.data(SHIFTS, {"filter": {"teamId": team["id"]}})
    routes = {edge["node"]["id"]: [p["status"] for p in edge["node"]["route"]] for edge in data["patrolShifts"]["edges"]}
    assert routes == {morning["id"]: ["ON_TIME", "MISSED"], afternoon["id"]: ["PENDING", "PENDING"]}


async def test_the_list_and_node_agree_on_every_route_point(officer, station, clock):
    team, morning, afternoon = await _two_shifts(officer, station, clock)
    data = await officer.data(SHIFTS, {"filter": {"teamId": team["id"]}})
    for edge in data["patrolShifts"]["edges"]:
        alone = (await officer.data(SHIFT, {"id": edge["node"]["id"]}))["node"]
        assert [p["status"] for p in edge["node"]["route"]] == [p["status"] for p in alone["route"]]


async def test_shifts_listed_in_either_order_keep_their_own_state(officer, station, clock):
    # The afternoon shift first: its later end time must not turn the morning's gap into PENDING.
    team, morning, afternoon = await _two_shifts(officer, station, clock)
    query = """
    query($a: ID!, $b: ID!) {
      a: node(id: $a) { ... on PatrolShift { route { status } } }
      b: node(id: $b) { ... on PatrolShift { route { status } } }
    }
    """
    data = await officer.data(query, {"a": afternoon["id"], "b": morning["id"]})
    assert [p["status"] for p in data["a"]["route"]] == ["PENDING", "PENDING"]
    assert [p["status"] for p in data["b"]["route"]] == ["ON_TIME", "MISSED"]
