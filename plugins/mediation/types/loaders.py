"""Per-request batch loaders for nested fields: one query per relation, whatever the page size.

Every batch goes through ``scoped`` with the request's actor, so nested lists obey the same
tenancy (and minor-hiding) rules as the lists themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from strawberry.types import Info

from core import Area, scoped

from ..models import (
    Agreement,
    CanvassArea,
    CanvassFinding,
    CentreMember,
    CriminalCaseLink,
    DisputeParty,
    DisputeTransition,
    Escalation,
    JudicialConfirmation,
    MediationCentre,
    MediationSession,
    MediatorAssignment,
    Person,
)


def _grouped(rows: Sequence[Any], keys: Sequence[int], attribute: str) -> list[list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, attribute)].append(row)
    return [groups.get(key, []) for key in keys]


def children(
    info: Info,
    model: Any,
    parent: str,
    *,
    order: Sequence[str] = ("id",),
    related: Sequence[str] = (),
    where: dict[str, Any] | None = None,
) -> Any:
    """A loader of ``model`` rows by their ``parent`` foreign key (e.g. ``dispute_id``)."""

    async def batch(keys: list[int]) -> list[list[Any]]:
        queryset = scoped(info.context.actor, model).filter(**{f"{parent}__in": keys}, **(where or {}))
        if related:
            queryset = queryset.select_related(*related)
        return _grouped(await queryset.order_by(*order), keys, parent)

    # The key names everything the rows depend on: two callers differing in order, related
    # rows or filter never share a loader.
    key = ("mediation", model.__name__, parent, tuple(order), tuple(related), tuple(sorted((where or {}).items())))
    return info.context.loader(batch, key=key)


def parties(info: Info) -> Any:
    """Parties with their persons; people hidden from the actor (minors) are left out."""

    async def batch(keys: list[int]) -> list[list[Any]]:
        actor = info.context.actor
        links = await scoped(actor, DisputeParty).filter(dispute_id__in=keys).order_by("id")
        persons = {
            person.id: person
            for person in await scoped(actor, Person).filter(id__in=list({link.person_id for link in links}))
        }
        visible = []
        for link in links:
            if link.person_id in persons:
                link.person = persons[link.person_id]
                visible.append(link)
        return _grouped(visible, keys, "dispute_id")

    return info.context.loader(batch, key="mediation.parties")


def by_id(info: Info, model: Any, *, only: Sequence[str] = ()) -> Any:
    async def batch(keys: list[int]) -> list[Any]:
        queryset = scoped(info.context.actor, model).filter(id__in=keys)
        rows = {row.id: row for row in (await queryset.only("id", *only) if only else await queryset)}
        return [rows.get(key) for key in keys]

    return info.context.loader(batch, key=("mediation.by_id", model.__name__, tuple(only)))


def area(info: Info) -> Any:
    return by_id(info, Area)


def centre(info: Info) -> Any:
    return by_id(info, MediationCentre)


LOADERS: dict[str, Callable[[Info], Any]] = {
    "sessions": lambda info: children(info, MediationSession, "dispute_id", order=("held_at", "id")),
    "mediators": lambda info: children(
        info, MediatorAssignment, "dispute_id", order=("-active", "assigned_at", "id"), related=("user",)
    ),
    "agreements": lambda info: children(info, Agreement, "dispute_id", order=("signed_at", "id")),
    "escalations": lambda info: children(info, Escalation, "dispute_id", order=("escalated_at", "id")),
    "criminal_links": lambda info: children(info, CriminalCaseLink, "dispute_id", order=("linked_at", "id")),
    "history": lambda info: children(info, DisputeTransition, "dispute_id", order=("at", "id")),
    "centre_members": lambda info: children(info, CentreMember, "centre_id"),
    "findings": lambda info: children(info, CanvassFinding, "campaign_id", order=("found_at", "id")),
    "campaign_areas": lambda info: children(info, CanvassArea, "campaign_id", related=("area",)),
    "judicial": lambda info: children(info, JudicialConfirmation, "dispute_id", order=("created_at", "id")),
}


def load(info: Info, name: str) -> Any:
    return LOADERS[name](info)
