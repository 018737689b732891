"""Running ``fengqiao`` as a user does: a real process with a timeout, on SQLite and (when
``FENGQIAO_TEST_DATABASE_URL`` is set) PostgreSQL."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
from pathlib import Path

import pytest

from core.testing import TEST_SECRET, reset_postgres

POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")
TIMEOUT = 90
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(
            not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
            reason="PostgreSQL runs need FENGQIAO_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB (CI sets it)",
        ),
    ),
]


def run_async(coroutine):
    """Run a coroutine from a synchronous fixture, whatever loop the test runner holds."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def new_deployment(directory: Path, backend: str, name: str) -> Path:
    """A config file for an empty database: the patrol plugin (it adds the 'import' command)."""
    if backend == "sqlite":
        url = f"sqlite://{directory / (name + '.db')}"
    else:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        url = f"{POSTGRES_URL.split('?')[0]}_{worker}_{name}"
        run_async(reset_postgres(url))
    config = directory / f"{name}.toml"
    config.write_text(
        f'database_url = "{url}"\nsecret_key = "{TEST_SECRET}"\n'
        '[plugins]\nenabled = ["patrol"]\nthird_party = false\n[logging]\nlevel = "WARNING"\n',
        encoding="utf-8",
    )
    return config


def fengqiao(config: Path, *args: str, input: str | None = None, timeout: float = TIMEOUT):
    return subprocess.run(
        ["fengqiao", "--config", str(config), *args],
        capture_output=True,
        text=True,
        input=input,
        timeout=timeout,
        cwd=config.parent,
    )
