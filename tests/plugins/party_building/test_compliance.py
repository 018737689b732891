"""meetingCompliance: every required occurrence as HELD, LATE, MISSING or DUE, across month and
quarter boundaries as the clock moves."""

from __future__ import annotations

import pytest

import plugins.party_building as plugin
from core import Role
from core.testing import GraphQLClient, create_station, create_user, token_for
from tests.plugins.party_building import documents as doc

AUGUST = {"start": "2020-08-01", "end": "2020-08-31"}
SEPTEMBER = {"start": "2020-09-01", "end": "2020-09-30"}
THIRD_QUARTER = {"start": "2020-07-01", "end": "2020-09-30"}
FOURTH_QUARTER = {"start": "2020-10-01", "end": "2020-12-31"}


def later(client, clock, **delta):
    """The same user after the clock moved (a fresh token: the old one expired)."""
    clock.advance(**delta)
    fresh = GraphQLClient(client.app, token_for(client.app, client.user))
    fresh.user = client.user
    return fresh


async def hold(client, branch, meeting_type, *days):
    for day in days:
        variables = {"input": {"branchId": branch, "meetingType": meeting_type, "heldOn": day, "topic": "会议"}}
        await client.mutate(doc.RECORD_MEETING, variables)


async def compliance(client, period, branch=None):
    return (await client.data(doc.COMPLIANCE, {"period": period, "branchId": branch}))["meetingCompliance"]


def of_type(report, meeting_type):
    return [(o["dueDate"], o["status"], o["heldOn"]) for o in report["occurrences"] if o["meetingType"] == meeting_type]


def tally_of(report, meeting_type):
    return next(t["tally"] for t in report["byType"] if t["meetingType"] == meeting_type)


async def test_weekly_slots_of_a_month_are_held_or_still_due(chief, branch):
    await hold(chief, branch, "BRANCH_COMMITTEE", "2020-07-28", "2020-08-04", "2020-08-11")
    report = await compliance(chief, AUGUST)
    assert report["asOf"] == "2020-08-20"
    assert of_type(report, "BRANCH_COMMITTEE") == [
        ("2020-08-02", "HELD", "2020-07-28"),
        ("2020-08-09", "HELD", "2020-08-04"),
        ("2020-08-16", "HELD", "2020-08-11"),
        ("2020-08-23", "DUE", None),
        ("2020-08-30", "DUE", None),
    ]
    assert tally_of(report, "BRANCH_COMMITTEE") == {
        "required": 5,
        "held": 3,
        "late": 0,
        "missing": 0,
        "due": 2,
        "rate": 1.0,
    }


async def test_after_the_month_a_skipped_week_is_missing_and_the_straddling_week_counts_for_the_next(
    chief, branch, clock
):
    await hold(chief, branch, "BRANCH_COMMITTEE", "2020-07-28", "2020-08-04", "2020-08-11")
    chief = later(chief, clock, days=21)  # 2020-09-10
    await hold(chief, branch, "BRANCH_COMMITTEE", "2020-08-25", "2020-09-01")
    august = await compliance(chief, AUGUST)
    assert [status for _, status, _ in of_type(august, "BRANCH_COMMITTEE")] == [
        "HELD",
        "HELD",
        "HELD",
        "MISSING",
        "HELD",
    ]
    assert tally_of(august, "BRANCH_COMMITTEE")["rate"] == 0.8
    september = await compliance(chief, SEPTEMBER)
    assert of_type(september, "BRANCH_COMMITTEE")[0] == ("2020-09-06", "HELD", "2020-09-01")


async def test_a_missed_month_is_missing_once_the_month_is_over(chief, branch, clock):
    assert of_type(await compliance(chief, AUGUST), "BRANCH_ASSEMBLY") == [("2020-08-31", "DUE", None)]
    chief = later(chief, clock, days=12)  # 2020-09-01
    assert of_type(await compliance(chief, AUGUST), "BRANCH_ASSEMBLY") == [("2020-08-31", "MISSING", None)]


