"""A deployment's life on the command line, as real processes: migrating a fresh database,
loading the demo, a doctor's report before migrating, and Ctrl-C in the middle of a command."""

from __future__ import annotations

import signal
import socket
import subprocess
import time

import pytest

from tests.core.cli_processes import BACKENDS, fengqiao, new_deployment


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrate_applies_every_migration_then_exits(backend, tmp_path):
    config = new_deployment(tmp_path, backend, "fresh")
    first = fengqiao(config, "migrate")
    assert first.returncode == 0, first.stderr
    assert "applied core.0001_initial" in first.stdout and "applied patrol.0001_initial" in first.stdout
    again = fengqiao(config, "migrate")
    assert again.returncode == 0 and again.stdout.strip() == "database is up to date"


@pytest.mark.parametrize("backend", BACKENDS)
def test_doctor_reports_pending_migrations_and_exits_1(backend, tmp_path):
    config = new_deployment(tmp_path, backend, "unmigrated")
    if backend == "postgres":  # an empty database: every migration is pending
        expected = "run 'fengqiao migrate'"
    else:  # no file yet: doctor does not create one
        expected = "does not exist yet"
    result = fengqiao(config, "doctor")
    assert result.returncode == 1 and expected in result.stdout, result.stdout


@pytest.mark.parametrize("backend", BACKENDS)
def test_demo_loads_once_then_refuses(backend, tmp_path):
    config = new_deployment(tmp_path, backend, "demo")
    config.write_text(config.read_text().replace('enabled = ["patrol"]', "enabled = []"), encoding="utf-8")
    assert fengqiao(config, "migrate").returncode == 0
    first = fengqiao(config, "demo", timeout=180)
    assert first.returncode == 0 and "bureau.admin" in first.stdout, first.stderr
    again = fengqiao(config, "demo")
    assert again.returncode == 2 and "already loaded" in again.stderr


def test_ctrl_c_interrupts_a_command_exits_130_and_writes_nothing(tmp_path):
    config = new_deployment(tmp_path, "sqlite", "interrupted")
    config.write_text(config.read_text().replace('enabled = ["patrol"]', "enabled = []"), encoding="utf-8")
    assert fengqiao(config, "migrate").returncode == 0
    process = subprocess.Popen(
        ["fengqiao", "--config", str(config), "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    # Interrupt once the command has opened the database (the demo then runs for seconds).
    wal = tmp_path / "interrupted.db-wal"
    deadline = time.monotonic() + 60
    while not wal.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and err == "fengqiao: interrupted\n", err
    verify = fengqiao(config, "audit", "verify")
    assert "chain: ok: 0 events verified" in verify.stdout  # the demo's transaction rolled back


def test_serve_stops_on_ctrl_c(tmp_path):

    config = new_deployment(tmp_path, "sqlite", "served")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        ["fengqiao", "--config", str(config), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0 and "Traceback" not in err, err
