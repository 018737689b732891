"""Two server processes on one PostgreSQL database: each due time of the mediation risk sweep
runs once, so the disputes it re-evaluates get one audit event and one timeline step each."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import subprocess
import time

import asyncpg
import pytest

import plugins.mediation as mediation
from core import Role
from core.clock import FixedClock
from core.testing import TEST_SECRET, GraphQLClient, create_station, create_user, make_settings, running_app, token_for
from tests.plugins.mediation import flows

POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="several workers share PostgreSQL only: set FENGQIAO_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB",
)
DISPUTES = 8
SWEEP_EVERY_SECONDS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{POSTGRES_URL.split('?')[0]}_{worker}_workers"


async def seed(url: str) -> None:
    """A mediation station with disputes reported 40 days ago and left unresolved."""
    settings = make_settings(url, ["mediation"])
    long_ago = FixedClock(dt.datetime.now(dt.UTC) - dt.timedelta(days=40))
    async with running_app(settings, extra_plugins=[mediation], clock=long_ago) as app:
        station = await create_station(app, plugins=["mediation"])
        officer = GraphQLClient(app, token_for(app, await create_user(app, station, Role.OFFICER)))
        for _ in range(DISPUTES):
            await flows.report(officer, station)


def write_config(tmp_path, url: str):
    path = tmp_path / "fengqiao.toml"
    path.write_text(
        f'database_url = "{url}"\n'
        f'secret_key = "{TEST_SECRET}"\n'
        '[plugins]\nenabled = ["mediation"]\nthird_party = false\n'
        '[logging]\nlevel = "WARNING"\n'
        '[jobs]\npoll_seconds = 1\ndisabled = ["core.scoring.auto_freeze"]\n'
        f'[jobs.schedule]\n"mediation.risk_sweep" = "{SWEEP_EVERY_SECONDS}s"\n',
        encoding="utf-8",
    )
    return path


def start_server(config) -> subprocess.Popen:
    command = ["fengqiao", "--config", str(config), "serve", "--port", str(free_port())]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


async def finished_due_times(connection) -> int:
    return await connection.fetchval(
        "SELECT count(DISTINCT due_at) FROM core_job_run WHERE job = 'mediation.risk_sweep' AND outcome = 'SUCCEEDED'"
    )


async def test_two_server_processes_run_each_due_time_of_the_sweep_once(tmp_path):
    url = database_url()
    await seed(url)
    config = write_config(tmp_path, url)
    servers = [start_server(config) for _ in range(2)]
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        deadline = time.monotonic() + 40
        while await finished_due_times(connection) < 2 and time.monotonic() < deadline:
            assert all(server.poll() is None for server in servers), "a server stopped early"
            await asyncio.sleep(0.2)
        assert all(server.poll() is None for server in servers)
        for server in servers:
            server.send_signal(signal.SIGINT)
        errors = [server.communicate(timeout=20)[1] for server in servers]
        runs = await connection.fetch(
            "SELECT due_at, attempt, outcome, items_changed, worker FROM core_job_run "
            "WHERE job = 'mediation.risk_sweep' ORDER BY due_at, attempt"
        )
        audit = await connection.fetchval(
            "SELECT count(*) FROM core_audit_event WHERE action = 'mediation.dispute.reevaluate_risk'"
        )
        steps = await connection.fetchval(
            "SELECT count(*) FROM mediation_dispute_transition WHERE action = 'reevaluate_risk'"
        )
        sweep_requests = await connection.fetchval(
            "SELECT count(DISTINCT request_id) FROM core_audit_event WHERE action = 'mediation.dispute.reevaluate_risk'"
        )
    finally:
        await connection.close()
    due_times = [row["due_at"] for row in runs]
    assert len(due_times) >= 2 and len(due_times) == len(set(due_times)), runs  # one run per due time
    assert [row["items_changed"] for row in runs if row["outcome"] == "SUCCEEDED"][0] == DISPUTES
    assert sum(row["items_changed"] or 0 for row in runs) == DISPUTES
    assert audit == DISPUTES and steps == DISPUTES and sweep_requests == 1  # one audit trail, from one run
    assert all(server.returncode == 0 for server in servers), errors
    assert all("Traceback" not in error for error in errors), errors
