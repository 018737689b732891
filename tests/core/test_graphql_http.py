"""The GraphQL endpoint over HTTP: authentication, errors, limits, masking, transactions."""

from pathlib import Path

import pytest

from core import Role
from core.audit.models import AuditEvent, PersonalDataAccess
from core.testing import GraphQLClient, create_station
from tests.core.sample_plugin.models import SamplePerson

ADD = """mutation($input: AddSamplePersonInput!) {
  addSamplePerson(input: $input) { person { id name idNumber phone } errors { field message code } }
}"""
LIST = "query($first: Int) { samplePeople(first: $first) { totalCount edges { node { name idNumber phone } } } }"
ID_NUMBER = "511725199001011236"


async def test_unauthenticated_query_is_refused_with_code(client):
    body = await client.execute("{ samplePeople { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_role_without_permission_is_forbidden(login_as, station):
    resident = await login_as(Role.RESIDENT, station=station)
    body = await resident.execute("{ samplePeople { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_invalid_token_counts_as_not_logged_in(app):
    body = await GraphQLClient(app, token="not-a-token").execute("{ samplePeople { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_me_is_null_when_not_logged_in(client):
    assert (await client.data("{ me { username } }")) == {"me": None}


async def test_internal_error_is_masked_and_coded(login_as, station, caplog):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute("{ sampleBroken }")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL"
    assert "hunter2" not in str(body)
    assert "hunter2" in caplog.text


async def test_syntax_error_keeps_its_message(client):
    body = await client.execute("{ me { ")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert "Syntax Error" in body["errors"][0]["message"]


async def test_query_deeper_than_limit_is_rejected_with_clear_message(make_app):
    import tests.core.sample_plugin as plugin

    app = await make_app(
        ["sample"], extra_plugins=[plugin], limits=__import__("core.config").config.LimitSettings(max_depth=2)
    )
    body = await GraphQLClient(app).execute("{ me { station { areas { name } } } }")
    assert "nested 3 levels deep; the limit is 2" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"] == {"code": "QUERY_TOO_DEEP", "limit": 2, "found": 3}


async def test_too_many_aliases_are_rejected(client):
    query = "{ " + " ".join(f"a{i}: me {{ username }}" for i in range(50)) + " }"
    body = await client.execute(query)
    assert "aliases" in body["errors"][0]["message"]


async def test_first_above_cap_is_rejected(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute(LIST, {"first": 201})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "200" in body["errors"][0]["message"]


async def test_connection_pages_with_cursors(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    for name in ("张三", "李四", "王五"):
        await officer.mutate(ADD, {"input": {"name": name}})
    page = await officer.data(
        "{ samplePeople(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }"
    )
    people = page["samplePeople"]
    assert people["totalCount"] == 3 and people["pageInfo"]["hasNextPage"] is True
    rest = await officer.data(
        "query($after: String) { samplePeople(first: 2, after: $after) { pageInfo { hasNextPage hasPreviousPage } nodes { name } } }",
        {"after": people["pageInfo"]["endCursor"]},
    )
    assert [n["name"] for n in rest["samplePeople"]["nodes"]] == ["王五"]
    assert rest["samplePeople"]["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}


async def test_last_returns_the_tail(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    for name in ("张三", "李四", "王五"):
        await officer.mutate(ADD, {"input": {"name": name}})
    page = await officer.data("{ samplePeople(last: 2) { nodes { name } } }")
    assert [n["name"] for n in page["samplePeople"]["nodes"]] == ["李四", "王五"]


async def test_bad_input_returns_user_error_and_writes_nothing(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute(ADD, {"input": {"name": "张三", "idNumber": "511725199001011234"}})
    payload = body["data"]["addSamplePerson"]
    assert payload["person"] is None
    assert payload["errors"][0]["field"] == "idNumber" and payload["errors"][0]["code"] == "INVALID"
    assert await SamplePerson.all().count() == 0


async def test_refused_mutation_rolls_back_its_writes_and_audit(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    audit_before = await AuditEvent.all().count()
    body = await officer.execute(ADD, {"input": {"name": "张三", "failAfterWrite": True}})
    assert body["data"]["addSamplePerson"]["errors"][0]["field"] == "failAfterWrite"
    assert await SamplePerson.all().count() == 0
    assert await AuditEvent.all().count() == audit_before


async def test_committed_mutation_has_exactly_one_audit_event(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER}})
    events = await AuditEvent.filter(action="sample.person.create")
    assert len(events) == 1
    assert events[0].actor_username == officer.user.username
    assert events[0].after["id_number"] == "[redacted]"


async def test_officer_sees_personal_data_in_full_and_the_view_is_logged(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER, "phone": "13812345678"}})
    data = await officer.data(LIST)
    assert data["samplePeople"]["edges"][0]["node"]["idNumber"] == ID_NUMBER
    view = await PersonalDataAccess.all().first()
    assert view is not None and view.actor_username == officer.user.username
    assert {"type": "SamplePerson", "field": "idNumber"}.items() <= view.shown[0].items()


async def test_auxiliary_sees_personal_data_masked(login_as, station):
    """Fields declared through ``fengqiao_sensitive_fields`` are masked by the core."""
    officer = await login_as(Role.OFFICER, station=station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER, "phone": "13812345678"}})
    node = (await auxiliary.data(LIST))["samplePeople"]["edges"][0]["node"]
    assert node["idNumber"] == "5117**********1236"
    assert node["phone"] == "138****5678"


async def test_minors_are_hidden_from_roles_without_the_minors_permission(login_as, station, clock):
    from core import make_id_number

    officer = await login_as(Role.OFFICER, station=station)
    auxiliary = await login_as(Role.AUXILIARY, station=station)
    child = make_id_number("511725", clock.today().replace(year=clock.today().year - 10), 12)
    await officer.mutate(ADD, {"input": {"name": "小明", "idNumber": child}})
    await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER}})
    assert (await officer.data(LIST))["samplePeople"]["totalCount"] == 2
    assert [e["node"]["name"] for e in (await auxiliary.data(LIST))["samplePeople"]["edges"]] == ["张三"]


