"""五小工程 facility items."""

from __future__ import annotations

import datetime as dt

import strawberry

from core import Node, UserError, global_id, node_type
from plugins.party_building import models


@node_type(models.FacilityItem, "party_building.facility.read")
@strawberry.type(description="A 五小工程 item of the station (美丽警营) and its state.")
class FacilityItem(Node):
    kind: models.FacilityKind
    name: str
    status: models.FacilityStatus
    note: str
    updated_at: dt.datetime
    _row: strawberry.Private[models.FacilityItem]

    @classmethod
    def from_row(cls, row: models.FacilityItem) -> FacilityItem:
        return cls(
            id=global_id(row, "FacilityItem"),
            kind=row.kind,
            name=row.name,
            status=row.status,
            note=row.note,
            updated_at=row.updated_at,
            _row=row,
        )


@strawberry.input(description="Filter for facility items.")
class FacilityItemFilter:
    kind: models.FacilityKind | None = None
    status: models.FacilityStatus | None = None


@strawberry.input(description="A new facility item.")
class AddFacilityItemInput:
    kind: models.FacilityKind
    name: str
    status: models.FacilityStatus = models.FacilityStatus.PLANNED
    note: str | None = None
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.type(description="Result of addFacilityItem.")
class AddFacilityItemPayload:
    item: FacilityItem | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="Move a facility item to another status.")
class UpdateFacilityItemInput:
    item_id: strawberry.ID
    status: models.FacilityStatus
    note: str | None = strawberry.field(default=None, description="Replaces the note when given.")


@strawberry.type(description="Result of updateFacilityItem.")
class UpdateFacilityItemPayload:
    item: FacilityItem | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)
