"""The app served by a real uvicorn on 127.0.0.1: HTTP and a subscription over WebSocket."""

import asyncio
import contextlib
import json
import socket

import httpx
import uvicorn
import websockets

from core import Role
from core.app import create_app
from core.testing import token_for

ADD = 'mutation { addSamplePerson(input: {name: "王五"}) { errors { message } } }'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(app):
    port = free_port()
    # The app is already started by the fixture; uvicorn must not run the lifespan again.
    server = uvicorn.Server(
        uvicorn.Config(create_app(app), host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.02)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


async def test_real_server_answers_graphql_and_health(app):
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as http:
        health = await http.get("/healthz")
        body = (await http.post("/graphql", json={"query": "{ me { username } }"})).json()
    assert health.json()["status"] == "ok"
    assert body == {"data": {"me": None}}


async def _subscribe(address: str, token: str | None, query: str):
    socket_ = await websockets.connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"])
    await socket_.send(
        json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"} if token else {}})
    )
    assert json.loads(await socket_.recv())["type"] == "connection_ack"
    await socket_.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
    return socket_


async def test_subscription_pushes_events_of_own_station_over_websocket(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    async with serving(app) as address:
        socket_ = await _subscribe(address, token_for(app, officer.user), "subscription { samplePeopleAdded { name } }")
        await asyncio.sleep(0.1)
        await officer.mutate(ADD)
        message = json.loads(await asyncio.wait_for(socket_.recv(), 5))
        await socket_.close()
    assert message["type"] == "next", message
    assert message["payload"]["data"] == {"samplePeopleAdded": {"name": "王五"}}


async def test_subscription_without_login_is_refused(app):
    async with serving(app) as address:
        socket_ = await _subscribe(address, None, "subscription { samplePeopleAdded { name } }")
        message = json.loads(await asyncio.wait_for(socket_.recv(), 5))
        await socket_.close()
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"
