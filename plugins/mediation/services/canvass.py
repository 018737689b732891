"""四式摸排: canvass campaigns over areas, their findings, and findings turned into disputes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core import (
    Actor,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    get_scoped,
    occurrence,
    record_audit,
    snapshot,
)

from ..models import CanvassArea, CanvassCampaign, CanvassFinding, CanvassMode, Dispute, DisputeSource, RiskFactor
from .common import ensure_enabled, get_area, now, optional_text, prefixed, required_text
from .disputes import DisputeData, report_dispute

MAX_TEXT = 5000


async def create_campaign(
    actor: Actor,
    *,
    name: str,
    mode: CanvassMode,
    area_ids: Sequence[int],
    start: dt.date,
    end: dt.date,
    notes: str | None = None,
) -> CanvassCampaign:
    problems: list[UserInputError] = []
    try:
        name = required_text(name, "name", "Name", max_length=200)
    except UserInputError as error:
        problems.append(error)
    if end < start:
        problems.append(UserInputError("The campaign ends before it starts.", field="end"))
    if not area_ids:
        problems.append(UserInputError("Choose at least one area.", field="areaIds", code=UserErrorCode.REQUIRED))
    areas = []
    for index, area_id in enumerate(dict.fromkeys(area_ids)):
        try:
            station_id = areas[0].station_id if areas else None
            areas.append(await get_area(actor, area_id, field=f"areaIds.{index}", station_id=station_id))
        except UserInputError as error:
            problems.append(error)
    if problems:
        raise UserInputError.many(problems)
    station_id = areas[0].station_id
    await ensure_enabled(actor, station_id)
    campaign = await CanvassCampaign.create(
        station_id=station_id,
        name=name,
        mode=mode,
        start_date=start,
        end_date=end,
        notes=optional_text(notes),
        created_at=now(),
        created_by_id=actor.user_id,
    )
    await CanvassArea.bulk_create([CanvassArea(station_id=station_id, campaign=campaign, area=a) for a in areas])
    await record_audit(
        "mediation.canvass.create", obj=campaign, after={**snapshot(campaign), "area_ids": [a.id for a in areas]}
    )
    return campaign


async def _campaign(actor: Actor, campaign_id: int | None) -> CanvassCampaign:
    campaign = await get_scoped(actor, CanvassCampaign, campaign_id, field="campaignId", label="Canvass campaign")
    await ensure_enabled(actor, campaign.station_id)
    return campaign


async def record_progress(actor: Actor, campaign_id: int | None, addresses_visited: int) -> CanvassCampaign:
    """Add addresses covered (走访户数) to the campaign's running total."""
    if addresses_visited < 1:
        raise UserInputError("Give a positive number of addresses.", field="addressesVisited")
    campaign = await _campaign(actor, campaign_id)
    before = snapshot(campaign)
    campaign.addresses_covered += addresses_visited
    await campaign.save(update_fields=["addresses_covered"])
    await record_audit("mediation.canvass.progress", obj=campaign, before=before, after=snapshot(campaign))
    return campaign


async def record_finding(
    actor: Actor,
    campaign_id: int | None,
    *,
    area_id: int | None,
    description: str,
    address: str | None = None,
    risk_factors: Sequence[RiskFactor] = (),
    found_at: dt.datetime | None = None,
) -> CanvassFinding:
    """A finding in one of the campaign's areas (or below one of them), found at ``found_at``
    (default now; 补录 for a finding noted in the field and entered later)."""
    text = required_text(description, "description", "Description", max_length=MAX_TEXT)
    campaign = await _campaign(actor, campaign_id)
    area = await get_area(actor, area_id, field="areaId", station_id=campaign.station_id)
    when = occurrence(
        found_at,
        after=current_app().clock.start_of(campaign.start_date),
        after_label="the campaign's start",
        field="foundAt",
        label="The finding",
    )
    finding = await CanvassFinding.create(
        station_id=campaign.station_id,
        campaign=campaign,
        area=area,
        address=optional_text(address),
        description=text,
        risk_factors=sorted({factor.value for factor in risk_factors}),
        found_at=when.at,
        recorded_by_id=actor.user_id,
        recorded_at=when.recorded_at,
    )
    await record_audit("mediation.canvass.finding", obj=finding, after=snapshot(finding))
    await audit_backdating(when, obj=finding, step="find")
    return finding


async def convert_finding(actor: Actor, finding_id: int | None, data: DisputeData) -> Dispute:
    """Turn a finding into a dispute (source CANVASS); the finding's factors are added."""
    finding = await get_scoped(actor, CanvassFinding, finding_id, field="findingId", label="Finding")
    if finding.dispute_id is not None:
        raise UserInputError(
            "This finding is already a dispute.", field="findingId", code=UserErrorCode.INVALID_TRANSITION
        )
    factors = {*data.risk_factors, *(RiskFactor(value) for value in finding.risk_factors)}
    merged = dataclasses.replace(
        data, source=DisputeSource.CANVASS, risk_factors=sorted(factors, key=lambda factor: factor.value)
    )
    try:
        dispute = await report_dispute(actor, merged)
    except UserInputError as error:
        raise prefixed(error, "dispute") from None
    if dispute.station_id != finding.station_id:
        raise UserInputError("The area belongs to another station.", field="dispute.areaId")
    before = snapshot(finding)
    finding.dispute = dispute
    await finding.save(update_fields=["dispute_id"])
    await record_audit("mediation.canvass.convert", obj=finding, before=before, after=snapshot(finding))
    return dispute
