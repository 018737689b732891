"""Indicators: cadence compliance, attendance, study hours per member, checks on time."""

from __future__ import annotations

from core import Period
from plugins.party_building import scoring
from tests.plugins.party_building import documents as doc

AUGUST = Period.month(2020, 8)


async def meet(chief, branch, meeting_type, day, attendance=(), hours=1.5):
    variables = {
        "input": {
            "branchId": branch,
            "meetingType": meeting_type,
            "heldOn": day,
            "topic": "会议",
            "durationHours": hours,
            "attendance": [{"memberId": m, "status": s} for m, s in attendance],
        }
    }
    await chief.mutate(doc.RECORD_MEETING, variables)


async def test_indicators_are_declared_in_the_party_category(app):
    keys = {spec.key for spec in scoring.INDICATORS}
    assert keys == {
        "party_building.cadence_compliance",
        "party_building.attendance_rate",
        "party_building.study_hours_per_member",
        "party_building.responsibility_checks_on_time",
    }
    assert {spec.category.value for spec in scoring.INDICATORS} == {"PARTY"}


async def test_cadence_compliance_is_the_share_of_settled_occurrences_held(chief, branch, station, other_station):
    for day in ("2020-07-28", "2020-08-04", "2020-08-11"):
        await meet(chief, branch, "BRANCH_COMMITTEE", day)
    figures = await scoring.cadence_compliance([station.id, other_station.id], AUGUST)
    # Settled on 2020-08-20: three committee and three night-school weeks; three held.
    assert figures[station.id].value == 50.0
    assert figures[station.id].explanation == "3 of 6 required meetings held (0 late, 3 missing)"
    assert other_station.id not in figures


async def test_attendance_rate_is_present_over_listed(chief, branch, station, add_member):
    a, b = await add_member(branch), await add_member(branch)
    await meet(chief, branch, "NIGHT_SCHOOL", "2020-08-05", [(a, "PRESENT"), (b, "ABSENT")])
    await meet(chief, branch, "NIGHT_SCHOOL", "2020-08-12", [(a, "PRESENT"), (b, "PRESENT")])
    figure = (await scoring.attendance_rate([station.id], AUGUST))[station.id]
    assert (figure.value, figure.explanation) == (75.0, "3 of 4 expected attendances present")


async def test_study_hours_are_per_member_per_month(chief, branch, station, add_member):
    a, b = await add_member(branch), await add_member(branch)
    await meet(chief, branch, "PARTY_LECTURE", "2020-08-05", [(a, "PRESENT"), (b, "PRESENT")], hours=2)
    await meet(chief, branch, "NIGHT_SCHOOL", "2020-08-12", [(a, "PRESENT"), (b, "ABSENT")], hours=1.5)
    figure = (await scoring.study_hours_per_member([station.id], AUGUST))[station.id]
    assert figure.value == round(5.5 / 2 / (31 / 30.4375), 2)


async def test_checks_on_time_count_overdue_checks_as_missed(chief, officer, station, clock):
    from tests.plugins.party_building.test_responsibilities import CHECK, assign, make_post

    post = await make_post(chief)
    await assign(chief, post, officer.user, cadence="WEEKLY", point="路线")
    monthly = (await assign(chief, post, officer.user, cadence="MONTHLY", point="警务室"))["assignResponsibility"]
    await chief.mutate(CHECK, {"input": {"responsibilityId": monthly["responsibility"]["id"], "outcome": "DONE"}})
    clock.advance(days=5)  # the weekly check (due 2020-08-23) is now overdue
    figure = (await scoring.checks_on_time([station.id], AUGUST))[station.id]
    assert (figure.value, figure.explanation) == (
        50.0,
        "1 of 2 responsibility checks on time (1 overdue, not yet done)",
    )
