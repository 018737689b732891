"""回访 callback sampling: a reproducible random draw the handlers of items cannot steer."""

import datetime as dt
import random

import pytest
import strawberry

from core import ClosedItem, Period, Role
from core.audit.models import AuditEvent
from core.testing import create_station
from plugins.volunteers import models
from plugins.volunteers.services import callbacks
from tests.plugins.volunteers import testitems
from tests.plugins.volunteers.helpers import acting, gid, items_app

DRAW = """
mutation($input: DrawCallbackSampleInput!) {
  drawCallbackSample(input: $input) {
    sample { id seed algorithm candidateCount candidatesDigest items { id position plugin kind itemId handlerUserId status } }
    errors { field message code }
  }
}"""

RECORD = """
mutation($input: RecordCallbackInput!) {
  recordCallback(input: $input) { item { status rating } errors { field message code } }
}"""

JULY = {"start": "2020-07-01", "end": "2020-07-31"}
JULY_PERIOD = Period(dt.date(2020, 7, 1), dt.date(2020, 7, 31))


@pytest.fixture
async def app(make_app):
    return await items_app(make_app)


def _close(station, count, *, handler=None, kind="dispute", first=1):
    for item_id in range(first, first + count):
        testitems.CLOSED.append(
            ClosedItem(
                kind=kind,
                item_id=item_id,
                station_id=station.id,
                label=f"纠纷 #{item_id}",
                closed_at=dt.datetime(2020, 7, 15, 2, tzinfo=dt.UTC),
                handler_user_id=handler,
            )
        )


async def test_the_draw_takes_the_asked_number_from_every_closed_item(station, chief):
    _close(station, 30)
    payload = await chief.mutate(DRAW, {"input": {"period": JULY, "size": 5}})
    sample = payload["sample"]
    assert sample["candidateCount"] == 30 and len(sample["items"]) == 5
    assert [item["position"] for item in sample["items"]] == [1, 2, 3, 4, 5]
    assert {item["plugin"] for item in sample["items"]} == {"testitems"}
    assert len({item["itemId"] for item in sample["items"]}) == 5
    assert sample["algorithm"] == "python-random-sample-v1" and int(sample["seed"], 16) >= 0
    assert testitems.CALLS == [([station.id], JULY_PERIOD)]
    assert await AuditEvent.filter(action="volunteers.callback_sample.draw").count() == 1


async def test_the_same_seed_gives_the_same_sample(station, chief_actor):
    _close(station, 40)
    async with acting(chief_actor):
        sample = await callbacks.draw_sample(
            chief_actor, station_id=station.id, period=JULY_PERIOD, size=6, seed=20200820
        )
    drawn = await models.CallbackItem.filter(sample_id=sample.id).order_by("position").values_list("item_id", flat=True)
    expected = [index + 1 for index in random.Random(20200820).sample(range(40), 6)]
    assert drawn == expected
    assert callbacks.draw(20200820, 40, 6) == callbacks.draw(20200820, 40, 6)
    assert callbacks.draw(20200820, 40, 6) != callbacks.draw(20200821, 40, 6)


async def test_the_candidates_do_not_depend_on_the_order_a_plugin_reports_them(station):
    _close(station, 10)
    _close(station, 5, kind="incident")
    first = [candidate.key for candidate in await callbacks.candidates(station.id, JULY_PERIOD)]
    testitems.CLOSED.reverse()
    again = [candidate.key for candidate in await callbacks.candidates(station.id, JULY_PERIOD)]
    assert first == again == sorted(first)


async def test_a_recorded_sample_can_be_checked_by_repeating_the_draw(station, chief):
    _close(station, 12)
    sample = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 4}}))["sample"]
    query = """query($id: ID!) { callbackSampleCheck(sampleId: $id) {
        candidateCount digestMatches drawMatches candidatesUnchanged } }"""
    data = await chief.data(query, {"id": sample["id"]})
    assert data["callbackSampleCheck"] == {
        "candidateCount": 12,
        "digestMatches": True,
        "drawMatches": True,
        "candidatesUnchanged": True,
    }
    _close(station, 1, first=99)  # an item closed "late" into July
    data = await chief.data(query, {"id": sample["id"]})
    assert data["callbackSampleCheck"]["drawMatches"] is True
    assert data["callbackSampleCheck"]["candidatesUnchanged"] is False


async def test_a_tampered_sample_fails_the_check(station, chief, chief_actor):
    _close(station, 12)
    sample = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 4}}))["sample"]
    first = await models.CallbackItem.filter(position=1).first()
    drawn = set(await models.CallbackItem.all().values_list("item_id", flat=True))
    first.item_id = next(i for i in range(1, 13) if i not in drawn)  # someone swapping an item in the database
    await first.save()
    row = await models.CallbackSample.get()
    _, check = await callbacks.verify_sample(chief_actor, row.id)
    assert check.draw_matches is False and check.digest_matches is True
    assert sample["id"]


