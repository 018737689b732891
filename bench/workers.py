"""One worker against two, for the server and for a hand-written control app, on PostgreSQL.

Throughput of the front-end dispute list (the list of ``bench/graphql_lists.py``: 50 rows with
area, parties' names and team, as the main demo station's chief, so every request also appends
a personal-data access record) served by ``fengqiao serve --workers N`` and, as the control, by
``bench/lists_baseline.py`` under ``uvicorn --workers N`` (hand-written SQL, ``json.dumps``), for
N = 1 and 2, on the same PostgreSQL database. The load comes from ``wrk`` in a separate process,
held to a share of one core by a cgroup CPU quota where the machine allows it (root with the
cgroup ``cpu`` controller), so the two workers have the rest. Prints requests per second (medians
over rounds that alternate the two apps), the scaling 2 workers / 1 worker of each, and the load
generator's CPU time. Never asserts: the goal is read from the output.

    python bench/workers.py --database-url postgres://postgres@127.0.0.1:5432/an_empty_database
    python bench/workers.py --database-url … --seconds 10 --rounds 5 --connections 16

Needs ``wrk`` (Debian: ``apt install wrk``). PostgreSQL only: several workers share one database
server (SQLite has one writer and is refused by ``fengqiao serve --workers 2``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graphql_lists import (
    BENCH,
    CHIEF,
    LISTS,
    environment,
    free_port,
    load_demo,
    request,
    station_id,
    wait_for,
)

DRIVER = {"cpu": 0.0, "seconds": 0.0}  # wrk's CPU time and the length of its runs, summed
CGROUP_ROOTS = (Path("/sys/fs/cgroup/cpu"), Path("/sys/fs/cgroup"))  # cgroup v1, then v2


@contextmanager
def cpu_quota(share: float) -> Iterator[Path | None]:
    """A cgroup holding its processes to ``share`` of one core, or None where none can be made."""
    for root in CGROUP_ROOTS:
        group = root / f"fengqiao-bench-{os.getpid()}"
        try:
            group.mkdir()
        except OSError:
            continue
        try:
            period = 100_000
            if (group / "cpu.cfs_quota_us").exists():  # v1
                (group / "cpu.cfs_period_us").write_text(str(period))
                (group / "cpu.cfs_quota_us").write_text(str(int(share * period)))
            else:  # v2
                (group / "cpu.max").write_text(f"{int(share * period)} {period}")
        except OSError:
            group.rmdir()
            continue
        try:
            yield group
        finally:
            group.rmdir()
        return
    yield None


def wrk_script(directory: Path, body: dict, token: str | None) -> Path:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(json.dumps(body))}"]
    lines += [f"wrk.headers[{json.dumps(key)}] = {json.dumps(value)}" for key, value in headers.items()]
    script = directory / "post.lua"
    script.write_text("\n".join(lines) + "\n")
    return script


def drive(url: str, script: Path | None, options: argparse.Namespace, group: Path | None) -> float:
    """Requests per second ``wrk`` reached; any non-2xx answer stops the benchmark."""
    command = ["wrk", "-t", "1", "-c", str(options.connections), "-d", f"{options.seconds}s", "--latency"]
    command += ["-s", str(script), url] if script else [url]

    def enter_group() -> None:
        if group is not None:
            (group / "cgroup.procs").write_text(str(os.getpid()))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = subprocess.run(command, capture_output=True, text=True, check=True, preexec_fn=enter_group).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the servers are reaped later: this is wrk's
    DRIVER["cpu"] += after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    DRIVER["seconds"] += options.seconds
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw failed requests on {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def start(command: list[str], env: dict[str, str], directory: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=directory, env=env, stdout=subprocess.DEVNULL)


def measure(workers: int, options: argparse.Namespace, directory: Path, token: str, group: Path | None) -> dict:
    database_url = options.database_url
    ours_port, control_port = free_port(), free_port()
    control_env = environment(
        database_url, BENCH_DATABASE_URL=database_url, BENCH_STATION_ID=str(station_id(database_url))
    )
    servers = [
        start([options.fengqiao, "serve", "--port", str(ours_port), "--workers", str(workers)],
              environment(database_url), directory),
        start([sys.executable, "-m", "uvicorn", "lists_baseline:app", "--app-dir", str(BENCH), "--port",
               str(control_port), "--workers", str(workers), "--no-access-log", "--log-level", "warning"],
              control_env, directory),
    ]  # fmt: skip
    ours, control = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{control_port}"
    path, query, _ = LISTS["disputes x50"]
    body = {"query": query, "variables": {"n": 50}}
    try:
        wait_for(f"{ours}/healthz", servers[0])
        wait_for(f"{control}{path}?first=1", servers[1])
        if request(f"{ours}/graphql", body, token) != request(f"{control}{path}?first=50"):
            raise SystemExit("the server and the control app answer differently")
        script = wrk_script(directory, body, token)
        targets = {"fengqiao": (f"{ours}/graphql", script), "control": (f"{control}{path}?first=50", None)}
        for url, target_script in targets.values():  # warm every worker's connections and caches
            drive(url, target_script, argparse.Namespace(**{**vars(options), "seconds": 2}), group)
        rates: dict[str, list[float]] = {name: [] for name in targets}
        for round_ in range(options.rounds):
            order = list(targets) if round_ % 2 == 0 else list(targets)[::-1]
            for name in order:
                rates[name].append(drive(*targets[name], options, group))
                print(f"  {workers} worker(s), round {round_ + 1}: {name} {rates[name][-1]:.1f} req/s", file=sys.stderr)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=60)
    return {name: statistics.median(values) for name, values in rates.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="an empty PostgreSQL database (the demo is loaded)")
    parser.add_argument("--seconds", type=int, default=6, help="length of one wrk run (default 6)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each app per worker count (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections of wrk (default 8)")
    parser.add_argument("--driver-share", type=float, default=0.3, help="CPU share of one core for wrk (0.3)")
    parser.add_argument("--fengqiao", default=shutil.which("fengqiao") or "fengqiao", help="the command to run")
    options = parser.parse_args()
    if not options.database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database-url must name a PostgreSQL database")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt install wrk)")
    directory = Path(tempfile.mkdtemp(prefix="fengqiao-bench-workers-"))
    print("loading the demo …", file=sys.stderr)
    password = load_demo(options.fengqiao, options.database_url, directory)
    token = login(options, directory, password)  # valid for every run: the key is the deployment's
    with cpu_quota(options.driver_share) as group:
        results = {workers: measure(workers, options, directory, token, group) for workers in (1, 2)}
    limit = f"wrk held to {options.driver_share:.0%} of a core" if group else "wrk not CPU-limited (no cgroup)"
    print(
        f"PostgreSQL; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
        f"wrk -c {options.connections}, {options.rounds} rounds of {options.seconds} s; {limit}"
    )
    print(f"{'app':<10}{'1 worker req/s':>16}{'2 workers req/s':>17}{'scaling':>9}")
    for name in ("fengqiao", "control"):
        one, two = results[1][name], results[2][name]
        print(f"{name:<10}{one:>16.1f}{two:>17.1f}{two / one:>8.2f}x")
    share = DRIVER["cpu"] / DRIVER["seconds"]
    print(f"wrk used {DRIVER['cpu']:.1f} s of CPU in {DRIVER['seconds']:.0f} s of runs ({share:.0%} of a core)")
    shutil.rmtree(directory, ignore_errors=True)


def login(options: argparse.Namespace, directory: Path, password: str) -> str:
    port = free_port()
    server = start([options.fengqiao, "serve", "--port", str(port)], environment(options.database_url), directory)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", server)
        mutation = "mutation($i: LoginInput!) { login(input: $i) { token } }"
        variables = {"i": {"username": CHIEF, "password": password}}
        answer = json.loads(request(f"http://127.0.0.1:{port}/graphql", {"query": mutation, "variables": variables}))
        return answer["data"]["login"]["token"]
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
