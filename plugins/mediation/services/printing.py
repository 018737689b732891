"""Printing the mediation agreement (调解协议书) as a PDF stored on the dispute.

The printed agreement carries the parties' full details, so printing is a full view of
personal data: allowed to holders of ``core.personal.view_full`` and to the team that made
the agreement, and audited every time.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from core import Actor, Station, UserErrorCode, UserInputError, current_app, record_audit, store_attachment

from ..models import Agreement, Dispute, DisputeParty, MediatorAssignment
from . import labels
from .common import get_dispute
from .pdf import Block, render

FULL_VIEW = "core.personal.view_full"
AGREEMENT_PDF = "mediation.agreement_pdf"


@dataclasses.dataclass(frozen=True)
class PartyDetail:
    role: str
    name: str
    id_number: str
    sex: str
    birth: str
    phone: str | None


def dispute_number(dispute: Dispute) -> str:
    return f"{dispute.station_id}-{dispute.id:06d}"


async def party_details(dispute_id: int) -> list[PartyDetail]:
    """Every party in full (decrypted): for documents a court or the parties sign."""
    from core import validate_id_number

    links = await DisputeParty.filter(dispute_id=dispute_id).select_related("person").order_by("id")
    details = []
    for link in links:
        person = link.person
        number = validate_id_number(person.id_number, today=current_app().clock.today())
        details.append(
            PartyDetail(
                role=labels.chinese(labels.PARTY_ROLE, link.role),
                name=person.name,
                id_number=number.value,
                sex="男" if number.sex == "MALE" else "女",
                birth=f"{number.birth_date:%Y年%m月%d日}",
                phone=person.phone,
            )
        )
    return details


def may_see_in_full(actor: Actor, agreement: Agreement) -> bool:
    """The team that made the agreement, or a role allowed to see personal data in full."""
    team = agreement.team_user_ids or ([agreement.created_by_id] if agreement.created_by_id else [])
    return actor.has(FULL_VIEW) or (actor.user_id is not None and actor.user_id in team)


async def latest_agreement(dispute: Dispute, *, field: str = "disputeId") -> Agreement:
    agreement = await Agreement.filter(dispute_id=dispute.id).order_by("-signed_at", "-id").first()
    if agreement is None:
        raise UserInputError(
            "The dispute has no mediation agreement.", field=field, code=UserErrorCode.INVALID_TRANSITION
        )
    return agreement


async def render_agreement_pdf(dispute: Dispute, agreement: Agreement) -> bytes:
    station = await Station.get(id=dispute.station_id).only("id", "name")
    parties = await party_details(dispute.id)
    team = await (
        MediatorAssignment.filter(dispute_id=dispute.id, user_id__in=agreement.team_user_ids or [])
        .select_related("user")
        .order_by("team_role", "id")
    )
    mediators = {member.user_id: member for member in team}.values()
    clock = current_app().clock
    blocks = [
        Block(f"{station.name}　纠纷编号：{dispute_number(dispute)}"),
        Block("当事人", heading=True),
        *(
            Block(
                f"{p.role}：{p.name}，{p.sex}，{p.birth}出生\n　　公民身份号码：{p.id_number}"
                + (f"　联系电话：{p.phone}" if p.phone else "")
            )
            for p in parties
        ),
        Block(
            f"纠纷类别：{labels.chinese(labels.CATEGORY, dispute.category)}　"
            f"调解层级：{labels.chinese(labels.LEVEL, dispute.resolved_level or dispute.level)}"
        ),
        Block("纠纷简要情况", heading=True),
        Block(dispute.description),
        Block("协议内容", heading=True),
        Block(
            "经调解组织（"
            + (
                "、".join(f"{labels.chinese(labels.TEAM_ROLE, m.team_role)} {m.user.display_name}" for m in mediators)
                or "调解员"
            )
            + "）主持调解，当事人自愿达成如下协议："
        ),
        *(Block(f"{index}. {term}") for index, term in enumerate(agreement.terms, start=1)),
        Block("本协议经各方当事人签字（盖章）并经调解员签名、加盖调解组织印章后生效。当事人应当按照约定履行。"),
        Block("当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。"),
        Block(f"签订日期：{clock.local(agreement.signed_at):%Y年%m月%d日}"),
    ]
    signatures = [f"{p.role} {p.name}" for p in parties] + [f"调解员 {m.user.display_name}" for m in mediators]
    return render(
        "人民调解协议书",
        blocks,
        signatures=signatures,
        seal=station.name,
        footer_note=f"纠纷编号 {dispute_number(dispute)}",
        created=agreement.signed_at,
    )


async def print_agreement(actor: Actor, dispute_id: int | None) -> tuple[Any, Agreement]:
    """Store (once per agreement) and return the agreement PDF; every print is audited."""
    from core.attachments.models import Attachment

    dispute = await get_dispute(actor, dispute_id)
    agreement = await latest_agreement(dispute)
    if not may_see_in_full(actor, agreement):
        raise UserInputError(
            "Only the team that made the agreement, or a role that may see personal data in full, may print it.",
            field="disputeId",
            code=UserErrorCode.FORBIDDEN,
        )
    marker = f"调解协议书 {dispute_number(dispute)} 协议{agreement.id}"
    attachment = await Attachment.filter(
        owner_type="Dispute", owner_id=dispute.id, purpose=AGREEMENT_PDF, description=marker, purged_at__isnull=True
    ).first()
    if attachment is None:
        data = await render_agreement_pdf(dispute, agreement)
        attachment = await store_attachment(
            dispute,
            "Dispute",
            data,
            f"调解协议书-{dispute_number(dispute)}.pdf",
            actor=actor,
            purpose=AGREEMENT_PDF,
            description=marker,
        )
    await record_audit(
        "mediation.agreement.print",
        obj=agreement,
        after={
            "attachment_id": attachment.id,
            "sha256": attachment.sha256,
            "personal_fields": ["name", "id_number", "phone"],
        },
    )
    return attachment, agreement
