"""Shared GraphQL helpers: per-request DataLoaders for nested lists and referenced rows, so a
page of any size costs the same number of SQL statements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from strawberry.types import Info
from tortoise.models import Model

from core import scoped, to_global_id
from plugins.patrol.services.common import area_model, user_model


def gid(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(to_global_id(type_name, pk))


async def load_children(
    info: Info,
    model: type[Model],
    fk: str,
    parent_id: int,
    convert: Callable[[Any], Any],
    *,
    order: Sequence[str] = ("id",),
) -> list[Any]:
    """The ``model`` rows whose ``fk`` is ``parent_id``, batched over the request.

    The loader is shared by every parent of the request, so it returns rows and ``convert``
    runs per parent afterwards: a converter may depend on its parent (a shift's end time)
    without one parent's state leaking into another's children."""

    async def batch(parent_ids: list[int]) -> list[list[Any]]:
        rows = await scoped(info.context.actor, model).filter(**{f"{fk}__in": parent_ids}).order_by(*order)
        grouped: dict[int, list[Any]] = {parent: [] for parent in parent_ids}
        for row in rows:
            grouped[getattr(row, fk)].append(row)
        return [grouped[parent] for parent in parent_ids]

    key = ("patrol.children", model.__name__, fk, tuple(order))
    return [convert(row) for row in await info.context.loader(batch, key=key).load(parent_id)]


async def load_one(
    info: Info, model: type[Model], pk: int | None, convert: Callable[[Any], Any], *, by: str = "id"
) -> Any:
    """The ``model`` row whose ``by`` column is ``pk`` (or None), batched over the request."""
    if pk is None:
        return None

    async def batch(keys: list[int]) -> list[Any]:
        rows = await scoped(info.context.actor, model).filter(**{f"{by}__in": keys})
        found = {getattr(row, by): row for row in rows}
        return [found.get(key) for key in keys]

    # Rows are shared by the request; each caller converts its own (see load_children).
    row = await info.context.loader(batch, key=("patrol.one", model.__name__, by)).load(pk)
    return None if row is None else convert(row)


async def area_name(info: Info, area_id: int | None) -> str | None:
    return await load_one(info, area_model(), area_id, lambda row: row.name)


async def user_name(info: Info, user_id: int | None) -> str | None:
    """A colleague's display name (the account itself is readable only with ``core.user.read``)."""
    if user_id is None:
        return None

    async def batch(keys: list[int]) -> list[str | None]:
        rows = await scoped(info.context.actor, user_model()).filter(id__in=keys).values("id", "display_name")
        names = {row["id"]: row["display_name"] for row in rows}
        return [names.get(key) for key in keys]

    return await info.context.loader(batch, key="patrol.user_name").load(user_id)
