"""Satisfaction surveys: anonymous answers through one-answer tokens, and statistics."""

from core import Role
from core.audit.models import AuditEvent
from core.testing import GraphQLClient, create_station, create_user, token_for
from plugins.volunteers import models
from tests.plugins.volunteers.helpers import gid

CREATE = """
mutation($input: CreateSatisfactionSurveyInput!) {
  createSatisfactionSurvey(input: $input) {
    survey { id title status questions { id position text } }
    errors { field message code }
  }
}"""

ISSUE = """
mutation($input: IssueSurveyTokensInput!) {
  issueSurveyTokens(input: $input) { tokens survey { tokenCounts { issued used } } errors { field message code } }
}"""

SUBMIT = """
mutation($input: SubmitSatisfactionInput!) {
  submitSatisfaction(input: $input) { accepted errors { field message code } }
}"""

STATS = """
query($period: PeriodInput!) {
  satisfactionStats(period: $period) {
    responses
    ratings { answers mean shareSatisfied }
    questions { text ratings { answers mean shareSatisfied } }
    callbacksMade
  }
}"""

Q3 = {"start": "2020-07-01", "end": "2020-09-30"}


async def _survey(chief, tokens=3):
    survey = (
        await chief.mutate(
            CREATE,
            {
                "input": {
                    "title": "2020年第三季度群众满意度调查",
                    "period": Q3,
                    "questions": ["您对民警服务态度是否满意？", "您对辖区治安是否满意？"],
                }
            },
        )
    )["survey"]
    issued = await chief.mutate(ISSUE, {"input": {"surveyId": survey["id"], "count": tokens}})
    return survey, issued["tokens"]


def _answers(survey, *ratings):
    return [{"questionId": q["id"], "rating": r} for q, r in zip(survey["questions"], ratings, strict=False)]


async def test_a_resident_answers_anonymously_with_a_token(app, station, chief, client):
    survey, tokens = await _survey(chief)
    assert len(tokens) == 3 and len(set(tokens)) == 3
    payload = await client.mutate(
        SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 5, 4), "comment": "民警很热心"}}
    )
    assert payload["accepted"] is True
    response = await models.SatisfactionResponse.get()
    assert response.comment == "民警很热心"
    assert await models.SurveyToken.filter(token_hash=tokens[0]).count() == 0  # only hashes are stored
    audit = await AuditEvent.get(action="volunteers.satisfaction.submit")
    assert audit.actor_username is None and audit.after["comment"] == "[redacted]"


async def test_the_survey_behind_a_token_is_public(app, station, chief, client):
    survey, tokens = await _survey(chief)
    query = "query($t: String!) { satisfactionSurveyForToken(token: $t) { title answered open questions { text } } }"
    data = await client.data(query, {"t": tokens[0]})
    assert data["satisfactionSurveyForToken"]["title"] == "2020年第三季度群众满意度调查"
    assert data["satisfactionSurveyForToken"]["answered"] is False
    assert len(data["satisfactionSurveyForToken"]["questions"]) == 2
    assert (await client.data(query, {"t": "no-such-token"}))["satisfactionSurveyForToken"] is None


async def test_a_token_answers_once(app, station, chief, client):
    survey, tokens = await _survey(chief)
    await client.mutate(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 5, 5)}})
    data = await client.data(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 1, 1)}})
    assert data["submitSatisfaction"]["errors"] == [
        {"field": "token", "message": "This token has been used already.", "code": "CONFLICT"}
    ]
    assert await models.SatisfactionResponse.all().count() == 1
    assert await models.SatisfactionAnswer.filter(rating=1).count() == 0


async def test_ratings_outside_1_to_5_are_refused_and_nothing_is_written(app, station, chief, client):
    survey, tokens = await _survey(chief)
    data = await client.data(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 0, 6)}})
    assert [(e["field"], e["code"]) for e in data["submitSatisfaction"]["errors"]] == [
        ("answers.0.rating", "INVALID"),
        ("answers.1.rating", "INVALID"),
    ]
    assert await models.SatisfactionResponse.all().count() == 0
    assert await models.SurveyToken.filter(used_at__isnull=False).count() == 0


async def test_an_unknown_token_or_foreign_question_is_refused(app, station, chief, client):
    survey, tokens = await _survey(chief)
    other, _ = await _survey(chief)
    unknown = await client.data(SUBMIT, {"input": {"token": "made-up", "answers": _answers(survey, 5)}})
    assert unknown["submitSatisfaction"]["errors"][0]["code"] == "NOT_FOUND"
    foreign = await client.data(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(other, 5)}})
    assert foreign["submitSatisfaction"]["errors"][0] == {
        "field": "answers.0.questionId",
        "message": "No such question in this survey.",
        "code": "NOT_FOUND",
    }


