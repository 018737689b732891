"""Tenancy: every station-owned row carries ``station``; every read goes through ``scoped``.

A logged-in user reaches only rows of its own station; bureau admins reach all stations.
Another station's row is indistinguishable from a missing one, so resolvers and services load
rows with ``scoped(actor, Model)`` or ``get_scoped(...)`` and never filter by station by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import UserErrorCode, UserInputError

if TYPE_CHECKING:
    from core.identity.actor import Actor

M = TypeVar("M", bound=Model)

# Every concrete StationOwnedModel, for generic isolation checks and the scoping of nodes.
STATION_OWNED_MODELS: list[type[Model]] = []


class StationOwnedModel(Model):
    """Base of every tenant row: a non-null ``station`` foreign key, indexed."""

    station: fields.ForeignKeyRelation[Any] = fields.ForeignKeyField(
        "core.Station", related_name=False, on_delete=fields.RESTRICT, index=True
    )

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        meta = cls.__dict__.get("Meta")
        if not (meta is not None and getattr(meta, "abstract", False)):
            STATION_OWNED_MODELS.append(cls)


MINORS_PERMISSION = "core.personal.view_minors"
MINOR_AGE = 14


def scoped(actor: Actor, model: type[M]) -> QuerySet[M]:
    """All rows of ``model`` the actor may reach: its station's, or every station's for
    actors with a deployment-wide view (bureau admins).

    A model describing a person names its birth-date column in ``minor_birth_date_field``;
    people under 14 are then left out for actors without ``core.personal.view_minors``.
    """
    queryset = _without_minors(actor, model, model.all())
    if actor.sees_all_stations or getattr(model, "shared_across_stations", False):
        # Shared reference data (provinces, cities, counties) belongs to no station.
        return queryset
    if actor.station_id is None:
        return queryset.none()
    if "station_id" in model._meta.fields_map:
        return queryset.filter(station_id=actor.station_id)
    if model._meta.db_table == "core_station":
        return queryset.filter(id=actor.station_id)
    raise TypeError(f"{model.__name__} is not owned by a station; it cannot be scoped")


async def get_scoped(actor: Actor, model: type[M], pk: Any, *, field: str | None = None, label: str | None = None) -> M:
    """Fetch one row by primary key within the actor's reach, or raise a ``NOT_FOUND``
    ``UserInputError`` naming ``field`` — the same answer for another station's row."""
    row = None
    if pk is not None:
        row = await scoped(actor, model).get_or_none(pk=pk)
    if row is None:
        what = label or model.__name__
        raise UserInputError(f"{what} not found.", field=field, code=UserErrorCode.NOT_FOUND)
    return row


def _without_minors(actor: Actor, model: type[M], queryset: QuerySet[M]) -> QuerySet[M]:
    birth_field = getattr(model, "minor_birth_date_field", None)
    if birth_field is None or actor.has(MINORS_PERMISSION):
        return queryset
    from core.runtime import current_app

    today = current_app().clock.today()
    try:
        cutoff = today.replace(year=today.year - MINOR_AGE)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - MINOR_AGE, day=28)
    # Unknown birth dates stay visible: the rule hides people known to be minors.
    return queryset.filter(Q(**{f"{birth_field}__lte": cutoff}) | Q(**{f"{birth_field}__isnull": True}))
