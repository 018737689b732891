"""WebSocket messages on a real server: malformed ones close the connection with 4400,
oversized ones with 1009, and every error sent back carries its extensions.code."""

import json

import pytest
import websockets

from core import Role
from tests.core.test_real_server import serving


async def connect(address: str, token: str | None = None):
    socket_ = await websockets.connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"], max_size=None)
    payload = {"Authorization": f"Bearer {token}"} if token else {}
    await socket_.send(json.dumps({"type": "connection_init", "payload": payload}))
    assert json.loads(await socket_.recv())["type"] == "connection_ack"
    return socket_


async def closed_with(socket_) -> tuple[int, str]:
    with pytest.raises(websockets.ConnectionClosed):
        while True:
            await socket_.recv()
    return socket_.close_code, socket_.close_reason


@pytest.mark.parametrize(
    "frame",
    [
        "[]",
        "null",
        "42",
        '"subscribe"',
        '{"id": "1", "type": "subscribe", "payload": []}',
        '{"id": "1", "type": "subscribe", "payload": "query"}',
        '{"id": "1", "type": "subscribe", "payload": {"query": 42}}',
        '{"id": "1", "type": "subscribe", "payload": {"query": "{ me { id } }", "variables": [1]}}',
        '{"id": 1, "type": "subscribe", "payload": {"query": "{ me { id } }"}}',
        '{"type": 7}',
        '{"type": "ping", "payload": [1]}',
        '{"type": "complete"}',
        "[" * 50_000 + "]" * 50_000,
        "not json",
    ],
)
async def test_a_malformed_message_closes_with_4400(app, frame):
    async with serving(app) as address:
        socket_ = await connect(address)
        await socket_.send(frame)
        code, _ = await closed_with(socket_)
    assert code == 4400


async def test_a_message_over_the_body_limit_closes_with_1009(app):
    async with serving(app) as address:
        socket_ = await connect(address)
        query = "{ me { username } }" + " " * 1_100_000
        await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        code, reason = await closed_with(socket_)
    assert code == 1009 and "1048576" in reason


async def test_a_syntax_error_in_a_subscription_is_an_error_message_with_its_code(app, login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    async with serving(app) as address:
        socket_ = await connect(address, officer.token)
        await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": "subscription { samplePeopleAdded { "}}))
        message = json.loads(await socket_.recv())
        await socket_.close()
    assert message["type"] == "error" and message["id"] == "1"
    assert message["payload"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_errors_over_a_websocket_carry_their_code(app):
    async with serving(app) as address:
        socket_ = await connect(address)
        await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": "subscription { samplePeopleAdded { name } }"}}))
        message = json.loads(await socket_.recv())
        await socket_.close()
    errors = message["payload"]["errors"] if message["type"] == "next" else message["payload"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_limits_apply_over_a_websocket_too(app):
    async with serving(app) as address:
        socket_ = await connect(address)
        query = "{ " + " ".join(f"a{i}: me {{ username }}" for i in range(16)) + " }"
        await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        message = json.loads(await socket_.recv())
        await socket_.close()
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"] == {"code": "TOO_MANY_ALIASES", "limit": 15, "found": 16}


async def test_an_internal_error_over_a_websocket_is_masked(app, login_as, station):
    officer = await login_as(Role.OFFICER, station=station)
    async with serving(app) as address:
        socket_ = await connect(address, officer.token)
        await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": "{ sampleBroken }"}}))
        message = json.loads(await socket_.recv())
        await socket_.close()
    error = message["payload"]["errors"][0]
    assert error["extensions"]["code"] == "INTERNAL" and "hunter2" not in json.dumps(message)


async def test_a_well_formed_ping_is_answered(app):
    async with serving(app) as address:
        socket_ = await connect(address)
        await socket_.send(json.dumps({"type": "ping"}))
        assert json.loads(await socket_.recv())["type"] == "pong"
        await socket_.close()
