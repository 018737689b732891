"""Lists through the whole stack against a hand-written baseline, side by side in one run.

Two real servers, each one uvicorn worker in its own process, HTTP over a local socket, on the
same demo database: ``fengqiao serve``, and ``bench/lists_baseline.py`` (a plain ASGI app running
hand-written SQL and ``json.dumps``). For each list — the front-end dispute list (50 rows with
status, risk colour, level, area, parties' names and team) and the incident list with persons
(page size 50) — both answers are checked to be the same bytes, then requests alternate between
the servers in short rounds. Prints medians of the latency, requests per second, the ratio
(GraphQL time / baseline time) and SQL statements per request (read from the server's
``fengqiao_db_statements`` metric; the baseline's are counted in its code). Never asserts.

    python bench/graphql_lists.py                       # SQLite, a new demo database
    python bench/graphql_lists.py --seconds 10          # longer runs, steadier medians
    python bench/graphql_lists.py --database-url postgres://postgres@127.0.0.1:5432/empty_db

PostgreSQL needs an empty database: the demo is loaded into it first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SECRET = "bench-lists-secret-0123456789-abcdefghijklmnop"
CHIEF = "cd.station_chief"  # the main demo station's chief: full names, audited
LISTS = {
    "disputes x50": (
        "/disputes",
        "query DisputeList($n: Int) { disputes(first: $n) { nodes { id status riskLevel level area { name } "
        "parties { name } mediators { displayName teamRole active } } } }",
        3,  # the baseline's statements: page with area, parties, mediators
    ),
    "incidents x50": (
        "/incidents",
        "query IncidentList($n: Int) { incidents(first: $n) { nodes { id category status persons { name role } } } }",
        2,  # page, persons
    ),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FENGQIAO_")}
    env.update(
        FENGQIAO_PLUGINS__THIRD_PARTY="false",
        FENGQIAO_DATABASE_URL=database_url,
        FENGQIAO_SECRET_KEY=SECRET,
        FENGQIAO_METRICS__ENABLED="true",
        # Periodic jobs (sealing the access log, outbox sweeps) would add their statements to
        # the requests' count and take CPU at random moments; they are not a request's cost.
        FENGQIAO_JOBS__ENABLED="false",
        # One user sends far more than a person would: the per-user read limit (1,200 a minute)
        # would answer most requests with a cheap refusal and flatter the timings.
        FENGQIAO_RATE_LIMITS__USER_READS_PER_MINUTE="0",
        FENGQIAO_LOGGING__LEVEL="WARNING",
        **extra,
    )
    return env


def load_demo(fengqiao: str, database_url: str, directory: Path) -> str:
    """Migrate and load the demo; the chief's password (printed once by ``fengqiao demo``)."""
    env = environment(database_url)
    subprocess.run([fengqiao, "migrate"], cwd=directory, env=env, check=True, stdout=subprocess.DEVNULL)
    printed = subprocess.run([fengqiao, "demo"], cwd=directory, env=env, check=True, capture_output=True, text=True)
    match = re.search(rf"^\s*{re.escape(CHIEF)}\s+\S+\s+(\S+)\s*$", printed.stdout + printed.stderr, re.M)
    if match is None:
        raise SystemExit("fengqiao demo printed no password for " + CHIEF)
    return match.group(1)


def station_id(database_url: str) -> int:
    sql = "SELECT id FROM core_station WHERE code = '511725-CD'"
    if database_url.startswith("sqlite://"):
        import sqlite3

        with sqlite3.connect(database_url.removeprefix("sqlite://")) as connection:
            return connection.execute(sql).fetchone()[0]
    import asyncpg

    async def fetch() -> int:
        connection = await asyncpg.connect(database_url)
        try:
            return await connection.fetchval(sql)
        finally:
            await connection.close()

    return asyncio.run(fetch())


def request(url: str, body: dict | None = None, token: str | None = None) -> bytes:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data, headers), timeout=60) as response:
        return response.read()


def wait_for(url: str, process: subprocess.Popen, timeout: float = 300.0) -> None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise SystemExit(f"server exited with status {process.returncode}: {process.args}")
        try:
            request(url)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no answer from {url}")


