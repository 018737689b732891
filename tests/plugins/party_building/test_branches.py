"""Branches (党支部) and members: statuses, offices, isolation, permissions, plugin switches."""

from __future__ import annotations

import strawberry

import plugins.party_building as plugin
from core import Role, to_global_id
from core.audit.models import AuditEvent
from core.testing import create_station, create_user
from plugins.party_building.models import Branch, PartyMember
from tests.plugins.party_building import documents as doc


def errors_of(data):
    return next(iter(data.values()))["errors"]


async def test_chief_creates_a_branch_and_the_audit_records_it(chief):
    payload = await chief.mutate(doc.CREATE_BRANCH, {"input": {"name": "城东派出所党支部"}})
    assert payload["branch"]["name"] == "城东派出所党支部"
    assert payload["branch"]["establishedOn"] == "2020-08-20"
    assert await AuditEvent.filter(action="party_building.branch.create").count() == 1


async def test_a_branch_needs_a_name_and_nothing_is_written(chief):
    data = await chief.data(doc.CREATE_BRANCH, {"input": {"name": "  "}})
    assert errors_of(data) == [{"field": "name", "message": "Name is required.", "code": "REQUIRED"}]
    assert await Branch.all().count() == 0


async def test_an_officer_may_not_create_a_branch(officer):
    body = await officer.execute(doc.CREATE_BRANCH, {"input": {"name": "支部"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_member_links_a_user_with_status_join_date_and_offices(app, chief, branch):
    user = await create_user(app, chief.user.station, Role.OFFICER, display_name="李警官")
    payload = await chief.mutate(
        doc.ADD_MEMBER,
        {
            "input": {
                "branchId": branch,
                "userId": to_global_id("User", user.id),
                "status": "FULL",
                "joinedOn": "2010-07-01",
                "offices": ["SECRETARY", "SECRETARY", "GROUP_LEADER"],
            }
        },
    )
    member = payload["member"]
    assert member["user"] == {"id": to_global_id("User", user.id), "displayName": "李警官"}
    assert (member["status"], member["joinedOn"], member["offices"]) == (
        "FULL",
        "2010-07-01",
        ["SECRETARY", "GROUP_LEADER"],
    )
    assert member["branch"]["id"] == branch


async def test_a_user_of_another_station_cannot_join(app, chief, branch, other_station):
    stranger = await create_user(app, other_station, Role.OFFICER)
    variables = {
        "input": {
            "branchId": branch,
            "userId": to_global_id("User", stranger.id),
            "status": "FULL",
            "joinedOn": "2019-01-01",
        }
    }
    data = await chief.data(doc.ADD_MEMBER, variables)
    assert errors_of(data)[0]["field"] == "userId" and errors_of(data)[0]["code"] == "NOT_FOUND"
    assert await PartyMember.all().count() == 0


async def test_only_officers_and_auxiliaries_can_be_members(app, chief, branch):
    grid_worker = await create_user(app, chief.user.station, Role.GRID_WORKER)
    variables = {
        "input": {
            "branchId": branch,
            "userId": to_global_id("User", grid_worker.id),
            "status": "FULL",
            "joinedOn": "2019-01-01",
        }
    }
    assert errors_of(await chief.data(doc.ADD_MEMBER, variables))[0]["code"] == "NOT_FOUND"


async def test_a_person_is_a_member_of_one_branch_at_a_time(app, chief, branch, add_member):
    user = await create_user(app, chief.user.station, Role.OFFICER)
    await add_member(branch, user)
    variables = {
        "input": {
            "branchId": branch,
            "userId": to_global_id("User", user.id),
            "status": "FULL",
            "joinedOn": "2019-01-01",
        }
    }
    assert errors_of(await chief.data(doc.ADD_MEMBER, variables))[0]["code"] == "CONFLICT"
    assert await PartyMember.all().count() == 1


async def test_an_activist_holds_no_office(chief, branch, add_member):
    member = await add_member(branch, status="ACTIVIST")
    data = await chief.data(doc.UPDATE_MEMBER, {"input": {"memberId": member, "offices": ["GROUP_LEADER"]}})
    assert errors_of(data)[0]["field"] == "offices"


async def test_a_branch_has_one_secretary(chief, branch, add_member):
    await add_member(branch, offices=["SECRETARY"])
    second = await add_member(branch)
    data = await chief.data(doc.UPDATE_MEMBER, {"input": {"memberId": second, "offices": ["SECRETARY"]}})
    assert errors_of(data)[0] == {
        "field": "offices",
        "message": "The branch already has a secretary (书记).",
        "code": "CONFLICT",
    }


async def test_membership_goes_from_activist_to_probationary_to_full(chief, branch, add_member):
    member = await add_member(branch, status="ACTIVIST")
    for status in ("PROBATIONARY", "FULL"):
        payload = await chief.mutate(doc.UPDATE_MEMBER, {"input": {"memberId": member, "status": status}})
        assert payload["member"]["status"] == status


async def test_membership_never_goes_backwards(chief, branch, add_member):
    member = await add_member(branch, status="FULL")
    data = await chief.data(doc.UPDATE_MEMBER, {"input": {"memberId": member, "status": "PROBATIONARY"}})
    assert errors_of(data)[0]["code"] == "INVALID_TRANSITION"
    assert (await PartyMember.get()).status.value == "FULL"


async def test_a_member_who_left_is_listed_only_with_former_members(chief, branch, add_member):
    member = await add_member(branch, offices=["COMMITTEE_MEMBER"])
    payload = await chief.mutate(doc.REMOVE_MEMBER, {"input": {"memberId": member, "leftOn": "2020-08-01"}})
    assert payload["member"] == {"id": member, "active": False, "leftOn": "2020-08-01", "offices": []}
    assert (await chief.data(doc.MEMBERS))["partyMembers"]["totalCount"] == 0
    former = await chief.data(doc.MEMBERS, {"filter": {"includeFormer": True}})
    assert former["partyMembers"]["totalCount"] == 1
    again = await chief.data(doc.REMOVE_MEMBER, {"input": {"memberId": member}})
    assert errors_of(again)[0]["code"] == "INVALID_TRANSITION"


async def test_another_stations_branch_looks_missing(app, branch, add_member, login_as, other_station):
    await add_member(branch)
    outsider = await login_as(Role.STATION_CHIEF, station=other_station)
    assert (await outsider.data("{ branches { totalCount } }"))["branches"]["totalCount"] == 0
    assert (await outsider.data("query($id: ID!) { node(id: $id) { id } }", {"id": branch}))["node"] is None
    user = await create_user(app, other_station, Role.OFFICER)
    variables = {
        "input": {
            "branchId": branch,
            "userId": to_global_id("User", user.id),
            "status": "FULL",
            "joinedOn": "2019-01-01",
        }
    }
    error = errors_of(await outsider.data(doc.ADD_MEMBER, variables))[0]
    assert (error["field"], error["code"]) == ("branchId", "NOT_FOUND")


async def test_a_station_without_the_plugin_gets_feature_disabled(app, login_as):
    station = await create_station(app, name="渠县公安局三汇派出所", plugins=[])
    chief = await login_as(Role.STATION_CHIEF, station=station)
    body = await chief.execute("{ branches { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
    data = await chief.data(doc.CREATE_BRANCH, {"input": {"name": "支部"}})
    assert errors_of(data)[0]["code"] == "FEATURE_DISABLED"
    assert await Branch.all().count() == 0


async def test_a_bureau_admin_names_the_station_and_it_must_run_the_plugin(app, login_as, station):
    admin = await login_as(Role.BUREAU_ADMIN)
    missing = await admin.data(doc.CREATE_BRANCH, {"input": {"name": "支部"}})
    assert errors_of(missing)[0] == {
        "field": "stationId",
        "message": "Deployment-wide accounts must name the station.",
        "code": "REQUIRED",
    }
    payload = await admin.mutate(
        doc.CREATE_BRANCH, {"input": {"name": "支部", "stationId": to_global_id("Station", station.id)}}
    )
    assert payload["branch"]["name"] == "支部"
    elsewhere = await create_station(app, name="渠县公安局三汇派出所", plugins=[])
    refused = await admin.data(
        doc.CREATE_BRANCH, {"input": {"name": "支部", "stationId": to_global_id("Station", elsewhere.id)}}
    )
    assert errors_of(refused)[0]["code"] == "FEATURE_DISABLED"


async def test_without_the_plugin_loaded_its_fields_are_absent(make_app):
    app = await make_app([], extra_plugins=[plugin])
    sdl = strawberry.printer.print_schema(app.schema)
    for name in ("branches", "partyMeetings", "recordPartyMeeting", "meetingCompliance", "starOfMonth", "PartyBranch"):
        assert name not in sdl


async def test_the_contract_names_are_in_the_schema(app):
    sdl = strawberry.printer.print_schema(app.schema)
    for name in (
        "branches(",
        "partyMembers(",
        "partyMeetings(",
        "recordPartyMeeting(",
        "meetingCompliance(",
        "responsibilities(",
        "assignResponsibility(",
        "starNominations(",
        "nominateStar(",
        "voteStar(",
        "starOfMonth(",
        "BRANCH_ASSEMBLY",
        "BRANCH_COMMITTEE",
        "PARTY_GROUP",
        "PARTY_LECTURE",
        "NIGHT_SCHOOL",
        "ACTIVITY_DAY",
    ):
        assert name in sdl, name
