"""一岗双责: posts with two duties, responsibilities bound to a person and a point, checks,
and overdue checks."""

from __future__ import annotations

from core import Role, to_global_id
from core.audit.models import AuditEvent
from core.testing import GraphQLClient, create_user, token_for
from plugins.party_building.models import Responsibility, ResponsibilityCheck

CREATE_POST = """
mutation($input: CreateDutyPostInput!) {
  createDutyPost(input: $input) { post { id name businessDuty partyDuty } errors { field message code } }
}"""
ASSIGN = """
mutation($input: AssignResponsibilityInput!) {
  assignResponsibility(input: $input) {
    responsibility { id kind point description checkCadence nextCheckDue overdue holder { displayName } post { name } }
    errors { field message code }
  }
}"""
CHECK = """
mutation($input: RecordResponsibilityCheckInput!) {
  recordResponsibilityCheck(input: $input) {
    check { checkedOn dueOn onTime outcome problems checkedBy { displayName } }
    responsibility { nextCheckDue overdue lastCheck { checkedOn } }
    errors { field message code }
  }
}"""
OVERDUE = """
{ responsibilities(filter: {overdue: true}) { totalCount nodes { point daysOverdue nextCheckDue } } }"""


def errors_of(data):
    return next(iter(data.values()))["errors"]


async def make_post(chief):
    payload = await chief.mutate(
        CREATE_POST,
        {"input": {"name": "社区民警", "businessDuty": "社区治安管理", "partyDuty": "落实党风廉政建设责任"}},
    )
    return payload["post"]["id"]


async def assign(chief, post, holder, cadence="MONTHLY", kind="PARTY_CONDUCT", point="文峰社区警务室"):
    variables = {
        "input": {
            "postId": post,
            "holderId": to_global_id("User", holder.id),
            "kind": kind,
            "point": point,
            "checkCadence": cadence,
        }
    }
    return await chief.data(ASSIGN, variables)


async def test_a_post_carries_a_business_duty_and_a_party_conduct_duty(chief):
    data = await chief.data(CREATE_POST, {"input": {"name": "社区民警", "businessDuty": " ", "partyDuty": ""}})
    assert {error["field"] for error in errors_of(data)} == {"businessDuty", "partyDuty"}
    post = await make_post(chief)
    assert post


async def test_a_duty_is_bound_to_a_person_and_a_point_with_its_first_check_due(chief, officer):
    post = await make_post(chief)
    payload = (await assign(chief, post, officer.user))["assignResponsibility"]
    item = payload["responsibility"]
    assert (item["holder"], item["point"], item["description"]) == (
        {"displayName": "李警官"},
        "文峰社区警务室",
        "落实党风廉政建设责任",
    )
    assert (item["nextCheckDue"], item["overdue"]) == ("2020-08-31", False)
    assert await AuditEvent.filter(action="party_building.responsibility.assign").count() == 1


async def test_a_responsibility_goes_to_a_person_of_the_station(app, chief, other_station):
    post = await make_post(chief)
    stranger = await create_user(app, other_station, Role.OFFICER)
    error = errors_of(await assign(chief, post, stranger))[0]
    assert (error["field"], error["code"]) == ("holderId", "NOT_FOUND")
    assert await Responsibility.all().count() == 0


async def test_the_same_duty_at_the_same_point_is_assigned_once(chief, officer):
    post = await make_post(chief)
    await assign(chief, post, officer.user)
    assert errors_of(await assign(chief, post, officer.user))[0]["code"] == "CONFLICT"


async def test_an_officer_checks_but_does_not_assign(chief, officer):
    post = await make_post(chief)
    body = await officer.execute(
        ASSIGN,
        {
            "input": {
                "postId": post,
                "holderId": to_global_id("User", officer.user.id),
                "kind": "BUSINESS",
                "point": "x",
                "checkCadence": "WEEKLY",
            }
        },
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_check_on_time_schedules_the_next_one(chief, officer):
    post = await make_post(chief)
    item = (await assign(chief, post, officer.user))["assignResponsibility"]["responsibility"]
    payload = await officer.mutate(CHECK, {"input": {"responsibilityId": item["id"], "outcome": "DONE"}})
    assert payload["check"] == {
        "checkedOn": "2020-08-20",
        "dueOn": "2020-08-31",
        "onTime": True,
        "outcome": "DONE",
        "problems": "",
        "checkedBy": {"displayName": "李警官"},
    }
    assert payload["responsibility"]["nextCheckDue"] == "2020-09-30"
    assert payload["responsibility"]["lastCheck"] == {"checkedOn": "2020-08-20"}


async def test_problems_found_must_be_described(chief, officer):
    post = await make_post(chief)
    item = (await assign(chief, post, officer.user))["assignResponsibility"]["responsibility"]
    data = await officer.data(CHECK, {"input": {"responsibilityId": item["id"], "outcome": "PROBLEMS_FOUND"}})
    assert errors_of(data)[0]["field"] == "problems"
    assert await ResponsibilityCheck.all().count() == 0


async def test_overdue_checks_are_listed_and_a_late_check_is_not_on_time(chief, officer, clock):
    post = await make_post(chief)
    weekly = (await assign(chief, post, officer.user, cadence="WEEKLY", point="巡防路线"))["assignResponsibility"]
    await assign(chief, post, officer.user, cadence="QUARTERLY", point="警务室")
    clock.advance(days=5)  # 2020-08-25: the weekly check was due on 2020-08-23
    chief = GraphQLClient(chief.app, token_for(chief.app, chief.user))
    overdue = (await chief.data(OVERDUE))["responsibilities"]
    assert overdue == {
        "totalCount": 1,
        "nodes": [{"point": "巡防路线", "daysOverdue": 2, "nextCheckDue": "2020-08-23"}],
    }
    item = weekly["responsibility"]
    payload = await chief.mutate(CHECK, {"input": {"responsibilityId": item["id"], "outcome": "DONE"}})
    assert (payload["check"]["onTime"], payload["responsibility"]["nextCheckDue"]) == (False, "2020-09-06")
    assert (await chief.data(OVERDUE))["responsibilities"]["totalCount"] == 0


async def test_another_stations_responsibility_looks_missing(chief, officer, login_as, other_station):
    post = await make_post(chief)
    item = (await assign(chief, post, officer.user))["assignResponsibility"]["responsibility"]
    outsider = await login_as(Role.STATION_CHIEF, station=other_station)
    data = await outsider.data(CHECK, {"input": {"responsibilityId": item["id"], "outcome": "DONE"}})
    assert errors_of(data)[0]["code"] == "NOT_FOUND"
    assert (await outsider.data("{ responsibilities { totalCount } }"))["responsibilities"]["totalCount"] == 0
