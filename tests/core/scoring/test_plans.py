"""A ranking's statements are planned for their stations and period on every run (docs/scoring.md,
"Plans that do not degrade"), and their number does not depend on how many stations are ranked."""

import datetime as dt
import os

import pytest

from core import Period
from core.identity.models import Station, StationClass
from core.scoring.engine import engine_for
from core.testing import count_queries

JULY = Period(dt.date(2020, 7, 1), dt.date(2020, 7, 31))
PILLARS = ["mediation", "patrol", "party_building", "volunteers"]
POSTGRES_URL = os.environ.get("FENGQIAO_TEST_DATABASE_URL", "")
on_postgres = pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="prepared-statement plans are PostgreSQL's: set FENGQIAO_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB",
)
RUNS = 8  # PostgreSQL considers a generic plan from the sixth execution of a prepared statement on


async def _stations(count: int, plugins: list[str]) -> list[Station]:
    classes = list(StationClass)
    await Station.bulk_create(
        [
            Station(
                name=f"派出所{i}",
                code=f"PLAN-{i:04d}",
                station_class=classes[i % len(classes)],
                enabled_plugins=plugins,
            )
            for i in range(count)
        ]
    )
    return await Station.all().order_by("id")


async def _cohort_plans(connection) -> list[dict]:
    """The plan counters of this session's prepared mediation cohort query."""
    rows = await connection.execute_query_dict(
        "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE $1",
        ["%mediation_dispute%"],
    )
    return [row for row in rows if "GROUP BY" in row["statement"].upper() and "deadline_at" in row["statement"]]


@on_postgres
async def test_the_mediation_cohort_query_of_a_ranking_is_never_planned_generically(make_app):
    from core.db import transaction

    app = await make_app(["mediation"])
    stations = await _stations(60, ["mediation"])
    engine = engine_for(app)

    # One enclosing transaction keeps every run on one session, whose prepared statements it reads.
    async with transaction() as connection:
        for _ in range(RUNS):
            await engine.score(stations, JULY)
        plans = await _cohort_plans(connection)

    assert len(plans) == 1, plans
    assert plans[0]["generic_plans"] == 0
    assert plans[0]["custom_plans"] >= RUNS


@on_postgres
async def test_without_custom_plans_the_same_query_turns_generic(make_app):
    """The check above can fail: run as the engine did before, the cohort query goes generic."""
    from core.db import transaction
    from plugins.mediation.services.stats import station_figures

    await make_app(["mediation"])
    stations = await _stations(60, ["mediation"])
    ids = [station.id for station in stations]

    async with transaction() as connection:
        for _ in range(RUNS):
            await station_figures(ids, JULY)
        plans = await _cohort_plans(connection)

    assert len(plans) == 1, plans
    assert plans[0]["generic_plans"] > 0


async def test_the_statements_of_a_ranking_do_not_depend_on_the_station_count(make_app):
    app = await make_app(PILLARS)
    stations = await _stations(40, PILLARS)
    engine = engine_for(app)

    counts = {}
    for size in (2, 40):
        with count_queries() as counter:
            await engine.score(stations[:size], JULY)
        counts[size] = counter.count

    assert counts[2] == counts[40], counts
    assert counts[40] <= 25
