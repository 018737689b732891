"""Benchmark: start-up of the ``fengqiao`` command. Prints medians, never asserts.

Run from the repository root (with the project installed, ``fengqiao`` on PATH)::

    python bench/startup.py                 # 5 runs of each
    python bench/startup.py --runs 9
    python bench/startup.py --fengqiao /other/venv/bin/fengqiao   # compare another install

Each command runs as a real subprocess in a temporary directory (no fengqiao.toml, built-in
plugins only): ``fengqiao --help``, ``fengqiao schema export`` (from its cache, filled once before
timing, and with ``--no-cache``: the build itself) and ``fengqiao plugins`` (target: 1 s each),
and ``fengqiao serve`` on a demo database, timed from the start of the process to the first
``200`` of ``GET /healthz`` (target: 1.5 s). The demo database is made once, before timing.
Times are wall clock on a possibly busy machine: read medians, and the load printed with them.

Bytecode: an installed server compiles its modules once and keeps the bytecode, so the commands
run with Python's bytecode cache on (in ``PYTHONPYCACHEPREFIX``, a folder of the benchmark's,
filled by the untimed runs that make the demo and fill the schema cache), whatever
``PYTHONDONTWRITEBYTECODE`` says. ``--no-bytecode`` times them compiling every module at every
start instead, as an editable install under ``PYTHONDONTWRITEBYTECODE=1`` does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TARGETS = {
    "--help": 1.0,
    "schema export": 1.0,
    "schema export --no-cache": 1.0,
    "plugins": 1.0,
    "serve → /healthz": 1.5,
}
COMMANDS = ("--help", "schema export", "schema export --no-cache", "plugins")
BYTECODE = {"cached": True}  # set from the command line


def environment(directory: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if BYTECODE["cached"]:
        env["PYTHONPYCACHEPREFIX"] = str(directory / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(
        FENGQIAO_PLUGINS__THIRD_PARTY="false",
        FENGQIAO_DATABASE_URL=f"sqlite://{directory / 'fengqiao.db'}",
        FENGQIAO_SECRET_KEY="bench-startup-secret-0123456789-abcdefghijklmnop",
        FENGQIAO_CACHE_DIR=str(directory / "cache"),
    )
    return env


def time_command(fengqiao: str, arguments: list[str], directory: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [fengqiao, *arguments], cwd=directory, env=environment(directory), check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def time_serve(fengqiao: str, directory: Path, timeout: float = 120.0) -> float:
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen(
        [fengqiao, "serve", "--port", str(port)],
        cwd=directory,
        env=environment(directory),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < timeout:
            if server.poll() is not None:
                raise RuntimeError(f"fengqiao serve exited with status {server.returncode}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("no answer from /healthz")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--fengqiao", default=shutil.which("fengqiao") or "fengqiao", help="the command to time")
    parser.add_argument("--no-serve", action="store_true", help="skip the server (no demo database needed)")
    parser.add_argument("--no-bytecode", action="store_true", help="compile every module at every start")
    options = parser.parse_args()
    BYTECODE["cached"] = not options.no_bytecode
    directory = Path(tempfile.mkdtemp(prefix="fengqiao-bench-startup-"))
    results: dict[str, list[float]] = {}
    if not options.no_serve:
        print("making the demo database …", file=sys.stderr)
        for step in (["migrate"], ["demo"]):
            subprocess.run(
                [options.fengqiao, *step],
                cwd=directory,
                env=environment(directory),
                check=True,
                stdout=subprocess.DEVNULL,
            )
    time_command(options.fengqiao, ["schema", "export"], directory)  # fills the schema cache
    for _ in range(options.runs):  # interleaved, so a burst of load spreads over every command
        for name in COMMANDS:
            results.setdefault(name, []).append(time_command(options.fengqiao, name.split(), directory))
        if not options.no_serve:
            results.setdefault("serve → /healthz", []).append(time_serve(options.fengqiao, directory))
    print(
        f"fengqiao: {options.fengqiao}; {options.runs} runs; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores; bytecode {'cached' if BYTECODE['cached'] else 'compiled at every start'}"
    )
    print(f"{'command':<26} {'median':>8} {'min':>8} {'target':>8}  within")
    for name, times in results.items():
        median = statistics.median(times)
        within = "yes" if median <= TARGETS[name] else "no"
        print(f"{name:<26} {median:>7.2f}s {min(times):>7.2f}s {TARGETS[name]:>7.1f}s  {within}")
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
