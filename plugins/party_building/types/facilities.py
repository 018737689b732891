"""五小工程 facility items."""

import datetime as dt

import strawberry

from core import Node, UserError, node_type, row_mapping
from plugins.party_building import models


@node_type(models.FacilityItem, "party_building.facility.read")
@strawberry.type(description="A 五小工程 item of the station (美丽警营) and its state.")
class FacilityItem(Node):
    kind: models.FacilityKind = strawberry.field(description="Which of the 五小工程 it is.")
    name: str = strawberry.field(description="Name of the item.")
    status: models.FacilityStatus = strawberry.field(
        description="Its state: planned, in progress, in use or needing repair."
    )
    note: str = strawberry.field(description="Free note; may be empty.")
    updated_at: dt.datetime = strawberry.field(description="When it last changed (ISO-8601 with offset).")
    _row: strawberry.Private[models.FacilityItem]

    from_row = row_mapping(models.FacilityItem)


@strawberry.input(description="Filter for facility items.")
class FacilityItemFilter:
    kind: models.FacilityKind | None = strawberry.field(default=None, description="Only items of this kind.")
    status: models.FacilityStatus | None = strawberry.field(default=None, description="Only items in this state.")


@strawberry.input(description="A new facility item.")
class AddFacilityItemInput:
    kind: models.FacilityKind = strawberry.field(
        description="Which of the 五小工程 (duty room, bathroom, canteen, gym, laundry, culture corridor) it is."
    )
    name: str = strawberry.field(description="Name of the item.")
    status: models.FacilityStatus = strawberry.field(
        default=models.FacilityStatus.PLANNED,
        description="Its state; PLANNED by default.",
    )
    note: str | None = strawberry.field(default=None, description="Free note; optional.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.type(description="Result of addFacilityItem.")
class AddFacilityItemPayload:
    item: FacilityItem | None = strawberry.field(default=None, description="The item created; null when refused.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Move a facility item to another status.")
class UpdateFacilityItemInput:
    item_id: strawberry.ID = strawberry.field(description="Global id of the facility item.")
    status: models.FacilityStatus = strawberry.field(description="The new state.")
    note: str | None = strawberry.field(default=None, description="Replaces the note when given.")


@strawberry.type(description="Result of updateFacilityItem.")
class UpdateFacilityItemPayload:
    item: FacilityItem | None = strawberry.field(
        default=None,
        description="The item after the change; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
