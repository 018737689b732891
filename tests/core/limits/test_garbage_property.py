"""Generated garbage thrown at /graphql — bodies, variables, ids, cursors, periods, strings —
never gets a 5xx, an error without a code, or INTERNAL."""

import base64
import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tests.core.sample_plugin as sample_plugin
from core import FixedClock, Role, testing
from core.app import create_app
from core.testing import DEFAULT_NOW, create_station, create_user, make_settings, running_app, token_for

PLUGINS = ["sample", "mediation", "patrol"]
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUERIES = {
    "node": "query($id: ID!) { node(id: $id) { id } }",
    "nodes": "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
    "page": "query($first: Int, $after: String, $last: Int, $before: String) { samplePeople(first: $first, after: $after, last: $last, before: $before) { totalCount nodes { name } } }",
    "disputes": "query($f: DisputeFilter) { disputes(filter: $f) { totalCount } }",
    "incidents": "query($f: IncidentFilter) { incidents(filter: $f) { totalCount } }",
    "addresses": "query($f: AddressFilter) { addresses(filter: $f) { totalCount } }",
    "stats": "query($p: PeriodInput!) { incidentStats(period: $p) { start } mediationStats(period: $p) { start } }",
    "add": "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { name } errors { code } } }",
    "report": "mutation($input: ReportDisputeInput!) { reportDispute(input: $input) { dispute { id } errors { code } } }",
    "login": "mutation($input: LoginInput!) { login(input: $input) { token errors { code } } }",
}

# Any character at all: control characters, lone surrogates, astral planes.
anything = st.text(st.characters(codec=None), max_size=40)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | anything,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(anything, inner, max_size=4),
    max_leaves=12,
)
global_ids = st.one_of(
    anything,
    st.builds(lambda t, pk: base64.urlsafe_b64encode(f"{t}:{pk}".encode("utf-8", "surrogatepass")).decode().rstrip("="),
              st.sampled_from(["SamplePerson", "Dispute", "Area", "Station", "User", ""]),
              st.one_of(st.integers(min_value=-(2**80), max_value=2**80).map(str), anything)),
)
cursors = st.one_of(anything, st.builds(lambda n: base64.urlsafe_b64encode(f"offset:{n}".encode()).decode(), st.integers(min_value=-(2**80), max_value=2**80)))
days = st.one_of(st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"), anything)


@pytest.fixture(scope="module")
async def deployment(tmp_path_factory):
    settings_ = make_settings(testing.test_database_url(tmp_path_factory.mktemp("garbage")), PLUGINS)
    async with running_app(settings_, extra_plugins=[sample_plugin], clock=FixedClock(DEFAULT_NOW)) as app:
        station = await create_station(app)
        token = token_for(app, await create_user(app, station, Role.STATION_CHIEF))
        yield create_app(app), token


async def post(deployment, content: bytes, content_type: str = "application/json", anonymous: bool = False):
    asgi, token = deployment
    headers = {"content-type": content_type}
    if not anonymous:
        headers["authorization"] = f"Bearer {token}"
    transport = httpx.ASGITransport(app=asgi, client=("127.0.0.1", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://fengqiao.test") as http:
        return await http.post("/graphql", content=content, headers=headers)


def assert_answered_properly(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text[:500]
    try:
        body = response.json()
    except ValueError:
        return  # a plain-text refusal of the transport (e.g. an unsupported content type)
    for error in (body.get("errors") or []) if isinstance(body, dict) else []:
        code = (error.get("extensions") or {}).get("code")
        assert code and code != "INTERNAL", error


def request(query: str, variables) -> bytes:
    return json.dumps({"query": query, "variables": variables}).encode()  # ASCII: surrogates escaped


@EXAMPLES
@given(body=st.one_of(st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode())))
async def test_any_body_is_answered_without_a_server_error(deployment, body):
    assert_answered_properly(await post(deployment, body))


@EXAMPLES
@given(name=st.sampled_from(sorted(QUERIES)), variables=st.dictionaries(st.sampled_from(["id", "ids", "first", "after", "last", "before", "f", "p", "input"]), json_values, max_size=4))
async def test_any_variables_are_answered_without_a_server_error(deployment, name, variables):
    assert_answered_properly(await post(deployment, request(QUERIES[name], variables)))


@EXAMPLES
@given(ids=st.lists(global_ids, min_size=1, max_size=3))
async def test_any_global_id_is_answered_without_a_server_error(deployment, ids):
    assert_answered_properly(await post(deployment, request(QUERIES["node"], {"id": ids[0]})))
    assert_answered_properly(await post(deployment, request(QUERIES["nodes"], {"ids": ids})))
    report = {"input": {"parties": [], "category": "NEIGHBOUR", "areaId": ids[0], "description": "纠纷"}}
    assert_answered_properly(await post(deployment, request(QUERIES["report"], report)))


@EXAMPLES
@given(
    after=st.none() | cursors,
    before=st.none() | cursors,
    first=st.none() | st.integers(min_value=0, max_value=200) | st.integers(min_value=-(2**31), max_value=2**31 - 1),
)
async def test_any_cursor_is_answered_without_a_server_error(deployment, after, before, first):
    variables = {"after": after, "before": before, "first": first}
    assert_answered_properly(await post(deployment, request(QUERIES["page"], variables)))


@EXAMPLES
@given(start=days, end=days)
async def test_any_period_is_answered_without_a_server_error(deployment, start, end):
    assert_answered_properly(await post(deployment, request(QUERIES["stats"], {"p": {"start": start, "end": end}})))


@EXAMPLES
@given(text=st.one_of(anything, st.text(st.characters(codec=None), min_size=400, max_size=700)))
async def test_any_string_is_answered_without_a_server_error(deployment, text):
    for name, variables in [
        ("disputes", {"f": {"text": text}}),
        ("addresses", {"f": {"contains": text}}),
        ("add", {"input": {"name": text}}),
        ("login", {"input": {"username": text, "password": text}}),
    ]:
        assert_answered_properly(await post(deployment, request(QUERIES[name], variables)))
