"""查 — inspections of key units and venues, rectifications (整改) with deadlines and
re-inspections (复查), and hotspot (乱点) remediation campaigns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core import (
    Actor,
    GeoPointInput,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    get_scoped,
    occurrence,
    place,
    record_audit,
    remember,
    snapshot,
)
from plugins.patrol import models
from plugins.patrol.enums import (
    CampaignStatus,
    FindingSeverity,
    InspectionKind,
    InspectionTargetKind,
    RectificationStatus,
    ReinspectionOutcome,
)
from plugins.patrol.services.common import (
    get_area,
    local_date,
    now,
    optional_text,
    raise_all,
    require_same_station,
    required_text,
    settings,
    target_station,
    today,
)


@dataclasses.dataclass
class FindingDraft:
    description: str
    severity: FindingSeverity
    deadline: dt.date | None = None


async def create_target(
    actor: Actor,
    name: str,
    kind: InspectionTargetKind,
    area_id: int | None,
    *,
    unit_id: int | None = None,
    address_id: int | None = None,
) -> models.InspectionTarget:
    """A unit or venue under inspection: key unit, civil-explosives company, venue, hotel, school."""
    area = await get_area(actor, area_id)
    station_id = await target_station(actor, area)
    name = required_text(name, field="name", label="Name", max_length=100)
    unit = address = None
    if unit_id is not None:
        unit = await get_scoped(actor, models.ActualUnit, unit_id, field="unitId", label="Unit")
        require_same_station(station_id, unit, field="unitId", label="Unit")
    if address_id is not None:
        address = await get_scoped(actor, models.StandardAddress, address_id, field="addressId", label="Address")
        require_same_station(station_id, address, field="addressId", label="Address")
    elif unit is not None and unit.address_id is not None:
        address_id = unit.address_id
    target = await models.InspectionTarget.create(
        station_id=station_id, name=name, kind=kind, area_id=area.id, unit=unit, address_id=address_id, created_at=now()
    )
    await record_audit("patrol.inspection_target.create", obj=target, after=snapshot(target))
    return target


def _default_deadline(day: dt.date, severity: FindingSeverity) -> dt.date:
    days = settings().rectification_days.get(severity.value, 15)
    return day + dt.timedelta(days=days)


def _finding_rows(station_id: int, day: dt.date, findings: Sequence[FindingDraft]) -> list[models.InspectionFinding]:
    rows, problems = [], []
    for index, finding in enumerate(findings):
        field = f"findings.{index}"
        try:
            text = required_text(finding.description, field=f"{field}.description", label="Finding", max_length=2000)
            deadline = finding.deadline or _default_deadline(day, finding.severity)
            if deadline < day:
                raise UserInputError("The deadline is before the inspection.", field=f"{field}.deadline")
        except UserInputError as error:
            problems.extend(error.problems)
            continue
        rows.append(
            models.InspectionFinding(
                station_id=station_id,
                description=text,
                severity=finding.severity,
                deadline=deadline,
                original_deadline=deadline,
                status=RectificationStatus.OPEN,
            )
        )
    raise_all(problems)
    return rows


async def record_inspection(
    actor: Actor,
    target_id: int,
    kind: InspectionKind,
    *,
    inspected_at: dt.datetime | None = None,
    notes: str = "",
    findings: Sequence[FindingDraft] = (),
    location: GeoPointInput | None = None,
) -> models.Inspection:
    """Record an inspection (daily, public-order, traffic, fire, explosives) and its findings,
    each with a rectification deadline (by default from its severity)."""
    target = await get_scoped(actor, models.InspectionTarget, target_id, field="targetId", label="Inspection target")
    station_id = await target_station(actor, target)
    when = occurrence(inspected_at, field="inspectedAt", label="The inspection time")
    moment = when.at
    text = optional_text(notes, field="notes", label="Notes", max_length=5000)
    rows = _finding_rows(station_id, local_date(moment), findings)
    inspection = models.Inspection(
        station_id=station_id, target=target, kind=kind, inspected_at=moment, inspector_id=actor.user_id, notes=text
    )
    await place(inspection, location)
    await inspection.save()
    for row in rows:
        row.inspection_id = inspection.id
    if rows:
        await models.InspectionFinding.bulk_create(rows)
    await record_audit(
        "patrol.inspection.record", obj=inspection, after={**snapshot(inspection), "findings": len(rows)}
    )
    await audit_backdating(when, obj=inspection, step="inspect")
    return inspection


async def reinspect(
    actor: Actor,
    finding_id: int,
    *,
    rectified: bool,
    new_deadline: dt.date | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> models.InspectionFinding:
    """复查: close a rectification, or extend its deadline when the problem persists. ``at`` is
    when the re-inspection happened (补录): a rectification closed in time is on time, whenever
    it is entered."""
    finding = await get_scoped(actor, models.InspectionFinding, finding_id, field="findingId", label="Finding")
    await target_station(actor, finding)
    if finding.status is not RectificationStatus.OPEN:
        raise UserInputError(
            "This rectification is already closed.", field="findingId", code=UserErrorCode.INVALID_TRANSITION
        )
    when = occurrence(
        at, after=await _last_check(finding), after_label="the last inspection", label="The re-inspection"
    )
    day, before = when.day, snapshot(finding)
    text = optional_text(note, field="note", label="Note", max_length=255)
    if rectified:
        outcome = ReinspectionOutcome.CLOSED
        finding.status, finding.closed_on = RectificationStatus.CLOSED, day
    else:
        if new_deadline is None:
            raise UserInputError(
                "Give a new deadline when the problem persists.", field="newDeadline", code=UserErrorCode.REQUIRED
            )
        if new_deadline <= finding.deadline or new_deadline < today():
            raise UserInputError(
                "The new deadline must be later than the current one and not in the past.", field="newDeadline"
            )
        outcome = ReinspectionOutcome.EXTENDED
        finding.deadline, finding.extensions = new_deadline, finding.extensions + 1
    finding.recorded_steps = remember(finding.recorded_steps, "reinspect", when)
    await finding.save()
    await models.Reinspection.create(
        station_id=finding.station_id,
        finding=finding,
        checked_on=day,
        outcome=outcome,
        new_deadline=new_deadline if not rectified else None,
        note=text,
        inspector_id=actor.user_id,
    )
    await record_audit("patrol.rectification.reinspect", obj=finding, before=before, after=snapshot(finding))
    await audit_backdating(when, obj=finding, step="reinspect")
    return finding


async def _last_check(finding: models.InspectionFinding) -> dt.datetime | None:
    """When the finding was last looked at: its inspection, or the latest re-inspection's day."""
    inspected = await models.Inspection.filter(id=finding.inspection_id).values_list("inspected_at", flat=True)
    last_day = (
        await models.Reinspection.filter(finding_id=finding.id)
        .order_by("-checked_on")
        .values_list("checked_on", flat=True)
    )
    moments = [moment for moment in inspected if moment is not None]
    if last_day:
        moments.append(current_app().clock.start_of(last_day[0]))
    return max(moments) if moments else None