async def test_other_station_rows_are_invisible_in_lists_and_nodes(app, login_as, station):
    other = await create_station(app, name="渠县公安局临巴派出所")
    officer_a = await login_as(Role.OFFICER, station=station)
    officer_b = await login_as(Role.OFFICER, station=other)
    created = await officer_b.mutate(ADD, {"input": {"name": "王五"}})
    assert (await officer_a.data(LIST))["samplePeople"]["totalCount"] == 0
    node = await officer_a.data("query($id: ID!) { node(id: $id) { id } }", {"id": created["person"]["id"]})
    assert node == {"node": None}
    own = await officer_b.data(
        "query($id: ID!) { node(id: $id) { ... on SamplePerson { name } } }", {"id": created["person"]["id"]}
    )
    assert own == {"node": {"name": "王五"}}


async def test_nodes_returns_null_for_unknown_ids_in_order(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    created = await officer.mutate(ADD, {"input": {"name": "王五"}})
    data = await officer.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["bogus", created["person"]["id"]]}
    )
    assert data["nodes"] == [None, {"id": created["person"]["id"]}]


async def test_mutation_of_plugin_disabled_for_station_returns_feature_disabled(app, login_as):
    station = await create_station(app, plugins=[])
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute(ADD, {"input": {"name": "张三"}})
    assert body["data"]["addSamplePerson"]["errors"][0]["code"] == "FEATURE_DISABLED"
    assert await SamplePerson.all().count() == 0


