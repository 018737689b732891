"""Benchmark: rank stations over a year of generated disputes and incidents (绩效考评排名) on
PostgreSQL, against the same indicators' grouped SQL written by hand.

Every built-in pillar is loaded and enabled at every station (mediation, patrol, volunteers,
party_building), and the ranking is the one ``stationRanking`` computes
(``core.scoring.services.station_ranking``) with the pillars' real indicators. The data has
the real models' shapes: stations classed and placed in the counties the demo creates, each
with villages and grids, and ``--rows`` disputes and incidents in total (half each, with a
share of the disputes turned into criminal cases; incidents also a year earlier, for the
year-on-year trend). The other pillars' tables are left empty: their indicators still run, as
the engine's statements, but find no data. Rows are written with COPY, not through the API.

Measured, engine and baseline alternated (which goes first swaps every request), in ``--rounds``
rounds of ``--requests`` requests each, every round on fresh connections (so its first request
prepares its statements and its tenth reuses them): the median of the rounds' 1st and last
request of

* the engine: ``station_ranking`` over all stations for the year, as a bureau admin;
* the baseline: one hand-written grouped statement per source table holding data (disputes,
  criminal-case links, incidents) for the period, the stations bound as one array, computing
  the same values as the indicators that read those tables.

Then the statement count of each and a check that both give the same value for every station and
indicator they share (a mismatch prints loudly), and the time of freezing one month. Prints;
asserts nothing.

    .venv/bin/python bench/scoring_rank.py [--stations 100] [--rows 100000] [--rounds 3]
        [--requests 10] [--database-url postgres://postgres@127.0.0.1:5432/fq_rank_bench]
        [--no-custom-plans] [--reuse]

``--no-custom-plans`` runs the engine without ``core.db.custom_plans`` (as before it existed).
The database named by ``--database-url`` is emptied first, unless ``--reuse`` keeps the data of
the previous run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import math
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from core import FixedClock, Period
from core.testing import count_queries, make_settings, reset_postgres, running_app

NOW = dt.datetime(2020, 8, 20, 9, 0)
YEAR = Period(dt.date(2019, 8, 1), dt.date(2020, 7, 31))
PILLARS = ["mediation", "patrol", "volunteers", "party_building"]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/fq_rank_bench"
UTC = dt.UTC
_clock = FixedClock(NOW)

# --- data -----------------------------------------------------------------------------------------


async def _copy(table: str, columns: list[str], rows: list[tuple]) -> None:
    from tortoise import connections

    client: Any = connections.get("default")
    async with client.acquire_connection() as connection:
        for offset in range(0, len(rows), 50_000):
            await connection.copy_records_to_table(table, records=rows[offset : offset + 50_000], columns=columns)


async def _ids(table: str) -> list[int]:
    from tortoise import connections

    rows = await connections.get("default").execute_query_dict(f'SELECT id FROM "{table}" ORDER BY id')
    return [row["id"] for row in rows]


async def generate(stations: int, rows: int, seed: int = 20200820) -> dict[str, int]:
    """Stations in the demo's counties, their villages and grids, and ``rows`` disputes and
    incidents in total over the year (incidents also the year before)."""
    from tortoise import connections

    from core.demo_peers import CITIES
    from core.identity.models import Region, RegionLevel, Station, StationClass

    rng = random.Random(seed)
    province = await Region.create(name="四川省", code="51", level=RegionLevel.PROVINCE)
    counties = []
    for city_code, city_name, county_list in CITIES:
        city = await Region.create(name=city_name, code=city_code, level=RegionLevel.CITY, parent=province)
        for code, name in county_list:
            counties.append(await Region.create(name=name, code=code, level=RegionLevel.COUNTY, parent=city))
    # Most of a province's stations are class four (the article: 496 of them), as in the demo.
    classes = [StationClass.FOUR] * 7 + [StationClass.THREE] * 2 + [StationClass.TWO, StationClass.ONE]
    await Station.bulk_create(
        [
            Station(
                name=f"{counties[i % len(counties)].name}第{i:03d}派出所",
                code=f"BENCH-{i:04d}",
                station_class=rng.choice(classes),
                enabled_plugins=PILLARS,
                region_id=counties[i % len(counties)].id,
            )
            for i in range(stations)
        ],
        batch_size=500,
    )
    station_ids = await _ids("core_station")
    created = dt.datetime(2019, 1, 1, tzinfo=UTC)
    areas = [(sid, f"村{n}", "VILLAGE", created) for sid in station_ids for n in range(rng.randint(4, 12))]
    await _copy("core_area", ["station_id", "name", "kind", "created_at"], areas)
    area_rows = await connections.get("default").execute_query_dict("SELECT id, station_id FROM core_area ORDER BY id")
    areas_of: dict[int, list[int]] = {}
    for row in area_rows:
        areas_of.setdefault(row["station_id"], []).append(row["id"])

    start = _clock.start_of(YEAR.start).astimezone(UTC)
    seconds = int((_clock.start_of(YEAR.end + dt.timedelta(days=1)) - _clock.start_of(YEAR.start)).total_seconds())
    skill = {sid: rng.random() for sid in station_ids}
    disputes = _disputes(rng, station_ids, areas_of, skill, rows // 2, start, seconds)
    await _copy("mediation_dispute", list(DISPUTE_COLUMNS), disputes)
    dispute_rows = await connections.get("default").execute_query_dict(
        "SELECT id, station_id, reported_at FROM mediation_dispute ORDER BY id"
    )
    links = [
        (
            row["station_id"],
            row["id"],
            f"案{row['id']}",
            "MANUAL",
            row["reported_at"] + dt.timedelta(days=rng.randint(1, 90)),
        )
        for row in dispute_rows
        if rng.random() < 0.006 * (2 - skill[row["station_id"]])
    ]
    await _copy("mediation_criminal_link", ["station_id", "dispute_id", "case_number", "source", "linked_at"], links)
    await connections.get("default").execute_script(
        "UPDATE mediation_dispute SET criminal_linked = true "
        "WHERE id IN (SELECT dispute_id FROM mediation_criminal_link)"
    )
    incidents = _incidents(rng, station_ids, areas_of, skill, rows - rows // 2, start, seconds)
    await _copy("patrol_incident", list(INCIDENT_COLUMNS), incidents)
    return {
        "stations": len(station_ids),
        "areas": len(areas),
        "disputes": len(disputes),
        "links": len(links),
        "incidents": len(incidents),
    }


DISPUTE_COLUMNS = (
    "station_id category source description area_id status level risk_factors risk_level risk_rank "
    "computed_risk_level risk_rules reported_at level_started_at deadline_at intervened_at resolved_at "
    "resolved_level failed_at concluded_at closed_at reopened_count criminal_linked updated_at"
).split()
RISKS = (("BLUE", 1, 7), ("YELLOW", 2, 3), ("RED", 3, 1))  # level, rank, days to intervene


def _disputes(rng, station_ids, areas_of, skill, count, start, seconds) -> list[tuple]:
    rows = []
    categories = ("NEIGHBOUR", "FAMILY", "LAND", "LABOUR_WAGES")
    sources = ("WALK_IN", "TIP", "CANVASS", "REFERRAL")
    weights = [rng.uniform(0.3, 3.0) for _ in station_ids]
    for sid in rng.choices(station_ids, weights=weights, k=count):
        good = skill[sid]
        reported = start + dt.timedelta(seconds=rng.randrange(seconds))
        risk, rank, days = rng.choices(RISKS, weights=(70, 22, 8))[0]
        deadline = reported + dt.timedelta(days=days)
        intervened = reported + dt.timedelta(hours=rng.uniform(1, 24 * days * (1.6 - 0.5 * good)))
        if rng.random() < 0.05:
            intervened = None
        status, resolved, level, failed, concluded, closed = "IN_MEDIATION", None, None, None, None, None
        if rng.random() < 0.85:
            concluded = reported + dt.timedelta(days=rng.uniform(1, 60))
            if rng.random() < 0.75 + 0.2 * good:
                status, resolved = "RESOLVED", concluded
                level = rng.choices(("VILLAGE", "TOWN", "COUNTY"), weights=(40 + 40 * good, 30, 10))[0]
            else:
                status, failed, closed = "CLOSED", concluded, concluded
        rows.append(
            (sid, rng.choice(categories), rng.choice(sources), "邻里纠纷", rng.choice(areas_of[sid]), status,
             level or "VILLAGE", "[]", risk, rank, risk, "[]", reported, reported, deadline, intervened, resolved,
             level, failed, concluded, closed, 0, False, concluded or reported)
        )  # fmt: skip
    return rows


INCIDENT_COLUMNS = (
    "station_id source category status area_id address description received_at dispatched_at arrived_at "
    "closed_at dispatch_seconds arrival_seconds handling_notes closing_notes"
).split()


def _incidents(rng, station_ids, areas_of, skill, count, start, seconds) -> list[tuple]:
    """Two thirds in the year, one third in the year before (the trend's comparison)."""
    rows = []
    year_before = start - dt.timedelta(days=366)
    weights = [rng.uniform(0.3, 3.0) for _ in station_ids]
    for sid in rng.choices(station_ids, weights=weights, k=count):
        good = skill[sid]
        base = start if rng.random() < 2 / 3 else year_before
        received = base + dt.timedelta(seconds=rng.randrange(seconds))
        dispatch = arrival = dispatched = arrived = None
        if rng.random() < 0.95:
            dispatch = int(rng.expovariate(1 / (60 + 240 * (1 - good))))
            dispatched = received + dt.timedelta(seconds=dispatch)
            if rng.random() < 0.9:
                arrival = int(rng.expovariate(1 / (300 + 900 * (1 - good))))
                arrived = dispatched + dt.timedelta(seconds=arrival)
        status = "CLOSED" if arrived else ("DISPATCHED" if dispatched else "RECEIVED")
        closed = arrived + dt.timedelta(hours=2) if arrived else None
        rows.append(
            (sid, rng.choice(("CALL_110", "WALK_IN", "PATROL", "VIDEO")), rng.choice(("THEFT", "FRAUD", "ASSAULT",
             "PUBLIC_ORDER")), status, rng.choice(areas_of[sid]), "", "", received, dispatched, arrived, closed,
             dispatch, arrival, "", "")
        )  # fmt: skip
    return rows


# --- the baseline: the grouped SQL written by hand ------------------------------------------------

COHORT_SQL = """
SELECT station_id,
       count(*) FILTER (WHERE concluded_at < $3) AS concluded,
       count(*) FILTER (WHERE resolved_at < $3) AS resolved,
       count(*) FILTER (WHERE resolved_at < $3 AND resolved_level = 'VILLAGE') AS village,
       count(*) FILTER (WHERE deadline_at < $4 OR intervened_at < $4) AS due,
       count(*) FILTER (WHERE intervened_at < $4 AND intervened_at <= deadline_at) AS on_time
  FROM mediation_dispute
 WHERE station_id = ANY($1::int[]) AND reported_at >= $2 AND reported_at < $3
 GROUP BY station_id"""
LINKS_SQL = """
SELECT station_id, count(DISTINCT dispute_id) AS disputes
  FROM mediation_criminal_link
 WHERE station_id = ANY($1::int[]) AND linked_at >= $2 AND linked_at < $3
 GROUP BY station_id"""
INCIDENTS_SQL = """
SELECT station_id,
       count(*) FILTER (WHERE received_at >= $2 AND received_at < $3) AS current,
       count(*) FILTER (WHERE received_at >= $5 AND received_at < $4) AS previous,
       sum(dispatch_seconds) FILTER (WHERE received_at >= $2 AND received_at < $3) AS dispatch,
       count(dispatch_seconds) FILTER (WHERE received_at >= $2 AND received_at < $3) AS dispatched,
       sum(arrival_seconds) FILTER (WHERE received_at >= $2 AND received_at < $3) AS arrival,
       count(arrival_seconds) FILTER (WHERE received_at >= $2 AND received_at < $3) AS arrived
  FROM patrol_incident
 WHERE station_id = ANY($1::int[])
   AND (received_at >= $2 AND received_at < $3 OR received_at >= $5 AND received_at < $4)
 GROUP BY station_id"""


def _pct(part: int, whole: int, digits: int) -> float:
    return round(100 * part / whole, digits)


async def baseline(station_ids: list[int], period: Period) -> dict[int, dict[str, float | None]]:
    """The same values as the mediation and patrol incident indicators, by hand."""
    from core.db import transaction

    start, end = period.bounds(_clock)
    cutoff = min(end, _clock.now())
    before_start, before_end = period.year_before().bounds(_clock)
    values: dict[int, dict[str, float | None]] = {}
    async with transaction() as db:
        await db.execute_script("SET LOCAL plan_cache_mode = force_custom_plan")
        cohort = await db.execute_query_dict(COHORT_SQL, [station_ids, start, end, cutoff])
        links = {
            row["station_id"]: row["disputes"]
            for row in await db.execute_query_dict(LINKS_SQL, [station_ids, start, end])
        }
        incidents = await db.execute_query_dict(INCIDENTS_SQL, [station_ids, start, end, before_end, before_start])
    for row in cohort:
        mine = values.setdefault(row["station_id"], {})
        if row["concluded"]:
            mine["mediation.success_rate"] = _pct(row["resolved"], row["concluded"], 1)
        if row["resolved"]:
            mine["mediation.village_level_share"] = _pct(row["village"], row["resolved"], 1)
        if row["due"]:
            mine["mediation.interventions_on_time"] = _pct(row["on_time"], row["due"], 1)
    for sid in set(links) | {row["station_id"] for row in cohort}:
        values.setdefault(sid, {})["mediation.civil_to_criminal"] = float(links.get(sid, 0))
    for row in incidents:
        mine = values.setdefault(row["station_id"], {})
        mine["patrol.incident_trend"] = _pct(row["current"], row["previous"], 2) if row["previous"] else None
        if row["dispatched"]:
            mine["patrol.dispatch_minutes"] = round(float(row["dispatch"]) / row["dispatched"] / 60, 2)
        if row["arrived"]:
            mine["patrol.arrival_minutes"] = round(float(row["arrival"]) / row["arrived"] / 60, 2)
    return values


BASELINE_KEYS = (
    "mediation.success_rate",
    "mediation.village_level_share",
    "mediation.interventions_on_time",
    "mediation.civil_to_criminal",
    "patrol.incident_trend",
    "patrol.dispatch_minutes",
    "patrol.arrival_minutes",
)


def compare(ranking: list[Any], hand: dict[int, dict[str, float | None]]) -> int:
    mismatches = 0
    for entry in ranking:
        sid = entry.result.station.id
        by_key = {item.key: item.value for item in entry.result.indicators}
        for key in BASELINE_KEYS:
            engine_value, hand_value = by_key.get(key), hand.get(sid, {}).get(key)
            same = (engine_value is None and hand_value is None) or (
                engine_value is not None and hand_value is not None and math.isclose(engine_value, hand_value)
            )
            if not same:
                mismatches += 1
                if mismatches <= 10:
                    print(f"!!! MISMATCH station {sid} {key}: engine {engine_value!r}, baseline {hand_value!r}")
    return mismatches


# --- measurements ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Series:
    label: str
    first: list[float] = dataclasses.field(default_factory=list)
    last: list[float] = dataclasses.field(default_factory=list)
    statements: int = 0


async def _fresh_connections() -> None:
    """The next request opens new connections: no statement of an earlier round is prepared."""
    from tortoise import connections

    pool = getattr(connections.get("default"), "_pool", None)
    if pool is not None:
        await pool.expire_connections()


async def rounds(calls: list[tuple[Series, Callable[[], Awaitable[Any]]]], rounds: int, requests: int) -> None:
    for _ in range(rounds):
        await _fresh_connections()
        for request in range(1, requests + 1):
            order = calls if request % 2 else list(reversed(calls))
            for series, call in order:
                with count_queries() as counter:
                    began = time.perf_counter()
                    await call()
                    took = time.perf_counter() - began
                series.statements = counter.count
                if request == 1:
                    series.first.append(took)
                elif request == requests:
                    series.last.append(took)


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:9.1f} ms" if values else "        —"


