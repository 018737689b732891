"""`fengqiao serve` as a real process: safe defaults (no GraphiQL, no anonymous introspection,
body and WebSocket message limits at the server), and `--demo` opening the schema to explore."""

import contextlib
import json
import os
import subprocess
import sys
import time

import httpx
import pytest
import websockets

from tests.core.test_real_server import free_port

INTROSPECTION = {"query": "{ __schema { queryType { name } } }"}


@contextlib.contextmanager
def server(tmp_path, *extra: str):
    config = tmp_path / "fengqiao.toml"
    config.write_text(
        f'database_url = "sqlite://{tmp_path / "serve.db"}"\n'
        'secret_key = "serve-test-secret-0123456789-abcdefghijkl"\n'
        "[plugins]\nenabled = []\nthird_party = false\n",
        encoding="utf-8",
    )
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "core.cli", "--config", str(config), "serve", "--port", str(port), *extra],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(300):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_is_safe_by_default(tmp_path):
    with server(tmp_path) as address:
        ide = httpx.get(f"http://{address}/graphql", headers={"Accept": "text/html"})
        schema = httpx.post(f"http://{address}/graphql", json=INTROSPECTION).json()
        big = httpx.post(f"http://{address}/graphql", json={"query": "{ me { id } }", "x": "y" * 2_000_000})
    assert ide.status_code == 404
    assert schema["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert big.status_code == 413 and big.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_serve_drops_an_oversized_websocket_message(tmp_path):
    with server(tmp_path) as address:
        socket_ = await websockets.connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"], max_size=None)
        await socket_.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await socket_.recv())["type"] == "connection_ack"
        await socket_.send(json.dumps({"type": "ping", "payload": {"x": "y" * 2_000_000}}))
        with pytest.raises(websockets.ConnectionClosed):
            await socket_.recv()
    assert socket_.close_code == 1009


def test_serve_demo_opens_graphiql_and_introspection(tmp_path):
    with server(tmp_path, "--demo") as address:
        ide = httpx.get(f"http://{address}/graphql", headers={"Accept": "text/html"})
        schema = httpx.post(f"http://{address}/graphql", json=INTROSPECTION).json()
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()
    assert schema == {"data": {"__schema": {"queryType": {"name": "Query"}}}}
