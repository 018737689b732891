"""补录 in the volunteers pillar: a reply given on time but entered late is on time; a call made
on Friday and entered on Monday keeps Friday's time; both are shown and audited as back-dated."""

import pytest

from core.audit.models import AuditEvent
from plugins.volunteers import models
from tests.plugins.volunteers.helpers import items_app, renewed
from tests.plugins.volunteers.test_callbacks import DRAW, JULY, _close
from tests.plugins.volunteers.test_meetings import RECORD, _meeting

REPLY = """
mutation($input: ReplyFeedbackInput!) {
  replyFeedback(input: $input) {
    feedbackItem { status repliedOnTime recordedSteps { step occurredAt backdated } }
    errors { field message code }
  }
}"""
CALL = """
mutation($input: RecordCallbackInput!) {
  recordCallback(input: $input) {
    item { status calledAt recordedSteps { step backdated } }
    errors { field message code }
  }
}"""


@pytest.fixture
async def app(make_app):
    return await items_app(make_app)


async def test_a_reply_given_before_the_deadline_but_entered_after_it_is_on_time(app, station, chief, clock):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})  # reply due 2020-08-25
    clock.advance(days=10)  # entered 2020-08-30
    chief = renewed(app, chief)
    item = payload["meeting"]["feedbackItems"][0]
    replied = await chief.mutate(
        REPLY, {"input": {"feedbackId": item["id"], "reply": "已答复", "occurredAt": "2020-08-24T16:00:00+08:00"}}
    )
    assert replied["feedbackItem"]["repliedOnTime"] is True
    assert replied["feedbackItem"]["recordedSteps"][0]["step"] == "reply"
    assert replied["feedbackItem"]["recordedSteps"][0]["backdated"] is True
    assert await AuditEvent.filter(action="core.record.backdated", object_type="FeedbackItem").count() == 1


async def test_a_reply_dated_before_its_meeting_is_refused(station, chief):
    payload = await chief.mutate(RECORD, {"input": _meeting(station)})
    item = payload["meeting"]["feedbackItems"][0]
    data = await chief.data(
        REPLY, {"input": {"feedbackId": item["id"], "reply": "已答复", "occurredAt": "2020-08-09T16:00:00+08:00"}}
    )
    assert data["replyFeedback"]["errors"][0]["field"] == "occurredAt"
    assert await models.FeedbackItem.filter(status=models.FeedbackStatus.REPLIED).count() == 0


async def test_a_call_entered_later_keeps_the_time_it_was_made(app, station, chief, login_as, clock):
    from core import Role

    _close(station, 1)
    item = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]["items"][0]
    clock.advance(days=2)
    caller = await login_as(Role.OFFICER, station=station)
    payload = await caller.mutate(
        CALL, {"input": {"itemId": item["id"], "reached": True, "rating": 5, "occurredAt": "2020-08-21T15:00:00+08:00"}}
    )
    assert payload["item"]["calledAt"].startswith("2020-08-21T07:00:00")
    assert payload["item"]["recordedSteps"] == [{"step": "call", "backdated": True}]


async def test_a_call_dated_before_the_draw_is_refused(station, chief, login_as):
    from core import Role

    _close(station, 1)
    item = (await chief.mutate(DRAW, {"input": {"period": JULY, "size": 1}}))["sample"]["items"][0]
    caller = await login_as(Role.OFFICER, station=station)
    data = await caller.data(
        CALL, {"input": {"itemId": item["id"], "reached": True, "rating": 5, "occurredAt": "2020-08-19T15:00:00+08:00"}}
    )
    assert data["recordCallback"]["errors"][0]["field"] == "occurredAt"
    assert await models.CallbackItem.filter(status=models.CallbackStatus.PENDING).count() == 1
