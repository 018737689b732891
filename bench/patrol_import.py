"""Benchmark: CSV import of 100,000 "一标三实" rows (patrol plugin). Prints, never asserts.

Run from the repository root::

    python bench/patrol_import.py                 # 100,000 rows, SQLite in a temporary directory
    python bench/patrol_import.py --rows 20000    # smaller
    FENGQIAO_TEST_DATABASE_URL=postgres://... python bench/patrol_import.py   # PostgreSQL

It times, on a fresh database: a dry run and a real import of addresses through the command-line
path (``run_import``: one transaction per batch of ``[patrol] import_batch_size`` rows), the same
for residents (ID numbers validated, hashed and encrypted, linked to the addresses), the scaling
from a tenth of the rows, and the batched import against one transaction per row on a sample.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import make_id_number  # noqa: E402
from core.clock import FixedClock  # noqa: E402
from core.testing import create_station, make_settings, running_app  # noqa: E402

AREAS = ("文峰一网格", "滨江花园小区", "白塔村")


def addresses_csv(rows: int, prefix: str = "") -> str:
    lines = ["区域,地址,纬度,经度"]
    lines += [f"{AREAS[i % 3]},{prefix}城东街道幸福路{i}号,30.8{i % 10},106.9{i % 10}" for i in range(rows)]
    return "\n".join(lines) + "\n"


def residents_csv(rows: int) -> str:
    lines = ["姓名,身份证号,手机号,户籍地址,地址,人口类型,标签"]
    for i in range(rows):
        # 16,800 distinct birth dates times 1,000 sequence numbers: every number differs.
        birth = dt.date(1950 + i % 50, 1 + i // 50 % 12, 1 + i // 600 % 28)
        number = make_id_number("511725", birth, i // 16800 % 1000)
        phone = f"138{i:08d}"
        tag = "空巢老人" if i % 20 == 0 else ""
        lines.append(f"居民{i},{number},{phone},四川省渠县幸福路{i}号,城东街道幸福路{i}号,户籍人口,{tag}")
    return "\n".join(lines) + "\n"


class Progress:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, done: int, total: int) -> None:
        self.calls += 1


async def timed(label: str, coroutine, rows: int, results: dict) -> object:
    started = time.perf_counter()
    outcome = await coroutine
    seconds = time.perf_counter() - started
    results[label] = seconds
    print(f"{label:<44} {seconds:8.2f} s   {rows / seconds:10,.0f} rows/s")
    return outcome


async def per_row_baseline(station_id: int, rows: int) -> None:
    """The naive way, for comparison: one transaction and one INSERT per row."""
    from tortoise.transactions import in_transaction

    from plugins.patrol import models
    from plugins.patrol.services.common import address_key

    area = await models.Incident._meta.fields_map["area"].related_model.filter(station_id=station_id).first()
    moment = dt.datetime.now(dt.UTC)
    for i in range(rows):
        text = f"基准路{i}号"
        async with in_transaction():
            await models.StandardAddress.create(
                station_id=station_id, area_id=area.id, address=text, address_key=address_key(text), created_at=moment
            )


async def main(rows: int) -> None:
    import plugins.patrol as plugin
    from plugins.patrol.services.importer import run_import

    with tempfile.TemporaryDirectory() as directory:
        url = os.environ.get("FENGQIAO_TEST_DATABASE_URL") or f"sqlite://{directory}/bench.db"
        settings = make_settings(url, ["patrol"])
        async with running_app(settings, extra_plugins=[plugin], clock=FixedClock(dt.datetime(2020, 8, 20, 9))) as app:
            station = await create_station(app, code="BENCH")
            folder = Path(directory)
            (folder / "addresses.csv").write_text(addresses_csv(rows), encoding="utf-8")
            (folder / "small.csv").write_text(addresses_csv(rows // 10, prefix="小样"), encoding="utf-8")
            (folder / "residents.csv").write_text(residents_csv(rows), encoding="utf-8")
            batch = app.plugin_settings("patrol").import_batch_size
            print(f"patrol CSV import, {rows:,} rows, batches of {batch}, database {url.split('://')[0]}\n")
            results: dict[str, float] = {}
            progress = Progress()
            await timed(
                f"addresses, {rows // 10:,} rows",
                run_import(folder / "small.csv", "BENCH", "addresses"),
                rows // 10,
                results,
            )
            await timed(
                "addresses, dry run", run_import(folder / "addresses.csv", "BENCH", "addresses", True), rows, results
            )
            report = await timed(
                "addresses, import",
                run_import(folder / "addresses.csv", "BENCH", "addresses", False, progress),
                rows,
                results,
            )
            await timed(
                "residents, dry run", run_import(folder / "residents.csv", "BENCH", "residents", True), rows, results
            )
            residents = await timed(
                "residents, import", run_import(folder / "residents.csv", "BENCH", "residents"), rows, results
            )
            sample = min(2000, rows // 10)
            await timed(
                f"baseline: 1 transaction per row, {sample:,}", per_row_baseline(station.id, sample), sample, results
            )
            small, full = results[f"addresses, {rows // 10:,} rows"], results["addresses, import"]
            per_row = results[f"baseline: 1 transaction per row, {sample:,}"] / sample
            print()
            print(
                f"written: {report.written_rows:,} addresses, {residents.written_rows:,} residents; "
                f"rejected {report.rejected_count + residents.rejected_count}; progress callbacks {progress.calls}"
            )
            print(
                f"scaling, {rows:,} vs {rows // 10:,} rows:            {full / small:6.2f}x the time for 10x the rows"
            )
            print(f"dry run share of a real address import:        {results['addresses, dry run'] / full:6.2f}")
            print(f"batched vs one transaction per row (addresses): {per_row * rows / full:6.1f}x faster")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().rows))
