"""The cadence calendar: slots, and how meetings answer them (HELD, LATE, MISSING, DUE)."""

from __future__ import annotations

import datetime as dt

from plugins.party_building.models import Cadence
from plugins.party_building.services.cadence import (
    DUE,
    HELD,
    LATE,
    MISSING,
    Slot,
    match,
    slot_containing,
    slots_ending_between,
)

D = dt.date
AUGUST = (D(2020, 8, 1), D(2020, 8, 31))


def statuses(cadence, slots, days, *, today=D(2020, 12, 31), grace=3):
    return [
        (item.status, item.held_on)
        for item in match(cadence, slots, [(day, None) for day in days], grace_days=grace, today=today)
    ]


def test_weeks_run_monday_to_sunday():
    assert slot_containing(Cadence.WEEKLY, D(2020, 8, 20)) == Slot(D(2020, 8, 17), D(2020, 8, 23))


def test_a_week_spanning_two_months_belongs_to_the_month_it_ends_in():
    august = slots_ending_between(Cadence.WEEKLY, *AUGUST)
    assert august[0] == Slot(D(2020, 7, 27), D(2020, 8, 2))
    assert august[-1] == Slot(D(2020, 8, 24), D(2020, 8, 30))
    september = slots_ending_between(Cadence.WEEKLY, D(2020, 9, 1), D(2020, 9, 30))
    assert september[0] == Slot(D(2020, 8, 31), D(2020, 9, 6))


def test_a_quarter_is_required_in_the_month_it_ends():
    assert slots_ending_between(Cadence.QUARTERLY, *AUGUST) == []
    assert slots_ending_between(Cadence.QUARTERLY, D(2020, 9, 1), D(2020, 9, 30)) == [
        Slot(D(2020, 7, 1), D(2020, 9, 30))
    ]
    assert slot_containing(Cadence.QUARTERLY, D(2020, 12, 31)) == Slot(D(2020, 10, 1), D(2020, 12, 31))


def test_months_end_on_their_last_day_including_february_of_a_leap_year():
    assert slot_containing(Cadence.MONTHLY, D(2020, 2, 10)) == Slot(D(2020, 2, 1), D(2020, 2, 29))


def test_a_meeting_inside_its_week_holds_it():
    week = [Slot(D(2020, 8, 3), D(2020, 8, 9))]
    assert statuses(Cadence.WEEKLY, week, [D(2020, 8, 5)]) == [(HELD, D(2020, 8, 5))]


def test_a_make_up_within_the_grace_days_with_the_next_weeks_own_meeting_is_late():
    week = [Slot(D(2020, 8, 3), D(2020, 8, 9))]
    assert statuses(Cadence.WEEKLY, week, [D(2020, 8, 11), D(2020, 8, 14)]) == [(LATE, D(2020, 8, 11))]


def test_a_lone_meeting_in_the_next_week_answers_its_own_week():
    weeks = [Slot(D(2020, 8, 3), D(2020, 8, 9)), Slot(D(2020, 8, 10), D(2020, 8, 16))]
    assert statuses(Cadence.WEEKLY, weeks, [D(2020, 8, 11)]) == [(MISSING, None), (HELD, D(2020, 8, 11))]


def test_a_make_up_after_the_grace_days_does_not_count():
    week = [Slot(D(2020, 8, 3), D(2020, 8, 9))]
    assert statuses(Cadence.WEEKLY, week, [D(2020, 8, 13), D(2020, 8, 14)]) == [(MISSING, None)]


def test_a_running_slot_without_a_meeting_is_due_and_becomes_missing_after_its_end():
    week = [Slot(D(2020, 8, 17), D(2020, 8, 23))]
    assert statuses(Cadence.WEEKLY, week, [], today=D(2020, 8, 23)) == [(DUE, None)]
    assert statuses(Cadence.WEEKLY, week, [], today=D(2020, 8, 24)) == [(MISSING, None)]


def test_two_meetings_in_one_week_answer_it_once():
    weeks = [Slot(D(2020, 8, 3), D(2020, 8, 9)), Slot(D(2020, 8, 10), D(2020, 8, 16))]
    assert statuses(Cadence.WEEKLY, weeks, [D(2020, 8, 4), D(2020, 8, 6)]) == [(HELD, D(2020, 8, 4)), (MISSING, None)]


def test_a_quarterly_lecture_made_up_early_in_the_next_quarter_is_late_by_its_days():
    q3 = [Slot(D(2020, 7, 1), D(2020, 9, 30))]
    items = match(
        Cadence.QUARTERLY, q3, [(D(2020, 10, 10), 7), (D(2020, 11, 15), 8)], grace_days=15, today=D(2020, 11, 20)
    )
    assert (items[0].status, items[0].meeting_id, items[0].days_late) == (LATE, 7, 10)
