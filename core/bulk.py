"""Bulk inserts of plain rows: one prepared ``INSERT`` sent with the driver's ``executemany``.

``Model.bulk_create`` needs a model object per row and converts every column through the
field classes; an import of 100,000 rows spends most of its time there. ``RowInserter``
takes tuples instead and converts only the columns that need it (enums to their values,
dates and datetimes as Tortoise stores them, ``EncryptedTextField`` values encrypted by the
field). It runs on the connection the current transaction holds, like any Tortoise query.
Columns left out are stored as SQL ``NULL`` or the database default: a field's Python default
is not applied, so a column that is neither nullable nor generated must be named.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from tortoise import fields
from tortoise.models import Model

from core.db import dialect, placeholder
from core.personal.fields import EncryptedTextField

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _converter(field: fields.Field) -> Converter:
    if isinstance(field, EncryptedTextField):
        # The field's own encryption (a fresh nonce each time: never remembered).
        return lambda value: field.to_db_value(value, None)  # type: ignore[arg-type]
    if isinstance(field, fields.data.CharEnumFieldInstance | fields.data.IntEnumFieldInstance):
        return _enum_value
    if isinstance(field, fields.DatetimeField | fields.DateField | fields.JSONField | fields.DecimalField):
        return _Remembering(field)
    return _identity


class _Remembering:
    """The field's own conversion, skipped when the same object comes again (a timestamp
    shared by every row of an import is converted once, not once per row)."""

    def __init__(self, field: fields.Field) -> None:
        self.field, self.last, self.result = field, None, None

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        if value is not self.last:
            self.last, self.result = value, self.field.to_db_value(value, None)  # type: ignore[arg-type]
        return self.result


class RowInserter:
    """Insert tuples of ``model``'s fields ``names`` (in that order) in one statement per call.

    Values are the Python values a model attribute would hold; they are not validated here
    (the caller has), only converted to what the column stores.
    """

    def __init__(self, model: type[Model], names: Sequence[str]) -> None:
        meta = model._meta
        missing = [
            name
            for name, field in meta.fields_map.items()
            if name not in names and name in meta.fields_db_projection and not (field.null or field.generated)
        ]
        if missing:
            raise TypeError(f"RowInserter({model.__name__}): name every column that is not nullable: {missing}")
        columns = [meta.fields_db_projection[name] for name in names]
        self.model, self.names = model, tuple(names)
        self._converters = [_converter(meta.fields_map[name]) for name in names]
        # Only the columns that need converting are touched per row.
        self._converted = [
            (index, convert) for index, convert in enumerate(self._converters) if convert is not _identity
        ]
        self._columns = ", ".join(f'"{column}"' for column in columns)

    def sql(self, dialect: str) -> str:
        """The ``INSERT`` statement, with the placeholders of ``dialect`` (``sqlite`` or ``postgres``)."""
        marks = ", ".join(placeholder(index, dialect) for index in range(1, len(self.names) + 1))
        return f'INSERT INTO "{self.model._meta.db_table}" ({self._columns}) VALUES ({marks})'

    def stored(self, row: Sequence[Any]) -> list[Any]:
        """The values ``row`` is stored as: what the driver receives."""
        values = list(row)
        for index, convert in self._converted:
            values[index] = convert(values[index])
        return values

    async def insert(self, rows: Iterable[Sequence[Any]]) -> int:
        return await self.insert_stored([self.stored(row) for row in rows])

    async def insert_stored(self, values: list[list[Any]]) -> int:
        """Insert rows already converted by ``stored`` (built while the batch before was
        being written)."""
        if not values:
            return 0
        await self.model._meta.db.execute_many(self.sql(dialect()), values)
        return len(values)


async def existing_keys(model: type[Model], name: str, keys: Collection[Any], **equal: Any) -> set[Any]:
    """Which of ``keys`` the field ``name`` of ``model`` holds in the rows whose fields equal
    ``equal`` (e.g. ``station_id=3``), in one statement and without tenant scoping: for
    uniqueness checks that must see every row. The keys go to PostgreSQL as one array
    (``= ANY($n)``) and to SQLite as plain parameters; an ORM ``__in`` builds a query
    object per key, about 5 µs each, which an import pays for every row."""
    if not keys:
        return set()
    meta = model._meta
    column = meta.fields_db_projection[name]
    values: list[Any] = list(equal.values())
    tests = [f'"{meta.fields_db_projection[field]}" = {placeholder(i)}' for i, field in enumerate(equal, 1)]
    if dialect() == "postgres":
        values.append(list(keys))
        tests.append(f'"{column}" = ANY({placeholder(len(values))})')
    else:
        values.extend(keys)
        tests.append(f'"{column}" IN ({", ".join("?" * len(keys))})')
    where = " AND ".join(tests)
    _, rows = await meta.db.execute_query(f'SELECT "{column}" FROM "{meta.db_table}" WHERE {where}', values)
    return {row[0] for row in rows}