async def test_a_quarterly_lecture_made_up_in_the_next_quarter_turns_missing_into_late(chief, branch, clock):
    assert of_type(await compliance(chief, AUGUST), "PARTY_LECTURE") == []
    assert of_type(await compliance(chief, THIRD_QUARTER), "PARTY_LECTURE") == [("2020-09-30", "DUE", None)]
    chief = later(chief, clock, days=53)  # 2020-10-12
    await hold(chief, branch, "PARTY_LECTURE", "2020-10-10")
    assert of_type(await compliance(chief, THIRD_QUARTER), "PARTY_LECTURE") == [("2020-09-30", "MISSING", None)]
    chief = later(chief, clock, days=39)  # 2020-11-20
    await hold(chief, branch, "PARTY_LECTURE", "2020-11-15")
    third = await compliance(chief, THIRD_QUARTER)
    lecture = next(o for o in third["occurrences"] if o["meetingType"] == "PARTY_LECTURE")
    assert (lecture["status"], lecture["heldOn"], lecture["daysLate"]) == ("LATE", "2020-10-10", 10)
    assert tally_of(third, "PARTY_LECTURE")["rate"] == 0.5  # a late occurrence earns the late credit
    fourth = await compliance(chief, FOURTH_QUARTER)
    assert of_type(fourth, "PARTY_LECTURE") == [("2020-12-31", "HELD", "2020-11-15")]


async def test_slots_that_began_before_the_branch_was_founded_are_not_required(chief):
    created = await chief.mutate(doc.CREATE_BRANCH, {"input": {"name": "新支部", "establishedOn": "2020-08-12"}})
    report = await compliance(chief, AUGUST, created["branch"]["id"])
    assert [due for due, _, _ in of_type(report, "BRANCH_COMMITTEE")] == ["2020-08-23", "2020-08-30"]
    assert of_type(report, "BRANCH_ASSEMBLY") == []


async def test_the_overall_rate_leaves_running_slots_out(chief, branch):
    await hold(chief, branch, "BRANCH_COMMITTEE", "2020-08-04")
    overall = (await compliance(chief, AUGUST))["overall"]
    # Settled: committee and night school weeks ending 2, 9 and 16 August; one held.
    assert (overall["held"], overall["missing"], overall["rate"]) == (1, 5, round(1 / 6, 4))
    assert overall["required"] == overall["held"] + overall["late"] + overall["missing"] + overall["due"]


async def test_another_stations_branches_are_not_reported(branch, login_as, other_station):
    outsider = await login_as(Role.STATION_CHIEF, station=other_station)
    report = await compliance(outsider, AUGUST)
    assert report["occurrences"] == [] and report["overall"]["rate"] is None


async def test_cadence_rules_are_configurable(make_app):
    app = await make_app(
        ["party_building"],
        extra_plugins=[plugin],
        plugin_sections={"party_building": {"cadence": {"ACTIVITY_DAY": "MONTHLY", "PARTY_GROUP": "NONE"}}},
    )
    station = await create_station(app)
    chief = GraphQLClient(app, token_for(app, await create_user(app, station, Role.STATION_CHIEF)))
    await chief.mutate(doc.CREATE_BRANCH, {"input": {"name": "支部", "establishedOn": "2020-01-01"}})
    report = await compliance(chief, AUGUST)
    kinds = {entry["meetingType"]: entry["cadence"] for entry in report["byType"]}
    assert kinds == {
        "BRANCH_ASSEMBLY": "MONTHLY",
        "BRANCH_COMMITTEE": "WEEKLY",
        "NIGHT_SCHOOL": "WEEKLY",
        "PARTY_LECTURE": "QUARTERLY",
        "ACTIVITY_DAY": "MONTHLY",
    }


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"cadence": {"TEA_PARTY": "WEEKLY"}}, "cadence.TEA_PARTY: unknown meeting type"),
        ({"cadence": {"NIGHT_SCHOOL": "DAILY"}}, "cadence.NIGHT_SCHOOL: expected one of"),
        ({"late_grace_days": {"WEEKLY": 7}}, "late_grace_days.WEEKLY: must be below 7"),
    ],
)
async def test_bad_cadence_settings_stop_start_up_naming_the_key(make_app, section, message):
    from core import ConfigError

    with pytest.raises(ConfigError, match=message):
        await make_app(["party_building"], extra_plugins=[plugin], plugin_sections={"party_building": section})
