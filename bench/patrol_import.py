"""Benchmark: CSV import of "一标三实" rows (patrol plugin) against a bare ``executemany``.
Prints, never asserts.

Run from the repository root::

    python bench/patrol_import.py                 # 100,000 rows, SQLite in a temporary directory
    python bench/patrol_import.py --rows 20000    # smaller
    FENGQIAO_TEST_DATABASE_URL=postgres://... python bench/patrol_import.py   # PostgreSQL

1. Import against baseline, in one process, A/B alternated over ``--rounds`` rounds (medians):
   the import is the command-line path (``run_import``: file checked, read batch by batch,
   one transaction per batch of ``[patrol] import_batch_size`` rows) of addresses, then of
   residents (ID numbers validated, hashed and encrypted, linked to the addresses). The
   baseline inserts the very values the import stores (validated, hashed, encrypted, prepared
   before the clock starts) with the driver's ``executemany``, in batches of the same size,
   one transaction per batch, into another station.
2. Memory and scaling: each size (a tenth of the rows, then all) is imported in a fresh
   process on a fresh database, which reports its peak RSS (``ru_maxrss``) and its times;
   flat memory means the same peak for 10x the rows, linear time means ~10x the time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import make_id_number  # noqa: E402
from core.clock import FixedClock  # noqa: E402
from core.testing import create_station, make_settings, running_app  # noqa: E402

AREAS = ("文峰一网格", "滨江花园小区", "白塔村")
KINDS = ("addresses", "residents")


def write_addresses(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write("区域,地址,纬度,经度\n")
        for i in range(rows):
            file.write(f"{AREAS[i % 3]},城东街道幸福路{i}号,30.8{i % 10},106.9{i % 10}\n")


def write_residents(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write("姓名,身份证号,手机号,户籍地址,地址,人口类型,标签\n")
        for i in range(rows):
            # 16,800 distinct birth dates times 1,000 sequence numbers: every number differs.
            birth = dt.date(1950 + i % 50, 1 + i // 50 % 12, 1 + i // 600 % 28)
            number = make_id_number("511725", birth, i // 16800 % 1000)
            tag = "空巢老人" if i % 20 == 0 else ""
            file.write(f"居民{i},{number},138{i:08d},四川省渠县幸福路{i}号,城东街道幸福路{i}号,户籍人口,{tag}\n")


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    paths = {kind: folder / f"{kind}-{rows}.csv" for kind in KINDS}
    write_addresses(paths["addresses"], rows)
    write_residents(paths["residents"], rows)
    return paths


def plugin_and_clock():
    import plugins.patrol as plugin

    return [plugin], FixedClock(dt.datetime(2020, 8, 20, 9))


async def stored_values(station_id: int, kind: str, path: Path) -> tuple[str, list[list]]:
    """What the import would store for ``path`` in ``station_id``: validated, hashed and
    encrypted column values, ready for ``executemany``, and the statement."""
    from core import RowInserter
    from core.db import dialect
    from plugins.patrol.enums import BasicInfoKind, CsvEncoding
    from plugins.patrol.services.csv_file import open_lines
    from plugins.patrol.services.csv_format import read_records
    from plugins.patrol.services.import_rows import FIELDS, MODELS, RowContext
    from plugins.patrol.services.importer import CLI_ACTOR, ImportReport, _build, _claimed

    register = BasicInfoKind(kind.upper())
    context = RowContext(station_id, register)
    await context.load(CLI_ACTOR)
    inserter = RowInserter(MODELS[register], FIELDS[register])
    values: list[list] = []
    with open_lines(path, CsvEncoding.UTF8) as lines:
        header, records = read_records(lines, register)
        while batch := list(itertools.islice(records, 1000)):
            await context.look_up_addresses(batch)
            prepared = await _build(context, batch, inserter)
            rows = await _claimed(context, prepared, header, ImportReport(register, False))
            values.extend(row.stored for row in rows)
    return inserter.sql(dialect()), values


async def bare_executemany(sql: str, values: list[list], batch: int) -> None:
    """The baseline: the driver's executemany, one transaction per batch, nothing else."""
    from core.db import transaction

    for start in range(0, len(values), batch):
        async with transaction() as connection:
            await connection.execute_many(sql, values[start : start + batch])


