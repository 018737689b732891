"""GraphQL types of 查: inspection targets, inspections, findings with their rectification,
re-inspections, and hotspot (乱点) campaigns with before/after incident counts."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import (
    Node,
    RecordedStep,
    current_app,
    distance_field,
    location_field,
    node_type,
    recorded_steps,
    reference,
    row_mapping,
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
from plugins.patrol.services.stats import campaign_incident_counts
from plugins.patrol.types.common import area_name, gid, load_children, load_one, user_name


@node_type(models.InspectionTarget, "patrol.inspection.read")
@strawberry.type(description="检查对象 — a unit or venue under inspection.")
class InspectionTarget(Node):
    name: str = strawberry.field(description="Name of the unit or venue.")
    kind: InspectionTargetKind = strawberry.field(description="What kind of place it is.")
    area_id: strawberry.ID = strawberry.field(description="Global id of the area it lies in.")
    unit_id: strawberry.ID | None = strawberry.field(description="The actual unit (实有单位), if registered.")
    address_id: strawberry.ID | None = strawberry.field(description="The standard address, if known.")
    _row: strawberry.Private[models.InspectionTarget]

    from_row = row_mapping(
        models.InspectionTarget,
        area_id=reference("Area", "area_id"),
        unit_id=reference("ActualUnit", "unit_id"),
        address_id=reference("StandardAddress", "address_id"),
    )

    @strawberry.field(description="Name of the area.")
    async def area_name(self, info: Info) -> str | None:
        return await area_name(info, self._row.area_id)


@strawberry.type(description="复查 — a re-inspection of a finding.")
class Reinspection:
    checked_on: dt.date = strawberry.field(description="Day of the re-inspection (deployment time zone).")
    outcome: ReinspectionOutcome = strawberry.field(description="Rectified, or extended with a new deadline.")
    new_deadline: dt.date | None = strawberry.field(description="The extended deadline; null when rectified.")
    note: str = strawberry.field(description="What the re-inspection saw; may be empty.")

    from_row = row_mapping(models.Reinspection)


@node_type(models.InspectionFinding, "patrol.inspection.read")
@strawberry.type(description="A finding (隐患) of an inspection and its rectification (整改) with a deadline.")
class InspectionFinding(Node):
    description: str = strawberry.field(description="The hazard found (隐患) and what must be fixed.")
    severity: FindingSeverity = strawberry.field(description="How serious it is.")
    status: RectificationStatus = strawberry.field(description="Rectification status (整改状态).")
    deadline: dt.date = strawberry.field(description="Current rectification deadline (after any extension).")
    original_deadline: dt.date = strawberry.field(description="The first deadline set.")
    closed_on: dt.date | None = strawberry.field(description="Day it was found rectified; null while open.")
    extensions: int = strawberry.field(description="How many times the deadline was extended.")
    inspection_id: strawberry.ID = strawberry.field(description="Global id of the inspection that found it.")
    _row: strawberry.Private[models.InspectionFinding]

    from_row = row_mapping(models.InspectionFinding, inspection_id=reference("Inspection", "inspection_id"))

    @strawberry.field(
        description="Each lifecycle step with when it happened and when it was entered (补录); back-dated steps "
        "are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    @strawberry.field(description="Open past its deadline (逾期未整改).")
    def overdue(self) -> bool:
        return self._row.status is RectificationStatus.OPEN and self._row.deadline < current_app().clock.today()

    @strawberry.field(description="Re-inspections, oldest first.")
    async def reinspections(self, info: Info) -> list[Reinspection]:
        return await load_children(
            info, models.Reinspection, "finding_id", self._row.id, Reinspection.from_row, order=("checked_on", "id")
        )

    @strawberry.field(description="The inspection that found it.")
    async def inspection(self, info: Info) -> "Inspection | None":
        return await load_one(info, models.Inspection, self._row.inspection_id, Inspection.from_row)


@node_type(models.Inspection, "patrol.inspection.read")
@strawberry.type(description="An inspection (检查): daily, public-order, traffic, fire or civil-explosives.")
class Inspection(Node):
    kind: InspectionKind = strawberry.field(description="Kind of inspection.")
    inspected_at: dt.datetime = strawberry.field(description="When the inspection took place (ISO-8601 with offset).")
    notes: str = strawberry.field(description="What was checked; may be empty.")
    target_id: strawberry.ID = strawberry.field(description="Global id of the inspected unit or venue.")
    location = location_field("Where the inspection took place; null when not recorded.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.Inspection]

    from_row = row_mapping(models.Inspection, target_id=reference("InspectionTarget", "target_id"))

    @strawberry.field(description="The inspected unit or venue.")
    async def target(self, info: Info) -> InspectionTarget | None:
        return await load_one(info, models.InspectionTarget, self._row.target_id, InspectionTarget.from_row)

    @strawberry.field(description="Display name of the inspector.")
    async def inspector_name(self, info: Info) -> str | None:
        return await user_name(info, self._row.inspector_id)

    @strawberry.field(description="Findings, each with its rectification.")
    async def findings(self, info: Info) -> list[InspectionFinding]:
        return await load_children(
            info, models.InspectionFinding, "inspection_id", self._row.id, InspectionFinding.from_row
        )


@strawberry.type(description="Incidents in a campaign's areas before and since it started.")
class CampaignIncidentCounts:
    before: int = strawberry.field(description="Incidents in as many days just before the start.")
    after: int = strawberry.field(description="Incidents from the start to the end (or today).")
    days: int = strawberry.field(description="Length of each window in days.")


@node_type(models.HotspotCampaign, "patrol.inspection.read")
@strawberry.type(description="乱点整治 — a hotspot remediation campaign over areas.")
class HotspotCampaign(Node):
    name: str = strawberry.field(description="Name of the campaign.")
    description: str = strawberry.field(description="What the hotspot is and what is planned; may be empty.")
    starts_on: dt.date = strawberry.field(description="First day of the campaign (deployment time zone).")
    finished_on: dt.date | None = strawberry.field(
        description="Day it was finished (the day of occurredAt); null while active."
    )
    status: CampaignStatus = strawberry.field(description="Active or finished.")
    _row: strawberry.Private[models.HotspotCampaign]

    from_row = row_mapping(models.HotspotCampaign)

    @strawberry.field(
        description="The finish (finish) with when it happened and when it was entered (补录); "
        "back-dated steps are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    @strawberry.field(description="Global ids of the campaign's areas (incidents of their sub-areas count too).")
    async def area_ids(self, info: Info) -> list[strawberry.ID]:
        return await load_children(
            info, models.HotspotCampaignArea, "campaign_id", self._row.id, lambda row: gid("Area", row.area_id)
        )

    @strawberry.field(description="Incident counts before and since the start (same number of days).")
    async def incident_counts(self, info: Info) -> CampaignIncidentCounts:
        async def batch(ids: list[int]) -> list[CampaignIncidentCounts]:
            counts = await campaign_incident_counts(info.context.actor, ids)
            return [CampaignIncidentCounts(**counts[key]) for key in ids]

        return await info.context.loader(batch, key="patrol.campaign.counts").load(self._row.id)
