"""Keyset pages of incidents: ordered by receivedAt (newest or oldest first) then id ascending,
so one list mixes directions, and calls received in the same minute tie on receivedAt."""

from __future__ import annotations

import pytest

from tests.plugins.patrol import flows

PAGE = """
query($order: ListOrder, $first: Int, $after: String, $last: Int, $before: String) {
  incidents(orderBy: $order, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id address } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""
# Reception times (Asia/Shanghai); three calls at 02:10 and two at 03:00 tie.
TIMES = ["01:00", "02:10", "02:10", "02:10", "03:00", "03:00", "04:30"]


@pytest.fixture
async def incidents(officer, station) -> list[tuple[str, str]]:
    """(reception time, report number, address) in report order."""
    reported = []
    for number, time in enumerate(TIMES):
        address = f"滨江花园{number}栋"
        received = f"2020-08-20T{time}:00+08:00"
        await officer.mutate(flows.REPORT_INCIDENT, {"input": flows.incident_input(station, receivedAt=received, address=address)})
        reported.append((time, number, address))
    return reported


async def every_page(client, order: str, **size) -> list[str]:
    seen, after = [], None
    for _ in range(len(TIMES) + 1):  # a page that never ends fails instead of looping
        connection = (await client.data(PAGE, {"order": order, "after": after, **size}))["incidents"]
        seen += [edge["node"]["address"] for edge in connection["edges"]]
        after = connection["pageInfo"]["endCursor"]
        if not connection["pageInfo"]["hasNextPage"]:
            return seen
    raise AssertionError("hasNextPage never turned false")


async def test_newest_first_pages_through_ties_in_id_order_without_skipping(officer, incidents):
    expected = [address for _, _, address in sorted(incidents, key=lambda item: (-int(item[0].replace(":", "")), item[1]))]
    assert await every_page(officer, "NEWEST_FIRST", first=2) == expected


async def test_oldest_first_pages_through_ties_in_id_order_without_skipping(officer, incidents):
    expected = [address for _, _, address in sorted(incidents, key=lambda item: (item[0], item[1]))]
    assert await every_page(officer, "OLDEST_FIRST", first=2) == expected


async def test_last_and_before_page_backwards_through_ties(officer, incidents):
    expected = [address for _, _, address in sorted(incidents, key=lambda item: (item[0], item[1]))]
    seen, before = [], None
    for _ in range(len(TIMES) + 1):
        variables = {"order": "OLDEST_FIRST", "last": 2, "before": before}
        connection = (await officer.data(PAGE, variables))["incidents"]
        seen = [edge["node"]["address"] for edge in connection["edges"]] + seen
        if not connection["pageInfo"]["hasPreviousPage"]:
            break
        before = connection["pageInfo"]["startCursor"]
    assert seen == expected


async def test_a_cursor_of_the_other_order_is_a_bad_request(officer, incidents):
    newest = (await officer.data(PAGE, {"order": "NEWEST_FIRST", "first": 2}))["incidents"]
    body = await officer.execute(PAGE, {"order": "OLDEST_FIRST", "first": 2, "after": newest["pageInfo"]["endCursor"]})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "another order" in body["errors"][0]["message"]
