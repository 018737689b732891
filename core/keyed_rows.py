"""Rows by a list of keys, with the statement built once per shape instead of once per batch.

A request's loaders (``core.graphql.loaders``) read children and related rows by their keys:
``scoped(actor, Model).filter(<column>__in=keys)``. Tortoise and pypika build that statement
anew for every batch — a third of a nested list's cost — though it differs from the last one
only in its keys.

``fetch_by_keys(base, column, keys)`` keeps the statement of each shape: the base queryset's
model, columns, joins and order, its filters *with their values* (the actor's station, the
minors' cut-off date, a read rule's user — so two actors share a statement only where their
scope is the same), and the number of keys. A statement is kept only when its text shows the
keys as its last parameters (``… IN (?, ?, ?)`` with nothing bound after it); the next batch
of that shape binds the same leading values and its own keys. Anything the fingerprint cannot
vouch for (an expression, a subquery, a value of another kind) is built as usual.
"""

import datetime
import decimal
import enum
import itertools
import re
import uuid
from collections.abc import Sequence
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core.model_rows import build_rows, fetch_models

# Shapes kept at most (a deployment has a few hundred; the bound guards against a flood of
# distinct key counts or scopes).
MAX_STATEMENTS = 4096

_PLAIN = (int, str, float, bool, datetime.date, datetime.datetime, datetime.time, decimal.Decimal, uuid.UUID)
_statements: dict[tuple[Any, ...], tuple[str, list[Any], list[Any]]] = {}
_TRAILING_IN = re.compile(r" IN \(([^()]*)\)(?:\s+ORDER BY [^?$]*)?\s*$")


async def fetch_by_keys(base: QuerySet[Any], column: str, keys: Sequence[Any]) -> list[Any]:
    """The rows of ``base.filter(<column>__in=keys)``, as ``fetch_models`` gives them."""
    db = base._choose_db(base._select_for_update)
    shape = _shape(base, column, len(keys), db.capabilities.dialect)
    kept = _statements.get(shape) if shape is not None else None
    if kept is None:
        queryset = base.filter(**{f"{column}__in": list(keys)})
        if shape is None:
            return await fetch_models(queryset)
        queryset._make_query()
        sql, values = queryset.query.get_parameterized_sql()
        layout = queryset._select_related_idx
        if not _keys_last(sql, values, keys):
            return await build_rows(db, sql, values, layout)
        if len(_statements) >= MAX_STATEMENTS:  # the oldest quarter goes
            for stale in list(itertools.islice(_statements, MAX_STATEMENTS // 4)):
                del _statements[stale]
        kept = _statements[shape] = (sql, values[: len(values) - len(keys)], layout)
    sql, leading, layout = kept
    return await build_rows(db, sql, [*leading, *keys], layout)


def _shape(base: QuerySet[Any], column: str, count: int, dialect: str) -> tuple[Any, ...] | None:
    """Everything the statement of ``base`` and ``count`` keys depends on, or None where the
    queryset has more than filters, columns, joins and an order (nothing a loader adds)."""
    if count == 0 or base._annotations or base._prefetch_map or base._prefetch_queries or base._single:
        return None
    if base._limit is not None or base._offset is not None or base._group_bys or base._distinct or base._having:
        return None
    if base._select_for_update or base._use_indexes or base._force_indexes or base._custom_filters:
        return None
    filters = _fingerprint(base._q_objects)
    if filters is None:
        return None
    return (
        base.model,
        column,
        count,
        filters,
        tuple(base._orderings),
        tuple(base._fields_for_select),
        tuple(sorted(base._select_related)),
        dialect,  # placeholders differ
    )


def _fingerprint(q_objects: Sequence[Q]) -> tuple[Any, ...] | None:
    found = []
    for q in q_objects:
        if type(q) is not Q:
            return None
        children = _fingerprint(q.children)
        values = tuple((name, _value(value)) for name, value in q.filters.items())
        if children is None or any(value is _UNKNOWN for _, value in values):
            return None
        found.append((q.join_type, q._is_negated, values, children))
    return tuple(found)


_UNKNOWN = object()


def _value(value: Any) -> Any:
    if value is None or isinstance(value, (*_PLAIN, enum.Enum)):
        return (type(value), value)
    if isinstance(value, list | tuple):
        items = tuple(_value(item) for item in value)
        return _UNKNOWN if any(item is _UNKNOWN for item in items) else (type(value), items)
    return _UNKNOWN


def _keys_last(sql: str, values: list[Any], keys: Sequence[Any]) -> bool:
    """Whether the statement's last parameters are the keys: its text ends with an ``IN`` of
    exactly that many placeholders (the last ones, for numbered placeholders), followed by
    nothing but an order."""
    match = _TRAILING_IN.search(sql)
    if match is None:
        return False
    placeholders = [item.strip() for item in match.group(1).split(",")]
    count, total = len(keys), len(values)
    if len(placeholders) != count or total < count or list(values[total - count :]) != list(keys):
        return False
    if all(item == "?" for item in placeholders):
        return sql.count("?") == total
    return placeholders == [f"${number}" for number in range(total - count + 1, total + 1)]
