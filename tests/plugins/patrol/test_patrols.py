"""管 — patrol teams, shifts and routes, check-in rules on an injectable clock, findings."""

from __future__ import annotations

from core import Role
from plugins.patrol import models
from tests.plugins.patrol.flows import REPORT_INCIDENT, incident_input
from tests.plugins.patrol.helpers import area_id, gid

CREATE_TEAM = """
mutation($input: CreatePatrolTeamInput!) {
  createPatrolTeam(input: $input) {
    team { id name kind level members { name phone isLeader } }
    errors { field message code }
  }
}
"""
CREATE_SHIFT = """
mutation($input: CreatePatrolShiftInput!) {
  createPatrolShift(input: $input) {
    shift { id status route { id sequence name expectedAt status } }
    errors { field message code }
  }
}
"""
CHECK_IN = """
mutation($input: CheckInInput!) {
  checkIn(input: $input) { checkIn { id isLate checkedAt userName } errors { field message code } }
}
"""
SHIFT = """
query($id: ID!) {
  node(id: $id) { ... on PatrolShift { status route { sequence status checkIn { isLate } } findings { id source } } }
}
"""
COMPLIANCE = """
query($period: PeriodInput!) { patrolCompliance(period: $period) { due onTime late missed rate } }
"""
AUGUST = {"start": "2020-08-01", "end": "2020-08-31"}


async def create_team(client, station, members=None, **overrides) -> dict:
    values = {
        "name": "文峰社区红袖章巡逻队",
        "kind": "RED_ARMBAND",
        "level": 2,
        "areaId": area_id(station, "community"),
        "members": members if members is not None else [{"name": "赵大爷", "phone": "13900001111", "isLeader": True}],
    }
    values.update(overrides)
    return (await client.mutate(CREATE_TEAM, {"input": values}))["team"]


async def create_shift(client, team_id: str, points: int = 3, **overrides) -> dict:
    values = {
        "teamId": team_id,
        "startsAt": "2020-08-20T09:00:00+08:00",
        "endsAt": "2020-08-20T11:00:00+08:00",
        "route": [{"name": f"点位{index + 1}"} for index in range(points)],
    }
    values.update(overrides)
    return (await client.mutate(CREATE_SHIFT, {"input": values}))["shift"]


async def test_a_team_is_created_with_its_members(officer, station):
    team = await create_team(officer, station)
    assert (team["kind"], team["level"]) == ("RED_ARMBAND", 2)
    assert team["members"] == [{"name": "赵大爷", "phone": "13900001111", "isLeader": True}]


