"""Benchmark: rank 500 stations over a year of generated data (绩效考评排名).

Generates stations, areas and a year of activity rows, then times, with the SQL statement
count of each step:

* the scoring engine alone (every indicator computed once for all stations),
* ``stationRanking`` over GraphQL as a bureau admin (HTTP through the ASGI app),
* freezing one month (``freeze_month``: score, rank, bulk insert, audit).

Indicators come from a bench plugin that aggregates core tables (one grouped query per
indicator), the shape every pillar plugin's indicators have. Prints; asserts nothing.

    /work/venv/bin/python bench/scoring_rank.py [--stations 500] [--rows-per-station 240]
        [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import hashlib
import random
import statistics
import tempfile
import time
import types
from pathlib import Path

from tortoise.expressions import Q
from tortoise.functions import Count

from core import Direction, FixedClock, IndicatorCategory, IndicatorSpec, IndicatorValue, Period, PluginInfo, hookimpl
from core.audit.models import AuditEvent
from core.identity.models import Area, AreaKind, Station, StationClass
from core.testing import GraphQLClient, count_queries, create_user, make_settings, running_app, token_for

NOW = dt.datetime(2020, 8, 20, 9, 0)
YEAR = Period(dt.date(2019, 8, 1), dt.date(2020, 7, 31))
ACTIONS = ("bench.dispute.report", "bench.dispute.resolve", "bench.incident.report", "bench.feedback.reply")


# --- the bench plugin: indicators over core tables ------------------------------------------------


def _events(station_ids, period: Period, clock):
    start, end = period.bounds(clock)
    return AuditEvent.filter(station_id__in=list(station_ids), created_at__gte=start, created_at__lt=end)


async def resolution_rate(station_ids, period):
    rows = (
        await _events(station_ids, period, _clock)
        .annotate(
            reported=Count("id", _filter=Q(action="bench.dispute.report")),
            resolved=Count("id", _filter=Q(action="bench.dispute.resolve")),
        )
        .group_by("station_id")
        .values("station_id", "reported", "resolved")
    )
    return {
        row["station_id"]: IndicatorValue(
            100.0 * row["resolved"] / row["reported"], f"{row['resolved']} of {row['reported']} disputes resolved"
        )
        for row in rows
        if row["reported"]
    }


async def incidents(station_ids, period):
    rows = (
        await _events(station_ids, period, _clock)
        .filter(action="bench.incident.report")
        .annotate(count=Count("id"))
        .group_by("station_id")
        .values("station_id", "count")
    )
    return {row["station_id"]: IndicatorValue(row["count"], f"{row['count']} incidents") for row in rows}


async def feedback_replies(station_ids, period):
    rows = (
        await _events(station_ids, period, _clock)
        .filter(action="bench.feedback.reply")
        .annotate(count=Count("id"))
        .group_by("station_id")
        .values("station_id", "count")
    )
    return {row["station_id"]: IndicatorValue(row["count"], f"{row['count']} feedback replies") for row in rows}


async def areas(station_ids, period):
    rows = (
        await Area.filter(station_id__in=list(station_ids))
        .annotate(count=Count("id"))
        .group_by("station_id")
        .values("station_id", "count")
    )
    return {row["station_id"]: IndicatorValue(row["count"], f"{row['count']} areas") for row in rows}


_clock = FixedClock(NOW)
H, L = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
SPECS = [
    IndicatorSpec("bench.resolution_rate", "调解成功率", "%", H, 95, 3, IndicatorCategory.WORK, resolution_rate),
    IndicatorSpec("bench.incidents", "警情数", "起", L, 60, 2, IndicatorCategory.SAFETY, incidents),
    IndicatorSpec("bench.feedback", "群众反馈答复", "件", H, 50, 2, IndicatorCategory.PUBLIC_OPINION, feedback_replies),
    IndicatorSpec("bench.areas", "网格覆盖", "个", H, 12, 1, IndicatorCategory.WORK, areas),
]


def bench_plugin() -> types.ModuleType:
    module = types.ModuleType("bench_scoring_plugin")

    @hookimpl
    def fengqiao_plugin_info():
        return PluginInfo(name="bench", version="0.1.0", title="Scoring benchmark indicators")

    @hookimpl
    def fengqiao_score_indicators():
        return SPECS

    module.fengqiao_plugin_info = fengqiao_plugin_info
    module.fengqiao_score_indicators = fengqiao_score_indicators
    return module


# --- data -----------------------------------------------------------------------------------------


async def generate(stations: int, rows_per_station: int, seed: int = 20200820) -> None:
    rng = random.Random(seed)
    classes = list(StationClass)
    await Station.bulk_create(
        [
            Station(
                name=f"基准派出所{i:03d}",
                code=f"BENCH-{i:03d}",
                station_class=classes[i % len(classes)],
                enabled_plugins=["bench"],
            )
            for i in range(stations)
        ],
        batch_size=500,
    )
    station_ids = [row.id for row in await Station.all().only("id").order_by("id")]
    await Area.bulk_create(
        [
            Area(station_id=sid, name=f"网格{n}", kind=AreaKind.TOWN)
            for sid in station_ids
            for n in range(rng.randint(3, 12))
        ],
        batch_size=1000,
    )
    start = _clock.start_of(YEAR.start)
    seconds = int((_clock.start_of(YEAR.end + dt.timedelta(days=1)) - start).total_seconds())
    events, sequence = [], 0
    for sid in station_ids:
        skill = rng.random()
        for _ in range(rows_per_station):
            sequence += 1
            action = rng.choices(ACTIONS, weights=(4, 3 * skill + 0.5, 3 - 2 * skill, 1 + skill))[0]
            digest = hashlib.sha256(str(sequence).encode()).hexdigest()
            events.append(
                AuditEvent(
                    sequence=sequence,
                    created_at=start + dt.timedelta(seconds=rng.randrange(seconds)),
                    station_id=sid,
                    action=action,
                    prev_hash=digest,
                    hash=digest,
                )
            )
    for offset in range(0, len(events), 5000):
        await AuditEvent.bulk_create(events[offset : offset + 5000], batch_size=1000)


# --- measurements ---------------------------------------------------------------------------------


async def measure(label: str, call, repeat: int) -> object:
    timings, statements, result = [], 0, None
    for _ in range(repeat):
        with count_queries() as counter:
            began = time.perf_counter()
            result = await call()
            timings.append(time.perf_counter() - began)
        statements = counter.count
    print(
        f"{label:<44} median {statistics.median(timings) * 1000:8.1f} ms   "
        f"best {min(timings) * 1000:8.1f} ms   {statements:3d} SQL statements"
    )
    return result


RANKING = """query($period: PeriodInput!) { stationRanking(period: $period) {
  rank total station { code stationClass } score { indicators { key value score explanation } } } }"""


async def run(args: argparse.Namespace) -> None:
    from core import audit
    from core.contract import Role
    from core.db import transaction
    from core.identity.actor import SYSTEM
    from core.scoring.engine import engine_for
    from core.scoring.services import freeze_month, rank

    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite://{Path(directory) / 'bench.db'}"
        settings = make_settings(url, ["bench"])
        async with running_app(settings, extra_plugins=[bench_plugin()], clock=_clock) as app:
            began = time.perf_counter()
            await generate(args.stations, args.rows_per_station)
            rows = await AuditEvent.all().count()
            print(
                f"generated {args.stations} stations, {await Area.all().count()} areas, {rows} activity rows "
                f"over {YEAR} in {time.perf_counter() - began:.1f} s ({settings.database_url.split(':')[0]})\n"
            )
            stations = await Station.all().order_by("id")
            engine = engine_for(app)

            async def engine_only():
                return rank(list((await engine.score(stations, YEAR)).values()))

            ranked = await measure(f"engine: score + rank {len(stations)} stations, 1 year", engine_only, args.repeat)
            admin = await create_user(app, None, Role.BUREAU_ADMIN)
            client = GraphQLClient(app, token_for(app, admin))
            variables = {"period": {"start": YEAR.start.isoformat(), "end": YEAR.end.isoformat()}}

            async def over_graphql():
                return await client.data(RANKING, variables)

            data = await measure("GraphQL stationRanking (explained), 1 year", over_graphql, args.repeat)
            system = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))

            async def freeze():
                with audit.audit_context(system):
                    async with transaction():
                        return await freeze_month(system, "2020-07", refreeze=True)

            await measure("freeze 2020-07 (score, rank, write, audit)", freeze, 1)
            top = ranked[:3]
            print(f"\ntop 3: {[(r.rank, r.result.station.code, r.result.total) for r in top]}")
            print(f"GraphQL rows: {len(data['stationRanking'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=500)
    parser.add_argument("--rows-per-station", type=int, default=240, help="activity rows per station over the year")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
