"""A scenario across two pillars: an incident closed at 02:10 on the last night of July and
entered in August still belongs to July, so July's callback sample (回访) can draw it."""

import pytest

from core import Role
from tests.plugins.patrol import flows

DRAW = """
mutation($input: DrawCallbackSampleInput!) {
  drawCallbackSample(input: $input) { sample { candidateCount items { kind label } } errors { field code message } }
}"""
JULY = {"start": "2020-07-01", "end": "2020-07-31"}


@pytest.fixture
async def app(make_app):
    return await make_app(["patrol", "volunteers"])


async def test_an_incident_closed_in_july_and_entered_in_august_is_drawn_for_july(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    chief = await login_as(Role.STATION_CHIEF, station=station)
    incident = await flows.report(officer, station, receivedAt="2020-07-31T00:40:00+08:00")
    for document, time_field, extra in (
        (flows.DISPATCH, "dispatchedAt", {"unit": "COMMUNITY_POLICING"}),
        (flows.ARRIVE, "arrivedAt", {}),
        (flows.HANDLE, "handledAt", {"outcome": "RESOLVED_ON_SITE", "notes": "已处置"}),
    ):
        await officer.mutate(
            document, {"input": {"incidentId": incident, time_field: "2020-07-31T01:00:00+08:00", **extra}}
        )
    await officer.mutate(flows.CLOSE, {"input": {"incidentId": incident, "occurredAt": "2020-07-31T02:10:00+08:00"}})

    sample = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]

    assert sample["candidateCount"] == 1
    assert sample["items"][0]["kind"] == "patrol.incident"
