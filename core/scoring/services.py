"""Scoring services: a station's explained score, rankings, history and the monthly freeze.

Plain async functions (no GraphQL). Reads go through ``scoped``: a station's users reach only
their station, bureau admins every station; another station reads as not found. A period that
is exactly a frozen calendar month is answered from its snapshot.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core import audit
from core.errors import NotFound, UserErrorCode, UserInputError
from core.identity.actor import Actor
from core.identity.models import RegionLevel, Station, StationClass
from core.periods import Period
from core.runtime import current_app
from core.scoring import snapshots
from core.scoring.engine import StationResult, engine_for
from core.scoring.formula import competition_ranks
from core.scoring.models import ScoreSnapshot
from core.scoring.peers import ranking_scope
from core.tenancy import scoped

MAX_HISTORY_MONTHS = 36


@dataclasses.dataclass(frozen=True)
class RankedStation:
    rank: int | None
    result: StationResult
    # False for a peer outside the actor's reach: its total and rank show, its indicators do not.
    detailed: bool = True


@dataclasses.dataclass(frozen=True)
class FreezeResult:
    month: str
    revision: int
    frozen_at: dt.datetime
    ranking: list[RankedStation]


async def visible_station(actor: Actor, station_id: int | None) -> Station:
    station = await scoped(actor, Station).get_or_none(id=station_id) if station_id is not None else None
    if station is None:
        raise NotFound("Station not found.")
    return station


async def station_score(actor: Actor, station_id: int | None, period: Period) -> StationResult:
    """The station's explained score; from the snapshot when ``period`` is a frozen month."""
    station = await visible_station(actor, station_id)
    month = snapshots.month_of(period)
    if month is not None:
        row = await ScoreSnapshot.get_or_none(month=month, station_id=station.id)
        if row is not None:
            return snapshots.result_from_row(row, station)
    results = await engine_for(current_app()).score([station], period)
    return results[station.id]


async def station_ranking(
    actor: Actor,
    period: Period,
    station_class: StationClass | None = None,
    *,
    scope: RegionLevel | None = None,
    station_id: int | None = None,
) -> list[RankedStation]:
    """Stations best first, with competition ranks among them: every station the actor may
    see, or a station's peers in its county, city or province (``core.scoring.peers``).

    For a frozen month the ranking is the snapshot's (totals and classes as frozen).
    """
    covered = await ranking_scope(actor, scope, station_id)
    ids = [station.id for station in covered.stations]
    month = snapshots.month_of(period)
    if month is not None and await snapshots.month_is_frozen(month):
        rows = ScoreSnapshot.filter(month=month, station_id__in=ids).select_related("station")
        if station_class is not None:
            rows = rows.filter(station_class=station_class.value)
        results = [snapshots.result_from_row(row, row.station) for row in await rows]
    else:
        station_rows = [s for s in covered.stations if station_class is None or s.station_class is station_class]
        results = list((await engine_for(current_app()).score(station_rows, period)).values())
    return [
        dataclasses.replace(entry, detailed=covered.shows_details_of(entry.result.station.id))
        for entry in rank(results)
    ]


def rank(results: Sequence[StationResult]) -> list[RankedStation]:
    """Best first; equal totals share a rank (1, 2, 2, 4); stations without a total last."""
    ordered = sorted(results, key=lambda r: (r.total is None, -(r.total or 0.0), r.station.id))
    ranks = competition_ranks([result.total for result in ordered])
    return [RankedStation(position, result) for position, result in zip(ranks, ordered, strict=True)]


def recent_months(today: dt.date, months: int) -> list[Period]:
    """The ``months`` calendar months ending with ``today``'s, oldest first."""
    index = today.year * 12 + today.month - 1
    return [Period.month(i // 12, i % 12 + 1) for i in range(index - months + 1, index + 1)]


async def score_history(actor: Actor, station_id: int | None, months: int) -> list[StationResult]:
    """The station's monthly scores, oldest first, ending with the current month (to date);
    frozen months from their snapshot."""
    if not 1 <= months <= MAX_HISTORY_MONTHS:
        raise UserInputError(f"months must be between 1 and {MAX_HISTORY_MONTHS}.", field="months")
    station = await visible_station(actor, station_id)
    app = current_app()
    periods = recent_months(app.clock.today(), months)
    frozen = {
        row.month: row
        for row in await ScoreSnapshot.filter(
            station_id=station.id, month__in=[snapshots.month_text(p) for p in periods]
        )
    }
    engine = engine_for(app)
    history = []
    for period in periods:
        row = frozen.get(snapshots.month_text(period))
        if row is not None:
            history.append(snapshots.result_from_row(row, station))
        else:
            history.append((await engine.score([station], period))[station.id])
    return history


async def freeze_month(actor: Actor, month: str, *, refreeze: bool = False, reason: str | None = None) -> FreezeResult:
    """Freeze every station's score and rank for a finished calendar month (冻结月度考评).

    Runs inside the caller's transaction and records ``core.score.freeze`` (or
    ``core.score.refreeze`` when replacing an earlier freeze, which must be asked for).
    """
    if not actor.sees_all_stations:
        raise UserInputError(
            "Freezing covers every station; only deployment-wide accounts may freeze.",
            code=UserErrorCode.FORBIDDEN,
        )
    period = Period.parse_month((month or "").strip())
    month = snapshots.month_text(period)
    app = current_app()
    if period.end >= app.clock.today():
        raise UserInputError(f"{month} has not ended yet; freeze a month after its last day.", field="month")
    previous = await snapshots.current_freeze(month)
    if previous is not None and not refreeze:
        raise UserInputError(
            f"{month} is already frozen (revision {previous.revision}); re-freeze explicitly to replace it.",
            field="month",
            code=UserErrorCode.CONFLICT,
        )
    stations = await scoped(actor, Station).order_by("id")
    if not stations:
        raise UserInputError("There are no stations to freeze.", field="month")
    ranked = rank(list((await engine_for(app).score(stations, period)).values()))
    frozen_at = app.clock.now()
    revision = previous.revision + 1 if previous else 1
    frozen = await snapshots.replace_month(
        month,
        [(entry.rank, entry.result) for entry in ranked],
        revision=revision,
        frozen_at=frozen_at,
        frozen_by=actor.username or "system",
    )
    await _record_freeze(month, previous, revision, frozen, reason)
    ranking = [RankedStation(entry.rank, result) for entry, result in zip(ranked, frozen, strict=True)]
    return FreezeResult(month=month, revision=revision, frozen_at=frozen_at, ranking=ranking)


async def _record_freeze(
    month: str,
    previous: snapshots.FrozenMonth | None,
    revision: int,
    frozen: Sequence[StationResult],
    reason: str | None,
) -> None:
    after = {
        "revision": revision,
        "stations": len(frozen),
        "totals": {result.station.code: result.total for result in frozen},
    }
    if reason and reason.strip():
        after["reason"] = reason.strip()
    before = {"revision": previous.revision, "totals": previous.totals} if previous else None
    await audit.record(
        "core.score.refreeze" if previous else "core.score.freeze",
        object_type="ScoreSnapshot",
        object_id=month,
        before=before,
        after=after,
    )
