"""Shared GraphQL helpers: nested lists and referenced rows through the core's per-request
loaders, so a page of any size costs the same number of SQL statements."""

from collections.abc import Callable, Sequence
from typing import Any

import strawberry
from strawberry.types import Info
from tortoise.models import Model

from core import load_children as core_children
from core import load_row, scoped, to_global_id
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
    """The ``model`` rows whose ``fk`` is ``parent_id`` (batched over the request by the core),
    each converted by ``convert`` — per parent, so a converter may depend on its parent."""
    return [convert(row) for row in await core_children(info, model, fk, parent_id, order=order)]


async def load_one(
    info: Info, model: type[Model], pk: int | None, convert: Callable[[Any], Any], *, by: str = "id"
) -> Any:
    """The ``model`` row whose ``by`` column is ``pk`` converted, or None (batched by the core)."""
    row = await load_row(info, model, pk, column=by)
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
