"""Tips (群众线索, 掌上警务): residents and anonymous senders submit; officers triage.

The sender keeps a tracking code; only its keyed hash is stored, and the code shows the
tip's status and nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import secrets

from core import (
    Actor,
    Area,
    Station,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    get_scoped,
    keyed_hash,
    occurrence,
    record_audit,
    remember,
    require_plugin,
    snapshot,
    validate_mobile,
)

from ..models import Dispute, DisputeSource, Tip, TipStatus
from .common import PLUGIN, ensure_enabled, get_dispute, now, optional_text, prefixed, required_text
from .disputes import DisputeData, report_dispute

MAX_TIP = 2000
# No 0/O or 1/I/L: the code is read out and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4
HASH_KIND = "mediation_tip_code"


class TriageAction(enum.Enum):
    DISMISS = "DISMISS"
    MERGE = "MERGE"
    CONVERT = "CONVERT"


def new_tracking_code() -> str:
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def _code_hash(code: str) -> str:
    normalised = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return keyed_hash(HASH_KIND, normalised)


async def _tip_station(actor: Actor, station_id: int | None):
    station_id = station_id if station_id is not None else actor.station_id
    if station_id is None:
        raise UserInputError("Choose the station the tip is for.", field="stationId", code=UserErrorCode.REQUIRED)
    station = await Station.get_or_none(id=station_id).only("id", "enabled_plugins")
    if station is None:
        raise UserInputError("Station not found.", field="stationId", code=UserErrorCode.NOT_FOUND)
    await require_plugin(station.id, PLUGIN)
    return station


async def submit_tip(
    actor: Actor,
    *,
    content: str,
    station_id: int | None = None,
    area_id: int | None = None,
    contact_phone: str | None = None,
    anonymous: bool = True,
) -> tuple[Tip, str]:
    """Store a tip and return it with the sender's tracking code (shown once)."""
    text = required_text(content, "content", "The tip", max_length=MAX_TIP)
    station = await _tip_station(actor, station_id)
    area = None
    if area_id is not None:
        # The sender may be anonymous: the area is checked against the chosen station.
        area = await Area.get_or_none(id=area_id, station_id=station.id)
        if area is None:
            raise UserInputError("Area not found.", field="areaId", code=UserErrorCode.NOT_FOUND)
    phone = validate_mobile(contact_phone, field="contactPhone") if optional_text(contact_phone) else None
    anonymous = anonymous or not actor.is_authenticated
    code = new_tracking_code()
    moment = now()
    tip = await Tip.create(
        station_id=station.id,
        content=text,
        area=area,
        contact_phone=phone,
        submitted_by_id=None if anonymous else actor.user_id,
        anonymous=anonymous,
        tracking_code_hash=_code_hash(code),
        status=TipStatus.RECEIVED,
        submitted_at=moment,
        updated_at=moment,
    )
    await record_audit("mediation.tip.submit", obj=tip, after=snapshot(tip, ["status", "anonymous", "area_id"]))
    return tip, code


async def tip_by_tracking_code(code: str) -> Tip | None:
    """The tip a sender's code names (any station: the sender is usually not logged in)."""
    if not (code or "").strip():
        return None
    return await Tip.get_or_none(tracking_code_hash=_code_hash(code))


async def triage_tip(
    actor: Actor,
    tip_id: int | None,
    action: TriageAction,
    *,
    note: str | None = None,
    merge_into_tip_id: int | None = None,
    merge_into_dispute_id: int | None = None,
    dispute: DisputeData | None = None,
    at: dt.datetime | None = None,
) -> Tip:
    """Dismiss (with a note), merge into another tip or a known dispute, or convert into a dispute;
    ``at`` when the triage happened earlier than it is entered (补录)."""
    tip = await get_scoped(actor, Tip, tip_id, field="tipId", label="Tip")
    await ensure_enabled(actor, tip.station_id)
    if tip.status is not TipStatus.RECEIVED:
        raise UserInputError(
            f"The tip was already triaged ({tip.status.value}).", field="tipId", code=UserErrorCode.INVALID_TRANSITION
        )
    when = occurrence(at, after=tip.submitted_at, after_label="the tip's arrival", label="The triage")
    before = snapshot(tip)
    if action is TriageAction.DISMISS:
        tip.triage_note = required_text(note, "note", "A note", max_length=MAX_TIP)
        tip.status = TipStatus.DISMISSED
    elif action is TriageAction.MERGE:
        await _merge(actor, tip, merge_into_tip_id, merge_into_dispute_id)
        tip.triage_note = optional_text(note)
    else:
        tip.dispute = await _convert(actor, tip, dispute)
        tip.triage_note = optional_text(note)
        tip.status = TipStatus.CONVERTED
    tip.triaged_at, tip.updated_at = when.at, when.recorded_at
    tip.triaged_by_id = actor.user_id
    tip.recorded_steps = remember(tip.recorded_steps, "triage", when)
    await tip.save()
    await record_audit(f"mediation.tip.{action.value.lower()}", obj=tip, before=before, after=snapshot(tip))
    await audit_backdating(when, obj=tip, step="triage")
    return tip


async def _merge(actor: Actor, tip: Tip, into_tip_id: int | None, into_dispute_id: int | None) -> None:
    if (into_tip_id is None) == (into_dispute_id is None):
        raise UserInputError(
            "Give exactly one of mergeIntoTipId and mergeIntoDisputeId.",
            field="mergeIntoTipId",
            code=UserErrorCode.REQUIRED,
        )
    if into_tip_id is not None:
        target = await get_scoped(actor, Tip, into_tip_id, field="mergeIntoTipId", label="Tip")
        if target.id == tip.id or target.station_id != tip.station_id:
            raise UserInputError("A tip cannot be merged into itself.", field="mergeIntoTipId")
        tip.merged_into = target
    else:
        target_dispute = await get_dispute(actor, into_dispute_id, field="mergeIntoDisputeId")
        if target_dispute.station_id != tip.station_id:
            raise UserInputError("Dispute not found.", field="mergeIntoDisputeId", code=UserErrorCode.NOT_FOUND)
        tip.dispute = target_dispute
    tip.status = TipStatus.MERGED


async def _convert(actor: Actor, tip: Tip, data: DisputeData | None) -> Dispute:
    if data is None:
        raise UserInputError("Describe the dispute to create.", field="dispute", code=UserErrorCode.REQUIRED)
    try:
        created = await report_dispute(actor, dataclasses.replace(data, source=DisputeSource.TIP))
    except UserInputError as error:
        raise prefixed(error, "dispute") from None
    if created.station_id != tip.station_id:
        raise UserInputError("The area belongs to another station.", field="dispute.areaId")
    return created
