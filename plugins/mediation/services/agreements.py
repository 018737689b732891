"""调解协议书: the agreement of a resolved dispute and its printable text."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import string
from collections.abc import Sequence

from core import Actor, Station, current_app, record_audit, snapshot

from ..models import Agreement, Dispute, DisputeParty, MediatorAssignment
from ..settings import settings
from . import labels


def template_text() -> str:
    configured = settings().agreement_template
    if configured.strip():
        return configured
    return importlib.resources.files(__package__).joinpath("agreement.tmpl").read_text(encoding="utf-8")


async def render_agreement(dispute: Dispute, terms: Sequence[str], signed_at: dt.datetime) -> str:
    """Fill the template (``string.Template``; unknown placeholders are left as they are)."""
    station = await Station.get(id=dispute.station_id).only("id", "name")
    links = await DisputeParty.filter(dispute_id=dispute.id).select_related("person").order_by("id")
    team = await (
        MediatorAssignment.filter(dispute_id=dispute.id, active=True).select_related("user").order_by("team_role", "id")
    )
    parties = "\n".join(
        f"{labels.chinese(labels.PARTY_ROLE, link.role)}：{link.person.name}，公民身份号码：{link.person.id_number}"
        for link in links
    )
    mediators = "、".join(
        f"{labels.chinese(labels.TEAM_ROLE, member.team_role)} {member.user.display_name}" for member in team
    )
    values = {
        "station": station.name,
        "number": f"{dispute.station_id}-{dispute.id:06d}",
        "parties": parties,
        "category": labels.chinese(labels.CATEGORY, dispute.category),
        "level": labels.chinese(labels.LEVEL, dispute.level),
        "description": dispute.description,
        "mediators": mediators or "调解员",
        "terms": "\n".join(f"{index}. {term}" for index, term in enumerate(terms, start=1)),
        "signed_date": current_app().clock.local(signed_at).strftime("%Y年%m月%d日"),
    }
    return string.Template(template_text()).safe_substitute(values)


async def create_agreement(actor: Actor, dispute: Dispute, terms: Sequence[str], signed_at: dt.datetime) -> Agreement:
    team = await MediatorAssignment.filter(dispute_id=dispute.id, active=True).values_list("user_id", flat=True)
    agreement = await Agreement.create(
        team_user_ids=sorted({*team, *([actor.user_id] if actor.user_id else [])}),
        station_id=dispute.station_id,
        dispute=dispute,
        terms=list(terms),
        text=await render_agreement(dispute, terms, signed_at),
        signed_at=signed_at,
        created_by_id=actor.user_id,
    )
    await record_audit("mediation.agreement.create", obj=agreement, after=snapshot(agreement))
    return agreement