def statements(base: str) -> dict[str, float]:
    """The server's statements so far by kind: reads (SELECT, WITH), writes, other (BEGIN, …)."""
    text = request(f"{base}/metrics").decode()
    found = {"read": 0.0, "write": 0.0, "other": 0.0}
    for kind, value in re.findall(r'^fengqiao_db_statements_total\{kind="(\w+)"\} (\S+)$', text, re.M):
        group = "read" if kind in ("SELECT", "WITH") else "write" if kind in ("INSERT", "UPDATE", "DELETE") else "other"
        found[group] += float(value)
    return found


def timed(call, expected: bytes) -> float:
    start = time.perf_counter()
    answer = call()
    elapsed = time.perf_counter() - start
    if answer != expected:  # every timed answer is the checked one, not an error or a refusal
        raise SystemExit(f"a timed answer differs from the checked one: {answer[:300]!r}")
    return elapsed


def compare(name: str, graphql_call, baseline_call, seconds: float, base: str) -> dict:
    ours, theirs = graphql_call(), baseline_call()
    if ours != theirs:
        print(f"{name}: the answers differ\n  graphql : {ours[:300]!r}\n  baseline: {theirs[:300]!r}", file=sys.stderr)
        raise SystemExit(1)
    before, probes = statements(base), 10
    for _ in range(probes):
        graphql_call()
    after = statements(base)
    per_request = {group: (after[group] - before[group]) / probes for group in after}
    graphql_times, baseline_times = [], []
    deadline = time.perf_counter() + 2 * seconds
    while time.perf_counter() < deadline:  # A/B alternated in rounds of 5, so load bursts hit both
        graphql_times += [timed(graphql_call, ours) for _ in range(5)]
        baseline_times += [timed(baseline_call, theirs) for _ in range(5)]
    return {
        "graphql": statistics.median(graphql_times),
        "baseline": statistics.median(baseline_times),
        "statements": per_request,
        "bytes": len(ours),
        "rows": ours.count(b'"id":'),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per side and list (default 3)")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: a new SQLite file)")
    parser.add_argument("--fengqiao", default=shutil.which("fengqiao") or "fengqiao", help="the command to run")
    options = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="fengqiao-bench-lists-"))
    database_url = options.database_url or f"sqlite://{directory / 'bench.db'}"
    print("loading the demo …", file=sys.stderr)
    password = load_demo(options.fengqiao, database_url, directory)
    ours_port, baseline_port = free_port(), free_port()
    baseline_env = environment(
        database_url, BENCH_DATABASE_URL=database_url, BENCH_STATION_ID=str(station_id(database_url))
    )
    servers = [
        subprocess.Popen(
            [options.fengqiao, "serve", "--port", str(ours_port)],
            cwd=directory,
            env=environment(database_url),
            stdout=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "lists_baseline:app", "--app-dir", str(BENCH), "--port",
             str(baseline_port), "--workers", "1", "--no-access-log", "--log-level", "warning"],
            cwd=directory,
            env=baseline_env,
        ),
    ]  # fmt: skip
    ours, baseline = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{baseline_port}"
    try:
        wait_for(f"{ours}/healthz", servers[0])
        wait_for(f"{baseline}/incidents?first=1", servers[1])
        login = "mutation($i: LoginInput!) { login(input: $i) { token } }"
        credentials = {"i": {"username": CHIEF, "password": password}}
        answer = json.loads(request(f"{ours}/graphql", {"query": login, "variables": credentials}))
        token = answer["data"]["login"]["token"]
        results = {}
        for name, (path, query, _) in LISTS.items():
            body = {"query": query, "variables": {"n": 50}}
            results[name] = compare(
                name,
                lambda body=body: request(f"{ours}/graphql", body, token),
                lambda path=path: request(f"{baseline}{path}?first=50"),
                options.seconds,
                ours,
            )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    kind = "PostgreSQL" if not database_url.startswith("sqlite") else "SQLite"
    print(f"{kind}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; same bytes checked")
    header = f"{'list':<15}{'rows':>5}{'graphql ms':>12}{'baseline ms':>13}{'ratio':>8}"
    print(header + f"{'SQL graphql: read/write/other':>31}{'SQL baseline':>14}")
    for name, result in results.items():
        print(
            f"{name:<15}{result['rows']:>5}{result['graphql'] * 1000:>12.1f}{result['baseline'] * 1000:>13.1f}"
            f"{result['graphql'] / result['baseline']:>8.1f}"
            f"{'{read:.1f} / {write:.1f} / {other:.1f}'.format(**result['statements']):>31}{LISTS[name][2]:>14}"
        )
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
