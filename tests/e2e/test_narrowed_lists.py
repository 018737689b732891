"""Lists fetch only the columns their selection reads (``core.graphql.column_reads``) and answer
exactly as with whole rows: values, masking, the access record — for every demo role, with
fragments, aliases, resolver fields and other fields of the same request that need whole rows."""

import pytest

from core import Role
from core.audit.models import PersonalDataAccess
from core.demo import MAIN_STATION, STATION_ROLES, demo_username
from core.graphql.ids import to_global_id
from core.identity.models import Station, User
from core.testing import GraphQLClient, count_queries, demo_data, token_for
from plugins.mediation.models import Dispute

DISPUTE_LIST = """{ disputes(first: 50) { nodes { id status riskLevel level area { name }
    parties { name } mediators { displayName teamRole active } } } }"""

QUERIES = {
    "the front end's dispute list": DISPUTE_LIST,
    "fragments and aliases": """fragment Who on DisputeParty { who: name number: idNumber }
        { disputes(first: 30) { edges { cursor node { ... on Dispute { key: id area { ... on Area { kind } } }
        parties { ...Who role } also: parties { phone } } } pageInfo { endCursor } } }""",
    "a resolver field beside the plain ones": """{ disputes(first: 30) { nodes { id isOverdue recordedSteps { step }
        area { name parentId location { latitude } } parties { name vulnerable } } } }""",
    "a list and a node wanting more of the same rows": """query($id: ID!) {
        disputes(first: 10) { nodes { area { name } parties { name } } }
        node(id: $id) { ... on Dispute { description area { name kind } parties { name idNumber phone } } } }""",
    "incidents with persons": "{ incidents(first: 50) { nodes { id category status persons { name role } } } }",
}


@pytest.fixture
async def app(make_app):
    app = await make_app(None)
    await demo_data(app)
    return app


async def _user(app, client: GraphQLClient, role: Role) -> GraphQLClient:
    return client.as_user(token_for(app, await User.get(username=demo_username(MAIN_STATION, role))))


async def _answers(client: GraphQLClient, variables: dict) -> dict[str, object]:
    """Each query's response and what the access log recorded for it."""
    answers = {}
    for name, query in QUERIES.items():
        last = await PersonalDataAccess.all().order_by("-id").first()
        body = await client.execute(query, variables)
        records = await PersonalDataAccess.filter(id__gt=last.id if last else 0).order_by("id")
        answers[name] = (body, [record.shown for record in records])
    return answers


@pytest.mark.parametrize("role", STATION_ROLES, ids=lambda role: role.value)
async def test_narrowed_lists_answer_as_whole_rows_do(app, client, monkeypatch, role: Role):
    station = await Station.get(code=MAIN_STATION)
    dispute = await Dispute.filter(station_id=station.id).order_by("id").first()
    user = await _user(app, client, role)
    variables = {"id": to_global_id("Dispute", dispute.id)}
    narrowed = await _answers(user, variables)
    monkeypatch.setattr("core.graphql.connections.only_columns", lambda *args, **kwargs: None)
    assert narrowed == await _answers(user, variables)


async def test_the_chief_gets_every_compared_answer_without_errors(app, client):
    """The comparison above is not vacuous: the lists have rows, children and full views."""
    station = await Station.get(code=MAIN_STATION)
    dispute = await Dispute.filter(station_id=station.id).order_by("id").first()
    answers = await _answers(await _user(app, client, Role.STATION_CHIEF), {"id": to_global_id("Dispute", dispute.id)})
    assert all("errors" not in body for body, _ in answers.values()), answers
    showing_names = [name for name, query in QUERIES.items() if "parties" in query]
    assert all(answers[name][1] for name in showing_names)  # each recorded the names it showed
    nodes = answers["the front end's dispute list"][0]["data"]["disputes"]["nodes"]
    assert any(node["parties"] and node["mediators"] and node["area"] for node in nodes)


async def test_the_dispute_list_reads_no_column_it_does_not_show(app, client):
    user = await _user(app, client, Role.STATION_CHIEF)
    with count_queries() as counter:
        body = await user.execute(DISPUTE_LIST)
    assert body["data"]["disputes"]["nodes"]
    lists = [statement for statement in counter.reads if 'FROM "mediation_' in statement]  # not the token's user
    for column in ("password_hash", "id_number", "phone", "description", "risk_rules", "boundary"):
        assert f'."{column}"' not in "".join(lists), column
    assert len(lists) == 3


async def test_a_field_that_may_read_anything_fetches_whole_rows(app, client):
    user = await _user(app, client, Role.STATION_CHIEF)
    with count_queries() as counter:
        body = await user.execute("{ disputes(first: 5) { nodes { id isOverdue } } }")
    assert "errors" not in body and body["data"]["disputes"]["nodes"]
    (page,) = [statement for statement in counter.reads if 'FROM "mediation_dispute"' in statement]
    assert '"description"' in page


async def test_two_selections_of_one_child_list_stay_within_three_reads(app, client):
    user = await _user(app, client, Role.STATION_CHIEF)
    query = "{ disputes(first: 50) { nodes { a: parties { name } b: parties { phone role } area { name } } } }"
    with count_queries() as counter:
        body = await user.execute(query)
    nodes = body["data"]["disputes"]["nodes"]
    assert "errors" not in body and any(node["a"] for node in nodes)
    assert all(len(node["a"]) == len(node["b"]) for node in nodes)
    lists = [statement for statement in counter.reads if 'FROM "mediation_' in statement]
    assert len(lists) == 2  # the page with its areas, and the parties once for both


async def test_a_whole_row_field_after_a_narrowed_list_loads_whole_rows(app, client):
    """The list's narrowed areas and parties are never handed to a field that reads more."""
    station = await Station.get(code=MAIN_STATION)
    dispute = await Dispute.filter(station_id=station.id, area_id__not_isnull=True).order_by("id").first()
    user = await _user(app, client, Role.STATION_CHIEF)
    query = QUERIES["a list and a node wanting more of the same rows"]
    body = await user.execute(query, {"id": to_global_id("Dispute", dispute.id)})
    assert "errors" not in body, body
    node = body["data"]["node"]
    assert node["description"] == dispute.description
    assert node["area"]["kind"] and all(party["idNumber"] for party in node["parties"])


async def test_the_usual_path_works_out_a_selections_columns_once_per_request(app, client, monkeypatch):
    """Where each row's fields go through their resolvers, the columns a nested selection reads
    are worked out once for the request, not once per row."""
    from core.graphql import loaders

    monkeypatch.setattr("core.graphql.execution.field_plans", lambda schema: {})
    worked_out = []
    original = loaders.selection_reads
    monkeypatch.setattr(loaders, "selection_reads", lambda *args: worked_out.append(args) or original(*args))
    user = await _user(app, client, Role.STATION_CHIEF)
    counts = []
    for size in (5, 40):
        worked_out.clear()
        body = await user.execute(f"{{ disputes(first: {size}) {{ nodes {{ area {{ name }} parties {{ name }} }} }} }}")
        assert len(body["data"]["disputes"]["nodes"]) == size
        counts.append(len(worked_out))
    assert counts[0] == counts[1] == 2  # area and parties, whatever the page size
