"""The scoring formula (绩效考评计分办法): indicator values → 0–100 scores → a station total → ranks.

Indicator score, for a value ``v`` against a target ``t``:

* ``HIGHER_IS_BETTER`` — ``v >= t`` scores 100 (exceeding the target earns no more: capped);
  below a positive target the score is proportional, ``100 · v / t`` (a negative ``v`` scores 0);
  below a zero or negative target it scores 0.
* ``LOWER_IS_BETTER`` — ``v <= t`` scores 100; above a positive target the score is
  ``100 · t / v`` (twice the target scores 50); above a zero or negative target it scores 0.
  A target of 0 is therefore zero tolerance: one civil-to-criminal conversion (民转刑)
  against a target of 0 scores 0. Give a positive target for a graded score.

Every score lies in [0, 100]. A target of 0 on a higher-is-better indicator is met by any
value ≥ 0.

Station total: the weighted mean of the indicator scores

    total = Σ score_i · weight_i · categoryWeight_i / Σ weight_i · categoryWeight_i

over the indicators of the plugins enabled for the station **that have a value** in the period.
A missing value (no data) is reported and left out of both sums — it is not a zero. Indicators
whose effective weight (``weight · categoryWeight``) is 0 are shown but do not count. A station
where nothing counts has no total (null) and no rank.

Scores and totals are rounded to two decimals; ranking compares the rounded totals.

Ranks are competition ranks ("1224"): stations with equal totals share a rank and the next
rank skips, so totals 95, 90, 90, 80 rank 1, 2, 2, 4. Stations without a total come last,
unranked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from core.contract import Direction

MAX_SCORE = 100.0
DECIMALS = 2


def indicator_score(value: float, target: float, direction: Direction) -> float:
    """The 0–100 score of ``value`` against ``target`` (see the module docstring)."""
    if direction is Direction.HIGHER_IS_BETTER:
        if value >= target:
            return MAX_SCORE
        if target > 0:
            return max(0.0, MAX_SCORE * value / target)
        return 0.0
    if value <= target:
        return MAX_SCORE
    if target > 0:
        return MAX_SCORE * target / value
    return 0.0


def weighted_total(parts: Iterable[tuple[float, float]]) -> float | None:
    """Weighted mean of ``(score, effective weight)`` pairs; None when no weight counts."""
    numerator = 0.0
    denominator = 0.0
    for score, weight in parts:
        numerator += score * weight
        denominator += weight
    if denominator <= 0:
        return None
    return numerator / denominator


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DECIMALS)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def competition_ranks(totals: Sequence[float | None]) -> list[int | None]:
    """Competition ranks of ``totals`` (highest first), in the order given; None for None.

    ``[80, 95, None, 90, 90]`` → ``[4, 1, None, 2, 2]``.
    """
    scored = sorted((total for total in totals if total is not None), reverse=True)
    first_position: dict[float, int] = {}
    for position, total in enumerate(scored, start=1):
        first_position.setdefault(total, position)
    return [None if total is None else first_position[total] for total in totals]
