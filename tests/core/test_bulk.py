"""``core.RowInserter``: what it refuses, that personal values go through their field, and
how rows reach SQLite; ``core.existing_keys``: which keys rows already hold;
``core.scoped_key_ids``: the ids of the rows holding keys, as far as the actor reaches;
``core.frozen_heap``: existing objects out of the collector's passes for a block."""

import datetime as dt

import pytest
from tortoise.exceptions import IntegrityError

import core.bulk
from core import Actor, Area, Role, RowInserter, existing_keys, frozen_heap, scoped_key_ids
from core.db import dialect
from core.runtime import current_app
from core.tenancy import MINORS_PERMISSION, holds_whole_station
from core.testing import count_queries, create_station, sqlite_plan
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


async def test_keys_of_a_column_neither_text_nor_integer_are_found_too(app, station):
    # Text and integer keys are probed one by one on PostgreSQL; other columns are asked with
    # ``= ANY`` there (``IN`` on SQLite), with the same answer.
    area = next(iter(station.test_areas.values()))
    await Area.filter(id=area.id).update(boundary_west=120.25)
    assert await existing_keys(Area, "boundary_west", [120.25, 1.5], station_id=station.id) == {120.25}


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
async def patrol_station(make_app):
    """A station of an application with the patrol plugin."""
    import plugins.patrol as plugin

    return await create_station(await make_app(["patrol"], extra_plugins=[plugin]))


@pytest.fixture
def three_rows_per_sqlite_statement(patrol_station, monkeypatch):
    if dialect() != "sqlite":
        pytest.skip("SQLite's multi-row statements")
    monkeypatch.setattr(core.bulk, "SQLITE_PARAMETERS", 3 * len(ADDRESS_NAMES) + 2)


async def test_on_sqlite_rows_go_in_as_few_multi_row_statements_as_the_parameter_limit_allows(
    patrol_station, three_rows_per_sqlite_statement
):
    station = patrol_station
    inserter = RowInserter(models.StandardAddress, ADDRESS_NAMES, multi_row=True)
    with count_queries() as counter:
        assert await inserter.insert(address_rows(station, 7)) == 7
    inserts = [s for s in counter.writes if 'INSERT INTO "patrol_standard_address"' in s]
    assert [s.count("(?, ?, ?, ?, ?, ?, ?)") for s in inserts] == [3, 3, 1]
    stored = await models.StandardAddress.filter(station_id=station.id).order_by("id").values_list("address", flat=True)
    assert stored == [f"幸福路{i}号" for i in range(7)]


async def test_without_multi_row_the_rows_go_in_one_executemany(patrol_station, three_rows_per_sqlite_statement):
    station = patrol_station
    with count_queries() as counter:
        assert await RowInserter(models.StandardAddress, ADDRESS_NAMES).insert(address_rows(station, 7)) == 7
    inserts = [s for s in counter.writes if 'INSERT INTO "patrol_standard_address"' in s]
    assert len(inserts) == 1 and inserts[0].count("(?, ?, ?, ?, ?, ?, ?)") == 1
    assert await models.StandardAddress.filter(station_id=station.id).count() == 7


async def test_on_sqlite_the_statements_of_one_insert_are_all_written_or_none(
    patrol_station, three_rows_per_sqlite_statement
):
    station = patrol_station
    inserter = RowInserter(models.StandardAddress, ADDRESS_NAMES, multi_row=True)
    await inserter.insert(address_rows(station, 1, first=6))
    with pytest.raises(IntegrityError):
        # The third statement repeats the unique key written before.
        await inserter.insert(address_rows(station, 7))
    assert await models.StandardAddress.filter(station_id=station.id).count() == 1


async def residents_born(station, *births: dt.date) -> dict[str, int]:
    """One resident per birth date in ``station``; their ids by ID number hash."""
    ids = {}
    for index, birth in enumerate(births):
        resident = await models.Resident.create(
            station_id=station.id,
            name=f"居民{index}",
            id_number=f"id-{index}",
            id_number_hash=f"hash-{index}",
            birth_date=birth,
            sex="F",
            residence="HOUSEHOLD",
            relation="OTHER",
            created_at=dt.datetime(2020, 8, 20, 9, tzinfo=dt.UTC),
        )
        ids[resident.id_number_hash] = resident.id
    return ids


