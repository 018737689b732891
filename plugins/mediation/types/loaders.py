"""The nested lists of mediation's types, each one batched query per request (``core.children_of``)."""

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


# Each nested list: its model, parent column, order and joined to-one rows. Shared by the
# ``children_field``s of the types and by ``load``, so both reach one loader per request.
CHILDREN: dict[str, dict[str, Any]] = {
    # Parties with their persons in one statement; minors leave with their person (core.scoped).
    "parties": {"model": DisputeParty, "parent": "dispute_id", "related": ("person",)},
    "sessions": {"model": MediationSession, "parent": "dispute_id", "order": ("held_at", "id")},
    "mediators": {
        "model": MediatorAssignment,
        "parent": "dispute_id",
        "order": ("-active", "assigned_at", "id"),
        "related": ("user",),
    },
    "agreements": {"model": Agreement, "parent": "dispute_id", "order": ("signed_at", "id")},
    "escalations": {"model": Escalation, "parent": "dispute_id", "order": ("escalated_at", "id")},
    "criminal_links": {"model": CriminalCaseLink, "parent": "dispute_id", "order": ("linked_at", "id")},
    "history": {"model": DisputeTransition, "parent": "dispute_id", "order": ("at", "id")},
    "centre_members": {"model": CentreMember, "parent": "centre_id"},
    "findings": {"model": CanvassFinding, "parent": "campaign_id", "order": ("found_at", "id")},
    "campaign_areas": {"model": CanvassArea, "parent": "campaign_id", "related": ("area",)},
    "judicial": {"model": JudicialConfirmation, "parent": "dispute_id", "order": ("created_at", "id")},
}


def load(info: Info, name: str) -> Any:
    return children_of(info, **CHILDREN[name])
