"""The CSV import reads and writes batch by batch: statements grow with batches, not rows;
the file is read no further ahead than the batch after the one being written; a bad row or a duplicate in a later
batch is reported like one in the first; a broken file is refused before anything commits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest

from core import RowInserter, UserInputError, existing_keys
from core.audit.models import AuditEvent
from core.db import dialect
from core.testing import count_queries, sqlite_plan
from plugins.patrol import models
from plugins.patrol.enums import BasicInfoKind
from plugins.patrol.services.csv_format import Record
from plugins.patrol.services.import_rows import BUILDERS, FIELDS, RowContext
from plugins.patrol.services.importer import import_basic_info, run_import
from tests.plugins.patrol.helpers import actor_for, id_number, writing

BATCH = 100


@pytest.fixture
def batches_of_100(app, monkeypatch):
    """``[patrol] import_batch_size = 100`` for this app."""
    loaded = app.plugins.plugins["patrol"]
    settings = dataclasses.replace(loaded.settings, import_batch_size=BATCH)
    monkeypatch.setitem(app.plugins.plugins, "patrol", dataclasses.replace(loaded, settings=settings))


@pytest.fixture
def actor(app, officer, station, batches_of_100):
    return actor_for(app, officer.user, station)


def addresses_csv(count: int, prefix: str = "幸福路") -> str:
    return "区域,地址\n" + "".join(f"文峰一网格,{prefix}{index}号\n" for index in range(count))


def residents_csv(count: int, born: int) -> str:
    """``count`` residents born in ``born``, living at the addresses of ``addresses_csv(50)``."""
    birth = dt.date(born, 5, 17)
    rows = (f"居民{index},{id_number(birth, index)},幸福路{index % 50}号\n" for index in range(count))
    return "姓名,身份证号,地址\n" + "".join(rows)


async def import_text(actor, kind: BasicInfoKind, content, **options):
    async with writing(actor):
        return await import_basic_info(actor, actor.station_id, kind, content, **options)


async def test_statements_grow_with_the_number_of_batches_not_of_rows(actor):
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(50))
    counts = {}
    # Distinct birth years keep the ID numbers of the three files apart.
    for born, rows in ((1950, 100), (1960, 200), (1970, 1000)):
        with count_queries() as counter:
            report = await import_text(actor, BasicInfoKind.RESIDENTS, residents_csv(rows, born))
        assert report.written_rows == rows
        inserts = [s for s in counter.statements if 'INSERT INTO "patrol_resident"' in s]
        assert len(inserts) == rows // BATCH
        counts[rows] = counter.count
    per_batch = counts[200] - counts[100]
    assert per_batch <= 6
    assert counts[1000] - counts[100] == 9 * per_batch


async def test_on_sqlite_a_batch_finds_its_addresses_by_key_without_reading_the_whole_station(actor):
    if dialect() != "sqlite":
        pytest.skip("SQLite's query plan")
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(50))
    context = RowContext(actor.station_id, BasicInfoKind.RESIDENTS)
    await context.load(actor)
    batch = [Record(line, {"address": f"幸福路{line}号"}) for line in (1, 2, 99)]
    with count_queries() as counter:
        await context.look_up_addresses(batch)
    assert set(context.address_ids) == {"幸福路1号", "幸福路2号"}
    [lookup] = counter.statements
    assert await sqlite_plan(lookup) == [
        "SEARCH patrol_standard_address USING COVERING INDEX sqlite_autoindex_patrol_standard_address_1 "
        "(station_id=? AND address_key=?)"
    ]


async def test_the_objects_there_before_an_import_are_out_of_the_collectors_passes_while_it_runs(actor, monkeypatch):
    import gc

    gc.unfreeze()  # a test before may have frozen the heap (``serve`` in process does)
    frozen_while_writing = []
    insert = RowInserter.insert_stored

    async def recording_insert(inserter, rows):
        frozen_while_writing.append(gc.get_freeze_count())
        return await insert(inserter, rows)

    monkeypatch.setattr(RowInserter, "insert_stored", recording_insert)
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(2 * BATCH))
    assert len(frozen_while_writing) == 2 and all(frozen_while_writing)
    assert gc.get_freeze_count() == 0


async def test_on_sqlite_addresses_go_in_multi_row_statements_and_residents_in_executemany(actor):
    if dialect() != "sqlite":
        pytest.skip("SQLite's statements")
    with count_queries() as counter:
        await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(50))
        await import_text(actor, BasicInfoKind.RESIDENTS, residents_csv(50, 1950))
    [addresses] = [s for s in counter.writes if s.startswith('INSERT INTO "patrol_standard_address"')]
    [residents] = [s for s in counter.writes if s.startswith('INSERT INTO "patrol_resident"')]
    assert addresses.partition(": [")[0].count("(?, ?, ?, ?, ?, ?, ?)") == 50
    assert residents.partition(": [")[0].count("?") == len(FIELDS[BasicInfoKind.RESIDENTS])


async def test_each_batch_is_written_before_more_than_the_next_batch_is_read(actor, monkeypatch):
    read = []

    def lines():
        for line in addresses_csv(1000).splitlines(keepends=True):
            read.append(line)
            yield line

    read_when_written = []
    insert = RowInserter.insert_stored

    async def recording_insert(inserter, rows):
        read_when_written.append(len(read))
        return await insert(inserter, rows)

    monkeypatch.setattr(RowInserter, "insert_stored", recording_insert)
    report = await import_text(actor, BasicInfoKind.ADDRESSES, lines())
    assert report.written_rows == 1000 and report.total_rows == 1000
    assert len(read_when_written) == 1000 // BATCH
    # Each insert happens when the header, that batch's rows and the next batch's (prepared
    # while this one is written) have been read, give or take the line the reader looks at next.
    assert all(read <= (index + 2) * BATCH + 2 for index, read in enumerate(read_when_written))


async def test_a_bad_row_in_the_third_batch_is_reported_and_every_other_row_written(actor):
    lines = addresses_csv(300).splitlines(keepends=True)
    lines[251] = "火星,幸福路250号\n"
    report = await import_text(actor, BasicInfoKind.ADDRESSES, "".join(lines))
    assert (report.written_rows, report.rejected_count) == (299, 1)
    assert (report.rejected[0].line, report.rejected[0].reason) == (252, "区域: Unknown area '火星'.")
    events = await AuditEvent.filter(action="patrol.basic_info.import").order_by("id")
    assert [(e.after["first_line"], e.after["last_line"], e.after["imported"]) for e in events] == [
        (2, 101, 100),
        (102, 201, 100),
        (202, 301, 99),
    ]


@pytest.mark.parametrize("dry_run", [False, True])
async def test_a_duplicate_of_an_earlier_batch_names_the_line_it_repeats(actor, dry_run):
    csv = addresses_csv(250) + "文峰一网格,幸福路7号\n"
    report = await import_text(actor, BasicInfoKind.ADDRESSES, csv, dry_run=dry_run)
    assert [(row.line, row.reason) for row in report.rejected] == [(252, "地址: Duplicate of line 9.")]
    assert report.accepted_rows == 250


async def test_imported_personal_data_is_stored_encrypted(actor):
    number = id_number()
    await import_text(actor, BasicInfoKind.RESIDENTS, f"姓名,身份证号,手机号\n张三,{number},13812345678\n")
    db = models.Resident._meta.db
    _, rows = await db.execute_query('SELECT "id_number", "phone" FROM "patrol_resident"')
    assert all(str(rows[0][column]).startswith("v1:") for column in ("id_number", "phone"))
    resident = await models.Resident.get()
    assert (resident.id_number, resident.phone) == (number, "13812345678")


async def test_the_command_line_refuses_a_file_broken_near_its_end_before_writing_any_batch(
    app, station, tmp_path, batches_of_100
):
    path = tmp_path / "addresses.csv"
    path.write_bytes(addresses_csv(300).encode() + b"\xff\xfe,x\n")
    with pytest.raises(UserInputError, match="line 302"):
        await run_import(path, station.code, "addresses")
    assert await models.StandardAddress.all().count() == 0
    assert not await AuditEvent.filter(action="patrol.basic_info.import").exists()


@pytest.mark.parametrize("size", [0, 10001])
def test_a_batch_size_outside_1_to_10000_is_refused_at_start_up(size):
    from plugins.patrol.settings import PatrolSettings

    with pytest.raises(ValueError, match="import_batch_size"):
        PatrolSettings(import_batch_size=size)


async def test_the_keys_a_batch_would_take_are_looked_up_in_one_statement(actor, station):
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(3))
    keys = [f"幸福路{index}号" for index in range(1000)]
    with count_queries() as counter:
        found = await existing_keys(models.StandardAddress, "address_key", keys, station_id=station.id)
    assert found == {"幸福路0号", "幸福路1号", "幸福路2号"}
    assert counter.count == 1
    assert await existing_keys(models.StandardAddress, "address_key", keys, station_id=station.id + 1) == set()


async def test_the_next_batch_is_built_while_one_is_written_on_postgresql_only(actor, monkeypatch):
    events = []
    insert = RowInserter.insert_stored

    async def recording_insert(inserter, values):
        events.append("insert")
        written = await insert(inserter, values)
        events.append("inserted")
        return written

    build = BUILDERS[BasicInfoKind.ADDRESSES]
    monkeypatch.setattr(RowInserter, "insert_stored", recording_insert)
    monkeypatch.setitem(
        BUILDERS, BasicInfoKind.ADDRESSES, lambda record, context: events.append(record.line) or build(record, context)
    )
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(300))
    first_write = events[events.index("insert") : events.index("inserted")]
    # PostgreSQL works in its own process; SQLite's writes would fight the build for the GIL.
    assert any(isinstance(event, int) for event in first_write) == (dialect() == "postgres")


async def test_on_postgresql_only_the_lookups_are_planned_for_their_keys(actor, caplog):
    if dialect() != "postgres":
        pytest.skip("plan modes are PostgreSQL's")
    caplog.set_level(logging.DEBUG, logger="tortoise.db_client")
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(300))
    statements = [message.lstrip() for message in caplog.messages]
    inserts = [
        index for index, statement in enumerate(statements) if 'INSERT INTO "patrol_standard_address"' in statement
    ]
    # Custom plans would plan the insert again for every row of its executemany.
    assert len(inserts) == 3
    assert all(statements[index - 1].startswith("SET LOCAL plan_cache_mode = auto") for index in inserts)
    assert sum(s.startswith("SET LOCAL plan_cache_mode = force_custom_plan") for s in statements) == 3


async def test_on_postgresql_a_batchs_keys_are_found_by_one_index_probe_each(actor, monkeypatch):
    # Planned for a thousand keys as ``= ANY(array)``, the lookup read every row of the station
    # once the table outgrew its statistics: an import grew quadratic. Probes stay index probes.
    if dialect() != "postgres":
        pytest.skip("PostgreSQL's plans")
    await import_text(actor, BasicInfoKind.ADDRESSES, addresses_csv(40 * BATCH))
    client = type(models.StandardAddress._meta.db)
    sent = []
    original = client.execute_query

    async def recording(self, query, values=None):
        sent.append((query, values))
        return await original(self, query, values)

    monkeypatch.setattr(client, "execute_query", recording)
    keys = {f"幸福路{index}号" for index in range(0, 40 * BATCH, 4)} | {"不存在的地址"}
    found = await existing_keys(models.StandardAddress, "address_key", keys, station_id=actor.station_id)
    monkeypatch.setattr(client, "execute_query", original)
    [(query, values)] = sent
    _, plan = await models.StandardAddress._meta.db.execute_query("EXPLAIN " + query, values)
    lines = " ".join(row[0] for row in plan)
    assert len(found) == 10 * BATCH
    assert "Index" in lines and "Seq Scan on patrol_standard_address" not in lines and "Bitmap" not in lines
