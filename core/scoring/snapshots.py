"""Monthly snapshots (月度考评冻结): reading frozen results back and writing a month's freeze.

A frozen month is one calendar month with rows in ``core_score_snapshot``. Its rows are never
updated; re-freezing replaces them all at once with the next revision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core.identity.models import Station
from core.periods import Period
from core.scoring.engine import IndicatorResult, StationResult
from core.scoring.models import ScoreSnapshot


def month_of(period: Period) -> str | None:
    """``YYYY-MM`` when ``period`` is exactly one calendar month, else None."""
    if period.start.day != 1:
        return None
    if Period.month(period.start.year, period.start.month) != period:
        return None
    return month_text(period)


def month_text(period: Period) -> str:
    return f"{period.start.year:04d}-{period.start.month:02d}"


def result_from_row(row: ScoreSnapshot, station: Station) -> StationResult:
    return StationResult(
        station=station,
        period=Period.parse_month(row.month),
        total=row.total,
        indicators=tuple(IndicatorResult.from_json(item) for item in row.indicators or ()),
        frozen_at=row.frozen_at,
        frozen_by=row.frozen_by,
        revision=row.revision,
    )


async def month_is_frozen(month: str) -> bool:
    return await ScoreSnapshot.filter(month=month).exists()


@dataclasses.dataclass(frozen=True)
class FrozenMonth:
    month: str
    revision: int
    frozen_at: dt.datetime
    totals: dict[str, float | None]


async def current_freeze(month: str) -> FrozenMonth | None:
    """What is frozen for ``month`` now (station code → total), or None."""
    rows = await ScoreSnapshot.filter(month=month).select_related("station").order_by("station_id")
    if not rows:
        return None
    return FrozenMonth(
        month=month,
        revision=max(row.revision for row in rows),
        frozen_at=max(row.frozen_at for row in rows),
        totals={row.station.code: row.total for row in rows},
    )


async def replace_month(
    month: str,
    ranked: Sequence[tuple[int | None, StationResult]],
    *,
    revision: int,
    frozen_at: dt.datetime,
    frozen_by: str,
) -> list[StationResult]:
    """Delete ``month``'s rows and write the new revision; returns the frozen results."""
    await ScoreSnapshot.filter(month=month).delete()
    rows = [
        ScoreSnapshot(
            month=month,
            station_id=result.station.id,
            station_class=result.station.station_class.value,
            total=result.total,
            rank=rank,
            indicators=[indicator.to_json() for indicator in result.indicators],
            frozen_at=frozen_at,
            frozen_by=frozen_by,
            revision=revision,
        )
        for rank, result in ranked
    ]
    if rows:
        await ScoreSnapshot.bulk_create(rows, batch_size=500)
    return [
        dataclasses.replace(result, frozen_at=frozen_at, frozen_by=frozen_by, revision=revision) for _, result in ranked
    ]
