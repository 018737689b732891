"""警营之星: the monthly star officer — nominations, one vote per person, then closing.

Calendar of a month (configurable): nominations from the 1st to ``nomination_last_day``,
votes until ``voting_last_day``, closing afterwards. Nobody nominates or votes for themself;
each person nominates once and votes once per month, for a nominated colleague.

Tie rule at closing: most votes wins; on equal votes, the candidate nominated by more
colleagues; if still equal, the one nominated first (earliest nomination). A month in which
nobody voted closes without a star.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from tortoise.functions import Count, Min

from core import (
    Actor,
    Period,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    occurrence,
    publish,
    record_audit,
    remember,
    snapshot,
)
from plugins.party_building.models import StarAward, StarDecision, StarNomination, StarVote
from plugins.party_building.services.common import (
    month_key,
    now,
    required_text,
    settings,
    station_staff,
    target_station,
    today,
)


class StarPhase(enum.Enum):
    NOT_OPEN = "NOT_OPEN"
    NOMINATING = "NOMINATING"
    VOTING = "VOTING"
    COUNTING = "COUNTING"
    CLOSED = "CLOSED"


@dataclasses.dataclass(frozen=True)
class StarCalendar:
    month: str
    period: Period
    nomination_end: dt.date
    voting_start: dt.date
    voting_end: dt.date

    def phase(self, day: dt.date, *, closed: bool) -> StarPhase:
        if closed:
            return StarPhase.CLOSED
        if day < self.period.start:
            return StarPhase.NOT_OPEN
        if day <= self.nomination_end:
            return StarPhase.NOMINATING
        if day <= self.voting_end:
            return StarPhase.VOTING
        return StarPhase.COUNTING


def star_calendar(month: str) -> StarCalendar:
    key, period = month_key(month)
    config = settings()
    return StarCalendar(
        key,
        period,
        period.start.replace(day=config.nomination_last_day),
        period.start.replace(day=config.nomination_last_day + 1),
        period.start.replace(day=config.voting_last_day),
    )


def own_station(actor: Actor, verb: str) -> int:
    if actor.station_id is None or actor.user_id is None:
        raise UserInputError(f"Only members of a station {verb}.", code=UserErrorCode.FORBIDDEN)
    return actor.station_id


async def phase_of(station_id: int, calendar: StarCalendar, day: dt.date) -> StarPhase:
    closed = await StarAward.filter(station_id=station_id, month=calendar.month).exists()
    return calendar.phase(day, closed=closed)


async def nominate(actor: Actor, nominee_id: int | None, reason: str) -> StarNomination:
    station_id = own_station(actor, "nominate")
    day = today()
    calendar = star_calendar(day.strftime("%Y-%m"))
    if await phase_of(station_id, calendar, day) is not StarPhase.NOMINATING:
        raise UserInputError(
            f"Nominations for {calendar.month} were open until {calendar.nomination_end.isoformat()}.",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    if nominee_id == actor.user_id:
        raise UserInputError("You cannot nominate yourself.", field="nomineeId")
    nominee = await station_staff(actor, nominee_id, station_id, field="nomineeId")
    reason = required_text(reason, field="reason", label="The reason")
    if await StarNomination.filter(station_id=station_id, month=calendar.month, nominator_id=actor.user_id).exists():
        raise UserInputError(
            f"You have already nominated a colleague for {calendar.month}.", code=UserErrorCode.CONFLICT
        )
    nomination = await StarNomination.create(
        station_id=station_id,
        month=calendar.month,
        nominee_id=nominee.id,
        nominator_id=actor.user_id,
        reason=reason,
        created_at=now(),
    )
    await record_audit("party_building.star.nominate", obj=nomination, after=snapshot(nomination))
    return nomination


async def vote(actor: Actor, nominee_id: int | None) -> StarVote:
    station_id = own_station(actor, "vote")
    day = today()
    calendar = star_calendar(day.strftime("%Y-%m"))
    phase = await phase_of(station_id, calendar, day)
    if phase is not StarPhase.VOTING:
        raise UserInputError(
            f"Voting for {calendar.month} runs from {calendar.voting_start.isoformat()} "
            f"to {calendar.voting_end.isoformat()}.",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    if nominee_id == actor.user_id:
        raise UserInputError("You cannot vote for yourself.", field="nomineeId")
    nominated = StarNomination.filter(station_id=station_id, month=calendar.month, nominee_id=nominee_id)
    if nominee_id is None or not await nominated.exists():
        raise UserInputError(
            f"Nobody nominated this person for {calendar.month}.", field="nomineeId", code=UserErrorCode.NOT_FOUND
        )
    if await StarVote.filter(station_id=station_id, month=calendar.month, voter_id=actor.user_id).exists():
        raise UserInputError(f"You have already voted for {calendar.month}.", code=UserErrorCode.CONFLICT)
    ballot = await StarVote.create(
        station_id=station_id, month=calendar.month, voter_id=actor.user_id, nominee_id=nominee_id, created_at=now()
    )
    await record_audit("party_building.star.vote", obj=ballot, after=snapshot(ballot))
    return ballot


@dataclasses.dataclass(frozen=True)
class Candidate:
    user_id: int
    votes: int
    nominations: int
    first_nominated_at: dt.datetime
    first_nomination_id: int


async def candidates(station_id: int, month: str) -> list[Candidate]:
    """Everyone nominated in ``month`` with their votes, best first by the tie rule."""
    nominations = (
        await StarNomination.filter(station_id=station_id, month=month)
        .annotate(count=Count("id"), first_at=Min("created_at"), first_id=Min("id"))
        .group_by("nominee_id")
        .values("nominee_id", "count", "first_at", "first_id")
    )
    votes = (
        await StarVote.filter(station_id=station_id, month=month)
        .annotate(count=Count("id"))
        .group_by("nominee_id")
        .values("nominee_id", "count")
    )
    tally = {row["nominee_id"]: row["count"] for row in votes}
    found = [
        Candidate(row["nominee_id"], tally.get(row["nominee_id"], 0), row["count"], row["first_at"], row["first_id"])
        for row in nominations
    ]
    return sorted(found, key=lambda c: (-c.votes, -c.nominations, c.first_nominated_at, c.first_nomination_id))


def decide(ranked: list[Candidate]) -> tuple[Candidate | None, StarDecision]:
    """The winner of candidates ranked by ``candidates`` and which step of the tie rule decided."""
    if not ranked or ranked[0].votes == 0:
        return None, StarDecision.NO_VOTES
    top = ranked[0]
    level = [c for c in ranked if c.votes == top.votes]
    if len(level) == 1:
        return top, StarDecision.VOTES
    if len([c for c in level if c.nominations == top.nominations]) == 1:
        return top, StarDecision.NOMINATIONS
    return top, StarDecision.EARLIEST_NOMINATION


async def close_month(
    actor: Actor, month: str, *, station_id: int | None = None, at: dt.datetime | None = None
) -> StarAward:
    """Close a month after voting; ``at`` when it was closed earlier than it is entered (补录),
    never before voting ended."""
    station = await target_station(actor, station_id)
    calendar = star_calendar(month)
    day = today()
    phase = await phase_of(station, calendar, day)
    if phase is StarPhase.CLOSED:
        raise UserInputError(
            f"{calendar.month} is already closed.", field="month", code=UserErrorCode.INVALID_TRANSITION
        )
    if phase is not StarPhase.COUNTING:
        raise UserInputError(
            f"{calendar.month} can be closed after voting ends on {calendar.voting_end.isoformat()}.",
            field="month",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    voting_over = current_app().clock.start_of(calendar.voting_end + dt.timedelta(days=1))
    when = occurrence(at, after=voting_over, after_label="the end of voting", label="The closing")
    ranked = await candidates(station, calendar.month)
    winner, decided_by = decide(ranked)
    award = await StarAward.create(
        station_id=station,
        month=calendar.month,
        winner_id=winner.user_id if winner else None,
        votes=winner.votes if winner else 0,
        nominations=winner.nominations if winner else 0,
        total_votes=sum(c.votes for c in ranked),
        decided_by=decided_by,
        closed_at=when.at,
        closed_by_id=actor.user_id,
        recorded_steps=remember(None, "close", when),
    )
    await record_audit("party_building.star.close", obj=award, after=snapshot(award))
    await audit_backdating(when, obj=award, step="close")
    await publish(
        "party_building.star.awarded",
        {"month": calendar.month, "winner_user_id": award.winner_id, "votes": award.votes},
        station_id=station,
    )
    return award
