"""``fengqiao serve`` as operators run it: JSON log lines from uvicorn and Fengqiao alike with the
request id, and (on PostgreSQL) metrics that add up across several worker processes."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time

import httpx
import pytest

from core.testing import TEST_SECRET
from tests.core.cli_processes import new_deployment

POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(config, port: int, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    command = ["fengqiao", "--config", str(config), "serve", "--port", str(port), *extra]
    environment = {**os.environ, **(env or {})}
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment)


def wait_until_up(process: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not come up")


def metric_writers(directory) -> set[str]:
    return {name.rsplit("_", 1)[1] for name in os.listdir(directory) if name.startswith("counter_")}


def wait_for_writers(directory, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(metric_writers(directory)) < count and time.monotonic() < deadline:
        time.sleep(0.2)


def stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGINT)
    return process.communicate(timeout=30)[1]


def configure(config, extra: str) -> None:
    text = config.read_text(encoding="utf-8").replace('[logging]\nlevel = "WARNING"\n', "")
    config.write_text(text + extra, encoding="utf-8")


def test_json_logs_carry_the_request_id_and_uvicorns_lines_but_no_client_address(tmp_path):
    config = new_deployment(tmp_path, "sqlite", "logs")
    configure(config, '[logging]\nlevel = "INFO"\nformat = "json"\n')
    port = free_port()
    server = serve(config, port)
    try:
        wait_until_up(server, port)
        response = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": "query Who { me { username } }", "operationName": "Who"},
            headers={"X-Request-ID": "support-ticket-4711"},
        )
    finally:
        errors = stop(server)
    assert response.headers["x-request-id"] == "support-ticket-4711"
    lines = [json.loads(line) for line in errors.splitlines() if line.strip()]  # every line is JSON
    mine = [line for line in lines if line["request_id"] == "support-ticket-4711"]
    assert "fengqiao.access" in {line["logger"] for line in mine}
    assert any(line["logger"].startswith("uvicorn") for line in lines)  # uvicorn writes through our handler
    assert not any(line["logger"] == "uvicorn.access" for line in lines)  # it would keep informants' addresses
    access = next(line for line in mine if line["logger"] == "fengqiao.access")
    assert access["operation"] == "Who" and access["outcome"] == "ok" and access["user_id"] is None
    assert any(line["logger"] == "fengqiao.jobs" for line in lines)  # the project's INFO lines are kept
    assert TEST_SECRET not in errors


@pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="several workers need PostgreSQL: set FENGQIAO_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB",
)
def test_metrics_of_several_workers_add_up(tmp_path):
    config = new_deployment(tmp_path, "postgres", "metrics")
    configure(config, '[logging]\nlevel = "WARNING"\n[metrics]\nenabled = true\n[jobs]\nenabled = false\n')
    assert (
        subprocess.run(["fengqiao", "--config", str(config), "migrate"], capture_output=True, timeout=90).returncode
        == 0
    )
    port = free_port()
    shared = tmp_path / "metrics"
    shared.mkdir()
    server = serve(config, port, "--workers", "2", env={"PROMETHEUS_MULTIPROC_DIR": str(shared)})
    try:
        wait_until_up(server, port)
        wait_for_writers(shared, 2)  # both workers started (each counts its start-up statements)
        requests = 12
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for _ in range(requests):
                # A new connection each time, so both workers take requests.
                client.post(
                    "/graphql", json={"query": "query Count { me { username } }"}, headers={"Connection": "close"}
                )
            text = client.get("/metrics").text
        writers = metric_writers(shared)
    finally:
        errors = stop(server)
    match = re.search(r'fengqiao_graphql_requests_total\{operation="Count",outcome="ok",type="query"\} (\S+)', text)
    assert match and float(match.group(1)) == requests, text[:2000]
    assert len(writers) == 2  # each worker writes its own figures; any worker answers with the sum
    assert 'fengqiao_plugin_info{plugin="patrol"' in text
    assert "Traceback" not in errors, errors
