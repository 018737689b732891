"""When a job is due: fixed intervals counted from the Unix epoch, or 5-field cron expressions.

Every worker computes the same due times from the same clock reading, so a due time is a key
the workers can agree on: whoever records a run for it first runs it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from zoneinfo import ZoneInfo

from cronsim import CronSim, CronSimError

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_INTERVAL = re.compile(r"^\s*(\d+)\s*(s|m|h|d)\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


@dataclasses.dataclass(frozen=True)
class Schedule:
    """An interval or a cron expression (in ``zone``); ``text`` is how it is shown."""

    every: dt.timedelta | None = None
    cron: str | None = None

    @property
    def text(self) -> str:
        return self.cron if self.cron is not None else f"every {describe_interval(self.every)}"

    def latest_due(self, now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
        """The last due time at or before ``now`` (UTC)."""
        if self.every is not None:
            step = self.every.total_seconds()
            count = int((now - EPOCH).total_seconds() // step)
            return EPOCH + dt.timedelta(seconds=count * step)
        # cronsim's reverse iteration yields times strictly before its start, at minute resolution.
        start = now.astimezone(zone).replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
        return next(CronSim(self.cron, start, reverse=True)).astimezone(dt.UTC)

    def next_due(self, now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
        """The first due time after ``now`` (UTC)."""
        if self.every is not None:
            return self.latest_due(now, zone) + self.every
        return next(CronSim(self.cron, now.astimezone(zone))).astimezone(dt.UTC)


def parse_schedule(text: str) -> Schedule:
    """``"15m"``, ``"90s"``, ``"2h"``, ``"1d"`` or a 5-field cron expression; ValueError says why not."""
    match = _INTERVAL.match(text or "")
    if match:
        every = dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
        if every < dt.timedelta(seconds=1):
            raise ValueError("an interval must be at least 1s")
        return Schedule(every=every)
    check_cron(text)
    return Schedule(cron=text.strip())


def check_cron(text: str) -> None:
    if len((text or "").split()) != 5:
        raise ValueError(
            f"expected an interval such as '15m' or a 5-field cron expression "
            f"('minute hour day month weekday', e.g. '30 2 * * *'), got {text!r}"
        )
    try:
        CronSim(text, dt.datetime(2020, 1, 1))
    except CronSimError as error:
        raise ValueError(f"bad cron expression {text!r}: {error}") from None


def describe_interval(every: dt.timedelta | None) -> str:
    seconds = int(every.total_seconds()) if every else 0
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