async def test_a_handler_cannot_draw(station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    _close(station, 10, handler=officer.user.id)
    body = await officer.execute(DRAW, {"input": {"period": JULY}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await models.CallbackSample.all().count() == 0


async def test_a_drawing_chief_keeps_own_items_in_the_pool(station, chief):
    _close(station, 10, handler=chief.user.id)
    _close(station, 10, first=11)
    sample = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 20}}))["sample"]
    assert sample["candidateCount"] == 20
    assert sum(item["handlerUserId"] == gid("User", chief.user.id) for item in sample["items"]) == 10


async def test_a_period_is_drawn_once_and_cannot_be_redrawn_by_shifting_it(station, chief):
    _close(station, 10)
    await chief.mutate(DRAW, {"input": {"period": JULY, "size": 3}})
    for period in (JULY, {"start": "2020-07-02", "end": "2020-08-01"}):
        data = await chief.data(DRAW, {"input": {"period": period, "size": 3}})
        assert data["drawCallbackSample"]["errors"][0]["code"] == "CONFLICT"
    assert await models.CallbackSample.all().count() == 1
    assert await models.CallbackItem.all().count() == 3


async def test_only_an_ended_period_is_drawn(station, chief):
    _close(station, 10)
    data = await chief.data(DRAW, {"input": {"period": {"start": "2020-08-01", "end": "2020-08-20"}}})
    assert data["drawCallbackSample"]["errors"] == [
        {"field": "period.end", "message": "Draw after the period has ended.", "code": "INVALID"}
    ]


async def test_bad_sizes_and_empty_periods_are_refused(station, chief):
    data = await chief.data(DRAW, {"input": {"period": JULY, "size": 0}})
    assert data["drawCallbackSample"]["errors"][0]["field"] == "size"
    data = await chief.data(DRAW, {"input": {"period": JULY}})
    assert data["drawCallbackSample"]["errors"][0]["message"] == "Nothing was closed in this period."
    assert await models.CallbackSample.all().count() == 0


async def test_no_api_edits_deletes_or_replaces_a_drawn_sample(app):
    sdl = strawberry.printer.print_schema(app.schema)
    mutation = sdl[sdl.index("type Mutation") :].split("}", 1)[0]
    names = [line.strip().split("(")[0] for line in mutation.splitlines() if "Callback" in line and "(" in line]
    assert sorted(names) == ["drawCallbackSample", "recordCallback"]


async def test_the_handler_cannot_record_the_callback_of_own_item(station, chief, login_as):
    handler = await login_as(Role.OFFICER, station=station)
    colleague = await login_as(Role.OFFICER, station=station)
    _close(station, 1, handler=handler.user.id)
    item = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]["items"][0]
    data = await handler.data(RECORD, {"input": {"itemId": item["id"], "reached": True, "rating": 5}})
    assert data["recordCallback"]["errors"] == [
        {"field": "itemId", "message": "You handled this item; someone else makes its callback.", "code": "FORBIDDEN"}
    ]
    assert await models.CallbackItem.filter(status=models.CallbackStatus.PENDING).count() == 1
    payload = await colleague.mutate(RECORD, {"input": {"itemId": item["id"], "reached": True, "rating": 4}})
    assert payload["item"] == {"status": "REACHED", "rating": 4}


async def test_an_unreachable_item_is_tried_again_never_replaced(station, chief, login_as):
    caller = await login_as(Role.OFFICER, station=station)
    _close(station, 3)
    items = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]["items"]
    item_id = items[0]["id"]
    missed = await caller.mutate(RECORD, {"input": {"itemId": item_id, "reached": False}})
    assert missed["item"] == {"status": "UNREACHABLE", "rating": None}
    reached = await caller.mutate(RECORD, {"input": {"itemId": item_id, "reached": True, "rating": 5}})
    assert reached["item"] == {"status": "REACHED", "rating": 5}
    final = await caller.data(RECORD, {"input": {"itemId": item_id, "reached": True, "rating": 1}})
    assert final["recordCallback"]["errors"][0]["code"] == "INVALID_TRANSITION"
    assert await models.CallbackItem.all().count() == 1


async def test_a_reached_callback_needs_a_rating_from_1_to_5(station, chief, login_as):
    caller = await login_as(Role.OFFICER, station=station)
    _close(station, 1)
    item_id = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]["items"][0]["id"]
    for rating in (None, 0, 6):
        data = await caller.data(RECORD, {"input": {"itemId": item_id, "reached": True, "rating": rating}})
        assert data["recordCallback"]["errors"][0]["field"] == "rating"
    data = await caller.data(RECORD, {"input": {"itemId": item_id, "reached": False, "rating": 3}})
    assert data["recordCallback"]["errors"][0]["field"] == "rating"
    assert await models.CallbackItem.filter(status=models.CallbackStatus.PENDING).count() == 1


