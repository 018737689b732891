"""Finding disputes: filters, ordering, and the supervision (督办) list of overdue ones."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence

from tortoise.expressions import Q

from core import Actor, Area, scoped

from ..models import DisputeCategory, DisputeSource, DisputeStatus, MediationLevel, RiskLevel
from .common import OPEN_STATUSES, now, visible_disputes


class DisputeOrderField(enum.Enum):
    CREATED_AT = "CREATED_AT"
    RISK_LEVEL = "RISK_LEVEL"
    DEADLINE_AT = "DEADLINE_AT"
    UPDATED_AT = "UPDATED_AT"


_ORDER_COLUMNS = {
    DisputeOrderField.CREATED_AT: "reported_at",
    DisputeOrderField.RISK_LEVEL: "risk_rank",
    DisputeOrderField.DEADLINE_AT: "deadline_at",
    DisputeOrderField.UPDATED_AT: "updated_at",
}


@dataclasses.dataclass(frozen=True)
class DisputeQuery:
    statuses: Sequence[DisputeStatus] = ()
    risk_levels: Sequence[RiskLevel] = ()
    levels: Sequence[MediationLevel] = ()
    categories: Sequence[DisputeCategory] = ()
    sources: Sequence[DisputeSource] = ()
    area_id: int | None = None
    centre_id: int | None = None
    open: bool | None = None
    overdue: bool | None = None
    criminal_linked: bool | None = None
    text: str | None = None


def overdue_condition() -> Q:
    """Past the intervention deadline of the current level with no intervention yet."""
    return Q(status__in=list(OPEN_STATUSES), intervened_at__isnull=True, deadline_at__lt=now())


async def area_and_below(actor: Actor, area_id: int) -> list[int]:
    """The area and all its descendants (the tree is small: one query)."""
    rows = await scoped(actor, Area).all().values("id", "parent_id")
    children: dict[int, list[int]] = {}
    for row in rows:
        children.setdefault(row["parent_id"], []).append(row["id"])
    found, stack = [], [area_id] if any(row["id"] == area_id for row in rows) else []
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


async def filtered_disputes(actor: Actor, query: DisputeQuery | None):
    queryset = visible_disputes(actor)
    if query is None:
        return queryset
    for column, values in (
        ("status", query.statuses),
        ("risk_level", query.risk_levels),
        ("level", query.levels),
        ("category", query.categories),
        ("source", query.sources),
    ):
        if values:
            queryset = queryset.filter(**{f"{column}__in": list(values)})
    if query.area_id is not None:
        queryset = queryset.filter(area_id__in=await area_and_below(actor, query.area_id))
    if query.centre_id is not None:
        queryset = queryset.filter(centre_id=query.centre_id)
    if query.open is not None:
        method = queryset.filter if query.open else queryset.exclude
        queryset = method(status__in=list(OPEN_STATUSES))
    if query.overdue is not None:
        queryset = queryset.filter(overdue_condition()) if query.overdue else queryset.exclude(overdue_condition())
    if query.criminal_linked is not None:
        queryset = queryset.filter(criminal_linked=query.criminal_linked)
    if query.text and query.text.strip():
        queryset = queryset.filter(description__icontains=query.text.strip())
    return queryset


def ordered(queryset, field: DisputeOrderField | None, descending: bool):
    column = _ORDER_COLUMNS[field or DisputeOrderField.CREATED_AT]
    sign = "-" if descending else ""
    return queryset.order_by(f"{sign}{column}", f"{sign}id")


def overdue_disputes(actor: Actor):
    """督办: overdue disputes, the most urgent (earliest deadline, highest risk) first."""
    return visible_disputes(actor).filter(overdue_condition()).order_by("deadline_at", "-risk_rank", "id")
