"""Indicators: values, explanations, stations without data, grouped queries."""

import datetime as dt

import plugins.volunteers as plugin
from core import Direction, IndicatorCategory, Period, Role
from core.testing import count_queries, create_station, create_user
from plugins.volunteers import models, scoring
from plugins.volunteers.services import activities, care, meetings, satisfaction
from plugins.volunteers.services import volunteers as service
from tests.plugins.volunteers.helpers import acting, actor_of, moment, phone

AUGUST = Period(dt.date(2020, 8, 1), dt.date(2020, 8, 31))


def _spec(key):
    return next(spec for spec in scoring.indicators() if spec.key == f"volunteers.{key}")


def test_public_satisfaction_is_public_opinion_and_weighs_most():
    specs = {spec.key: spec for spec in scoring.indicators()}
    satisfaction_spec = specs["volunteers.public_satisfaction"]
    assert satisfaction_spec.category is IndicatorCategory.PUBLIC_OPINION
    assert satisfaction_spec.direction is Direction.HIGHER_IS_BETTER
    assert satisfaction_spec.weight > max(spec.weight for key, spec in specs.items() if key != satisfaction_spec.key)
    assert all(key.startswith("volunteers.") for key in specs)


async def _chief(app, station):
    return actor_of(app, await create_user(app, station, Role.STATION_CHIEF), station)


async def _answers(actor, station, *ratings):
    async with acting(actor):
        survey = await satisfaction.create_survey(
            actor, station_id=station.id, title="满意度", period=AUGUST, questions=["总体满意吗？"]
        )
        _, tokens = await satisfaction.issue_tokens(actor, survey.id, len(ratings))
    question = await models.SurveyQuestion.get(survey_id=survey.id)
    for token, rating in zip(tokens, ratings, strict=True):
        async with acting(actor):
            await satisfaction.submit(token, [satisfaction.Answer(question.id, rating)])


async def test_public_satisfaction_is_the_share_of_4s_and_5s(app, station, other_station):
    actor = await _chief(app, station)
    await _answers(actor, station, 5, 4, 4, 2)
    result = await _spec("public_satisfaction").compute([station.id, other_station.id], AUGUST)
    assert set(result) == {station.id}  # no data is not zero
    assert result[station.id].value == 75.0
    assert result[station.id].explanation == "3 of 4 ratings were 4 or 5 (4 from surveys, 0 from callbacks)"


async def _hours(app, station, hours_served):
    actor = await _chief(app, station)
    async with acting(actor):
        volunteer = await service.register_volunteer(
            actor, station_id=station.id, name="赵小红", phone=phone(station.id)
        )
        await activities.record_activity(
            actor,
            station_id=station.id,
            kind=models.ActivityKind.PATROL,
            title="巡逻",
            started_at=moment(app.clock, days_ago=5),
            hours=hours_served,
            participants=[activities.Participant(volunteer.id)],
        )


async def test_volunteer_hours_per_village_or_community_without_a_population(app, station):
    await _hours(app, station, 12)
    result = await _spec("volunteer_hours").compute([station.id], Period(dt.date(2020, 8, 1), dt.date(2020, 8, 30)))
    # 12 hours in 30 days over 2 villages/communities (文峰社区, 白塔村)
    assert result[station.id].value == 6.0
    assert "per village/community" in result[station.id].explanation


async def test_volunteer_hours_per_1000_residents_when_the_population_is_known(make_app):
    app = await make_app(
        ["volunteers"], extra_plugins=[plugin], plugin_sections={"volunteers": {"population": {"CD-1": 4000}}}
    )
    station = await create_station(app, code="CD-1")
    await _hours(app, station, 12)
    result = await _spec("volunteer_hours").compute([station.id], Period(dt.date(2020, 8, 1), dt.date(2020, 8, 30)))
    assert result[station.id].value == 3.0
    assert "per 1,000 of 4000 residents" in result[station.id].explanation


