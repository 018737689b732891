"""民转刑: linking disputes to criminal cases, by hand or when the core announces a case."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from core import (
    Actor,
    Event,
    Occurrence,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    occurrence,
    remember,
    scoped,
    snapshot,
)

from ..models import CriminalCaseLink, CriminalLinkSource, Dispute, DisputeStatus, RiskLevel
from .common import READ_ALL, load_for, now, optional_text, record_step, required_text
from .riskstate import refresh_risk

log = logging.getLogger("fengqiao.mediation")

CASE_OPENED = "patrol.criminal_case.opened"
LINK_STEP = "link_criminal_case"


async def _link(
    actor: Actor,
    dispute: Dispute,
    case_number: str,
    *,
    source: CriminalLinkSource,
    incident_id: int | None = None,
    note: str | None = None,
    when: Occurrence | None = None,
) -> CriminalCaseLink:
    before = snapshot(dispute)
    linked_at = when.at if when is not None else now()
    link = await CriminalCaseLink.create(
        station_id=dispute.station_id,
        dispute=dispute,
        case_number=case_number,
        incident_id=incident_id,
        source=source,
        note=note,
        linked_at=linked_at,
        linked_by_id=actor.user_id,
    )
    dispute.criminal_linked = True
    if when is not None:
        dispute.recorded_steps = remember(dispute.recorded_steps, LINK_STEP, when)
    await refresh_risk(dispute, RiskLevel(before["risk_level"]))
    note_text = f"{source.value}: {case_number}"
    await record_step(actor, dispute, LINK_STEP, before, dispute.status, note_text, at=linked_at)
    if when is not None:
        await audit_backdating(when, obj=dispute, step=LINK_STEP)
    return link


async def link_criminal_case(
    actor: Actor,
    dispute_id: int | None,
    case_number: str,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> CriminalCaseLink:
    """Link by hand; ``at`` when the link was made earlier than it is entered (补录). Its time
    decides the period the dispute counts as 民转刑 in."""
    number = required_text(case_number, "caseNumber", "The case number", max_length=64)
    dispute = await load_for(actor, dispute_id, LINK_STEP)
    if await CriminalCaseLink.filter(dispute_id=dispute.id, case_number=number).exists():
        raise UserInputError("This case is already linked.", field="caseNumber", code=UserErrorCode.CONFLICT)
    when = occurrence(at, after=dispute.reported_at, after_label="the dispute's report", label="The link")
    return await _link(actor, dispute, number, source=CriminalLinkSource.MANUAL, note=optional_text(note), when=when)


def _station_reader(station_id: int) -> Actor:
    """Who the automatic link acts as: a reader of one station, so ``scoped`` applies."""
    return Actor(
        username="mediation.criminal_link",
        station_id=station_id,
        permissions=frozenset({READ_ALL, "core.personal.view_minors"}),
    )


async def link_from_case_event(event: Event) -> list[CriminalCaseLink]:
    """Link every open (not CLOSED) dispute of the event's station that has a party whose ID
    number hash is named by the case. Runs in the caller's transaction."""
    payload = event.payload or {}
    case_number = str(payload.get("case_number") or "").strip()
    hashes: Sequence[str] = [h for h in payload.get("person_hashes") or [] if isinstance(h, str)]
    if event.station_id is None or not case_number or not hashes:
        log.warning("ignoring %s without station, case number or person hashes", event.name)
        return []
    actor = _station_reader(event.station_id)
    disputes = await (
        scoped(actor, Dispute)
        .exclude(status=DisputeStatus.CLOSED)
        .filter(parties__person__id_number_hash__in=list(hashes))
        .distinct()
        .order_by("id")
    )
    already = set(
        await CriminalCaseLink.filter(
            dispute_id__in=[d.id for d in disputes], case_number=case_number[:64]
        ).values_list("dispute_id", flat=True)
    )
    incident_id = payload.get("incident_id")
    opened_at = _moment(payload.get("opened_at"))
    links = []
    for dispute in (d for d in disputes if d.id not in already):
        links.append(
            await _link(
                actor,
                dispute,
                case_number[:64],
                source=CriminalLinkSource.AUTOMATIC,
                incident_id=incident_id if isinstance(incident_id, int) else None,
                when=_when_opened(opened_at, dispute),
            )
        )
    return links


def _moment(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _when_opened(opened_at: dt.datetime | None, dispute: Dispute) -> Occurrence | None:
    """The case's opening as the link's time (a case entered after the fact, 补录, converts the
    dispute in the period it was opened), but never before the dispute was reported. An event
    without a usable time, or one the back-dating rule refuses, links now: an announcement is
    never refused."""
    if opened_at is None:
        return None
    try:
        return occurrence(max(opened_at, dispute.reported_at), after=dispute.reported_at)
    except UserInputError:
        return None
