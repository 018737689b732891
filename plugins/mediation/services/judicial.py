"""司法确认: handing a mediated agreement to a court for judicial confirmation, and its decision.

Under the People's Mediation Law (人民调解法, art. 33) the parties may apply jointly within 30
days of the agreement taking effect. One call builds the package the court needs, stores it as
an attachment of the dispute (hash in the audit chain), and records the hand-off on the
dispute's timeline; the court's later decision (confirmed, or rejected with a reason) is
recorded the same way and confirmed agreements are counted in the statistics.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tortoise.expressions import Q

from core import (
    Actor,
    AttachmentKind,
    Station,
    UserErrorCode,
    UserInputError,
    current_app,
    record_audit,
    snapshot,
    store_attachment,
)

from ..models import DisputeStatus, JudicialConfirmation, JudicialStatus
from . import labels
from .common import ensure_enabled, get_dispute, now, record_step, required_text, today
from .judicial_package import build_package
from .pdf import Block, render
from .printing import dispute_number, latest_agreement, party_details, render_agreement_pdf

APPLY_WITHIN_DAYS = 30
PACKAGE = "mediation.judicial_package"
CONCLUDED = frozenset({DisputeStatus.RESOLVED, DisputeStatus.CLOSED})


async def apply_for_confirmation(
    actor: Actor, dispute_id: int | None, *, court: str, reference_number: str, submitted_on: dt.date
) -> JudicialConfirmation:
    """Build the application package, store it on the dispute and record the hand-off."""
    court = required_text(court, "court", "The court", max_length=100)
    reference_number = required_text(reference_number, "referenceNumber", "The reference number", max_length=64)
    dispute = await get_dispute(actor, dispute_id)
    await ensure_enabled(actor, dispute.station_id)
    if dispute.status not in CONCLUDED:
        raise UserInputError(
            f"Only a resolved dispute with an agreement can go to judicial confirmation; it is {dispute.status.value}.",
            field="disputeId",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    agreement = await latest_agreement(dispute)
    _check_date(submitted_on, current_app().clock.local(agreement.signed_at).date())
    if await JudicialConfirmation.filter(
        dispute_id=dispute.id,
        agreement_id=agreement.id,
        status__in=[JudicialStatus.SUBMITTED, JudicialStatus.CONFIRMED],
    ).exists():
        raise UserInputError(
            "This agreement is already with a court or confirmed.", field="disputeId", code=UserErrorCode.CONFLICT
        )
    confirmation = await JudicialConfirmation.create(
        station_id=dispute.station_id,
        dispute=dispute,
        agreement=agreement,
        court=court,
        reference_number=reference_number,
        submitted_on=submitted_on,
        submitted_by_id=actor.user_id,
        status=JudicialStatus.SUBMITTED,
        created_at=now(),
    )
    package = await _store_package(actor, dispute, agreement, confirmation)
    confirmation.package_attachment_id = package.id
    await confirmation.save(update_fields=["package_attachment_id"])
    await record_audit("mediation.judicial.apply", obj=confirmation, after=snapshot(confirmation))
    await record_step(actor, dispute, "judicial_apply", None, dispute.status, f"{court}（{reference_number}）")
    return confirmation


def _check_date(submitted_on: dt.date, signed_on: dt.date) -> None:
    if submitted_on > today():
        raise UserInputError("The hand-off date is in the future.", field="submittedOn")
    if submitted_on < signed_on:
        raise UserInputError("The hand-off date is before the agreement was signed.", field="submittedOn")
    if (submitted_on - signed_on).days > APPLY_WITHIN_DAYS:
        raise UserInputError(
            f"Judicial confirmation must be applied for within {APPLY_WITHIN_DAYS} days of the agreement "
            "(人民调解法第三十三条).",
            field="submittedOn",
        )


async def _store_package(actor: Actor, dispute, agreement, confirmation: JudicialConfirmation) -> Any:
    from core.attachments.models import Attachment

    parties = await party_details(dispute.id)
    # Uploaded evidence and printed documents, not earlier packages (a NULL purpose is evidence).
    evidence_rows = await (
        Attachment.filter(owner_type="Dispute", owner_id=dispute.id, purged_at__isnull=True)
        .filter(Q(purpose__isnull=True) | ~Q(purpose=PACKAGE))
        .order_by("uploaded_at", "id")
    )
    evidence = [
        {
            "file": f"attachment-{row.id}.{row.filename.rsplit('.', 1)[-1]}",
            "kind": row.kind.value,
            "media_type": row.media_type,
            "description": row.description,
            "sha256": row.sha256,
            "size": row.size,
            "uploaded_at": row.uploaded_at.isoformat(),
            "uploaded_by_user_id": row.uploaded_by_id,
            "metadata_stripped": row.metadata_stripped,
        }
        for row in evidence_rows
    ]
    station = await Station.get(id=dispute.station_id).only("id", "name")
    created = now()
    header = {
        "dispute_number": dispute_number(dispute),
        "station": station.name,
        "court": confirmation.court,
        "reference_number": confirmation.reference_number,
        "submitted_on": confirmation.submitted_on.isoformat(),
        "agreement_signed_at": agreement.signed_at.isoformat(),
    }
    data, _ = build_package(
        application_pdf=await _application_form(dispute, agreement, confirmation, parties, station.name, len(evidence)),
        agreement_pdf=await render_agreement_pdf(dispute, agreement),
        parties=parties,
        evidence=evidence,
        header=header,
        created=created,
    )
    return await store_attachment(
        dispute,
        "Dispute",
        data,
        f"司法确认申请-{dispute_number(dispute)}.zip",
        actor=actor,
        purpose=PACKAGE,
        description=f"司法确认申请材料 {confirmation.court} {confirmation.reference_number}",
        kinds=(AttachmentKind.ARCHIVE,),
    )


async def _application_form(dispute, agreement, confirmation, parties, station_name: str, evidence_count: int) -> bytes:
    clock = current_app().clock
    signed = clock.local(agreement.signed_at)
    blocks = [
        Block("申请人", heading=True),
        *(
            Block(
                f"{p.name}（原{p.role}），{p.sex}，{p.birth}出生\n　　公民身份号码：{p.id_number}"
                + (f"　联系电话：{p.phone}" if p.phone else "")
            )
            for p in parties
        ),
        Block("请求事项", heading=True),
        Block(f"请求确认申请人于{signed:%Y年%m月%d日}经{station_name}调解组织主持达成的人民调解协议有效。"),
        Block("事实与理由", heading=True),
        Block(
            f"申请人之间因{labels.chinese(labels.CATEGORY, dispute.category)}"
            f"（纠纷编号{dispute_number(dispute)}），"
            f"经{labels.chinese(labels.LEVEL, dispute.resolved_level or dispute.level)}调解，于{signed:%Y年%m月%d日}"
            "自愿达成调解协议。协议内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。"
            "申请人依照《中华人民共和国人民调解法》第三十三条，共同申请司法确认。"
        ),
        Block(f"附：1. 人民调解协议书一份；2. 申请人身份信息；3. 证据清单（{evidence_count} 项，附 SHA-256 校验值）。"),
        Block(f"此致\n{confirmation.court}"),
        Block(f"申请日期：{confirmation.submitted_on:%Y年%m月%d日}　　受理编号：{confirmation.reference_number}"),
    ]
    return render(
        "司法确认申请书",
        blocks,
        signatures=[f"申请人 {p.name}" for p in parties],
        seal=station_name,
        footer_note=f"纠纷编号 {dispute_number(dispute)}",
        created=clock.now(),
    )


async def record_decision(
    actor: Actor, confirmation_id: int | None, *, confirmed: bool, decided_on: dt.date, reason: str | None
) -> JudicialConfirmation:
    """The court's decision: CONFIRMED, or REJECTED with its reason."""
    confirmation = await _get(actor, confirmation_id)
    dispute = await get_dispute(actor, confirmation.dispute_id, field="confirmationId")
    await ensure_enabled(actor, dispute.station_id)
    if confirmation.status is not JudicialStatus.SUBMITTED:
        raise UserInputError(
            f"The court's decision is already recorded ({confirmation.status.value}).",
            field="confirmationId",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    text = (reason or "").strip() or None
    if not confirmed and text is None:
        raise UserInputError("Give the court's reason for rejecting.", field="reason", code=UserErrorCode.REQUIRED)
    if text and len(text) > 5000:
        raise UserInputError("The reason must not exceed 5000 characters.", field="reason")
    if decided_on < confirmation.submitted_on or decided_on > today():
        raise UserInputError("The decision date must lie between the hand-off and today.", field="decidedOn")
    before = snapshot(confirmation)
    confirmation.status = JudicialStatus.CONFIRMED if confirmed else JudicialStatus.REJECTED
    confirmation.decided_on, confirmation.decision_reason, confirmation.decided_by_id = decided_on, text, actor.user_id
    await confirmation.save()
    await record_audit("mediation.judicial.decide", obj=confirmation, before=before, after=snapshot(confirmation))
    action = "judicial_confirmed" if confirmed else "judicial_rejected"
    note = f"{confirmation.court}（{confirmation.reference_number}）" + (f"：{text}" if text else "")
    await record_step(actor, dispute, action, None, dispute.status, note)
    return confirmation


async def _get(actor: Actor, confirmation_id: int | None) -> JudicialConfirmation:
    from core import scoped

    row = await scoped(actor, JudicialConfirmation).get_or_none(id=confirmation_id) if confirmation_id else None
    if row is None:
        raise UserInputError("Judicial confirmation not found.", field="confirmationId", code=UserErrorCode.NOT_FOUND)
    return row
