"""``core.keyed_rows.fetch_by_keys``: rows by keys with the statement built once per shape —
the same rows as a fresh statement, and never another scope's statement."""

import datetime

import pytest
from tortoise.expressions import F

from core import keyed_rows
from core.identity.models import User
from core.keyed_rows import _keys_last, fetch_by_keys
from core.model_rows import fetch_models
from core.testing import create_user


@pytest.fixture(autouse=True)
def no_kept_statements():
    keyed_rows._statements.clear()
    yield
    keyed_rows._statements.clear()


@pytest.fixture
async def users(app, station, other_station):
    for number in range(4):
        await create_user(app, station, username=f"keyed.here.{number}")
        await create_user(app, other_station, username=f"keyed.there.{number}")
    return await User.all().order_by("id")


def _ids(rows) -> list[int]:
    return [row.id for row in rows]


async def test_rows_by_keys_equal_a_fresh_statements_each_time(users, station):
    base = User.filter(station_id=station.id).order_by("id")
    for keys in ([users[0].id, users[2].id], [users[4].id, users[1].id], [users[3].id, users[5].id]):
        expected = await fetch_models(base.filter(id__in=keys))
        assert _ids(await fetch_by_keys(base, "id", keys)) == _ids(expected)
    assert len(keyed_rows._statements) == 1  # one shape: two keys within one station


async def test_another_station_never_shares_a_statement(users, station, other_station):
    keys = [user.id for user in users]
    here = await fetch_by_keys(User.filter(station_id=station.id).order_by("id"), "id", keys)
    there = await fetch_by_keys(User.filter(station_id=other_station.id).order_by("id"), "id", keys)
    assert here and all(row.station_id == station.id for row in here)
    assert there and all(row.station_id == other_station.id for row in there)
    assert len(keyed_rows._statements) == 2


async def test_a_key_count_of_its_own_gets_a_statement_of_its_own(users, station):
    base = User.filter(station_id=station.id).order_by("id")
    one = await fetch_by_keys(base, "id", [users[0].id])
    three = await fetch_by_keys(base, "id", [user.id for user in users[:3]])
    assert len(one) == 1 and len(three) >= 1
    assert len(keyed_rows._statements) == 2


async def test_a_filter_it_cannot_vouch_for_is_built_as_usual(users, station):
    base = User.filter(station_id=station.id, failed_logins__lte=F("token_version") + 100).order_by("id")
    rows = await fetch_by_keys(base, "id", [user.id for user in users])
    assert rows and all(row.station_id == station.id for row in rows)
    assert keyed_rows._statements == {}


async def test_a_value_of_another_type_is_another_shape(users, station):
    base = User.filter(created_at__gte=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)).order_by("id")
    await fetch_by_keys(base, "id", [users[0].id])
    await fetch_by_keys(base.filter(is_active=True), "id", [users[0].id])
    await fetch_by_keys(base.filter(is_active=1), "id", [users[0].id])
    assert len(keyed_rows._statements) == 3


@pytest.mark.parametrize(
    "sql, values, keys",
    [
        ('SELECT * FROM "t" WHERE "t"."k" IN (?,?) AND "t"."station_id"=? ORDER BY "t"."id"', [1, 2, 1], [2, 1]),
        ('SELECT * FROM "t" WHERE "t"."station_id"=? AND "t"."k" IN (?,?) LIMIT ?', [1, 1, 2, 3], [2, 3]),
        ('SELECT * FROM "t" WHERE "t"."k" IN ($2,$3) AND "t"."station_id"=$1', [1, 2, 3], [2, 3]),
        ('SELECT * FROM "t" WHERE "t"."station_id"=? AND "t"."k" IN (?,?)', [1, 2, 3], [2, 4]),
        ('SELECT * FROM "t" WHERE "t"."station_id"=? AND "t"."k" IN (?)', [1, 2, 3], [2, 3]),
    ],
    ids=["keys first", "a limit after", "numbered out of order", "other values", "fewer placeholders"],
)
def test_a_statement_not_ending_in_its_keys_is_not_kept(sql, values, keys):
    assert not _keys_last(sql, values, keys)


@pytest.mark.parametrize(
    "sql, values",
    [
        ('SELECT * FROM "t" WHERE "t"."station_id"=? AND "t"."k" IN (?,?) ORDER BY "t"."id" ASC', [1, 1, 2]),
        ('SELECT * FROM "t" WHERE "t"."station_id"=$1 AND "t"."k" IN ($2,$3) ORDER BY "t"."id" ASC', [1, 1, 2]),
    ],
    ids=["positional", "numbered"],
)
def test_a_statement_ending_in_its_keys_is_kept(sql, values):
    assert _keys_last(sql, values, [1, 2])


async def test_the_oldest_statements_go_when_the_bound_is_reached(users, station, monkeypatch):
    monkeypatch.setattr(keyed_rows, "MAX_STATEMENTS", 4)
    base = User.filter(station_id=station.id).order_by("id")
    for count in range(1, 6):
        await fetch_by_keys(base, "id", [user.id for user in users[:count]])
    assert len(keyed_rows._statements) == 4
    assert sorted(shape[2] for shape in keyed_rows._statements) == [2, 3, 4, 5]  # the key counts
