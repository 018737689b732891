"""What reaches /graphql over HTTP: at most [limits] max_body_bytes (413 with a JSON error),
a JSON object in valid UTF-8, not nested absurdly; a larger body only for the named mutations
of [limits] body_limits."""

import json

import httpx
import pytest

import tests.core.sample_plugin as sample_plugin
from core import Role
from core.app import create_app
from core.config import LimitSettings
from core.errors import ConfigError

ADD = "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { person { name } errors { code field } } }"


async def post(app, content: bytes, headers=None, token=None):
    headers = {"content-type": "application/json", **(headers or {})}
    if token:
        headers["authorization"] = f"Bearer {token}"
    transport = httpx.ASGITransport(app=create_app(app), client=("127.0.0.1", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://fengqiao.test") as http:
        return await http.post("/graphql", content=content, headers=headers)


def request(query: str, variables=None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}).encode()


async def test_a_ten_megabyte_comment_is_refused_with_413_and_a_json_error(app):
    response = await post(app, request("{ me { username } } #" + "x" * 10_000_000))
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "PAYLOAD_TOO_LARGE", "limit": 1_048_576}


async def test_five_megabytes_of_variables_are_refused(app):
    response = await post(app, request("query($a: String) { me { username } }", {"a": "x" * 5_000_000}))
    assert response.status_code == 413


async def test_a_declared_length_over_the_limit_is_refused_before_reading(app):
    response = await post(app, b"", headers={"content-length": "2000000"})
    assert response.status_code == 413


async def test_a_body_just_under_the_limit_is_served(app):
    query = "{ me { username } }"
    padding = 1_048_576 - len(request(query)) - 30
    response = await post(app, request(query + " " * padding))
    assert response.status_code == 200 and response.json() == {"data": {"me": None}}


@pytest.mark.parametrize("body", [b'"hello"', b"42", b"null", b"true", b"[]", b'[{"query": "{ me { username } }"}]'])
async def test_json_that_is_not_an_object_is_a_bad_request(app, body):
    response = await post(app, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "JSON object" in response.json()["errors"][0]["message"]


async def test_invalid_utf8_is_a_bad_request(app):
    response = await post(app, b'{"query": "{ me { username } }", "x": "\xff\xfe"}')
    assert response.status_code == 400 and "UTF-8" in response.json()["errors"][0]["message"]


async def test_malformed_json_is_a_bad_request(app):
    response = await post(app, b'{"query": ')
    assert response.status_code == 400 and "not valid JSON" in response.json()["errors"][0]["message"]


async def test_variables_nested_a_hundred_thousand_deep_are_a_bad_request(app):
    nested = "[" * 100_000 + "]" * 100_000
    response = await post(app, b'{"query": "{ me { username } }", "variables": {"a": ' + nested.encode() + b"}}")
    assert response.status_code == 400 and "nested too deeply" in response.json()["errors"][0]["message"]


async def test_variables_nested_forty_deep_are_a_bad_request(app):
    nested = "[" * 40 + "]" * 40
    response = await post(app, b'{"query": "{ me { username } }", "variables": {"a": ' + nested.encode() + b"}}")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "body",
    [{"query": 42}, {"query": "{ me { username } }", "variables": [1]}, {"query": "{ me { id } }", "operationName": 7}],
)
async def test_request_members_of_the_wrong_type_are_a_bad_request(app, body):
    response = await post(app, json.dumps(body).encode())
    assert response.status_code == 400


async def test_a_named_mutation_may_have_a_larger_body(make_app):
    limits = LimitSettings(max_body_bytes=2_000, body_limits={"addSamplePerson": 20_000})
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=limits)
    from core.testing import create_station, create_user, token_for

    station = await create_station(app)
    token = token_for(app, await create_user(app, station, Role.OFFICER))
    big = request(ADD + " " * 5_000, {"input": {"name": "张三"}})
    response = await post(app, big, token=token)
    assert response.status_code == 200
    assert response.json()["data"]["addSamplePerson"]["person"] == {"name": "张三"}


async def test_the_larger_body_is_for_that_mutation_only(make_app):
    limits = LimitSettings(max_body_bytes=2_000, body_limits={"addSamplePerson": 20_000})
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=limits)
    query = await post(app, request("{ me { username } }" + " " * 5_000))
    mixed = await post(app, request(ADD.replace("mutation(", "mutation M(") + " " * 5_000))
    renamed = await post(app, request("mutation addSamplePerson { login(input: {username: \"a\", password: \"b\"}) { token } }" + " " * 5_000))
    over = await post(app, request(ADD + " " * 30_000, {"input": {"name": "张三"}}))
    assert [r.status_code for r in (query, renamed, over)] == [413, 413, 413]
    assert mixed.status_code == 200  # still addSamplePerson alone, whatever the operation's name


async def test_a_body_limit_for_an_unknown_mutation_stops_start_up(make_app):
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=LimitSettings(body_limits={"uplod": 9}))
    with pytest.raises(ConfigError, match="limits.body_limits: 'uplod' is not a root mutation field"):
        _ = app.schema


def multipart(operations: dict, file_bytes: int) -> tuple[bytes, dict]:
    boundary = "----fengqiao-test"
    parts = [
        ("operations", "application/json", json.dumps(operations).encode()),
        ("map", "application/json", b'{"0": ["variables.file"]}'),
        ("0", "text/csv", b"x" * file_bytes),
    ]
    body = b""
    for name, kind, content in parts:
        disposition = f'form-data; name="{name}"' + ('; filename="a.csv"' if name == "0" else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {kind}\r\n\r\n".encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"content-type": f"multipart/form-data; boundary={boundary}"}


async def test_a_multipart_upload_gets_the_larger_limit_of_its_mutation(make_app):
    limits = LimitSettings(max_body_bytes=2_000, body_limits={"addSamplePerson": 20_000})
    app = await make_app(["sample"], extra_plugins=[sample_plugin], limits=limits)
    allowed, headers = multipart({"query": ADD, "variables": {"input": {"name": "张三"}}}, 5_000)
    refused, _ = multipart({"query": "{ me { username } }"}, 5_000)
    passed_on = await post(app, allowed, headers=headers)
    assert passed_on.status_code != 413  # the GraphQL view decides on uploads
    assert (await post(app, refused, headers=headers)).status_code == 413