async def test_items_of_plugins_off_for_the_station_and_of_other_stations_stay_out(app, login_as):
    only_volunteers = await create_station(app, name="渠县公安局临巴派出所", plugins=["volunteers"])
    other = await create_station(app, name="渠县公安局三汇派出所")
    _close(only_volunteers, 5)
    _close(other, 5)
    assert await callbacks.candidates(only_volunteers.id, JULY_PERIOD) == []
    chief = await login_as(Role.STATION_CHIEF, station=other)
    sample = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 10}}))["sample"]
    assert sample["candidateCount"] == 5


async def test_own_care_visits_are_candidates_too(station, chief_actor, clock):
    from plugins.volunteers.services import activities, care
    from plugins.volunteers.services import volunteers as service

    async with acting(chief_actor):
        volunteer = await service.register_volunteer(
            chief_actor, station_id=station.id, name="赵小红", phone="13900000001"
        )
        elder = await care.register_care_recipient(
            chief_actor,
            kind=models.CareRecipientKind.EMPTY_NEST_ELDERLY,
            name="李大爷",
            area_id=station.test_areas["community"].id,
            registered_on=dt.date(2020, 6, 1),
        )
        await activities.record_activity(
            chief_actor,
            station_id=station.id,
            kind=models.ActivityKind.CARE_VISIT,
            title="走访",
            started_at=dt.datetime(2020, 7, 25, 2, tzinfo=dt.UTC),  # within the back-dating window
            hours=1,
            participants=[activities.Participant(volunteer.id)],
            care_recipient_ids=[elder.id],
        )
    pool = await callbacks.candidates(station.id, JULY_PERIOD)
    assert [(c.plugin, c.item.kind, c.item.handler_user_id) for c in pool] == [
        ("volunteers", "volunteers.care_visit", chief_actor.user_id)
    ]


async def test_another_stations_samples_are_invisible(station, other_station, chief, login_as):
    _close(station, 3)
    sample = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 2}}))["sample"]
    stranger = await login_as(Role.STATION_CHIEF, station=other_station)
    data = await stranger.data("{ callbackSamples { totalCount } }")
    assert data["callbackSamples"]["totalCount"] == 0
    body = await stranger.execute(
        "query($id: ID!) { callbackSampleCheck(sampleId: $id) { drawMatches } }", {"id": sample["id"]}
    )
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert body["errors"][0]["message"] == "Callback sample not found."
    data = await stranger.data(RECORD, {"input": {"itemId": sample["items"][0]["id"], "reached": False}})
    assert data["recordCallback"]["errors"][0]["code"] == "NOT_FOUND"


async def test_callback_ratings_count_in_the_satisfaction_stats(station, chief, login_as):
    caller = await login_as(Role.OFFICER, station=station)
    _close(station, 3)
    items = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 3}}))["sample"]["items"]
    await caller.mutate(RECORD, {"input": {"itemId": items[0]["id"], "reached": True, "rating": 5}})
    await caller.mutate(RECORD, {"input": {"itemId": items[1]["id"], "reached": True, "rating": 2}})
    await caller.mutate(RECORD, {"input": {"itemId": items[2]["id"], "reached": False}})
    query = """query($p: PeriodInput!) { satisfactionStats(period: $p) {
        callbacksMade callbacksReached callbackRatings { answers mean shareSatisfied } } }"""
    data = await chief.data(query, {"p": {"start": "2020-08-01", "end": "2020-08-31"}})
    assert data["satisfactionStats"] == {
        "callbacksMade": 3,
        "callbacksReached": 2,
        "callbackRatings": {"answers": 2, "mean": 3.5, "shareSatisfied": 50.0},
    }


async def test_the_draw_is_announced_after_commit_without_personal_data(station, chief):
    _close(station, 4)
    await chief.mutate(DRAW, {"input": {"period": JULY, "size": 2}})
    drawn = [event for event in testitems.EVENTS if event.name == "volunteers.callback_sample.drawn"]
    assert len(drawn) == 1
    assert drawn[0].station_id == station.id
    assert drawn[0].payload["candidates"] == 4 and drawn[0].payload["items"] == 2


async def test_a_refused_draw_announces_nothing(station, chief):
    await chief.data(DRAW, {"input": {"period": JULY}})
    assert [event.name for event in testitems.EVENTS if event.name.startswith("volunteers.")] == []


async def test_a_bureau_admin_draws_for_a_named_station(app, station):
    from core.testing import GraphQLClient, create_user, token_for

    _close(station, 5)
    admin = GraphQLClient(app, token_for(app, await create_user(app, None, Role.BUREAU_ADMIN)))
    missing = await admin.data(DRAW, {"input": {"period": JULY}})
    assert missing["drawCallbackSample"]["errors"][0]["field"] == "stationId"
    sample = (await admin.mutate(DRAW, {"input": {"period": JULY, "stationId": gid("Station", station.id)}}))["sample"]
    assert sample["candidateCount"] == 5
