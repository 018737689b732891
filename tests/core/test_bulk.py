"""``core.RowInserter``: what it refuses, and that personal values go through their field;
``core.existing_keys``: which keys rows already hold."""

import pytest

from core import Area, RowInserter, existing_keys
from core.testing import count_queries
from plugins.patrol import models


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