async def test_care_visits_on_time_counts_late_and_still_overdue_visits(app, station, clock):
    actor = await _chief(app, station)
    async with acting(actor):
        volunteer = await service.register_volunteer(actor, station_id=station.id, name="赵小红", phone=phone(1))
        people = [
            await care.register_care_recipient(
                actor,
                kind=models.CareRecipientKind.EMPTY_NEST_ELDERLY,
                name=f"老人{i}",
                area_id=station.test_areas["community"].id,
                visit_interval_days=30,
                registered_on=dt.date(2020, 7, 1 + 5 * i),  # due 7/31, 8/5, 8/10
            )
            for i in range(3)
        ]
        for person, day in ((people[0], dt.date(2020, 7, 30)), (people[1], dt.date(2020, 8, 8))):
            await activities.record_activity(
                actor,
                station_id=station.id,
                kind=models.ActivityKind.CARE_VISIT,
                title="走访",
                started_at=clock.start_of(day) + dt.timedelta(hours=9),
                hours=1,
                participants=[activities.Participant(volunteer.id)],
                care_recipient_ids=[person.id],
            )
    result = await _spec("care_visits_on_time").compute([station.id], Period(dt.date(2020, 7, 1), dt.date(2020, 8, 31)))
    # due 7/31 visited 7/30 (on time); due 8/5 visited 8/8 (late); due 8/10 never visited (overdue)
    assert result[station.id].value == 33.3
    assert result[station.id].explanation == "1 of 3 care visits due were made on time (1 still overdue)"


async def test_feedback_replied_on_time_counts_passed_deadlines_only(app, station):
    actor = await _chief(app, station)
    async with acting(actor):
        meeting = await meetings.record_meeting(
            actor,
            area_id=station.test_areas["village"].id,
            held_on=dt.date(2020, 8, 1),
            attendance=40,
            feedback=[
                meetings.FeedbackSpec(models.FeedbackKind.SUGGESTION, "路灯", reply_due_on=dt.date(2020, 8, 5)),
                meetings.FeedbackSpec(models.FeedbackKind.COMPLAINT, "噪音", reply_due_on=dt.date(2020, 8, 10)),
                meetings.FeedbackSpec(models.FeedbackKind.QUESTION, "户口", reply_due_on=dt.date(2020, 8, 30)),
            ],
        )
        first = await models.FeedbackItem.get(meeting_id=meeting.id, kind=models.FeedbackKind.SUGGESTION)
        await meetings.reply_feedback(actor, first.id, "已安装")
    result = await _spec("feedback_replied_on_time").compute([station.id], AUGUST)
    # the reply on 8/20 was late for 8/5; 8/10 passed unanswered; 8/30 is still open and not yet due
    assert result[station.id].value == 0.0
    assert result[station.id].explanation == "0 of 2 feedback items replied to by their deadline"


async def test_quarterly_meetings_count_ended_quarters_and_held_running_ones(app, station):
    actor = await _chief(app, station)
    async with acting(actor):
        for area, day in (
            ("village", dt.date(2020, 5, 1)),
            ("community", dt.date(2020, 6, 1)),
            ("village", dt.date(2020, 8, 1)),
        ):
            await meetings.record_meeting(actor, area_id=station.test_areas[area].id, held_on=day, attendance=30)
    result = await _spec("people_report_meetings").compute(
        [station.id], Period(dt.date(2020, 4, 1), dt.date(2020, 9, 30))
    )
    # Q2: both held; Q3 (running): 白塔村 held, 文峰社区 not yet — not counted against it
    assert result[station.id].value == 100.0
    assert result[station.id].explanation == "3 of 3 village/community quarters held their meeting"
    result = await _spec("people_report_meetings").compute(
        [station.id], Period(dt.date(2020, 1, 1), dt.date(2020, 6, 30))
    )
    assert result[station.id].value == 50.0  # Q1 missed in both places


async def test_indicators_take_the_same_queries_for_one_station_or_many(app, station):
    stations = [station] + [await create_station(app, name=f"派出所{i}") for i in range(3)]
    for index, each in enumerate(stations):
        await _hours(app, each, 2 + index)
    counts = []
    for ids in ([station.id], [s.id for s in stations]):
        with count_queries() as counter:
            for spec in scoring.indicators():
                await spec.compute(ids, AUGUST)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
