"""Bulk inserts of plain rows: one prepared ``INSERT`` sent with the driver's ``executemany``.

``Model.bulk_create`` needs a model object per row and converts every column through the
field classes; an import of 100,000 rows spends most of its time there. ``RowInserter``
takes tuples instead and converts only the columns that need it (enums to their values,
dates and datetimes as Tortoise stores them, ``EncryptedTextField`` values encrypted by the
field). It runs on the connection the current transaction holds, like any Tortoise query.
The rows go with the driver's ``executemany``, or on SQLite, when the caller asks for it
(``multi_row``), as few multi-row ``INSERT … VALUES (…), (…)`` as its parameter limit allows.
Columns left out are stored as SQL ``NULL`` or the database default: a field's Python default
is not applied, so a column that is neither nullable nor generated must be named.
"""

from __future__ import annotations

import contextlib
import enum
import gc
import itertools
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.models import Model

from core.db import dialect, placeholder, transaction
from core.personal.fields import EncryptedTextField
from core.tenancy import holds_whole_station, scoped

if TYPE_CHECKING:
    from core.identity.actor import Actor

Converter = Callable[[Any], Any]

# Parameters one SQLite statement may bind (SQLITE_MAX_VARIABLE_NUMBER: 32766 from 3.32, 999 before).
SQLITE_PARAMETERS = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999


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

    ``multi_row``: on SQLite, send multi-row statements instead of ``executemany``. Which is
    faster depends on the rows, so the caller chooses by measuring: in ``sqlite3`` alone,
    20,000 narrow address rows (7 columns) went in in 80 ms instead of 107 ms, but 20,000 wide
    resident rows (14 columns, three ciphertexts, three indexes on random hashes) in 895 ms
    instead of 770 ms.
    """

    def __init__(self, model: type[Model], names: Sequence[str], *, multi_row: bool = False) -> None:
        meta = model._meta
        missing = [
            name
            for name, field in meta.fields_map.items()
            if name not in names and name in meta.fields_db_projection and not (field.null or field.generated)
        ]
        if missing:
            raise TypeError(f"RowInserter({model.__name__}): name every column that is not nullable: {missing}")
        columns = [meta.fields_db_projection[name] for name in names]
        self.model, self.names, self.multi_row = model, tuple(names), multi_row
        self._converters = [_converter(meta.fields_map[name]) for name in names]
        # Only the columns that need converting are touched per row.
        self._converted = [
            (index, convert) for index, convert in enumerate(self._converters) if convert is not _identity
        ]
        self._columns = ", ".join(f'"{column}"' for column in columns)
        self._sqlite_rows: dict[int, str] = {}

    def sql(self, dialect: str) -> str:
        """The ``INSERT`` statement, with the placeholders of ``dialect`` (``sqlite`` or ``postgres``)."""
        marks = ", ".join(placeholder(index, dialect) for index in range(1, len(self.names) + 1))
        return f'INSERT INTO "{self.model._meta.db_table}" ({self._columns}) VALUES ({marks})'

    @property
    def rows_per_sqlite_statement(self) -> int:
        return max(1, SQLITE_PARAMETERS // len(self.names))

    def sqlite_sql(self, rows: int) -> str:
        """One SQLite ``INSERT`` of ``rows`` rows (kept per size: the driver caches the
        prepared statement by its text)."""
        if rows not in self._sqlite_rows:
            one = "(" + ", ".join("?" * len(self.names)) + ")"
            values = ", ".join(itertools.repeat(one, rows))
            self._sqlite_rows[rows] = f'INSERT INTO "{self.model._meta.db_table}" ({self._columns}) VALUES {values}'
        return self._sqlite_rows[rows]

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
        if not (self.multi_row and dialect() == "sqlite"):
            await self.model._meta.db.execute_many(self.sql(dialect()), values)
            return len(values)
        # When the parameter limit splits the rows, the statements share one transaction, as
        # ``execute_many``'s rows do.
        size = self.rows_per_sqlite_statement
        parts = [values[start : start + size] for start in range(0, len(values), size)]
        async with contextlib.nullcontext() if len(parts) == 1 or _in_transaction() else transaction():
            for part in parts:
                await self.model._meta.db.execute_query(self.sqlite_sql(len(part)), list(itertools.chain(*part)))
        return len(values)


_frozen_depth = 0
_froze_here = False


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects that exist now out of the garbage collector's passes for the block.

    A bulk job allocates a great many objects; now and then that sets off a full collection,
    which walks every object of the process — the application's ~120,000 at start-up (modules,
    schema, models), 50–150 ms a pass — and frees none of them. Frozen (``gc.freeze``) they
    are skipped; the job's own objects are collected as usual, and at the end of the block the
    frozen ones are handed back (``gc.unfreeze``), so any garbage among them is only collected
    later, never lost. Nested or overlapping blocks hand back at the end of the last one. A
    process that froze its objects before (``fengqiao serve`` does after start-up) is left as
    it is: its start-up objects are already out of the passes, and handing back would put them
    in again for good.
    """
    global _frozen_depth, _froze_here
    if _frozen_depth == 0:
        _froze_here = gc.get_freeze_count() == 0
        if _froze_here:
            gc.freeze()
    _frozen_depth += 1
    try:
        yield
    finally:
        _frozen_depth -= 1
        if _frozen_depth == 0 and _froze_here:
            gc.unfreeze()
            _froze_here = False