def officer_of(station, *permissions: str) -> Actor:
    return Actor(
        username="officer", roles=frozenset({Role.OFFICER}), station_id=station.id, permissions=frozenset(permissions)
    )


async def test_scoped_key_ids_are_the_ids_of_the_station_rows_holding_the_keys(patrol_station):
    station = patrol_station
    other = await create_station(current_app(), code="OTHER", name="临巴")
    ids = await residents_born(station, dt.date(1980, 1, 1), dt.date(1981, 1, 1))
    await residents_born(other, dt.date(1982, 1, 1))  # hash-0 again, in another station
    officer = officer_of(station, MINORS_PERMISSION)
    with count_queries() as counter:
        found = await scoped_key_ids(
            officer, models.Resident, "id_number_hash", ["hash-0", "hash-9"], station_id=station.id
        )
    assert found == {"hash-0": ids["hash-0"]}
    assert counter.count == 1


async def test_scoped_key_ids_leave_out_the_rows_a_rule_hides_from_the_actor(patrol_station):
    station = patrol_station
    ids = await residents_born(station, dt.date(1980, 1, 1), dt.date(2015, 1, 1))
    keys = ["hash-0", "hash-1"]
    everyone = await scoped_key_ids(
        officer_of(station, MINORS_PERMISSION), models.Resident, "id_number_hash", keys, station_id=station.id
    )
    assert everyone == ids
    with count_queries() as counter:
        adults = await scoped_key_ids(
            officer_of(station), models.Resident, "id_number_hash", keys, station_id=station.id
        )
    assert adults == {"hash-0": ids["hash-0"]}
    if dialect() == "sqlite":
        [lookup] = counter.statements
        # By the unique key, not through the whole station in id order.
        assert "(station_id=? AND id_number_hash=?)" in " ".join(await sqlite_plan(lookup))


async def test_another_station_or_an_age_rule_keeps_the_actor_from_holding_the_whole_station(patrol_station):
    station = patrol_station
    assert holds_whole_station(officer_of(station, MINORS_PERMISSION), models.Resident, station.id)
    assert not holds_whole_station(officer_of(station), models.Resident, station.id)
    assert holds_whole_station(officer_of(station), models.StandardAddress, station.id)
    assert not holds_whole_station(officer_of(station), models.StandardAddress, station.id + 1)
    admin = Actor(username="admin", roles=frozenset({Role.BUREAU_ADMIN}), permissions=frozenset({MINORS_PERMISSION}))
    assert holds_whole_station(admin, models.StandardAddress, station.id + 1)


class Node:
    """An object that can sit in a reference cycle and be watched through a weak reference."""

    def __init__(self) -> None:
        self.me = self


def test_objects_frozen_by_a_block_are_left_alone_by_collections_and_handed_back_after_it():
    import gc
    import weakref

    gc.unfreeze()  # a test before may have frozen the heap (``serve`` in process does)

    cycle = Node()
    watched = weakref.ref(cycle)
    with frozen_heap():
        assert gc.get_freeze_count() > 0
        del cycle
        gc.collect()
        assert watched() is not None
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert watched() is None


def test_a_heap_frozen_before_the_block_stays_frozen_after_it():
    import gc

    gc.freeze()  # as ``fengqiao serve`` does after start-up
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        # Not handed back (that would make it 0); frozen objects freed meanwhile leave it.
        assert gc.get_freeze_count() > 0.9 * frozen
    finally:
        gc.unfreeze()


def test_nested_frozen_blocks_hand_back_at_the_end_of_the_outermost():
    import gc

    gc.unfreeze()  # a test before may have frozen the heap (``serve`` in process does)

    with frozen_heap():
        with frozen_heap():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