async def start_campaign(
    actor: Actor, name: str, area_ids: Sequence[int], *, starts_on: dt.date | None = None, description: str = ""
) -> models.HotspotCampaign:
    """Start a hotspot (乱点) remediation campaign over one or more areas."""
    if not area_ids:
        raise UserInputError("Name at least one area.", field="areaIds", code=UserErrorCode.REQUIRED)
    areas = [await get_area(actor, area_id, field=f"areaIds.{i}") for i, area_id in enumerate(dict.fromkeys(area_ids))]
    station_id = await target_station(actor, areas[0], field="areaIds")
    for index, area in enumerate(areas):
        require_same_station(station_id, area, field=f"areaIds.{index}", label="Area")
    name = required_text(name, field="name", label="Name", max_length=100)
    text = optional_text(description, field="description", label="Description", max_length=5000)
    start = starts_on or today()
    if start > today():
        raise UserInputError("A campaign starts today or earlier.", field="startsOn")
    campaign = await models.HotspotCampaign.create(
        station_id=station_id, name=name, description=text, starts_on=start, status=CampaignStatus.ACTIVE
    )
    await models.HotspotCampaignArea.bulk_create(
        [models.HotspotCampaignArea(station_id=station_id, campaign_id=campaign.id, area_id=area.id) for area in areas]
    )
    await record_audit(
        "patrol.hotspot.start", obj=campaign, after={**snapshot(campaign), "areas": [area.id for area in areas]}
    )
    return campaign


async def finish_campaign(actor: Actor, campaign_id: int, *, at: dt.datetime | None = None) -> models.HotspotCampaign:
    """Finish a campaign; ``at`` when it ended earlier than it is entered (补录). Its day decides
    the before/after windows the campaign is judged by."""
    campaign = await get_scoped(actor, models.HotspotCampaign, campaign_id, field="campaignId", label="Campaign")
    await target_station(actor, campaign)
    if campaign.status is not CampaignStatus.ACTIVE:
        raise UserInputError(
            "The campaign is already finished.", field="campaignId", code=UserErrorCode.INVALID_TRANSITION
        )
    started = current_app().clock.start_of(campaign.starts_on)
    when = occurrence(at, after=started, after_label="the start of the campaign", label="The finish")
    before = snapshot(campaign)
    campaign.status, campaign.finished_on = CampaignStatus.FINISHED, when.day
    campaign.recorded_steps = remember(campaign.recorded_steps, "finish", when)
    await campaign.save()
    await record_audit("patrol.hotspot.finish", obj=campaign, before=before, after=snapshot(campaign))
    await audit_backdating(when, obj=campaign, step="finish")
    return campaign


def campaign_windows(campaign: models.HotspotCampaign) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """``(before, after)`` date ranges, half-open: the campaign's days so far (at least one)
    and as many days just before it started, so the two counts compare like with like."""
    end = (campaign.finished_on or today()) + dt.timedelta(days=1)
    length = max((end - campaign.starts_on).days, 1)
    start = campaign.starts_on
    return (start - dt.timedelta(days=length), start), (start, start + dt.timedelta(days=length))
