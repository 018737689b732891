"""``core.RowInserter``: what it refuses, and that personal values go through their field."""

import pytest

from core import RowInserter
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
