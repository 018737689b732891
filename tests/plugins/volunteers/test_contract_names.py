"""Names and error codes the API contract (docs/api.md) promises for the volunteers plugin."""

import pytest

from core import Role
from plugins.volunteers import models
from tests.plugins.volunteers.helpers import items_app
from tests.plugins.volunteers.test_activities import RECORD as RECORD_ACTIVITY
from tests.plugins.volunteers.test_activities import _input, _setup
from tests.plugins.volunteers.test_callbacks import DRAW, JULY, RECORD, _close


@pytest.fixture
async def app(make_app):
    return await items_app(make_app)


ACTIVITIES = """
query($kind: ActivityKind) { volunteerActivities(filter: {kind: $kind}) { edges { node { kind title } } } }
"""


async def test_a_reached_callback_without_a_rating_answers_required(station, chief, login_as):
    caller = await login_as(Role.OFFICER, station=station)
    _close(station, 1)
    item_id = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]["items"][0]["id"]
    data = await caller.data(RECORD, {"input": {"itemId": item_id, "reached": True}})
    assert [(e["field"], e["code"]) for e in data["recordCallback"]["errors"]] == [("rating", "REQUIRED")]
    out_of_range = await caller.data(RECORD, {"input": {"itemId": item_id, "reached": True, "rating": 9}})
    assert out_of_range["recordCallback"]["errors"][0]["code"] == "INVALID"
    assert await models.CallbackItem.filter(status=models.CallbackStatus.PENDING).count() == 1


async def test_mediation_is_an_activity_kind_as_the_contract_names_it(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=1)
    payload = await chief.mutate(
        RECORD_ACTIVITY, {"input": _input(clock, people, kind="MEDIATION", title="协助调解邻里纠纷")}
    )
    assert payload["activity"]["kind"] == "MEDIATION"


async def test_the_old_spelling_is_stored_and_found_as_mediation(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=1)
    payload = await chief.mutate(
        RECORD_ACTIVITY, {"input": _input(clock, people, kind="MEDIATION_SUPPORT", title="调解")}
    )
    assert payload["activity"]["kind"] == "MEDIATION"
    for kind in ("MEDIATION", "MEDIATION_SUPPORT"):
        edges = (await chief.data(ACTIVITIES, {"kind": kind}))["volunteerActivities"]["edges"]
        assert [edge["node"]["title"] for edge in edges] == ["调解"]
    assert (await chief.data(ACTIVITIES, {"kind": "PATROL"}))["volunteerActivities"]["edges"] == []


async def test_the_old_spelling_is_deprecated_in_the_schema(chief):
    query = '{ __type(name: "ActivityKind") { enumValues(includeDeprecated: true) { name isDeprecated } } }'
    values = {v["name"]: v["isDeprecated"] for v in (await chief.data(query))["__type"]["enumValues"]}
    assert values["MEDIATION"] is False and values["MEDIATION_SUPPORT"] is True