@contextlib.asynccontextmanager
async def _app(settings: Any, *, reuse: bool):
    """The app on the bench database: kept as it is with ``reuse``, else fresh from the template."""
    if not reuse:
        async with running_app(settings, clock=_clock) as app:
            yield app
        return
    from core.runtime import Fengqiao

    app = Fengqiao.create(settings, clock=_clock)
    await app.start(migrate=True)
    try:
        yield app
    finally:
        await app.stop()


async def run(args: argparse.Namespace) -> None:
    import core.scoring.engine as engine_module
    from core import audit
    from core.contract import Role
    from core.db import transaction
    from core.identity.actor import SYSTEM
    from core.identity.models import Station
    from core.scoring.services import freeze_month, station_ranking

    if args.no_custom_plans:
        engine_module.custom_plans = contextlib.nullcontext  # type: ignore[assignment]
    if not args.reuse:
        await reset_postgres(args.database_url)
    settings = make_settings(args.database_url, PILLARS)
    async with _app(settings, reuse=args.reuse):
        from tortoise import connections

        began = time.perf_counter()
        if args.reuse and await Station.exists():
            sizes = {
                table: (await connections.get("default").execute_query_dict(f"SELECT count(*) AS n FROM {table}"))[0][
                    "n"
                ]
                for table in (
                    "core_station",
                    "core_area",
                    "mediation_dispute",
                    "mediation_criminal_link",
                    "patrol_incident",
                )
            }
            sizes = {"stations": sizes["core_station"], "areas": sizes["core_area"],
                     "disputes": sizes["mediation_dispute"], "links": sizes["mediation_criminal_link"],
                     "incidents": sizes["patrol_incident"]}  # fmt: skip
            verb = "reused"
        else:
            sizes = await generate(args.stations, args.rows)
            await connections.get("default").execute_script("ANALYZE")
            verb = "generated"
        print(
            f"{verb} {sizes['stations']} stations ({sizes['areas']} villages), {sizes['disputes']} disputes "
            f"({sizes['links']} turned criminal), {sizes['incidents']} incidents (a third of them a year earlier) "
            f"in {time.perf_counter() - began:.0f} s; period {YEAR.start}–{YEAR.end}; "
            f"custom plans {'off' if args.no_custom_plans else 'on'}\n"
        )
        admin = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
        station_ids = [row.id for row in await Station.all().only("id").order_by("id")]
        engine, hand = Series("engine: station_ranking"), Series("baseline: grouped SQL by hand")
        results: dict[str, Any] = {}

        async def engine_call():
            results["engine"] = await station_ranking(admin, YEAR)

        async def hand_call():
            results["hand"] = await baseline(station_ids, YEAR)

        await rounds([(engine, engine_call), (hand, hand_call)], args.rounds, args.requests)
        print(f"{args.rounds} rounds of {args.requests} requests, alternated; medians")
        print(f"{'':<32} {'1st request':>12} {f'{args.requests}th request':>13} {'statements':>11}")
        for series in (engine, hand):
            print(f"{series.label:<32} {_ms(series.first):>12} {_ms(series.last):>13} {series.statements:>11}")
        for name, values in (("1st", (engine.first, hand.first)), (f"{args.requests}th", (engine.last, hand.last))):
            if values[0] and values[1]:
                ratio = statistics.median(values[0]) / statistics.median(values[1])
                print(f"ratio engine / baseline, {name} request: {ratio:.2f}")
        mismatches = compare(results["engine"], results["hand"])
        compared = len(results["engine"]) * len(BASELINE_KEYS)
        if mismatches:
            print(f"!!! {mismatches} of {compared} values differ between the engine and the baseline !!!")
        else:
            print(f"values: the engine and the baseline agree on all {compared} (station, indicator) values")

        async def freeze():
            with audit.audit_context(admin):
                async with transaction():
                    return await freeze_month(admin, "2020-07", refreeze=True)

        with count_queries() as counter:
            began = time.perf_counter()
            await freeze()
            took = time.perf_counter() - began
        print(f"freeze 2020-07 (score, rank, write, audit): {took * 1000:.0f} ms, {counter.count} statements")
        top = results["engine"][:3]
        print(f"top 3: {[(r.rank, r.result.station.code, r.result.total) for r in top]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--rows", type=int, default=100_000, help="disputes and incidents in total")
    parser.add_argument("--rounds", type=int, default=3, help="rounds on fresh connections (medians over them)")
    parser.add_argument("--requests", type=int, default=10, help="requests per round; the 1st and the last are shown")
    parser.add_argument(
        "--database-url", default=DEFAULT_URL, help=f"a PostgreSQL database to empty (default {DEFAULT_URL})"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the data of the last run in the database")
    parser.add_argument("--no-custom-plans", action="store_true", help="the engine without core.db.custom_plans")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
