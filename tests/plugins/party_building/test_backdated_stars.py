"""补录 for 警营之星: a month closed at the branch meeting and entered days later keeps the
meeting's time, never before voting ended, within the back-dating window, audited as back-dated."""

from __future__ import annotations

from core.audit.models import AuditEvent
from plugins.party_building.models import StarAward

# The stars tests' fixtures: four colleagues, two of them nominated, at the start of voting.
from tests.plugins.party_building.test_stars import errors_of, moved, team, vote, voting  # noqa: F401

CLOSE = """
mutation($input: CloseStarMonthInput!) {
  closeStarMonth(input: $input) {
    star { month closedAt winner { displayName } recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
STAR_OF_MONTH = "query($month: String!) { starOfMonth(month: $month) { closedAt recordedSteps { step backdated } } }"


def _close(occurred_at: str) -> dict:
    return {"input": {"month": "2020-08", "occurredAt": occurred_at}}


async def test_a_month_closed_at_the_meeting_and_entered_later_keeps_the_meetings_time(voting, clock):  # noqa: F811
    chief, li, zhang, _ = voting
    await vote(chief, li)
    await vote(zhang, li)
    chief = moved(chief, clock, days=13)  # entered 2020-09-02 09:00
    star = (await chief.mutate(CLOSE, _close("2020-08-26T16:00:00+08:00")))["star"]
    assert (star["winner"], star["closedAt"][:19]) == ({"displayName": "李警官"}, "2020-08-26T08:00:00")
    step = star["recordedSteps"][0]
    assert (step["step"], step["backdated"]) == ("close", True)
    assert step["recordedAt"].startswith("2020-09-02T01:00:00")
    shown = (await chief.data(STAR_OF_MONTH, {"month": "2020-08"}))["starOfMonth"]
    assert shown["recordedSteps"] == [{"step": "close", "backdated": True}]
    event = await AuditEvent.get(action="core.record.backdated", object_type="StarAward")
    assert (event.after["step"], event.after["lagMinutes"]) == ("close", 6 * 24 * 60 + 17 * 60)


async def test_a_month_closed_now_is_not_back_dated(voting, clock):  # noqa: F811
    chief = moved(voting[0], clock, days=6)
    star = (await chief.mutate(CLOSE, {"input": {"month": "2020-08"}}))["star"]
    assert [step["backdated"] for step in star["recordedSteps"]] == [False]
    assert await AuditEvent.filter(action="core.record.backdated").count() == 0


async def test_a_closing_in_the_future_is_refused_and_writes_nothing(voting, clock):  # noqa: F811
    chief = moved(voting[0], clock, days=6)  # 2020-08-26 09:00
    error = errors_of(await chief.data(CLOSE, _close("2020-08-26T12:00:00+08:00")))[0]
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await StarAward.all().count() == 0


async def test_a_closing_before_voting_ended_is_refused(voting, clock):  # noqa: F811
    chief = moved(voting[0], clock, days=6)  # 2020-08-26 09:00; voting ran until the 25th
    error = errors_of(await chief.data(CLOSE, _close("2020-08-25T20:00:00+08:00")))[0]
    assert error["field"] == "occurredAt" and "before the end of voting" in error["message"]
    assert await StarAward.all().count() == 0


async def test_a_closing_beyond_the_back_dating_window_is_refused(voting, clock):  # noqa: F811
    chief = moved(voting[0], clock, days=50)  # 2020-10-09
    error = errors_of(await chief.data(CLOSE, _close("2020-08-27T16:00:00+08:00")))[0]
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]
    assert await StarAward.all().count() == 0
