"""The 0–100 formula, the weighted total and competition ranks (core.scoring.formula)."""

import pytest

from core import Direction
from core.scoring.formula import competition_ranks, indicator_score, weighted_total

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (45, 90, 50.0),  # proportional below the target
        (90, 90, 100.0),  # target met
        (120, 90, 100.0),  # capped: exceeding the target earns no more
        (0, 90, 0.0),
        (-5, 90, 0.0),  # a negative value never scores below 0
    ],
)
def test_higher_is_better_scores_proportionally_up_to_the_target(value, target, expected):
    assert indicator_score(value, target, HIGHER) == pytest.approx(expected)


def test_higher_is_better_with_zero_target_is_met_by_any_non_negative_value():
    assert indicator_score(0, 0, HIGHER) == 100.0
    assert indicator_score(3, 0, HIGHER) == 100.0
    assert indicator_score(-1, 0, HIGHER) == 0.0


def test_higher_is_better_below_a_negative_target_scores_zero():
    assert indicator_score(-10, -5, HIGHER) == 0.0
    assert indicator_score(-5, -5, HIGHER) == 100.0


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (5, 10, 100.0),  # better than the target: capped at 100
        (10, 10, 100.0),
        (20, 10, 50.0),  # twice the target scores half
        (40, 10, 25.0),
    ],
)
def test_lower_is_better_scores_the_inverse_ratio_above_the_target(value, target, expected):
    assert indicator_score(value, target, LOWER) == pytest.approx(expected)


def test_lower_is_better_with_zero_target_is_zero_tolerance():
    assert indicator_score(0, 0, LOWER) == 100.0
    assert indicator_score(1, 0, LOWER) == 0.0
    assert indicator_score(-3, 0, LOWER) == 100.0  # e.g. a year-on-year fall


def test_lower_is_better_above_a_negative_target_scores_zero():
    assert indicator_score(-2, -5, LOWER) == 0.0
    assert indicator_score(-6, -5, LOWER) == 100.0


def test_weighted_total_is_the_weighted_mean():
    assert weighted_total([(100, 2), (50, 1), (80, 1)]) == pytest.approx(82.5)


def test_weighted_total_without_counting_weight_is_none():
    assert weighted_total([]) is None
    assert weighted_total([(90, 0)]) is None


def test_ties_share_a_rank_and_the_next_rank_skips():
    assert competition_ranks([95, 90, 90, 80]) == [1, 2, 2, 4]


def test_ranks_follow_the_given_order_and_leave_missing_totals_unranked():
    assert competition_ranks([80, 95, None, 90, 90]) == [4, 1, None, 2, 2]
