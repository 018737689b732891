"""补录 for activities and satisfaction surveys: an activity's start and a survey's closing
entered later keep when they happened, checked by the one rule, shown beside the entry time and
audited as back-dated."""

from core.audit.models import AuditEvent
from plugins.volunteers import models
from tests.plugins.volunteers.helpers import renewed
from tests.plugins.volunteers.test_activities import AUGUST, RANKING, _input, _setup
from tests.plugins.volunteers.test_satisfaction import _survey

RECORD = """
mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    activity { startedAt recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""
CLOSE = """
mutation($input: CloseSatisfactionSurveyInput!) {
  closeSatisfactionSurvey(input: $input) {
    survey { status closedAt recordedSteps { step occurredAt recordedAt backdated } }
    errors { field message code }
  }
}"""


# --- an activity's start ---------------------------------------------------------------------------


async def test_an_activity_entered_days_later_keeps_its_start_and_counts_in_its_month(
    app, station, chief, chief_actor, clock
):
    _, _, people = await _setup(station, chief_actor, count=1)
    clock.advance(days=14)  # entered 2020-09-03
    chief = renewed(app, chief)
    payload = await chief.mutate(RECORD, {"input": _input(clock, people, startedAt="2020-08-29T19:00:00+08:00")})
    activity = payload["activity"]
    assert activity["startedAt"].startswith("2020-08-29T11:00:00")
    step = activity["recordedSteps"][0]
    assert (step["step"], step["backdated"]) == ("record", True)
    assert step["recordedAt"].startswith("2020-09-03T01:00:00")
    ranking = await chief.data(RANKING, {"period": AUGUST})
    assert [row["hours"] for row in ranking["volunteerHoursRanking"]] == [3.0]
    event = await AuditEvent.get(action="core.record.backdated", object_type="VolunteerActivity")
    assert (event.after["step"], event.after["lagMinutes"]) == ("record", 4 * 24 * 60 + 14 * 60)


async def test_an_activity_started_just_now_is_not_back_dated(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=1)
    payload = await chief.mutate(RECORD, {"input": _input(clock, people, startedAt="2020-08-20T09:00:00+08:00")})
    assert [step["backdated"] for step in payload["activity"]["recordedSteps"]] == [False]
    assert await AuditEvent.filter(action="core.record.backdated").count() == 0


async def test_an_activity_starting_in_the_future_is_refused_and_writes_nothing(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=1)
    data = await chief.data(RECORD, {"input": _input(clock, people, startedAt="2020-08-20T20:00:00+08:00")})
    error = data["recordActivity"]["errors"][0]
    assert (error["field"], error["code"]) == ("startedAt", "INVALID") and "future" in error["message"]
    assert await models.VolunteerActivity.all().count() == 0


async def test_an_activity_beyond_the_back_dating_window_is_refused(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=1)
    data = await chief.data(RECORD, {"input": _input(clock, people, startedAt="2020-07-10T19:00:00+08:00")})
    error = data["recordActivity"]["errors"][0]
    assert error["field"] == "startedAt" and "backdating_days" in error["message"]
    assert await models.VolunteerActivity.all().count() == 0


async def test_a_bad_start_is_reported_with_the_other_problems_of_the_input(station, chief, chief_actor, clock):
    _, _, people = await _setup(station, chief_actor, count=1)
    data = await chief.data(
        RECORD, {"input": _input(clock, people, title=" ", startedAt="2020-07-10T19:00:00+08:00")}
    )
    assert {error["field"] for error in data["recordActivity"]["errors"]} == {"title", "startedAt"}


# --- closing a survey ------------------------------------------------------------------------------


async def test_a_survey_closed_on_friday_and_entered_on_monday_keeps_fridays_time(app, chief, clock):
    survey, _ = await _survey(chief)  # tokens issued 2020-08-20 09:00
    clock.advance(days=4)  # Monday 2020-08-24
    payload = await renewed(app, chief).mutate(
        CLOSE, {"input": {"surveyId": survey["id"], "occurredAt": "2020-08-21T17:00:00+08:00"}}
    )
    closed = payload["survey"]
    assert (closed["status"], closed["closedAt"][:19]) == ("CLOSED", "2020-08-21T09:00:00")
    step = closed["recordedSteps"][0]
    assert (step["step"], step["backdated"]) == ("close", True)
    assert step["recordedAt"].startswith("2020-08-24T01:00:00")
    event = await AuditEvent.get(action="core.record.backdated", object_type="SatisfactionSurvey")
    assert event.after["step"] == "close"


async def test_a_survey_closed_in_the_future_is_refused_and_stays_open(chief):
    survey, _ = await _survey(chief)
    data = await chief.data(CLOSE, {"input": {"surveyId": survey["id"], "occurredAt": "2020-08-20T12:00:00+08:00"}})
    error = data["closeSatisfactionSurvey"]["errors"][0]
    assert (error["field"], error["code"]) == ("occurredAt", "INVALID") and "future" in error["message"]
    assert await models.SatisfactionSurvey.filter(status=models.SurveyStatus.OPEN).count() == 1


async def test_a_survey_closed_before_its_last_token_was_issued_is_refused(chief):
    survey, _ = await _survey(chief)  # tokens issued 09:00
    data = await chief.data(CLOSE, {"input": {"surveyId": survey["id"], "occurredAt": "2020-08-20T08:00:00+08:00"}})
    error = data["closeSatisfactionSurvey"]["errors"][0]
    assert error["field"] == "occurredAt" and "before the survey's last token or answer" in error["message"]
    assert await models.SatisfactionSurvey.filter(status=models.SurveyStatus.OPEN).count() == 1


async def test_a_survey_closed_beyond_the_back_dating_window_is_refused(app, chief, clock):
    survey, _ = await _survey(chief)
    clock.advance(days=40)
    data = await renewed(app, chief).data(
        CLOSE, {"input": {"surveyId": survey["id"], "occurredAt": "2020-08-21T17:00:00+08:00"}}
    )
    error = data["closeSatisfactionSurvey"]["errors"][0]
    assert error["field"] == "occurredAt" and "backdating_days" in error["message"]
    assert await models.SatisfactionSurvey.filter(status=models.SurveyStatus.OPEN).count() == 1
