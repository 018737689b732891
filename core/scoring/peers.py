"""Which stations a ranking covers: every station for deployment-wide accounts, or a station's
peers — the stations of its county, city or province (行政区划) — for station users.

A station user sees its peers' names, totals and ranks (``core.score.peers``), never their
indicators: those stay behind ``core.score.read`` on the station itself. The article's headline
— first among the county's stations, 52nd of 496 class-four stations in the province's 一网考 —
is this ranking with scope COUNTY, then scope PROVINCE and class FOUR.
"""

from __future__ import annotations

import dataclasses

from core.errors import Forbidden, NotFound, UserInputError
from core.identity.actor import Actor
from core.identity.models import RegionLevel, Station
from core.identity.regions import ancestors, counties_within
from core.tenancy import scoped

PEERS_PERMISSION = "core.score.peers"


@dataclasses.dataclass(frozen=True)
class RankingScope:
    """The stations to rank, and which of them the actor may see in detail."""

    stations: list[Station]
    detailed: frozenset[int]

    def shows_details_of(self, station_id: int) -> bool:
        return station_id in self.detailed


async def ranking_scope(actor: Actor, scope: RegionLevel | None, station_id: int | None) -> RankingScope:
    """The stations a ranking covers for ``actor``.

    Without ``scope``: every station for deployment-wide accounts; for a station user with the
    peers permission, the stations of its county (once its station is placed in one), else its
    own station alone. With ``scope`` (or ``station_id``, meaning its county): the peers at that
    level of ``station_id`` (default: the actor's station).
    """
    if scope is None and station_id is None:
        if actor.sees_all_stations:
            return await _everything(actor)
        own = await scoped(actor, Station).get_or_none(id=actor.station_id) if actor.station_id else None
        if own is None:
            return RankingScope([], frozenset())
        if not actor.has(PEERS_PERMISSION) or own.region_id is None:
            return RankingScope([own], frozenset({own.id}))
        scope = RegionLevel.COUNTY
    scope = scope or RegionLevel.COUNTY  # a station named without a scope: its county
    subject = await _subject(actor, station_id)
    if not actor.sees_all_stations and not actor.has(PEERS_PERMISSION):
        raise Forbidden(f"Ranking among peers requires permission '{PEERS_PERMISSION}'.")
    if subject.region_id is None:
        raise UserInputError(
            f"{subject.name} is not placed in a county yet (setStationRegion), so it has no peers to rank among.",
            field="scope",
        )
    above = await ancestors(subject.region_id)
    region = above.get(scope)
    if region is None:
        raise UserInputError(
            f"{subject.name} has no {scope.value.lower()} above its county; choose another scope.", field="scope"
        )
    counties = await counties_within(region)
    stations = await Station.filter(region_id__in=counties).order_by("id")
    visible = {s.id for s in stations} if actor.sees_all_stations else {subject.id}
    return RankingScope(stations, frozenset(visible))


async def _everything(actor: Actor) -> RankingScope:
    stations = await scoped(actor, Station).order_by("id")
    return RankingScope(stations, frozenset(station.id for station in stations))


async def _subject(actor: Actor, station_id: int | None) -> Station:
    if station_id is None:
        if actor.station_id is None:
            raise UserInputError("Name the station whose peers to rank (stationId).", field="stationId")
        station_id = actor.station_id
    station = await scoped(actor, Station).get_or_none(id=station_id)
    if station is None:
        raise NotFound("Station not found.")
    return station
