"""Reporting periods: inclusive ranges of local dates (``PeriodInput { start end }``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from core.errors import UserInputError

# The calendar the API accepts (core.graphql.limits.dates keeps Date arguments inside it):
# far enough from year 1 and 9999 that a period's year before and day after always exist.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)


@dataclasses.dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserInputError("The period ends before it starts.", field="period.end")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - dt.timedelta(days=1))

    @classmethod
    def parse_month(cls, text: str) -> Period:
        try:
            year, month = (int(part) for part in text.split("-"))
            period = cls.month(year, month)
        except ValueError:
            raise UserInputError(f"Expected a month as YYYY-MM, got {text[:20]!r}.", field="month") from None
        if not (EARLIEST <= period.start and period.end <= LATEST):
            raise UserInputError(f"The month must lie between {EARLIEST:%Y-%m} and {LATEST:%Y-%m}.", field="month")
        return period

    def year_before(self) -> Period:
        return Period(_minus_year(self.start), _minus_year(self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, clock) -> tuple[dt.datetime, dt.datetime]:
        """``[first instant, first instant after)`` of the period in the deployment's zone."""
        return clock.start_of(self.start), clock.start_of(self.end + dt.timedelta(days=1))

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
