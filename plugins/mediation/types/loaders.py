"""The nested lists of mediation's types, each one batched query per request (``core.children_of``)."""

from collections.abc import Callable
from typing import Any

from strawberry.types import Info

from core import children_of, rows_by

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
)


def centre(info: Info) -> Any:
    return rows_by(info, MediationCentre)


LOADERS: dict[str, Callable[[Info], Any]] = {
    # Parties with their persons in one statement; minors leave with their person (core.scoped).
    "parties": lambda info: children_of(info, DisputeParty, "dispute_id", related=("person",)),
    "sessions": lambda info: children_of(info, MediationSession, "dispute_id", order=("held_at", "id")),
    "mediators": lambda info: children_of(
        info, MediatorAssignment, "dispute_id", order=("-active", "assigned_at", "id"), related=("user",)
    ),
    "agreements": lambda info: children_of(info, Agreement, "dispute_id", order=("signed_at", "id")),
    "escalations": lambda info: children_of(info, Escalation, "dispute_id", order=("escalated_at", "id")),
    "criminal_links": lambda info: children_of(info, CriminalCaseLink, "dispute_id", order=("linked_at", "id")),
    "history": lambda info: children_of(info, DisputeTransition, "dispute_id", order=("at", "id")),
    "centre_members": lambda info: children_of(info, CentreMember, "centre_id"),
    "findings": lambda info: children_of(info, CanvassFinding, "campaign_id", order=("found_at", "id")),
    "campaign_areas": lambda info: children_of(info, CanvassArea, "campaign_id", related=("area",)),
    "judicial": lambda info: children_of(info, JudicialConfirmation, "dispute_id", order=("created_at", "id")),
}


def load(info: Info, name: str) -> Any:
    return LOADERS[name](info)
