"""Time, injectable: services ask the clock, tests set it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


class Clock:
    """Wall-clock time; ``now()`` is timezone-aware UTC, ``today()`` the deployment's date."""

    def __init__(self, timezone: str = "Asia/Shanghai") -> None:
        self.zone = ZoneInfo(timezone)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return self.now().astimezone(self.zone).date()

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def start_of(self, day: dt.date) -> dt.datetime:
        """The first instant of ``day`` in the deployment's time zone, as UTC."""
        return dt.datetime.combine(day, dt.time.min, self.zone).astimezone(dt.UTC)


class FixedClock(Clock):
    """A clock that stands still until moved; for tests and reproducible demo data."""

    def __init__(self, moment: dt.datetime, timezone: str = "Asia/Shanghai") -> None:
        super().__init__(timezone)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        self.moment = moment.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)
