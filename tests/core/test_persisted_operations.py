"""Persisted operations through the HTTP app: Automatic Persisted Queries (POST, GET, WebSocket),
trusted-documents mode, and the document cache that lets a persisted operation skip parsing
and validation."""

import json

import httpx
import pytest

from core import Role
from core.app import create_app
from core.audit.models import AuditEvent
from core.config import ServerSettings
from core.operations.models import PersistedOperation
from core.operations.registry import check_manifest, register_operations, sha256_of
from core.testing import GraphQLClient, create_station, create_user, token_for
from tests.core import sample_plugin
from tests.plugins.mediation.asgi_ws import WebSocketSession

ME = "query Me { me { username } }"
PEOPLE = "query People($first: Int) { samplePeople(first: $first) { totalCount } }"
ADD = "mutation Add($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { errors { code } } }"


def persisted(sha256: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256}}


async def post(client: GraphQLClient, payload: dict) -> dict:
    response = await client.post(payload)
    assert response.status_code == 200, response.text
    return response.json()


async def get(client: GraphQLClient, **params) -> httpx.Response:
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    query = {key: json.dumps(value) if isinstance(value, dict) else value for key, value in params.items()}
    async with httpx.AsyncClient(transport=client._transport, base_url="http://fengqiao.test") as http:
        return await http.get("/graphql", params=query, headers={**headers, "Accept": "application/json"})


async def register(app, *documents: str, client_name: str = "dashboard@1.0.0") -> None:
    operations = check_manifest({sha256_of(d): d for d in documents}, app.schema._schema)
    await register_operations(operations, client_name)


@pytest.fixture
async def trusted_app(make_app):
    """A deployment with ``[server] persisted_only = true`` and one station
    (``trusted_app.test_station``)."""
    app = await make_app(["sample"], extra_plugins=[sample_plugin], server=ServerSettings(persisted_only=True))
    app.test_station = await create_station(app)
    return app


async def trusted_login(app, role: Role = Role.OFFICER) -> GraphQLClient:
    user = await create_user(app, app.test_station, role)
    client = GraphQLClient(app, token_for(app, user))
    client.user = user
    return client


@pytest.fixture
async def officer(login_as, station):
    return await login_as(Role.OFFICER, station=station)


# --- Automatic Persisted Queries -------------------------------------------------------------


async def test_unknown_hash_asks_the_client_for_the_document(officer):
    body = await post(officer, {"extensions": persisted(sha256_of(ME))})
    assert body["errors"][0]["message"] == "PersistedQueryNotFound"
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_hash_alone_runs_the_document_sent_once_with_it(officer):
    first = await post(officer, {"query": ME, "extensions": persisted(sha256_of(ME))})
    again = await post(officer, {"extensions": persisted(sha256_of(ME))})
    assert first["data"] == again["data"] == {"me": {"username": officer.user.username}}


async def test_hash_that_is_not_the_documents_sha256_is_refused(officer):
    body = await post(officer, {"query": ME, "extensions": persisted(sha256_of(PEOPLE))})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "data" not in body or body["data"] is None
    retry = await post(officer, {"extensions": persisted(sha256_of(PEOPLE))})
    assert retry["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    "extension, code",
    [
        ({"persistedQuery": {"version": 2, "sha256Hash": "a" * 64}}, "PERSISTED_QUERY_NOT_SUPPORTED"),
        ({"persistedQuery": {"version": 1, "sha256Hash": "XYZ"}}, "BAD_REQUEST"),
        ({"persistedQuery": "abc"}, "BAD_REQUEST"),
    ],
)
async def test_malformed_persisted_query_extension_is_refused_with_code(officer, extension, code):
    body = await post(officer, {"query": ME, "extensions": extension})
    assert body["errors"][0]["extensions"]["code"] == code


async def test_get_runs_a_persisted_query_with_its_variables(officer):
    await post(officer, {"query": PEOPLE, "extensions": persisted(sha256_of(PEOPLE))})
    response = await get(
        officer, extensions=persisted(sha256_of(PEOPLE)), variables={"first": 5}, operationName="People"
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"samplePeople": {"totalCount": 0}}}


async def test_get_without_a_hash_is_refused(officer):
    response = await get(officer, query=ME)
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "persisted queries only" in response.json()["errors"][0]["message"]


