"""五小工程: the small facilities of a station (duty room, bathroom, canteen, gym, laundry)."""

from __future__ import annotations

from core import Actor, UserErrorCode, UserInputError, record_audit, snapshot
from plugins.party_building.models import FacilityItem, FacilityKind, FacilityStatus
from plugins.party_building.services.common import now, required_text, target_station, writable

S = FacilityStatus
# Building moves forward; a facility in use may need repair and comes back into use.
TRANSITIONS = {
    S.PLANNED: {S.IN_PROGRESS},
    S.IN_PROGRESS: {S.IN_USE},
    S.IN_USE: {S.NEEDS_REPAIR},
    S.NEEDS_REPAIR: {S.IN_USE},
}
FACILITY_FIELDS = ["kind", "name", "status", "note"]


async def add_facility(
    actor: Actor,
    kind: FacilityKind,
    name: str,
    *,
    status: FacilityStatus = FacilityStatus.PLANNED,
    note: str | None = None,
    station_id: int | None = None,
) -> FacilityItem:
    station = await target_station(actor, station_id)
    name = required_text(name, field="name", label="Name", max_length=100)
    if await FacilityItem.filter(station_id=station, name=name).exists():
        raise UserInputError("A facility item of this name exists.", field="name", code=UserErrorCode.CONFLICT)
    item = await FacilityItem.create(
        station_id=station, kind=kind, name=name, status=status, note=(note or "").strip(), updated_at=now()
    )
    await record_audit("party_building.facility.add", obj=item, after=snapshot(item, FACILITY_FIELDS))
    return item


async def update_facility(
    actor: Actor, item_id: int | None, status: FacilityStatus, note: str | None = None
) -> FacilityItem:
    item = await writable(actor, FacilityItem, item_id, field="itemId", label="Facility item")
    if status is not item.status and status not in TRANSITIONS[item.status]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[item.status]))
        raise UserInputError(
            f"A {item.status.value} facility can move to {allowed}, not {status.value}.",
            field="status",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    before = snapshot(item, FACILITY_FIELDS)
    item.status = status
    if note is not None:
        item.note = note.strip()
    item.updated_at = now()
    await item.save(update_fields=["status", "note", "updated_at"])
    await record_audit("party_building.facility.update", obj=item, before=before, after=snapshot(item, FACILITY_FIELDS))
    return item
