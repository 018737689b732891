"""A radius query over many incidents costs what an indexed lookup costs, not a scan.

Fills a fresh SQLite database with incidents spread over about 100 km x 100 km around 渠县, then
times, side by side: a primary-key lookup (the baseline), ``core.spatially`` for 1 km around a
point (indexed bounding box in SQL, exact haversine on the candidates) and, for contrast, the
same answer from a scan of every row. Prints the SQLite query plan of the pre-filter, which must
use the (latitude, longitude) index.

    python bench/geo_radius.py [--rows 100000] [--repeat 50]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path

from tortoise import connections

from core import Role, spatially
from core.geo.distance import haversine_metres
from core.geo.types import GeoPointInput, NearInput, SpatialFilter
from core.identity.actor import SYSTEM
from core.testing import create_station, make_settings, running_app
from plugins.patrol import models
from plugins.patrol.enums import IncidentCategory, IncidentSource, IncidentStatus

CENTRE = (106.97, 30.84)
RADIUS = 1000.0


async def fill(station, rows: int) -> None:
    rng = random.Random(20200820)
    grid = station.test_areas["grid"]
    moment = dt.datetime(2020, 8, 20, 8, 0, tzinfo=dt.UTC)
    batch = []
    for _ in range(rows):
        batch.append(
            models.Incident(
                station_id=station.id,
                source=IncidentSource.CALL_110,
                category=IncidentCategory.THEFT,
                status=IncidentStatus.RECEIVED,
                area_id=grid.id,
                received_at=moment,
                longitude=CENTRE[0] + rng.uniform(-0.5, 0.5),
                latitude=CENTRE[1] + rng.uniform(-0.5, 0.5),
            )
        )
        if len(batch) == 5000:
            await models.Incident.bulk_create(batch)
            batch = []
    if batch:
        await models.Incident.bulk_create(batch)


async def timed(action, repeat: int) -> tuple[float, object]:
    result, times = None, []
    for _ in range(repeat):
        start = time.perf_counter()
        result = await action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


async def main(rows: int, repeat: int) -> None:
    directory = Path(tempfile.mkdtemp(prefix="fengqiao-bench-"))
    settings = make_settings(f"sqlite://{directory / 'bench.db'}", ["patrol"])
    async with running_app(settings) as app:
        station = await create_station(app)
        await fill(station, rows)
        actor = dataclasses.replace(SYSTEM, roles=frozenset({Role.BUREAU_ADMIN}))
        spatial = SpatialFilter(
            near=NearInput(point=GeoPointInput(longitude=CENTRE[0], latitude=CENTRE[1]), radius_metres=RADIUS)
        )
        some_id = (await models.Incident.all().order_by("id").offset(rows // 2).first()).id

        async def lookup():
            return await models.Incident.get(id=some_id)

        async def radius():
            return await (await spatially(actor, models.Incident.all(), spatial)).count()

        async def scan():
            points = await models.Incident.all().values_list("longitude", "latitude")
            return sum(1 for lon, lat in points if haversine_metres(*CENTRE, lon, lat) <= RADIUS)

        lookup_ms, _ = await timed(lookup, repeat)
        radius_ms, found = await timed(radius, repeat)
        scan_ms, scanned = await timed(scan, max(1, repeat // 10))
        assert found == scanned, (found, scanned)
        plan = await connections.get("default").execute_query_dict(
            "EXPLAIN QUERY PLAN SELECT id, longitude, latitude FROM patrol_incident "
            "WHERE latitude >= ? AND latitude <= ? AND longitude >= ? AND longitude <= ?",
            [30.83, 30.85, 106.96, 106.98],
        )
    print(f"{rows} incidents; {found} within {RADIUS:.0f} m of {CENTRE}")
    print(f"{'primary-key lookup':<22}{lookup_ms:>9.2f} ms")
    print(f"{'radius (indexed)':<22}{radius_ms:>9.2f} ms  ({radius_ms / lookup_ms:.1f}x the lookup)")
    print(f"{'radius (full scan)':<22}{scan_ms:>9.2f} ms  ({scan_ms / radius_ms:.0f}x the indexed query)")
    print("plan of the pre-filter: " + "; ".join(row["detail"] for row in plan))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    options = parser.parse_args()
    asyncio.run(main(options.rows, options.repeat))
