"""The dispute lifecycle: REPORTED → ASSESSED → IN_MEDIATION → RESOLVED | FAILED → ESCALATED →
… → CLOSED, and reopening. Each step checks the current status (``INVALID_TRANSITION``),
stamps who and when, re-evaluates the risk rules, writes a timeline row and an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from core import Actor, Occurrence, UserErrorCode, UserInputError, audit_backdating, occurrence, remember, snapshot

from ..models import (
    Dispute,
    DisputeStatus,
    Escalation,
    MediationLevel,
    MediationSession,
    MediatorAssignment,
    RiskFactor,
    RiskLevel,
)
from .agreements import create_agreement
from .common import check_transition, load_for, now, optional_text, record_step, required_text
from .riskstate import refresh_risk

MAX_NOTE = 5000


async def _finish(
    actor: Actor,
    dispute: Dispute,
    action: str,
    before: dict,
    note: str | None = None,
    when: Occurrence | None = None,
) -> Dispute:
    previous_status = DisputeStatus(before["status"])
    if when is not None:
        dispute.recorded_steps = remember(dispute.recorded_steps, action, when)
    await refresh_risk(dispute, RiskLevel(before["risk_level"]))
    await record_step(actor, dispute, action, before, previous_status, note, at=when.at if when else None)
    if when is not None:
        await audit_backdating(when, obj=dispute, step=action)
    return dispute


def _last_step(dispute: Dispute) -> dt.datetime:
    """When the dispute's latest step so far happened: a new step cannot be dated before it."""
    moments = (
        dispute.reported_at,
        dispute.assessed_at,
        dispute.level_started_at,
        dispute.intervened_at,
        dispute.resolved_at,
        dispute.failed_at,
        dispute.closed_at,
        dispute.reopened_at,
    )
    return max(moment for moment in moments if moment is not None)


def _when(dispute: Dispute, at: dt.datetime | None, label: str) -> Occurrence:
    return occurrence(at, after=_last_step(dispute), after_label="the dispute's previous step", label=label)


