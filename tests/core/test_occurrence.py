"""core.occurrence — the one rule for when a lifecycle step happened (补录)."""

import datetime as dt

import pytest

from core.errors import UserInputError
from core.graphql.steps import recorded_steps
from core.occurrence import occurrence, remember

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2020, 8, 20, 9, 0, tzinfo=SHANGHAI)  # the test clock


def at(**delta) -> dt.datetime:
    return NOW + dt.timedelta(**delta)


async def test_no_time_means_now_and_is_not_back_dated(app):
    when = occurrence(None)
    assert when.at == when.recorded_at == NOW and not when.backdated


async def test_a_time_within_the_clock_skew_counts_as_now(app):
    when = occurrence(at(minutes=3))
    assert when.at == NOW and not when.backdated


async def test_a_time_in_the_future_is_refused(app):
    with pytest.raises(UserInputError) as refused:
        occurrence(at(minutes=30))
    assert refused.value.problems[0].field == "occurredAt" and "future" in refused.value.message


async def test_a_time_without_offset_is_refused(app):
    with pytest.raises(UserInputError, match="offset"):
        occurrence(dt.datetime(2020, 8, 19, 9, 0))


async def test_a_time_before_the_previous_step_is_refused_naming_it(app):
    with pytest.raises(UserInputError, match="before handling"):
        occurrence(at(hours=-5), after=at(hours=-2), after_label="handling")


async def test_a_time_beyond_the_back_dating_window_is_refused(app):
    with pytest.raises(UserInputError, match="30 days"):
        occurrence(at(days=-31))


async def test_a_time_inside_the_window_is_back_dated_with_both_times_kept(app):
    when = occurrence(at(days=-2), field="closedAt")
    assert when.backdated and when.recorded_at == NOW and when.at == at(days=-2)
    assert when.day == dt.date(2020, 8, 18)


async def test_a_step_taken_again_is_kept_beside_the_first(app):
    steps = remember(None, "call", occurrence(at(hours=-3)))
    steps = remember(steps, "call", occurrence(None))
    shown = recorded_steps(steps)
    assert [(step.step, step.backdated) for step in shown] == [("call", True), ("call.2", False)]


async def test_loading_history_lifts_the_window_but_not_the_other_rules(app):
    from core.occurrence import history_import

    with history_import():
        assert occurrence(at(days=-200)).backdated
        with pytest.raises(UserInputError, match="future"):
            occurrence(at(hours=2))
    with pytest.raises(UserInputError, match="30 days"):
        occurrence(at(days=-200))
