"""三级联调 seats: each seat of a team is filled by a role that can hold it."""

from __future__ import annotations

from core import Role
from plugins.mediation import models
from tests.plugins.mediation import flows
from tests.plugins.mediation.conftest import quick_user


async def test_an_auxiliary_cannot_take_the_peoples_mediator_seat(officer, station, team):
    auxiliary = await quick_user(station, Role.AUXILIARY, display_name="周辅警")
    dispute = await flows.report(officer, station)
    await flows.assess(officer, dispute["id"])
    members = {**team, "PEOPLES_MEDIATOR": auxiliary}
    data = await officer.data(
        flows.ASSIGN, {"input": {"disputeId": dispute["id"], "mediators": flows.team_input(members)}}
    )
    errors = data["assignMediators"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("mediators.2.teamRole", "INVALID")]
    assert "PEOPLES_MEDIATOR" in errors[0]["message"] and "MEDIATOR" in errors[0]["message"]
    assert await models.MediatorAssignment.all().count() == 0


async def test_a_volunteer_cannot_take_the_professional_seat(officer, station, team):
    dispute = await flows.report(officer, station)
    await flows.assess(officer, dispute["id"])
    members = {
        "PROFESSIONAL": team["VOLUNTEER"],
        "VOLUNTEER": team["PROFESSIONAL"],
        "PEOPLES_MEDIATOR": team["PEOPLES_MEDIATOR"],
    }
    data = await officer.data(
        flows.ASSIGN, {"input": {"disputeId": dispute["id"], "mediators": flows.team_input(members)}}
    )
    fields = {e["field"] for e in data["assignMediators"]["errors"]}
    assert fields == {"mediators.0.teamRole", "mediators.1.teamRole"}
    assert await models.MediatorAssignment.all().count() == 0


async def test_each_seat_filled_by_its_role_is_accepted(officer, station, team):
    dispute = await flows.report(officer, station)
    await flows.assess(officer, dispute["id"])
    assigned = await flows.assign(officer, dispute["id"], team)
    assert assigned["status"] == "IN_MEDIATION"