async def alternated(url: str, paths: dict[str, Path], rows: int, rounds: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per round for the import and the baseline of each kind, A/B order alternating."""
    from plugins.patrol.services.importer import run_import

    plugins, clock = plugin_and_clock()
    seconds: dict[str, dict[str, list[float]]] = {kind: {"import": [], "executemany": []} for kind in KINDS}
    async with running_app(make_settings(url, ["patrol"]), extra_plugins=plugins, clock=clock) as app:
        batch = app.plugin_settings("patrol").import_batch_size
        database, load = url.split("://")[0], os.getloadavg()[0]
        print(f"patrol CSV import, {rows:,} rows, batches of {batch}, database {database}, {rounds} rounds")
        print(f"load average {load:.1f} on this machine: absolute numbers move with it, ratios much less\n")
        for round_number in range(rounds):
            imported = await create_station(app, code=f"IMPORT{round_number}", name=f"导入{round_number}")
            bare = await create_station(app, code=f"BARE{round_number}", name=f"基准{round_number}")
            for kind in KINDS:
                # Prepared before the clock starts: the bare side only inserts.
                sql, values = await stored_values(bare.id, kind, paths[kind])
                assert len(values) == rows, f"{kind}: {len(values)} of {rows} rows prepared"

                async def run_import_side(kind=kind, code=imported.code) -> None:
                    report = await run_import(paths[kind], code, kind)
                    assert report.written_rows == rows, report.rejected[:3]

                async def executemany_side(sql=sql, values=values) -> None:
                    await bare_executemany(sql, values, batch)

                sides = [("import", run_import_side), ("executemany", executemany_side)]
                for side, run in sides if round_number % 2 == 0 else sides[::-1]:
                    started = time.perf_counter()
                    await run()
                    seconds[kind][side].append(time.perf_counter() - started)
    return seconds


def print_alternated(seconds: dict[str, dict[str, list[float]]], rows: int) -> None:
    print(f"{'':<12}{'import rows/s':>16}{'executemany rows/s':>22}{'ratio':>9}   (medians)")
    for kind in KINDS:
        ours, bare = (statistics.median(seconds[kind][side]) for side in ("import", "executemany"))
        print(f"{kind:<12}{rows / ours:>16,.0f}{rows / bare:>22,.0f}{bare / ours:>8.0%}")
    print()


def memory_kb(field: str) -> int:
    """``VmRSS`` (now) or ``VmHWM`` (peak since the last reset) of this process, in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak() -> None:
    # Linux: writing 5 resets VmHWM, so the start-up (schema, migrations) does not mask the import.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def child(url: str, paths: dict[str, Path]) -> None:
    """One import of each kind in a fresh process, then the bare executemany of the same
    values into another station; prints JSON with times and the import's peak RSS."""

    async def run() -> dict:
        from plugins.patrol.services.importer import run_import

        plugins, clock = plugin_and_clock()
        async with running_app(make_settings(url, ["patrol"]), extra_plugins=plugins, clock=clock) as app:
            await create_station(app, code="MEMORY")
            bare = await create_station(app, code="MEMORYBARE", name="基准")
            reset_peak()
            result = {"rss_before_kb": memory_kb("VmRSS")}
            for kind in KINDS:
                started = time.perf_counter()
                await run_import(paths[kind], "MEMORY", kind)
                result[f"{kind}_s"] = time.perf_counter() - started
            result["rss_peak_kb"] = memory_kb("VmHWM")
            batch = app.plugin_settings("patrol").import_batch_size
            for kind in KINDS:
                sql, values = await stored_values(bare.id, kind, paths[kind])
                started = time.perf_counter()
                await bare_executemany(sql, values, batch)
                result[f"{kind}_bare_s"] = time.perf_counter() - started
            return result

    print(json.dumps(asyncio.run(run())))


def in_child(url: str, paths: dict[str, Path]) -> dict:
    command = [sys.executable, __file__, "--child", url, *(str(paths[kind]) for kind in KINDS)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(rows: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        url = os.environ.get("FENGQIAO_TEST_DATABASE_URL") or f"sqlite://{folder}/bench.db"
        paths, tenth = write_files(folder, rows), write_files(folder, rows // 10)
        if rounds:
            print_alternated(asyncio.run(alternated(url, paths, rows, rounds)), rows)

        # A fresh SQLite file per process; PostgreSQL is reset from its template by running_app.
        def fresh(name: str) -> str:
            return url if url.startswith("postgres") else f"sqlite://{folder}/{name}.db"

        small, full = in_child(fresh("small"), tenth), in_child(fresh("full"), paths)
        head = f"{'fresh process':<16}{'addresses s':>13}{'residents s':>13}{'bare a. s':>11}{'bare r. s':>11}"
        print(head + f"{'RSS before MB':>15}{'import peak MB':>16}")
        for count, result in ((rows // 10, small), (rows, full)):
            print(
                f"{count:>10,} rows{result['addresses_s']:>13.2f}{result['residents_s']:>13.2f}"
                f"{result['addresses_bare_s']:>11.2f}{result['residents_bare_s']:>11.2f}"
                f"{result['rss_before_kb'] / 1024:>15.0f}{result['rss_peak_kb'] / 1024:>16.0f}"
            )
        for kind in KINDS:
            ours, bare = full[f"{kind}_s"] / small[f"{kind}_s"], full[f"{kind}_bare_s"] / small[f"{kind}_bare_s"]
            print(f"time for 10x the rows, {kind}: import {ours:.2f}x, bare executemany {bare:.2f}x")
        growth = (full["rss_peak_kb"] - small["rss_peak_kb"]) / 1024
        print(f"import peak RSS, 10x the rows: {full['rss_peak_kb'] / small['rss_peak_kb']:.2f}x ({growth:+.0f} MB)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], dict(zip(KINDS, map(Path, sys.argv[3:]), strict=True)))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--rounds", type=int, default=3, help="0: memory and scaling only")
        arguments = parser.parse_args()
        main(arguments.rows, arguments.rounds)
