"""Shared input types."""

from __future__ import annotations

import datetime as dt

import strawberry

from core.periods import Period


@strawberry.input(description="An inclusive range of dates in the deployment's time zone (统计周期).")
class PeriodInput:
    start: dt.date
    end: dt.date

    def to_period(self) -> Period:
        return Period(self.start, self.end)
