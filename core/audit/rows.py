"""Per-row digests: what an audited change left in the database, so that later edits of
business rows outside the API (a direct SQL ``UPDATE`` or ``DELETE``) can be found.

A digest is a keyed HMAC per field (64 bits, under the audit chain key), so it reveals
nothing about personal values; it is kept in the audit event (``rows``), which the chain
protects. Only the latest event of a row counts: its digests must match the row today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import hmac
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from tortoise import Tortoise
from tortoise.models import Model

from core.audit.chain import chain_keys

DIGEST_LENGTH = 16


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def field_digest(name: str, value: Any, key: bytes | None = None) -> str:
    message = name.encode() + b"\x00" + json.dumps(_plain(value), sort_keys=True, default=str).encode()
    return hmac.new(key or chain_keys().chain_key, message, hashlib.sha256).hexdigest()[:DIGEST_LENGTH]


def digest_values(values: dict[str, Any], key: bytes | None = None) -> dict[str, str]:
    return {name: field_digest(name, value, key) for name, value in sorted(values.items())}


async def current_values(model: type[Model], ids: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """``{str(pk): {field: value}}`` of the rows that exist, read from the database."""
    pk = model._meta.pk_attr
    names = list(model._meta.fields_db_projection)
    rows = await model.filter(**{f"{pk}__in": list(ids)}).values(*names)
    return {str(row[pk]): row for row in rows}


async def row_entry(obj: Model) -> dict[str, Any]:
    """The digest entry of ``obj``'s row as it is now in the database (or that it is gone)."""
    model = type(obj)
    found = await current_values(model, [obj.pk])
    entry: dict[str, Any] = {"table": model._meta.db_table, "id": str(obj.pk)}
    values = found.get(str(obj.pk))
    if values is None:
        entry["deleted"] = True
    else:
        entry["fields"] = digest_values(values)
    return entry


def model_for_table(table: str) -> type[Model] | None:
    for app in Tortoise.apps.values():
        for model in app.values():
            if model._meta.db_table == table:
                return model
    return None


@dataclasses.dataclass(frozen=True)
class RowProblem:
    table: str
    id: str
    problem: str
    fields: tuple[str, ...] = ()
    sequence: int | None = None

    def __str__(self) -> str:
        where = f"{self.table} id {self.id}"
        named = f" (field{'s' if len(self.fields) > 1 else ''} {', '.join(self.fields)})" if self.fields else ""
        return f"{where}: {self.problem}{named}; last audited at sequence {self.sequence}"


def compare(
    entry: dict[str, Any], values: dict[str, Any] | None, sequence: int | None, key: bytes | None = None
) -> RowProblem | None:
    """The difference between a recorded entry and the row's current values, if any."""
    table, row_id = entry["table"], entry["id"]
    if entry.get("deleted"):
        if values is not None:
            return RowProblem(table, row_id, "exists although its last audited change deleted it", (), sequence)
        return None
    if values is None:
        return RowProblem(table, row_id, "was deleted outside the audited API", (), sequence)
    now = digest_values(values, key)
    recorded: dict[str, str] = entry.get("fields") or {}
    changed = tuple(name for name, digest in recorded.items() if name in now and now[name] != digest)
    if changed:
        return RowProblem(table, row_id, "was changed outside the audited API", changed, sequence)
    return None