def _in_transaction() -> bool:
    from tortoise import connections

    return isinstance(connections.get("default"), TransactionalDBClient)


async def existing_keys(model: type[Model], name: str, keys: Collection[Any], **equal: Any) -> set[Any]:
    """Which of ``keys`` the field ``name`` of ``model`` holds in the rows whose fields equal
    ``equal`` (e.g. ``station_id=3``), in one statement and without tenant scoping: for
    uniqueness checks that must see every row. The keys go to PostgreSQL as one array (an
    index probe per text or integer key, ``= ANY`` for others) and to SQLite as plain
    parameters; an ORM ``__in`` builds a query object per key, about 5 µs each, which an
    import pays for every row."""
    return {row[0] for row in await _keyed_rows(model, (name,), name, keys, equal)}


async def scoped_key_ids(
    actor: Actor, model: type[Model], name: str, keys: Collection[Any], *, station_id: int
) -> dict[Any, Any]:
    """The primary key of each row of station ``station_id`` that ``scoped(actor, model)``
    holds and whose field ``name`` is one of ``keys``, by key. In one statement like
    ``existing_keys`` when the actor reaches every row of the station; through ``scoped``
    when a read or age rule narrows its view."""
    if not keys:
        return {}
    if not holds_whole_station(actor, model, station_id):
        found = scoped(actor, model).filter(station_id=station_id, **{f"{name}__in": list(keys)})
        # Ordered by the key: in id order SQLite would read the station through (station, id).
        return dict(await found.order_by(name).values_list(name, model._meta.pk_attr))
    rows = await _keyed_rows(model, (name, model._meta.pk_attr), name, keys, {"station_id": station_id})
    return {row[0]: row[1] for row in rows}


# Array types of key columns looked up by probes (``_keyed_rows``), by their Python type.
_ARRAY_TYPES: dict[Any, str] = {str: "text[]", int: "bigint[]"}


async def _keyed_rows(
    model: type[Model], names: Sequence[str], name: str, keys: Collection[Any], equal: dict[str, Any]
) -> list[Any]:
    """The fields ``names`` of the rows whose ``name`` is one of ``keys`` and whose fields
    equal ``equal``: the keys as one array on PostgreSQL, as plain parameters on SQLite."""
    if not keys:
        return []
    meta = model._meta
    column = meta.fields_db_projection[name]
    values: list[Any] = list(equal.values())
    tests = [f'"{meta.fields_db_projection[field]}" = {placeholder(i)}' for i, field in enumerate(equal, 1)]
    selected = ", ".join(f'"{meta.fields_db_projection[field]}"' for field in names)
    array = _ARRAY_TYPES.get(getattr(meta.fields_map[name], "field_type", None)) if dialect() == "postgres" else None
    if array is not None:
        # One probe of the (…, key) index per key, whatever the planner believes of the table:
        # as ``= ANY(array)`` the lookup was planned as a scan of the station's rows once the
        # table grew past its statistics (a 100,000-row import's lookups grew from 2 to 10 ms
        # a batch), and as a generic plan made while the table was small, far worse.
        values.append(list(keys))
        tests.append(f'"{column}" = keys.key')
    elif dialect() == "postgres":
        values.append(list(keys))
        tests.append(f'"{column}" = ANY({placeholder(len(values))})')
    else:
        values.extend(keys)
        tests.append(f'"{column}" IN ({", ".join("?" * len(keys))})')
    sql = f'SELECT {selected} FROM "{meta.db_table}" WHERE {" AND ".join(tests)}'
    if array is not None:
        probes = f"unnest({placeholder(len(values))}::{array}) AS keys(key)"
        sql = f"SELECT {selected} FROM {probes} CROSS JOIN LATERAL ({sql} LIMIT 1) AS hit"
    _, rows = await meta.db.execute_query(sql, values)
    return list(rows)
