"""A list whose order cannot be sought (a nullable column) pages by offset cursors: forward,
backward, and refusing a keyset cursor of another order."""

import base64

import pytest

import tests.core.sample_plugin as sample_plugin
from core import FixedClock, Role, testing
from core.testing import DEFAULT_NOW, make_settings, running_app

ADD = "mutation($input: AddSamplePersonInput!) { addSamplePerson(input: $input) { errors { code } } }"
PAGE = """
query($first: Int, $after: String, $last: Int, $before: String) {
  samplePeopleByBirth(first: $first, after: $after, last: $last, before: $before) {
    nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""
NAMES = [f"居民{number}" for number in range(5)]


@pytest.fixture
async def app(tmp_path):
    settings = make_settings(testing.test_database_url(tmp_path), ["sample"])
    async with running_app(settings, extra_plugins=[sample_plugin], clock=FixedClock(DEFAULT_NOW)) as app:
        yield app


@pytest.fixture
async def chief(login_as, station):
    client = await login_as(Role.STATION_CHIEF, station=station)
    for name in NAMES:
        assert (await client.data(ADD, {"input": {"name": name}}))["addSamplePerson"]["errors"] == []
    return client


async def page(client, **variables) -> dict:
    return (await client.data(PAGE, variables))["samplePeopleByBirth"]


def kind_of(cursor: str) -> str:
    return base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")[0]


async def test_an_unseekable_order_pages_forward_by_offset_cursors(chief):
    first = await page(chief, first=2)
    second = await page(chief, first=2, after=first["pageInfo"]["endCursor"])
    assert kind_of(first["pageInfo"]["endCursor"]) == "offset"
    assert [node["name"] for node in first["nodes"] + second["nodes"]] == NAMES[:4]
    assert second["pageInfo"]["hasNextPage"] is True and second["pageInfo"]["hasPreviousPage"] is True


async def test_an_unseekable_order_pages_backward_with_last_and_before(chief):
    end = await page(chief, last=2)
    earlier = await page(chief, last=2, before=end["pageInfo"]["startCursor"])
    assert [node["name"] for node in earlier["nodes"] + end["nodes"]] == NAMES[1:]
    assert end["pageInfo"]["hasNextPage"] is False and earlier["pageInfo"]["hasPreviousPage"] is True


async def test_a_keyset_cursor_is_refused_by_an_unseekable_order(chief):
    keyset = (await chief.data("{ samplePeople(first: 1) { pageInfo { endCursor } } }"))["samplePeople"]
    body = await chief.execute(PAGE, {"first": 2, "after": keyset["pageInfo"]["endCursor"]})
    assert body["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert "another order" in body["errors"][0]["message"]
