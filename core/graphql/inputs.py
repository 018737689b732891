"""Shared input types."""

import datetime as dt

import strawberry

from core.periods import Period


@strawberry.input(description="An inclusive range of dates in the deployment's time zone (统计周期).")
class PeriodInput:
    start: dt.date = strawberry.field(
        description=(
            "First day of the period (included), a calendar date in the deployment's time zone (Asia/Shanghai unless "
            "configured)."
        )
    )
    end: dt.date = strawberry.field(description="Last day of the period (included); must not be before start.")

    def to_period(self) -> Period:
        return Period(self.start, self.end)
