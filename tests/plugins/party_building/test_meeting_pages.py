"""Keyset pages of a real list: partyMeetings, newest heldOn first, ties broken by id.

Cursors hold the edge's place in the order (heldOn, id), so a deep page is a seek on the list's
index, days with several meetings neither skip nor repeat a meeting across pages, and meetings
recorded between two requests do not shift the next page.
"""

from __future__ import annotations

import base64
import json

import pytest

from core.testing import count_queries
from tests.plugins.party_building import documents as doc

PAGE = """
query($first: Int, $after: String, $last: Int, $before: String) {
  partyMeetings(first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { topic heldOn } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

# Nine meetings over four days: three on the 3rd and three on the 5th tie on heldOn.
DAYS = ["2020-06-01", "2020-06-03", "2020-06-03", "2020-06-03", "2020-06-04", "2020-06-05", "2020-06-05",
        "2020-06-05", "2020-06-08"]


# A branch holds one meeting of a type a day: meetings on one day differ in type.
TYPES = ["BRANCH_ASSEMBLY", "BRANCH_COMMITTEE", "PARTY_GROUP", "PARTY_LECTURE", "NIGHT_SCHOOL", "ACTIVITY_DAY"]


async def record(chief, branch, held_on: str, topic: str, meeting_type: str = "PARTY_GROUP") -> None:
    variables = {"input": {"branchId": branch, "meetingType": meeting_type, "heldOn": held_on, "topic": topic}}
    await chief.mutate(doc.RECORD_MEETING, variables)


@pytest.fixture
async def meetings(chief, branch) -> list[str]:
    """Topics in list order (newest heldOn first, then the later-recorded first)."""
    for number, day in enumerate(DAYS):
        await record(chief, branch, day, f"学习{number}", TYPES[number % len(TYPES)])
    return [f"学习{number}" for number in sorted(range(len(DAYS)), key=lambda n: (DAYS[n], n), reverse=True)]


async def page(client, **arguments) -> dict:
    return (await client.data(PAGE, arguments))["partyMeetings"]


def topics(connection: dict) -> list[str]:
    return [edge["node"]["topic"] for edge in connection["edges"]]


def cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


async def test_paging_forward_through_ties_reads_every_meeting_once_in_order(chief, meetings):
    seen, after = [], None
    for _ in range(len(meetings) + 1):  # a page that never ends fails instead of looping
        connection = await page(chief, first=2, after=after)
        seen += topics(connection)
        after = connection["pageInfo"]["endCursor"]
        if not connection["pageInfo"]["hasNextPage"]:
            break
    assert seen == meetings


async def test_a_deep_page_is_a_seek_on_the_order_not_an_offset(chief, meetings):
    first_page = await page(chief, first=4)
    with count_queries() as queries:
        second = await page(chief, first=4, after=first_page["pageInfo"]["endCursor"])
    assert topics(second) == meetings[4:8]
    [read] = [sql for sql in queries.statements if 'FROM "party_building_meeting"' in sql]
    assert "OFFSET" not in read.upper()
    assert '"held_on"<=' in read and '"id"<' in read  # a seek from the cursor's (heldOn, id)


async def test_a_meeting_recorded_between_two_requests_does_not_shift_the_next_page(chief, branch, meetings):
    first_page = await page(chief, first=3)
    await record(chief, branch, "2020-06-09", "新的一次")  # lands before the first page
    await record(chief, branch, "2020-06-05", "同日补录")  # ties with the page's last day, after it by id
    second = await page(chief, first=3, after=first_page["pageInfo"]["endCursor"])
    assert topics(first_page) == meetings[:3]
    assert topics(second) == meetings[3:6]


async def test_paging_backward_with_last_and_before_mirrors_paging_forward(chief, meetings):
    seen, before = [], None
    connection = await page(chief, last=2)
    assert connection["pageInfo"]["hasNextPage"] is False and connection["pageInfo"]["hasPreviousPage"] is True
    for _ in range(len(meetings) + 1):
        seen = topics(connection) + seen
        if not connection["pageInfo"]["hasPreviousPage"]:
            break
        before = connection["pageInfo"]["startCursor"]
        connection = await page(chief, last=2, before=before)
        assert connection["pageInfo"]["hasNextPage"] is True
    assert seen == meetings


async def test_first_and_after_with_before_reads_the_window_between_two_cursors(chief, meetings):
    everything = await page(chief, first=9)
    cursors = [edge["cursor"] for edge in everything["edges"]]
    window = await page(chief, first=5, after=cursors[1], before=cursors[6])
    assert topics(window) == meetings[2:6]
    assert window["pageInfo"]["hasPreviousPage"] is True and window["pageInfo"]["hasNextPage"] is True


async def test_the_first_and_the_last_page_say_where_they_sit(chief, meetings):
    head = await page(chief, first=4)
    assert head["pageInfo"]["hasPreviousPage"] is False and head["pageInfo"]["hasNextPage"] is True
    tail = await page(chief, first=10, after=head["pageInfo"]["endCursor"])
    assert topics(tail) == meetings[4:]
    assert tail["pageInfo"]["hasPreviousPage"] is True and tail["pageInfo"]["hasNextPage"] is False


async def test_an_old_offset_cursor_still_reads_the_page_after_that_position(chief, meetings):
    connection = await page(chief, first=3, after=cursor("offset:1"))
    assert topics(connection) == meetings[2:5]
    # The page hands out keyset cursors: the next request seeks.
    following = await page(chief, first=3, after=connection["pageInfo"]["endCursor"])
    assert topics(following) == meetings[5:8]


@pytest.mark.parametrize(
    "text",
    [
        "keyset:not json",
        'keyset:["-held_on,-id",["2020-06-05"]]',
        'keyset:["-held_on,-id",["yesterday",3]]',
        'keyset:["-held_on,-id",["2020-06-05","3"]]',
        'keyset:["-held_on,-id",{"held_on":"2020-06-05"}]',
        'keyset:["-held_on,-id",["2020-06-05",1180591620717411303424]]',
        "keyset:",
    ],
)
async def test_a_tampered_cursor_is_a_bad_request(chief, meetings, text):
    body = await chief.execute(PAGE, {"first": 2, "after": cursor(text)})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert body["errors"][0]["message"] == "'after' is not a valid cursor."


async def test_a_cursor_of_another_order_is_refused_with_a_hint_to_start_again(chief, meetings):
    other = cursor("keyset:" + json.dumps(["-created_at,-id", ["2020-06-05T00:00:00+00:00", 3]]))
    body = await chief.execute(PAGE, {"first": 2, "before": other, "last": None})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "'before' is a cursor of this list in another order" in body["errors"][0]["message"]


async def test_an_offset_and_a_keyset_cursor_together_are_refused(chief, meetings):
    head = await page(chief, first=4)
    body = await chief.execute(PAGE, {"first": 2, "after": cursor("offset:0"), "before": head["pageInfo"]["endCursor"]})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "cursors of two kinds" in body["errors"][0]["message"]