async def test_query_of_plugin_disabled_for_station_returns_feature_disabled(app, login_as):
    station = await create_station(app, plugins=[])
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute("{ samplePeople { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"


async def test_healthz_reports_database_ok(app):
    import httpx

    from core.app import create_app

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(app)), base_url="http://t") as http:
        response = await http.get("/healthz")
    assert response.status_code == 200 and response.json()["database"] == "ok"


async def test_graphiql_is_served_on_get_when_turned_on(make_app):
    import httpx

    import tests.core.sample_plugin as plugin
    from core.app import create_app
    from core.config import ServerSettings

    app = await make_app(["sample"], extra_plugins=[plugin], server=ServerSettings(graphiql=True))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(app)), base_url="http://t") as http:
        response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


async def test_cors_allows_configured_origin_only(make_app):
    import httpx

    import tests.core.sample_plugin as plugin
    from core.app import create_app
    from core.config import ServerSettings

    app = await make_app(
        ["sample"], extra_plugins=[plugin], server=ServerSettings(cors_origins=("https://app.example.cn",))
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(app)), base_url="http://t") as http:
        allowed = await http.options(
            "/graphql", headers={"Origin": "https://app.example.cn", "Access-Control-Request-Method": "POST"}
        )
        denied = await http.options(
            "/graphql", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
        )
    assert allowed.headers.get("access-control-allow-origin") == "https://app.example.cn"
    assert "access-control-allow-origin" not in denied.headers


def test_every_root_field_documents_its_permission(app):
    schema = app.schema
    for root in (schema.query, schema.mutation, schema.subscription):
        for field in root.__strawberry_definition__.fields:
            assert (
                "Requires permission" in field.description
                or "Public" in field.description
                or "Requires login" in field.description
            ), field.name


async def test_public_mutation_is_rate_limited_per_client_address(make_app):
    import tests.core.sample_plugin as plugin
    from core.config import LimitSettings

    app = await make_app(["sample"], extra_plugins=[plugin], limits=LimitSettings(public_requests_per_minute=3))
    client = GraphQLClient(app)
    query = 'mutation { login(input: {username: "x", password: "y"}) { errors { code } } }'
    codes = [(await client.data(query))["login"]["errors"][0]["code"] for _ in range(4)]
    assert codes == ["INVALID", "INVALID", "INVALID", "RATE_LIMITED"]
    other_address = GraphQLClient(app, client_address="10.1.1.2")
    assert (await other_address.data(query))["login"]["errors"][0]["code"] == "INVALID"


async def test_unknown_enum_value_in_variables_is_a_client_error(login_as, station):
    admin = await login_as(Role.BUREAU_ADMIN)
    body = await admin.execute(
        "mutation($input: CreateStationInput!) { createStation(input: $input) { errors { code } } }",
        {"input": {"name": "x", "code": "X-9", "stationClass": "FIVE"}},
    )
    assert body["errors"][0]["extensions"]["code"] in {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}
    assert "FIVE" in body["errors"][0]["message"]


async def test_user_input_error_in_a_query_is_a_client_error_naming_the_field(login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute('{ areas(filter: {parentId: "bogus"}) { totalCount } }')
    assert body["errors"][0]["extensions"] == {"code": "NOT_FOUND", "field": "filter.parentId"}


async def test_database_file_holds_no_id_number_or_phone_in_plain_text(app, login_as, station):
    from core.db import database_url

    officer = await login_as(Role.OFFICER, station=station)
    await officer.mutate(ADD, {"input": {"name": "张三", "idNumber": ID_NUMBER, "phone": "13812345678"}})
    if not app.settings.is_sqlite:
        pytest.skip("the file grep needs the SQLite file; tests/core/personal checks raw rows through SQL")
    path = database_url(app.settings)[len("sqlite://") :].split("?")[0]
    raw = b"".join(Path(p).read_bytes() for p in (path, path + "-wal") if Path(p).exists())
    assert ID_NUMBER.encode() not in raw and b"13812345678" not in raw
    assert raw.count(b"v1:") >= 2  # the values are there, encrypted
