"""GraphQL types of how disputes come in: tips (群众线索) and canvassing (四式摸排)."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import AreaNode, Node, RecordedStep, node_type, recorded_steps, reference, row_mapping, to_global_id

from .. import models
from . import loaders


def _user_id(pk: int | None) -> strawberry.ID | None:
    return strawberry.ID(to_global_id("User", pk)) if pk is not None else None


@node_type(models.Tip, "mediation.tip.read")
@strawberry.type(description="A resident's tip (群众线索), as officers see it.")
class Tip(Node):
    content: str = strawberry.field(description="What the sender wrote.")
    status: models.TipStatus = strawberry.field(
        description="What became of the tip: received, dismissed, merged or converted."
    )
    anonymous: bool = strawberry.field(
        description="True when the sender chose not to be named; then nothing about them is stored."
    )
    area_id: strawberry.ID | None = strawberry.field(
        description="Global id of the area it concerns; null when the sender did not say."
    )
    contact_phone: str | None = strawberry.field(description="Optional contact number the sender left.")
    submitted_by_user_id: strawberry.ID | None = strawberry.field(description="Null for anonymous tips.")
    submitted_at: dt.datetime = strawberry.field(description="When the tip arrived (ISO-8601 with offset).")
    updated_at: dt.datetime = strawberry.field(description="When its status last changed (ISO-8601 with offset).")
    triaged_at: dt.datetime | None = strawberry.field(
        description="When an officer triaged it (ISO-8601 with offset); null while RECEIVED."
    )
    triage_note: str | None = strawberry.field(
        description="The officer's note from triage (required to dismiss); null when none."
    )
    merged_into_tip_id: strawberry.ID | None = strawberry.field(
        description="Global id of the tip it was merged into as a duplicate; null otherwise."
    )
    dispute_id: strawberry.ID | None = strawberry.field(description="The dispute it became or was merged into.")
    recorded_steps: list[RecordedStep] = strawberry.field(
        description="The triage (triage) with when it happened and when it was entered (补录); back-dated steps "
        "are marked and audited."
    )

    from_row = row_mapping(
        models.Tip,
        area_id=reference("Area", "area_id"),
        submitted_by_user_id=lambda row: None if row.anonymous else _user_id(row.submitted_by_id),
        merged_into_tip_id=reference("Tip", "merged_into_id"),
        dispute_id=reference("Dispute", "dispute_id"),
        recorded_steps=lambda row: recorded_steps(row.recorded_steps),
    )


@strawberry.type(description="What a tip's sender may see with the tracking code: the status, nothing else.")
class TipTracking:
    status: models.TipStatus = strawberry.field(
        description="What became of the tip: received, dismissed, merged or converted."
    )
    submitted_at: dt.datetime = strawberry.field(description="When the tip arrived (ISO-8601 with offset).")
    updated_at: dt.datetime = strawberry.field(description="When its status last changed (ISO-8601 with offset).")

    from_row = row_mapping(models.Tip)


@node_type(models.CanvassFinding, "mediation.canvass.read")
@strawberry.type(description="Something a canvass found (摸排发现); it may become a dispute.")
class CanvassFinding(Node):
    campaign_id: strawberry.ID = strawberry.field(description="Global id of the campaign that found it.")
    area_id: strawberry.ID = strawberry.field(description="Global id of the area where it was found.")
    address: str | None = strawberry.field(
        description=(
            "Where, as precise as recorded; null when not given. Masked unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    description: str = strawberry.field(description="What was found: the conflict, the people, the risk.")
    risk_factors: list[models.RiskFactor] = strawberry.field(description="Risk factors seen (风险因素).")
    found_at: dt.datetime = strawberry.field(description="When the finding was recorded (ISO-8601 with offset).")
    dispute_id: strawberry.ID | None = strawberry.field(
        description="Global id of the dispute it became; null until converted."
    )
    recorded_at: dt.datetime = strawberry.field(
        description="When it was entered; later than foundAt for a finding entered after the fact (补录)."
    )

    from_row = row_mapping(
        models.CanvassFinding,
        campaign_id=reference("CanvassCampaign", "campaign_id"),
        area_id=reference("Area", "area_id"),
        dispute_id=reference("Dispute", "dispute_id"),
        recorded_at=lambda row: row.recorded_at or row.found_at,
    )


@node_type(models.CanvassCampaign, "mediation.canvass.read")
@strawberry.type(description="四式摸排 — a canvass campaign over areas in a period.")
class CanvassCampaign(Node):
    name: str = strawberry.field(description="Name of the campaign.")
    mode: models.CanvassMode = strawberry.field(description="Which of the four canvass modes (四式摸排) it uses.")
    start: dt.date = strawberry.field(description="First day of the campaign (included), deployment time zone.")
    end: dt.date = strawberry.field(description="Last day of the campaign (included).")
    addresses_covered: int = strawberry.field(description="Addresses visited so far (走访户数).")
    notes: str | None = strawberry.field(description="Free notes on aim, teams and focus; null when none.")
    created_at: dt.datetime = strawberry.field(description="When the campaign was recorded (ISO-8601 with offset).")
    _row: strawberry.Private[models.CanvassCampaign]

    from_row = row_mapping(models.CanvassCampaign, start="start_date", end="end_date")

    @strawberry.field(description="Areas covered (industrial park, scenic area, community, compound, village…).")
    async def areas(self, info: Info) -> list[AreaNode]:
        rows = await loaders.load(info, "campaign_areas").load(self._row.id)
        return [AreaNode.from_row(row.area) for row in rows]

    @strawberry.field(description="Findings, oldest first.")
    async def findings(self, info: Info) -> list[CanvassFinding]:
        return [CanvassFinding.from_row(row) for row in await loaders.load(info, "findings").load(self._row.id)]