async def assess_dispute(
    actor: Actor,
    dispute_id: int | None,
    *,
    risk_factors: Sequence[RiskFactor] | None = None,
    level: MediationLevel | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> Dispute:
    """研判: confirm or correct the risk factors (and the starting level) of a reported dispute."""
    dispute = await load_for(actor, dispute_id, "assess")
    when = _when(dispute, at, "The assessment")
    before = snapshot(dispute)
    dispute.status = check_transition(dispute, "assess")
    if risk_factors is not None:
        dispute.risk_factors = sorted({factor.value for factor in risk_factors})
    if level is not None and level is not dispute.level:
        dispute.level = level
        dispute.level_started_at = when.at
    dispute.assessed_at, dispute.assessed_by_id = when.at, actor.user_id
    return await _finish(actor, dispute, "assess", before, optional_text(note), when)


async def override_risk_level(actor: Actor, dispute_id: int | None, level: RiskLevel | None, reason: str) -> Dispute:
    """Set the level by hand with a mandatory reason; ``None`` returns to the computed level."""
    reason = required_text(reason, "reason", "A reason", max_length=MAX_NOTE)
    dispute = await load_for(actor, dispute_id, "override_risk")
    before = snapshot(dispute)
    dispute.risk_override = level
    dispute.risk_override_reason = reason if level is not None else None
    dispute.risk_override_by_id = actor.user_id if level is not None else None
    return await _finish(actor, dispute, "override_risk", before, reason)


async def record_session(
    actor: Actor,
    dispute_id: int | None,
    *,
    held_at: dt.datetime,
    place: str,
    attendees: Sequence[str],
    notes: str,
) -> MediationSession:
    """A mediation session (time, place, attendees, notes); the first at a level is its intervention."""
    problems: list[UserInputError] = []
    for check in (
        lambda: required_text(place, "place", "Place", max_length=200),
        lambda: required_text(notes, "notes", "Notes", max_length=MAX_NOTE),
    ):
        try:
            check()
        except UserInputError as error:
            problems.append(error)
    people = [name.strip() for name in attendees if name and name.strip()]
    if not people:
        problems.append(UserInputError("Name at least one attendee.", field="attendees", code=UserErrorCode.REQUIRED))
    if problems:
        raise UserInputError.many(problems)
    dispute = await load_for(actor, dispute_id, "record_session")
    when = _check_moment(held_at, dispute, "heldAt")
    before = snapshot(dispute)
    session = await MediationSession.create(
        station_id=dispute.station_id,
        dispute=dispute,
        held_at=held_at,
        place=place.strip(),
        attendees=people,
        notes=notes.strip(),
        level=dispute.level,
        recorded_by_id=actor.user_id,
    )
    if dispute.intervened_at is None or held_at < dispute.intervened_at:
        dispute.intervened_at = held_at
    await _finish(actor, dispute, "record_session", before, when=when)
    return session


def _check_moment(moment: dt.datetime, dispute: Dispute, field: str) -> Occurrence:
    if moment.tzinfo is None:
        raise UserInputError("Give the time with its offset (e.g. +08:00).", field=field)
    return occurrence(
        moment, after=dispute.level_started_at, after_label="the dispute reached its current level", field=field,
        label="This time",
    )  # fmt: skip


async def resolve_dispute(
    actor: Actor, dispute_id: int | None, terms: Sequence[str], signed_at: dt.datetime | None = None
) -> Dispute:
    """调解成功: record the agreement; the dispute counts as resolved at its current level."""
    clauses = [term.strip() for term in terms if term and term.strip()]
    if not clauses:
        raise UserInputError("Give the agreed terms.", field="terms", code=UserErrorCode.REQUIRED)
    dispute = await load_for(actor, dispute_id, "resolve")
    when = _check_moment(signed_at or now(), dispute, "signedAt")
    signed = when.at
    before = snapshot(dispute)
    dispute.status = check_transition(dispute, "resolve")
    dispute.resolved_at = dispute.concluded_at = signed
    dispute.resolved_by_id, dispute.resolved_level = actor.user_id, dispute.level
    if dispute.intervened_at is None or signed < dispute.intervened_at:
        dispute.intervened_at = signed
    await create_agreement(actor, dispute, clauses, signed)
    return await _finish(actor, dispute, "resolve", before, when=when)


async def fail_mediation(actor: Actor, dispute_id: int | None, reason: str, at: dt.datetime | None = None) -> Dispute:
    """调解不成 at the current level; next: escalate, or close without agreement."""
    reason = required_text(reason, "reason", "A reason", max_length=MAX_NOTE)
    dispute = await load_for(actor, dispute_id, "fail")
    when = _when(dispute, at, "The failure")
    before = snapshot(dispute)
    dispute.status = check_transition(dispute, "fail")
    dispute.failed_at, dispute.failure_reason = when.at, reason
    return await _finish(actor, dispute, "fail", before, reason, when)


async def _retire_team(dispute: Dispute) -> None:
    await MediatorAssignment.filter(dispute_id=dispute.id, active=True).update(active=False)


async def escalate_dispute(
    actor: Actor, dispute_id: int | None, handover_note: str, at: dt.datetime | None = None
) -> Escalation:
    """三级联调: move up one level (VILLAGE → TOWN → COUNTY) with a handover note; the new level
    gets its own team and its own intervention deadline."""
    note = required_text(handover_note, "handoverNote", "A handover note", max_length=MAX_NOTE)
    dispute = await load_for(actor, dispute_id, "escalate")
    target = dispute.level.above()
    if target is None:
        raise UserInputError(
            "The dispute is already at county level; there is no level above.",
            field="disputeId",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    when = _when(dispute, at, "The escalation")
    before = snapshot(dispute)
    moment = when.at
    escalation = await Escalation.create(
        station_id=dispute.station_id,
        dispute=dispute,
        from_level=dispute.level,
        to_level=target,
        handover_note=note,
        escalated_at=moment,
        escalated_by_id=actor.user_id,
    )
    await _retire_team(dispute)
    dispute.status = check_transition(dispute, "escalate")
    dispute.level, dispute.level_started_at, dispute.intervened_at = target, moment, None
    await _finish(actor, dispute, "escalate", before, note, when)
    return escalation


async def close_dispute(
    actor: Actor, dispute_id: int | None, note: str | None = None, at: dt.datetime | None = None
) -> Dispute:
    """结案: a resolved dispute after follow-up, or a failed one without agreement (e.g. sent to court)."""
    dispute = await load_for(actor, dispute_id, "close")
    when = _when(dispute, at, "The closing")
    before = snapshot(dispute)
    moment = when.at
    if dispute.status is DisputeStatus.FAILED:
        dispute.concluded_at = moment
    dispute.status = check_transition(dispute, "close")
    dispute.closed_at, dispute.closed_by_id = moment, actor.user_id
    dispute.close_note = optional_text(note)
    return await _finish(actor, dispute, "close", before, dispute.close_note, when)


async def reopen_dispute(actor: Actor, dispute_id: int | None, reason: str, at: dt.datetime | None = None) -> Dispute:
    """The dispute recurs: back to REPORTED at its level, counted unresolved until resolved again."""
    reason = required_text(reason, "reason", "A reason", max_length=MAX_NOTE)
    dispute = await load_for(actor, dispute_id, "reopen")
    when = _when(dispute, at, "The reopening")
    before = snapshot(dispute)
    moment = when.at
    await _retire_team(dispute)
    dispute.status = check_transition(dispute, "reopen")
    dispute.reopened_count += 1
    dispute.reopened_at = dispute.level_started_at = moment
    dispute.intervened_at = dispute.resolved_at = dispute.resolved_by_id = dispute.resolved_level = None
    dispute.concluded_at = dispute.closed_at = dispute.closed_by_id = dispute.close_note = None
    dispute.failed_at = dispute.failure_reason = None
    return await _finish(actor, dispute, "reopen", before, reason, when)
