"""``RecordedStep``: when a lifecycle step happened and when it was entered (补录), read from a
row's ``recorded_steps`` (see ``core.occurrence``)."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

import strawberry


@strawberry.type(
    description="A lifecycle step with the time it happened and the time it was entered (补录). The step's own "
    "field (closedAt, closedOn…) holds the occurrence, which statistics and deadlines use."
)
class RecordedStep:
    step: str = strawberry.field(description="The step, e.g. close, reinspect, dispatch (the mutation's verb).")
    occurred_at: dt.datetime = strawberry.field(description="When it happened (occurredAt, or the entry time).")
    recorded_at: dt.datetime = strawberry.field(description="When it was entered in the system.")
    backdated: bool = strawberry.field(
        description="True when entered after the fact (beyond the clock-skew allowance); audited as "
        "core.record.backdated."
    )


def recorded_steps(steps: Mapping[str, Any] | None) -> list[RecordedStep]:
    """The steps of a row's ``recorded_steps``, in the order they happened."""
    from core.runtime import current_app

    skew_minutes = current_app().settings.records.clock_skew_minutes
    result = []
    for step, times in (steps or {}).items():
        occurred = dt.datetime.fromisoformat(times["occurredAt"])
        recorded = dt.datetime.fromisoformat(times["recordedAt"])
        backdated = recorded - occurred > dt.timedelta(minutes=skew_minutes)
        result.append(RecordedStep(step=step, occurred_at=occurred, recorded_at=recorded, backdated=backdated))
    return sorted(result, key=lambda item: (item.occurred_at, item.recorded_at))