async def test_get_never_runs_a_mutation_even_when_persisted(officer):
    from tests.core.sample_plugin.models import SamplePerson

    variables = {"input": {"name": "张三"}}
    await post(officer, {"query": ADD, "variables": variables, "extensions": persisted(sha256_of(ADD))})
    before = await SamplePerson.all().count()
    response = await get(officer, extensions=persisted(sha256_of(ADD)), variables=variables)
    assert response.status_code == 400
    assert await SamplePerson.all().count() == before


async def test_ordinary_post_queries_work_as_before(officer):
    assert await officer.data(ME) == {"me": {"username": officer.user.username}}


async def test_subscribe_message_may_carry_a_hash_instead_of_the_document(app, officer):
    await post(officer, {"query": ME, "extensions": persisted(sha256_of(ME))})
    async with WebSocketSession(create_app(app)) as session:
        await session.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {officer.token}"}})
        assert (await session.receive())["type"] == "connection_ack"
        await session.send({"id": "1", "type": "subscribe", "payload": {"extensions": persisted(sha256_of(ME))}})
        message = await session.receive()
    assert message["type"] == "next", message
    assert message["payload"]["data"] == {"me": {"username": officer.user.username}}


# --- trusted documents -------------------------------------------------------------------------


async def test_trusted_mode_runs_a_registered_operation_by_hash(trusted_app):
    await register(trusted_app, ME)
    officer = await trusted_login(trusted_app)
    body = await post(officer, {"extensions": persisted(sha256_of(ME))})
    assert body == {"data": {"me": {"username": officer.user.username}}}


async def test_trusted_mode_runs_the_exact_text_of_a_registered_operation(trusted_app):
    await register(trusted_app, ME)
    officer = await trusted_login(trusted_app)
    assert await officer.data(ME) == {"me": {"username": officer.user.username}}


async def test_trusted_mode_refuses_an_unregistered_document(trusted_app):
    officer = await trusted_login(trusted_app)
    body = await officer.execute("{ __schema { types { name } } }")
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_REQUIRED"
    assert body.get("data") is None


async def test_trusted_mode_does_not_learn_documents_sent_with_their_hash(trusted_app):
    officer = await trusted_login(trusted_app)
    body = await post(officer, {"query": ME, "extensions": persisted(sha256_of(ME))})
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"
    again = await post(officer, {"extensions": persisted(sha256_of(ME))})
    assert again["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"


async def test_trusted_mode_applies_to_websocket_operations(trusted_app):
    officer = await trusted_login(trusted_app)
    async with WebSocketSession(create_app(trusted_app)) as session:
        await session.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {officer.token}"}})
        assert (await session.receive())["type"] == "connection_ack"
        await session.send({"id": "1", "type": "subscribe", "payload": {"query": ME}})
        message = await session.receive()
    assert message["type"] == "error" and message["id"] == "1"
    assert message["payload"][0]["extensions"]["code"] == "PERSISTED_QUERY_REQUIRED"


async def test_registered_operation_still_needs_login_and_permission(trusted_app):
    await register(trusted_app, PEOPLE)
    anonymous = await post(GraphQLClient(trusted_app), {"extensions": persisted(sha256_of(PEOPLE))})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    resident = await trusted_login(trusted_app, Role.RESIDENT)
    refused = await post(resident, {"extensions": persisted(sha256_of(PEOPLE))})
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


# --- registration --------------------------------------------------------------------------------


async def test_registering_stores_each_operation_once_with_an_audit_event(app):
    await register(app, ME, PEOPLE)
    await register(app, ME)
    rows = await PersistedOperation.all().order_by("id")
    assert [(r.operation_name, r.operation_type, r.client_name) for r in rows] == [
        ("Me", "query", "dashboard@1.0.0"),
        ("People", "query", "dashboard@1.0.0"),
    ]
    assert await AuditEvent.filter(action="core.operations.register").count() == 1


@pytest.mark.parametrize(
    "entries, message",
    [
        ({sha256_of(ME): ME.replace("Me", "Mine")}, "not the SHA-256"),
        ({sha256_of("query {"): "query {"}, "cannot parse"),
        ({sha256_of("{ noSuchField }"): "{ noSuchField }"}, "not valid against this server's schema"),
        ({sha256_of(ME + " " + PEOPLE): ME + " " + PEOPLE}, "exactly one operation"),
        ({"ABC": ME}, "not a lower-case hex SHA-256"),
    ],
)
async def test_a_bad_manifest_entry_is_refused_with_its_reason(app, entries, message):
    from core.errors import UserInputError

    with pytest.raises(UserInputError) as refused:
        check_manifest(entries, app.schema._schema)
    assert message in refused.value.problems[0].message


# --- the document cache ----------------------------------------------------------------------


async def test_a_persisted_operation_is_parsed_and_validated_once(officer, monkeypatch):
    import strawberry.schema.schema as strawberry_schema

    import core.graphql.documents as documents

    calls = {"parse": 0, "validate": 0}
    real_parse, real_validate = documents.parse, strawberry_schema.validate_document

    def counting_parse(*args, **kwargs):
        calls["parse"] += 1
        return real_parse(*args, **kwargs)

    def counting_validate(*args, **kwargs):
        calls["validate"] += 1
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(documents, "parse", counting_parse)
    monkeypatch.setattr(strawberry_schema, "validate_document", counting_validate)
    document = "query CachedMe { me { username displayName } }"
    await post(officer, {"query": document, "extensions": persisted(sha256_of(document))})
    for _ in range(3):
        body = await post(officer, {"extensions": persisted(sha256_of(document))})
        assert body["data"]["me"]["username"] == officer.user.username
    assert calls == {"parse": 1, "validate": 1}


async def test_a_cached_invalid_document_keeps_failing_validation(officer):
    document = "query Deep { me { noSuchField } }"
    for _ in range(2):
        body = await officer.execute(document)
        assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_the_depth_limit_applies_to_persisted_operations(make_app):
    from core.config import LimitSettings

    limited = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(max_depth=2))
    document = "query Deep { me { station { areas { name } } } }"
    body = await post(GraphQLClient(limited), {"query": document, "extensions": persisted(sha256_of(document))})
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_trusted_mode_does_not_serve_graphiql(trusted_app):
    async with httpx.AsyncClient(transport=GraphQLClient(trusted_app)._transport, base_url="http://t") as http:
        response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert "graphiql" not in response.text.lower()