async def test_member_phones_are_masked_for_auxiliaries(login_as, officer, station):
    await create_team(officer, station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    data = await auxiliary.data("{ patrolTeams { nodes { members { phone } } } }")
    assert data["patrolTeams"]["nodes"][0]["members"][0]["phone"] == "139****1111"


async def test_a_level_outside_one_to_three_is_refused(officer, station):
    data = await officer.data(CREATE_TEAM, {"input": {"name": "X", "kind": "POLICE", "level": 4}})
    assert data["createPatrolTeam"]["errors"][0]["field"] == "level"
    assert await models.PatrolTeam.all().count() == 0


async def test_a_bad_member_phone_writes_nothing(officer, station):
    members = [{"name": "赵大爷", "phone": "12345"}]
    data = await officer.data(CREATE_TEAM, {"input": {"name": "X", "kind": "POLICE", "level": 1, "members": members}})
    assert data["createPatrolTeam"]["errors"][0]["field"] == "members.0.phone"
    assert await models.PatrolTeam.all().count() == 0


async def test_a_team_name_is_unique_in_the_station(officer, station):
    await create_team(officer, station)
    data = await officer.data(CREATE_TEAM, {"input": {"name": "文峰社区红袖章巡逻队", "kind": "POLICE", "level": 1}})
    assert data["createPatrolTeam"]["errors"][0]["code"] == "CONFLICT"


async def test_route_points_without_times_are_spread_over_the_shift(officer, station):
    team = await create_team(officer, station)
    shift = await create_shift(officer, team["id"], points=3)
    times = [point["expectedAt"] for point in shift["route"]]
    assert times == ["2020-08-20T01:00:00+00:00", "2020-08-20T01:40:00+00:00", "2020-08-20T02:20:00+00:00"]
    assert shift["status"] == "ON_DUTY"


async def test_a_shift_must_end_after_it_starts(officer, station):
    team = await create_team(officer, station)
    values = {
        "teamId": team["id"],
        "startsAt": "2020-08-20T11:00:00+08:00",
        "endsAt": "2020-08-20T09:00:00+08:00",
        "route": [{"name": "A"}],
    }
    data = await officer.data(CREATE_SHIFT, {"input": values})
    assert data["createPatrolShift"]["errors"][0]["field"] == "endsAt"


async def test_route_times_out_of_order_are_refused(officer, station):
    team = await create_team(officer, station)
    route = [
        {"name": "A", "expectedAt": "2020-08-20T10:00:00+08:00"},
        {"name": "B", "expectedAt": "2020-08-20T09:30:00+08:00"},
    ]
    values = {
        "teamId": team["id"],
        "startsAt": "2020-08-20T09:00:00+08:00",
        "endsAt": "2020-08-20T11:00:00+08:00",
        "route": route,
    }
    data = await officer.data(CREATE_SHIFT, {"input": values})
    assert data["createPatrolShift"]["errors"][0]["field"] == "route.1.expectedAt"
    assert await models.PatrolShift.all().count() == 0


async def test_a_check_in_within_the_grace_is_on_time(officer, station, clock):
    shift = await create_shift(officer, (await create_team(officer, station))["id"])
    clock.advance(minutes=10)
    payload = await officer.mutate(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"]}})
    assert payload["checkIn"]["isLate"] is False
    assert payload["checkIn"]["userName"] == "李警官"


async def test_a_check_in_after_the_grace_is_late(officer, station, clock):
    shift = await create_shift(officer, (await create_team(officer, station))["id"])
    clock.advance(minutes=16)
    payload = await officer.mutate(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"]}})
    assert payload["checkIn"]["isLate"] is True


async def test_a_point_without_check_in_is_missed_once_the_shift_is_over(officer, station, clock):
    shift = await create_shift(officer, (await create_team(officer, station))["id"], points=2)
    clock.advance(minutes=5)
    await officer.mutate(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"]}})
    before = (await officer.data(SHIFT, {"id": shift["id"]}))["node"]
    assert [point["status"] for point in before["route"]] == ["ON_TIME", "PENDING"]
    clock.advance(hours=2, minutes=20)
    after = (await officer.data(SHIFT, {"id": shift["id"]}))["node"]
    assert after["status"] == "FINISHED"
    assert [point["status"] for point in after["route"]] == ["ON_TIME", "MISSED"]


async def test_checking_in_twice_at_a_point_is_a_conflict(officer, station):
    shift = await create_shift(officer, (await create_team(officer, station))["id"])
    point_id = shift["route"][0]["id"]
    await officer.mutate(CHECK_IN, {"input": {"pointId": point_id}})
    data = await officer.data(CHECK_IN, {"input": {"pointId": point_id}})
    assert data["checkIn"]["errors"][0]["code"] == "CONFLICT"
    assert await models.PatrolCheckIn.all().count() == 1


async def test_check_ins_outside_the_shift_are_refused(officer, station, clock):
    team = await create_team(officer, station)
    shift = await create_shift(
        officer, team["id"], startsAt="2020-08-20T14:00:00+08:00", endsAt="2020-08-20T16:00:00+08:00"
    )
    data = await officer.data(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"]}})
    assert data["checkIn"]["errors"][0]["field"] == "pointId"
    clock.advance(hours=7, minutes=20)
    data = await officer.data(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"]}})
    assert data["checkIn"]["errors"][0]["message"] == "Check-ins are accepted only during the shift."


async def test_only_members_of_the_team_check_in(officer, station, login_as):
    volunteer = await login_as(Role.VOLUNTEER, station=station, display_name="钱志愿者")
    outsider = await login_as(Role.VOLUNTEER, station=station)
    members = [{"name": "钱志愿者", "userId": gid("User", volunteer.user)}]
    shift = await create_shift(officer, (await create_team(officer, station, members=members))["id"])
    refused = await outsider.data(CHECK_IN, {"input": {"pointId": shift["route"][0]["id"]}})
    assert refused["checkIn"]["errors"][0]["code"] == "FORBIDDEN"
    payload = await volunteer.mutate(
        CHECK_IN, {"input": {"pointId": shift["route"][0]["id"], "latitude": 30.83, "longitude": 106.97}}
    )
    assert payload["checkIn"]["userName"] == "钱志愿者"


async def test_a_patrol_finding_becomes_an_incident_of_the_shift(login_as, officer, station):
    volunteer = await login_as(Role.VOLUNTEER, station=station)
    shift = await create_shift(officer, (await create_team(officer, station))["id"])
    values = incident_input(station, source="PATROL", category="PUBLIC_ORDER", patrolShiftId=shift["id"], persons=[])
    data = await volunteer.data(REPORT_INCIDENT, {"input": values})
    assert data["reportIncident"]["errors"] == []
    node = (await officer.data(SHIFT, {"id": shift["id"]}))["node"]
    assert [finding["source"] for finding in node["findings"]] == ["PATROL"]


async def test_a_finding_must_have_the_patrol_source(officer, station):
    shift = await create_shift(officer, (await create_team(officer, station))["id"])
    values = incident_input(station, source="CALL_110", patrolShiftId=shift["id"])
    data = await officer.data(REPORT_INCIDENT, {"input": values})
    assert data["reportIncident"]["errors"][0]["field"] == "source"


async def test_compliance_counts_on_time_late_and_missed_points(officer, station, clock):
    shift = await create_shift(officer, (await create_team(officer, station))["id"], points=4)
    route = shift["route"]
    await officer.mutate(CHECK_IN, {"input": {"pointId": route[0]["id"]}})
    clock.advance(minutes=50)
    await officer.mutate(CHECK_IN, {"input": {"pointId": route[1]["id"]}})
    clock.advance(minutes=50)
    await officer.mutate(CHECK_IN, {"input": {"pointId": route[2]["id"]}})
    pending = (await officer.data(COMPLIANCE, {"period": AUGUST}))["patrolCompliance"]
    assert pending["due"] == 0
    clock.advance(hours=2)
    stats = (await officer.data(COMPLIANCE, {"period": AUGUST}))["patrolCompliance"]
    assert stats == {"due": 4, "onTime": 1, "late": 2, "missed": 1, "rate": 0.25}


async def test_members_join_an_existing_team(officer, station):
    team = await create_team(officer, station)
    payload = await officer.mutate(
        """mutation($input: AddPatrolTeamMembersInput!) {
          addPatrolTeamMembers(input: $input) { team { members { name } } errors { field message code } }
        }""",
        {"input": {"teamId": team["id"], "members": [{"name": "钱阿姨", "phone": "13700002222"}]}},
    )
    assert [member["name"] for member in payload["team"]["members"]] == ["赵大爷", "钱阿姨"]
