"""When a lifecycle step happened, and when it was entered (补录 — records entered after the fact).

Stations type paper records in later: a dispute mediated in a village on Saturday is entered
on Monday, an incident closed at 02:10 is recorded at 08:30. Every lifecycle mutation that
records when something happened takes an optional ``occurredAt``; this module is the one
rule for it:

* ``occurredAt`` defaults to now; it may not lie in the future (beyond ``[records]
  clock_skew_minutes`` of a client clock running ahead, which counts as now), not before the
  previous step, and not more than ``[records] backdating_days`` before the entry;
* the step's own column (``closed_at``, ``closed_on``…) holds the occurrence, so statistics,
  deadlines and SLAs use it; the entry time is kept beside it in the row's ``recorded_steps``
  (``{step: {"occurredAt", "recordedAt"}}``) and shown as ``recordedSteps``;
* a back-dated step writes its own audit event, ``core.record.backdated``, next to the step's.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import datetime as dt
from collections.abc import Iterator
from typing import Any

from core import audit
from core.errors import UserInputError
from core.runtime import current_app

_HISTORY: contextvars.ContextVar[bool] = contextvars.ContextVar("fengqiao_history_import", default=False)


@contextlib.contextmanager
def history_import() -> Iterator[None]:
    """Load a station's history (the demo, an archive) rather than today's entries: the
    back-dating window does not apply; the future and the order of steps still do, and
    back-dated steps are still audited."""
    token = _HISTORY.set(True)
    try:
        yield
    finally:
        _HISTORY.reset(token)


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """A step's time (``at``) and the moment it was entered (``recorded_at``), both UTC."""

    at: dt.datetime
    recorded_at: dt.datetime
    skew: dt.timedelta = dt.timedelta(0)

    @property
    def backdated(self) -> bool:
        return self.recorded_at - self.at > self.skew

    @property
    def day(self) -> dt.date:
        """The occurrence's date in the deployment's time zone."""
        return current_app().clock.local(self.at).date()


def occurrence(
    occurred_at: dt.datetime | None,
    *,
    after: dt.datetime | None = None,
    after_label: str = "the previous step",
    field: str = "occurredAt",
    label: str = "The time it happened",
) -> Occurrence:
    """Validate ``occurred_at`` (default: now) against the clock, the previous step and the
    back-dating window; raise a ``UserInputError`` on ``field`` naming the rule broken."""
    app = current_app()
    records = app.settings.records
    now = app.clock.now()
    skew = dt.timedelta(minutes=records.clock_skew_minutes)
    if occurred_at is None:
        at = now
    else:
        if occurred_at.tzinfo is None:
            raise UserInputError(f"{label} needs a time-zone offset, e.g. 2020-08-15T10:00:00+08:00.", field=field)
        if occurred_at > now + skew:
            raise UserInputError(f"{label} cannot be in the future.", field=field)
        at = min(occurred_at.astimezone(dt.UTC), now)
        earliest = now - dt.timedelta(days=records.backdating_days)
        if at < earliest and not _HISTORY.get():
            raise UserInputError(
                f"{label} lies more than {records.backdating_days} days before this entry, beyond the back-dating "
                "window ([records] backdating_days).",
                field=field,
            )
    if after is not None and at < after:
        local = app.clock.local(after).strftime("%Y-%m-%d %H:%M")
        raise UserInputError(f"{label} cannot be before {after_label} ({local}).", field=field)
    return Occurrence(at=at, recorded_at=now, skew=skew)


def remember(steps: dict[str, Any] | None, step: str, when: Occurrence) -> dict[str, Any]:
    """``steps`` with ``step``'s occurrence and entry time (for the row's ``recorded_steps``); a
    step taken again is kept as ``step.2``, ``step.3``…"""
    updated = dict(steps or {})
    key, number = step, 1
    while key in updated:
        number += 1
        key = f"{step}.{number}"
    updated[key] = {"occurredAt": when.at.isoformat(), "recordedAt": when.recorded_at.isoformat()}
    return updated


async def audit_backdating(when: Occurrence, *, obj: Any, step: str) -> None:
    """Record ``core.record.backdated`` when the step was entered after the fact (same
    transaction as the step itself)."""
    if not when.backdated:
        return
    lag = when.recorded_at - when.at
    await audit.record(
        "core.record.backdated",
        obj=obj,
        after={
            "step": step,
            "occurredAt": when.at.isoformat(),
            "recordedAt": when.recorded_at.isoformat(),
            "lagMinutes": int(lag.total_seconds() // 60),
        },
    )
