"""Shared rules of the mediation services: visibility, state checks, lookups, stamps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.expressions import Q, Subquery

from core import (
    Actor,
    Area,
    UserErrorCode,
    UserInputError,
    current_app,
    get_scoped,
    record_audit,
    require_plugin,
    scoped,
    snapshot,
)

from ..models import Dispute, DisputeStatus, DisputeTransition, MediatorAssignment

PLUGIN = "mediation"
READ_ALL = "mediation.dispute.read_all"
S = DisputeStatus
OPEN_STATUSES = frozenset(set(DisputeStatus) - {S.RESOLVED, S.CLOSED})
ANY_BUT_CLOSED = frozenset(set(DisputeStatus) - {S.CLOSED})

# action -> (statuses it may start from, status it leads to; None keeps the status).
TRANSITIONS: dict[str, tuple[frozenset[DisputeStatus], DisputeStatus | None]] = {
    "assess": (frozenset({S.REPORTED, S.ASSESSED}), S.ASSESSED),
    "assign_mediators": (frozenset({S.ASSESSED, S.ESCALATED, S.IN_MEDIATION}), S.IN_MEDIATION),
    "record_session": (frozenset({S.IN_MEDIATION}), None),
    "resolve": (frozenset({S.IN_MEDIATION}), S.RESOLVED),
    "fail": (frozenset({S.IN_MEDIATION}), S.FAILED),
    "escalate": (frozenset({S.ASSESSED, S.IN_MEDIATION, S.FAILED}), S.ESCALATED),
    "close": (frozenset({S.RESOLVED, S.FAILED}), S.CLOSED),
    "reopen": (frozenset({S.CLOSED}), S.REPORTED),
    "override_risk": (ANY_BUT_CLOSED, None),
    "link_criminal_case": (frozenset(DisputeStatus), None),
}


def now() -> dt.datetime:
    return current_app().clock.now()


def today() -> dt.date:
    return current_app().clock.today()


def visible_disputes(actor: Actor):
    """Disputes the actor may reach: the station's (tenant-scoped) for holders of
    ``mediation.dispute.read_all``; otherwise those the actor reported or mediates."""
    queryset = scoped(actor, Dispute)
    if actor.has(READ_ALL):
        return queryset
    if actor.user_id is None:
        return queryset.none()
    mediated = MediatorAssignment.filter(user_id=actor.user_id).values("dispute_id")
    return queryset.filter(Q(id__in=Subquery(mediated)) | Q(reported_by_id=actor.user_id))


async def get_dispute(actor: Actor, dispute_id: int | None, *, field: str = "disputeId") -> Dispute:
    row = await visible_disputes(actor).get_or_none(id=dispute_id) if dispute_id is not None else None
    if row is None:
        raise UserInputError("Dispute not found.", field=field, code=UserErrorCode.NOT_FOUND)
    return row


def check_transition(dispute: Dispute, action: str) -> DisputeStatus:
    """The status ``action`` leads to, or ``INVALID_TRANSITION`` from the current one."""
    allowed, target = TRANSITIONS[action]
    if dispute.status not in allowed:
        names = ", ".join(sorted(status.value for status in allowed))
        raise UserInputError(
            f"Cannot {action.replace('_', ' ')} a dispute that is {dispute.status.value}; allowed from: {names}.",
            field="disputeId",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    return target or dispute.status


async def load_for(actor: Actor, dispute_id: int | None, action: str) -> Dispute:
    dispute = await get_dispute(actor, dispute_id)
    check_transition(dispute, action)
    await ensure_enabled(actor, dispute.station_id)
    return dispute


async def ensure_enabled(actor: Actor, station_id: int) -> None:
    """A deployment-wide actor writing into a station needs the plugin enabled there; station
    users were checked by the core already."""
    if actor.station_id is None:
        await require_plugin(station_id, PLUGIN)


async def get_area(actor: Actor, area_id: int | None, *, field: str, station_id: int | None = None) -> Any:
    area = await get_scoped(actor, Area, area_id, field=field, label="Area")
    if station_id is not None and area.station_id != station_id:
        raise UserInputError("Area not found.", field=field, code=UserErrorCode.NOT_FOUND)
    return area


def required_text(value: str | None, field: str, label: str, *, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise UserInputError(f"{label} is required.", field=field, code=UserErrorCode.REQUIRED)
    if max_length is not None and len(text) > max_length:
        raise UserInputError(f"{label} must not exceed {max_length} characters.", field=field)
    return text


def optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


async def record_step(
    actor: Actor,
    dispute: Dispute,
    action: str,
    before: dict[str, Any] | None,
    previous_status: DisputeStatus | None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """The timeline row (dated when the step happened) and the audit event of one step."""
    await DisputeTransition.create(
        station_id=dispute.station_id,
        dispute=dispute,
        action=action,
        from_status=previous_status,
        to_status=dispute.status,
        at=at or now(),
        by_id=actor.user_id,
        note=note,
    )
    await record_audit(f"mediation.dispute.{action}", obj=dispute, before=before, after=snapshot(dispute))


def prefixed(error: UserInputError, prefix: str) -> UserInputError:
    """The same problems with every field placed under ``prefix`` (a nested input)."""
    problems = [
        UserInputError(p.message, field=f"{prefix}.{p.field}" if p.field else prefix, code=p.code)
        for p in error.problems
    ]
    return UserInputError.many(problems)
