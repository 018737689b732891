"""Figures that several indicators of one plugin read, computed once per scoring run.

Indicators are computed one by one (``IndicatorSpec.compute(station_ids, period)``); a plugin
whose indicators are ratios of one grouped query — mediation's success rate, village share and
on-time interventions all read the cohort figures — would otherwise run that query once per
indicator. A function decorated with ``shared_figures`` runs once per stations and period within
one scoring run (a score, a ranking, a freeze) and as called anywhere else.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from core.periods import Period

T = TypeVar("T")

_run: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("fengqiao_scoring_run", default=None)


@contextmanager
def scoring_run() -> Iterator[None]:
    """Share decorated figures between the indicators computed inside the block."""
    token = _run.set({})
    try:
        yield
    finally:
        _run.reset(token)


def shared_figures(
    function: Callable[[Sequence[int], Period], Awaitable[T]],
) -> Callable[[Sequence[int], Period], Awaitable[T]]:
    """Run ``function(station_ids, period)`` once per scoring run for the same arguments; the
    result is shared between indicators, so they must not change it."""

    @functools.wraps(function)
    async def shared(station_ids: Sequence[int], period: Period) -> T:
        memo = _run.get()
        if memo is None:
            return await function(station_ids, period)
        key = (function, tuple(station_ids), period)
        if key not in memo:
            memo[key] = await function(station_ids, period)
        return memo[key]

    return shared
