"""The short path of ``core.graphql.execution`` answers the front end's lists exactly as the
usual path does — values, masking, errors and the access record of full views — for every demo
role, on the demo data of each pillar."""

from __future__ import annotations

import pytest

from core import Role
from core.audit.models import PersonalDataAccess
from core.demo import MAIN_STATION, STATION_ROLES, demo_username
from core.graphql.ids import to_global_id
from core.identity.models import Station, User
from core.testing import GraphQLClient, demo_data, token_for
from plugins.mediation.models import Dispute

QUERIES = {
    "disputes with area, parties and team": """{ disputes(first: 50) { totalCount nodes { __typename id status
        riskLevel level area { id name } parties { __typename name idNumber phone role }
        mediators { displayName teamRole active } } } }""",
    "disputes as edges, aliased": """{ disputes(first: 20) { edges { cursor node { ... on Dispute { key: id
        status } area { name } } } pageInfo { hasNextPage endCursor } } }""",
    "incidents with persons": "{ incidents(first: 50) { nodes { id category status persons { name role } } } }",
    "a node with its children": """query($id: ID!) { node(id: $id) { ... on Dispute { id parties { name }
        mediators { displayName } } } }""",
}


@pytest.fixture
async def app(make_app):
    app = await make_app(None)
    await demo_data(app)
    return app


def _usual_path_only(monkeypatch) -> None:
    monkeypatch.setattr("core.graphql.execution.field_plans", lambda schema: {})


async def _answers(client: GraphQLClient, dispute_id: str) -> dict[str, object]:
    """Each query's whole response, and what the access log recorded for it."""
    return {name: await _answers_to(client, query, {"id": dispute_id}) for name, query in QUERIES.items()}


async def _answers_to(client: GraphQLClient, query: str, variables: dict | None = None) -> tuple[dict, list]:
    """The response to ``query`` and what the access log recorded for it."""
    last = await PersonalDataAccess.all().order_by("-id").first()
    body = await client.execute(query, variables)
    records = await PersonalDataAccess.filter(id__gt=last.id if last else 0).order_by("id")
    return body, [record.shown for record in records]


@pytest.mark.parametrize("role", STATION_ROLES, ids=lambda role: role.value)
async def test_the_short_path_answers_every_list_as_the_usual_path(app, client, monkeypatch, role: Role):
    # By the station's id, not a join on it: a shared test process may hold models of other
    # apps that break Tortoise's join on ``station``.
    station = await Station.get(code=MAIN_STATION)
    dispute = await Dispute.filter(station_id=station.id).order_by("id").first()
    user = client.as_user(token_for(app, await User.get(username=demo_username(MAIN_STATION, role))))
    short = await _answers(user, to_global_id("Dispute", dispute.id))
    _usual_path_only(monkeypatch)
    assert short == await _answers(user, to_global_id("Dispute", dispute.id))


async def test_the_lists_compared_show_rows_masked_and_in_full(app, client):
    """The comparison above is not vacuous: the chief sees parties in full (recorded), an
    auxiliary officer masked, and both get rows with children."""
    query = QUERIES["disputes with area, parties and team"]
    answers = {}
    for role in (Role.STATION_CHIEF, Role.AUXILIARY):
        user = client.as_user(token_for(app, await User.get(username=demo_username(MAIN_STATION, role))))
        answers[role] = await _answers_to(user, query)
    (chief, chief_records), (auxiliary, _) = answers[Role.STATION_CHIEF], answers[Role.AUXILIARY]
    parties = [party for node in chief["data"]["disputes"]["nodes"] for party in node["parties"]]
    assert parties and all(party["__typename"] == "DisputeParty" for party in parties)
    assert chief_records
    numbers = [party["idNumber"] for node in auxiliary["data"]["disputes"]["nodes"] for party in node["parties"]]
    shown = [number for number in numbers if number]
    assert shown and all("*" in number for number in shown)
