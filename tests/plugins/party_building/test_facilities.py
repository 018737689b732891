"""五小工程 facility items and their status."""

from __future__ import annotations

from core.audit.models import AuditEvent
from plugins.party_building.models import FacilityItem

ADD = """
mutation($input: AddFacilityItemInput!) {
  addFacilityItem(input: $input) { item { id kind name status note } errors { field message code } }
}"""
UPDATE = """
mutation($input: UpdateFacilityItemInput!) {
  updateFacilityItem(input: $input) { item { status note } errors { field message code } }
}"""


async def test_a_facility_item_is_added_and_moves_into_use(chief):
    item = (await chief.mutate(ADD, {"input": {"kind": "GYM", "name": "健身房"}}))["item"]
    assert (item["kind"], item["status"]) == ("GYM", "PLANNED")
    for status in ("IN_PROGRESS", "IN_USE", "NEEDS_REPAIR", "IN_USE"):
        payload = await chief.mutate(UPDATE, {"input": {"itemId": item["id"], "status": status, "note": status}})
        assert payload["item"] == {"status": status, "note": status}
    assert await AuditEvent.filter(action="party_building.facility.update").count() == 4


async def test_a_planned_item_cannot_jump_into_use(chief):
    item = (await chief.mutate(ADD, {"input": {"kind": "LAUNDRY", "name": "洗衣房"}}))["item"]
    data = await chief.data(UPDATE, {"input": {"itemId": item["id"], "status": "IN_USE"}})
    assert data["updateFacilityItem"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await FacilityItem.get()).status.value == "PLANNED"


async def test_officers_see_but_do_not_manage_facilities(chief, officer):
    await chief.mutate(ADD, {"input": {"kind": "CANTEEN", "name": "食堂", "status": "IN_USE"}})
    listed = await officer.data("{ facilityItems(filter: {kind: CANTEEN}) { nodes { name status } } }")
    assert listed["facilityItems"]["nodes"] == [{"name": "食堂", "status": "IN_USE"}]
    body = await officer.execute(ADD, {"input": {"kind": "GYM", "name": "健身房"}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