async def test_trusted_mode_answers_a_repeated_unknown_hash_without_the_database(trusted_app):
    from core.testing import count_queries

    officer = await trusted_login(trusted_app)
    unknown = persisted(sha256_of("query Probe { me { id } }"))
    await post(officer, {"extensions": unknown})
    with count_queries() as counter:
        body = await post(officer, {"extensions": unknown})
    assert body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"
    assert not [s for s in counter.statements if "core_persisted_operation" in s]


async def test_a_removed_operation_stops_running_once_the_workers_memory_expires(app):
    from core.graphql.persisted import REGISTERED_TTL_SECONDS, OperationResolver, PersistedQueryError
    from core.operations.registry import remove_operations

    now = [1000.0]
    resolver = OperationResolver(persisted_only=True, clock=lambda: now[0])
    await register(app, ME, client_name="dashboard@0.9.0")
    assert await resolver.resolve(None, persisted(sha256_of(ME))) == ME
    await remove_operations("dashboard@0.9.0")
    now[0] += REGISTERED_TTL_SECONDS + 1
    with pytest.raises(PersistedQueryError) as refused:
        await resolver.resolve(None, persisted(sha256_of(ME)))
    assert refused.value.code == "PERSISTED_QUERY_NOT_IN_LIST"


class LegacyProtocolSession(WebSocketSession):
    """The older ``graphql-ws`` (subscriptions-transport-ws) protocol."""

    async def __aenter__(self):
        import asyncio

        scope = {
            "type": "websocket",
            "asgi": {"version": "3.0"},
            "scheme": "ws",
            "path": "/graphql",
            "raw_path": b"/graphql",
            "query_string": b"",
            "headers": [(b"host", b"fengqiao.test"), (b"sec-websocket-protocol", b"graphql-ws")],
            "subprotocols": ["graphql-ws"],
            "client": ("127.0.0.1", 5555),
            "server": ("fengqiao.test", 80),
        }
        self._task = asyncio.create_task(self._asgi(scope, self._incoming.get, self._outgoing.put))
        await self._incoming.put({"type": "websocket.connect"})
        assert (await self._next_raw())["type"] == "websocket.accept"
        return self

    async def receive_skipping_keep_alive(self) -> dict:
        while (message := await self.receive())["type"] == "ka":
            pass
        return message
