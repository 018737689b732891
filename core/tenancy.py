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

from core.contract import ReadRule
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
    A model with a ``read_rule`` (``core.ReadRule``) is narrowed further by that rule.
    """
    queryset = _by_read_rule(actor, model, _without_minors(actor, model, model.all()))
    if actor.sees_all_stations or getattr(model, "shared_across_stations", False):
        # Shared reference data (provinces, cities, counties) belongs to no station.
        return queryset
    if actor.station_id is None:
        return _nothing(queryset)
    if "station_id" in model._meta.fields_map:
        return queryset.filter(station_id=actor.station_id)
    if model._meta.db_table == "core_station":
        return queryset.filter(id=actor.station_id)
    raise TypeError(f"{model.__name__} is not owned by a station; it cannot be scoped")


async def get_scoped(actor: Actor, model: type[M], pk: Any, *, field: str | None = None, label: str | None = None) -> M:
    """Fetch one row by primary key within the actor's reach, or raise a ``NOT_FOUND``
    ``UserInputError`` naming ``field`` — the same answer for another station's row."""
    from core.graphql.ids import within_pk_range

    row = None
    if pk is not None and not (isinstance(pk, int) and not within_pk_range(model, pk)):
        row = await scoped(actor, model).get_or_none(pk=pk)
    if row is None:
        what = label or model.__name__
        raise UserInputError(f"{what} not found.", field=field, code=UserErrorCode.NOT_FOUND)
    return row


def _nothing(queryset: QuerySet[M]) -> QuerySet[M]:
    # Tortoise querysets have no ``none()``; an empty ``IN`` selects no row.
    return queryset.filter(pk__in=[])


def holds_whole_station(actor: Actor, model: type[Model], station_id: int) -> bool:
    """Whether ``scoped(actor, model)`` holds every row of station ``station_id``: the station
    is within the actor's reach and no read rule or age rule narrows it. A lookup by key within
    that station then needs no filter of ``scoped``'s own (``core.scoped_key_ids``)."""
    if _read_rule_narrows(actor, model) or _minors_hidden(actor, model):
        return False
    return actor.sees_all_stations or getattr(model, "shared_across_stations", False) or actor.station_id == station_id


def _read_rule_narrows(actor: Actor, model: type[Model]) -> bool:
    rule: ReadRule | None = getattr(model, "read_rule", None)
    return rule is not None and not actor.has(rule.read_all)


def _minors_hidden(actor: Actor, model: type[Model]) -> bool:
    return getattr(model, "minor_birth_date_field", None) is not None and not actor.has(MINORS_PERMISSION)


def _by_read_rule(actor: Actor, model: type[M], queryset: QuerySet[M]) -> QuerySet[M]:
    if not _read_rule_narrows(actor, model):
        return queryset
    if actor.user_id is None:
        return _nothing(queryset)
    rule: ReadRule = model.read_rule  # type: ignore[attr-defined]
    return queryset.filter(rule.own(actor))


def _without_minors(actor: Actor, model: type[M], queryset: QuerySet[M]) -> QuerySet[M]:
    if not _minors_hidden(actor, model):
        return queryset
    birth_field: str = model.minor_birth_date_field  # type: ignore[attr-defined]
    from core.runtime import current_app

    today = current_app().clock.today()
    try:
        cutoff = today.replace(year=today.year - MINOR_AGE)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - MINOR_AGE, day=28)
    # Unknown birth dates stay visible: the rule hides people known to be minors.
    born_before: dict[str, Any] = {f"{birth_field}__lte": cutoff}
    unknown: dict[str, Any] = {f"{birth_field}__isnull": True}
    return queryset.filter(Q(**born_before) | Q(**unknown))
