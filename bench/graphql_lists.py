"""Throughput of list queries through the whole stack, measured side by side in one run.

Prints requests per second for `{ __typename }` (the fixed cost of a GraphQL request) and for
pages of 5 and 50 rows of the patrol incidents list with nested persons, the ratio between them,
and the SQL statements per request (which must not grow with the page size).

    python bench/graphql_lists.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from core import Role
from core.demo import load_demo
from core.testing import GraphQLClient, count_queries, make_settings, running_app, token_for

QUERIES = {
    "typename": ("{ __typename }", {}),
    "incidents x5": (
        "query($n: Int) { incidents(first: $n) { nodes { id category status persons { name } } } }",
        {"n": 5},
    ),
    "incidents x50": (
        "query($n: Int) { incidents(first: $n) { nodes { id category status persons { name } } } }",
        {"n": 50},
    ),
    "areas x50": ("query($n: Int) { areas(first: $n) { nodes { id name kind } } }", {"n": 50}),
}


async def measure(client: GraphQLClient, query: str, variables: dict, seconds: float) -> tuple[float, int]:
    with count_queries() as counter:
        body = await client.execute(query, variables)
    assert not body.get("errors"), body["errors"]
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        await client.execute(query, variables)
        done += 1
    return done / (time.perf_counter() - start), counter.count


async def main(seconds: float) -> None:
    directory = Path(tempfile.mkdtemp(prefix="fengqiao-bench-"))
    settings = make_settings(f"sqlite://{directory / 'bench.db'}", ["patrol"])
    async with running_app(settings) as app:
        demo = await load_demo(app)
        chief = demo.user(demo.main_station, Role.STATION_CHIEF)
        client = GraphQLClient(app, token_for(app, chief))
        results = {name: await measure(client, q, v, seconds) for name, (q, v) in QUERIES.items()}
    base = results["typename"][0]
    print(f"{'query':<16}{'req/s':>10}{'vs typename':>14}{'SQL/request':>14}")
    for name, (rate, statements) in results.items():
        print(f"{name:<16}{rate:>10.1f}{rate / base:>14.2f}{statements:>14}")
    print(
        f"\n50 rows cost {results['incidents x5'][0] / results['incidents x50'][0]:.2f}x the time of 5 rows; "
        f"statements: {results['incidents x5'][1]} vs {results['incidents x50'][1]}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    asyncio.run(main(parser.parse_args().seconds))
