"""``core.RowInserter``: what it refuses, that personal values go through their field, and
how rows reach SQLite; ``core.existing_keys``: which keys rows already hold."""

import datetime as dt

import pytest
from tortoise.exceptions import IntegrityError

import core.bulk
from core import Area, RowInserter, existing_keys
from core.db import dialect
from core.testing import count_queries, create_station
from plugins.patrol import models

ADDRESS_NAMES = ("station_id", "area_id", "created_at", "address", "address_key", "latitude", "longitude")


def test_a_column_that_is_neither_nullable_nor_generated_must_be_named():
    with pytest.raises(TypeError, match="address_key"):
        RowInserter(models.StandardAddress, ["station_id", "area_id", "created_at", "address"])


async def test_an_encrypted_column_is_stored_by_its_field_with_a_fresh_nonce(app):
    names = [name for name in models.Resident._meta.fields_db_projection if name != "id"]
    inserter = RowInserter(models.Resident, names)
    at = names.index("phone")
    row = [None] * len(names)
    row[at] = "13800001111"
    first, second = inserter.stored(row)[at], inserter.stored(row)[at]
    assert first != second and "13800001111" not in first
    field = models.Resident._meta.fields_map["phone"]
    assert field.to_python_value(first) == field.to_python_value(second) == "13800001111"


async def test_existing_keys_are_those_held_by_the_rows_matching_the_other_fields(app, station, other_station):
    names = {area.name for area in station.test_areas.values()}
    await Area.filter(station_id=other_station.id).update(name="临巴")
    asked = [*names, "临巴", "没有这个网格"]
    assert await existing_keys(Area, "name", asked, station_id=station.id) == names
    assert await existing_keys(Area, "name", asked, station_id=other_station.id) == {"临巴"}


async def test_no_keys_ask_the_database_nothing(app, station):
    with count_queries() as counter:
        assert await existing_keys(Area, "name", [], station_id=station.id) == set()
    assert counter.count == 0


def address_rows(station, count: int, first: int = 0) -> list[tuple]:
    area = station.test_areas["grid"].id
    moment = dt.datetime(2020, 8, 20, 9, tzinfo=dt.UTC)
    return [
        (station.id, area, moment, f"幸福路{i}号", f"幸福路{i}号", 30.8, 106.9) for i in range(first, first + count)
    ]


@pytest.fixture
async def patrol_station(make_app, monkeypatch):
    """A station of an application with the patrol plugin, whose inserts on SQLite take
    three rows of addresses per statement."""
    import plugins.patrol as plugin

    app = await make_app(["patrol"], extra_plugins=[plugin])
    if dialect() != "sqlite":
        pytest.skip("SQLite's multi-row statements")
    monkeypatch.setattr(core.bulk, "SQLITE_PARAMETERS", 3 * len(ADDRESS_NAMES) + 2)
    return await create_station(app)


async def test_on_sqlite_rows_go_in_as_few_multi_row_statements_as_the_parameter_limit_allows(patrol_station):
    station = patrol_station
    inserter = RowInserter(models.StandardAddress, ADDRESS_NAMES)
    with count_queries() as counter:
        assert await inserter.insert(address_rows(station, 7)) == 7
    inserts = [s for s in counter.writes if 'INSERT INTO "patrol_standard_address"' in s]
    assert [s.count("(?, ?, ?, ?, ?, ?, ?)") for s in inserts] == [3, 3, 1]
    stored = await models.StandardAddress.filter(station_id=station.id).order_by("id").values_list("address", flat=True)
    assert stored == [f"幸福路{i}号" for i in range(7)]


async def test_on_sqlite_the_statements_of_one_insert_are_all_written_or_none(patrol_station):
    station = patrol_station
    inserter = RowInserter(models.StandardAddress, ADDRESS_NAMES)
    await inserter.insert(address_rows(station, 1, first=6))
    with pytest.raises(IntegrityError):
        # The third statement repeats the unique key written before.
        await inserter.insert(address_rows(station, 7))
    assert await models.StandardAddress.filter(station_id=station.id).count() == 1