async def test_a_closed_survey_takes_no_answers(app, station, chief, client):
    survey, tokens = await _survey(chief)
    close = (
        "mutation($id: ID!) { closeSatisfactionSurvey(input: { surveyId: $id }) { survey { status } errors { code } } }"
    )
    assert (await chief.mutate(close, {"id": survey["id"]}))["survey"]["status"] == "CLOSED"
    data = await client.data(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 5)}})
    assert data["submitSatisfaction"]["errors"][0]["code"] == "INVALID_TRANSITION"
    again = await chief.data(close, {"id": survey["id"]})
    assert again["closeSatisfactionSurvey"]["errors"] == [{"code": "INVALID_TRANSITION"}]


async def test_token_counts_are_bounded(app, station, chief):
    survey, _ = await _survey(chief)
    data = await chief.data(ISSUE, {"input": {"surveyId": survey["id"], "count": 501}})
    assert data["issueSurveyTokens"]["errors"][0]["field"] == "count"
    assert await models.SurveyToken.all().count() == 3


async def test_a_survey_needs_questions(app, station, chief):
    data = await chief.data(CREATE, {"input": {"title": "空调查", "period": Q3, "questions": []}})
    assert data["createSatisfactionSurvey"]["errors"][0]["code"] == "REQUIRED"
    assert await models.SatisfactionSurvey.all().count() == 0


async def test_officers_may_not_create_surveys(app, station, login_as):
    officer = await login_as(Role.OFFICER, station=station)
    body = await officer.execute(CREATE, {"input": {"title": "x", "period": Q3, "questions": ["q"]}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_stats_give_responses_mean_and_share_satisfied_per_question(app, station, chief, client):
    survey, tokens = await _survey(chief, tokens=4)
    for token, ratings in zip(tokens, [(5, 4), (4, 2), (3, 5), (5, 5)], strict=True):
        await client.mutate(SUBMIT, {"input": {"token": token, "answers": _answers(survey, *ratings)}})
    data = await chief.data(STATS, {"period": Q3})
    stats = data["satisfactionStats"]
    assert stats["responses"] == 4
    assert stats["ratings"] == {"answers": 8, "mean": 4.12, "shareSatisfied": 75.0}
    assert stats["questions"] == [
        {"text": "您对民警服务态度是否满意？", "ratings": {"answers": 4, "mean": 4.25, "shareSatisfied": 75.0}},
        {"text": "您对辖区治安是否满意？", "ratings": {"answers": 4, "mean": 4.0, "shareSatisfied": 75.0}},
    ]
    empty = await chief.data(STATS, {"period": {"start": "2020-01-01", "end": "2020-03-31"}})
    assert empty["satisfactionStats"]["ratings"] == {"answers": 0, "mean": None, "shareSatisfied": None}


async def test_stats_stay_within_the_station(app, station, other_station, chief, client, login_as):
    survey, tokens = await _survey(chief)
    await client.mutate(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 5, 5)}})
    stranger = await login_as(Role.STATION_CHIEF, station=other_station)
    data = await stranger.data(STATS, {"period": Q3})
    assert data["satisfactionStats"]["responses"] == 0


async def test_a_station_that_switched_the_plugin_off_takes_no_answers(app, chief, client, station):
    survey, tokens = await _survey(chief)
    admin = GraphQLClient(app, token_for(app, await create_user(app, None, Role.BUREAU_ADMIN)))
    switch = "mutation($id: ID!) { setStationPlugins(input: { stationId: $id, plugins: [] }) { errors { code } } }"
    await admin.mutate(switch, {"id": gid("Station", station.id)})
    data = await client.data(SUBMIT, {"input": {"token": tokens[0], "answers": _answers(survey, 5)}})
    assert data["submitSatisfaction"]["errors"][0]["code"] == "FEATURE_DISABLED"
    assert await models.SatisfactionResponse.all().count() == 0


async def test_an_inverted_period_is_refused(app, station, chief):
    body = await chief.execute(STATS, {"period": {"start": "2020-09-30", "end": "2020-07-01"}})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["message"] == "The period ends before it starts."


async def test_a_station_without_the_plugin_has_no_stats(app, login_as):
    bare = await create_station(app, name="渠县公安局无志愿派出所", plugins=[])
    chief = await login_as(Role.STATION_CHIEF, station=bare)
    body = await chief.execute(STATS, {"period": Q3})
    assert body["errors"][0]["extensions"]["code"] == "FEATURE_DISABLED"
