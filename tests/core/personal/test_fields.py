"""``EncryptedTextField`` against an in-memory SQLite database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from tortoise.context import TortoiseContext, tortoise_test_context

from core.personal.crypto import get_keyring
from tests.core.personal.models_fixture import Resident

pytestmark = pytest.mark.asyncio

NAME = "张三丰"
ADDRESS = "四川省成都市武侯区人民南路四段1号"
ID_NUMBER = "510101199001011234"


@pytest_asyncio.fixture
async def db(active_keyring) -> AsyncIterator[TortoiseContext]:
    async with tortoise_test_context(["tests.core.personal.models_fixture"]) as ctx:
        yield ctx


async def _raw_rows(ctx: TortoiseContext) -> list[dict]:
    return await ctx.db().execute_query_dict("SELECT * FROM test_resident")


async def test_raw_row_holds_no_plaintext(db):
    await Resident.create(name=NAME, address=ADDRESS)
    [row] = await _raw_rows(db)
    assert row["name"].startswith("v1:") and row["address"].startswith("v1:")
    assert NAME not in str(row) and ADDRESS not in str(row)


async def test_model_reads_back_decrypted(db):
    created = await Resident.create(name=NAME, address=ADDRESS)
    loaded = await Resident.get(id=created.id)
    assert (loaded.name, loaded.address) == (NAME, ADDRESS)


async def test_instance_keeps_plaintext_after_save(db):
    created = await Resident.create(name=NAME)
    assert created.name == NAME


async def test_values_queries_are_decrypted(db):
    await Resident.create(name=NAME, address=ADDRESS)
    assert await Resident.all().values_list("name", flat=True) == [NAME]
    assert await Resident.all().values("address") == [{"address": ADDRESS}]


async def test_null_stays_null(db):
    created = await Resident.create(name=NAME, address=None)
    [row] = await _raw_rows(db)
    assert row["address"] is None
    assert (await Resident.get(id=created.id)).address is None


async def test_save_after_change_encrypts_new_value(db):
    resident = await Resident.create(name=NAME)
    resident.name = "李四"
    await resident.save()
    [row] = await _raw_rows(db)
    assert "李四" not in row["name"]
    assert (await Resident.get(id=resident.id)).name == "李四"


async def test_queryset_update_encrypts(db):
    await Resident.create(name=NAME)
    await Resident.all().update(address=ADDRESS)
    [row] = await _raw_rows(db)
    assert ADDRESS not in row["address"]
    assert (await Resident.first()).address == ADDRESS


async def test_lookup_goes_through_the_keyed_hash_column(db):
    digest = get_keyring().keyed_hash("id_number", ID_NUMBER)
    await Resident.create(name=NAME, id_number_hash=digest)
    await Resident.create(name="李四", id_number_hash=get_keyring().keyed_hash("id_number", "x"))
    found = await Resident.get(id_number_hash=get_keyring().keyed_hash("id_number", ID_NUMBER))
    assert found.name == NAME
    [row] = [r for r in await _raw_rows(db) if r["id"] == found.id]
    assert ID_NUMBER not in str(row)


async def test_filter_by_encrypted_value_matches_nothing(db):
    # Documented limitation: each encryption uses a fresh nonce.
    await Resident.create(name=NAME)
    assert await Resident.filter(name=NAME).count() == 0


async def test_isnull_filter_works(db):
    await Resident.create(name=NAME, address=None)
    await Resident.create(name="李四", address=ADDRESS)
    assert await Resident.filter(address__isnull=True).values_list("name", flat=True) == [NAME]


async def test_writing_without_keyring_fails(db, no_keyring):
    with pytest.raises(RuntimeError, match="keyring not configured"):
        await Resident.create(name=NAME)
    assert await _raw_rows(db) == []


async def test_constructor_accepts_plaintext(db):
    resident = Resident(name=NAME)
    assert resident.name == NAME
