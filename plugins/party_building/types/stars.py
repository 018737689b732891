"""警营之星: nominations with evidence, candidates, the month's calendar and the star."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import Node, RecordedStep, UserError, node_type, recorded_steps, row_mapping
from plugins.party_building import models
from plugins.party_building.services import contributions
from plugins.party_building.services.common import month_key
from plugins.party_building.services.stars import StarPhase
from plugins.party_building.types.common import PartyUserRef, user_ref

TIE_RULE = (
    "Tie rule: most votes wins; on equal votes the candidate nominated by more colleagues; "
    "if still equal, the one nominated first. Nobody voting means no star."
)


@strawberry.type(description="A public figure from a plugin about a person's work in the month (evidence).")
class ContributionFigure:
    plugin: str = strawberry.field(description="The plugin that reported it.")
    label: str = strawberry.field(description="What the figure counts, e.g. 办结警情.")
    value: float = strawberry.field(description="The person's figure for the month.")


async def _evidence(info: Info, station_id: int, month: str, user_id: int) -> list[ContributionFigure]:
    async def batch(keys: list[tuple[int, str, int]]) -> list[list[ContributionFigure]]:
        groups: dict[tuple[int, str], list[int]] = {}
        for station, month_text, user in keys:
            groups.setdefault((station, month_text), []).append(user)
        found: dict[tuple[int, str, int], list[ContributionFigure]] = {}
        for (station, month_text), users in groups.items():
            _, period = month_key(month_text)
            figures = await contributions.evidence(station, users, period, enabled=info.context.actor.station_plugins)
            for user, items in figures.items():
                found[(station, month_text, user)] = [
                    ContributionFigure(plugin=item.plugin, label=item.label, value=item.value) for item in items
                ]
        return [found.get(key, []) for key in keys]

    return await info.context.loader(batch, key="party_building.star_evidence").load((station_id, month, user_id))


@node_type(models.StarNomination, "party_building.star.read")
@strawberry.type(description="A nomination for 警营之星: who nominated whom, why, with evidence.")
class StarNomination(Node):
    month: str = strawberry.field(description="YYYY-MM.")
    reason: str = strawberry.field(description="Why the colleague was nominated (事迹).")
    created_at: dt.datetime = strawberry.field(description="When the nomination was made (ISO-8601 with offset).")
    _row: strawberry.Private[models.StarNomination]

    from_row = row_mapping(models.StarNomination)

    @strawberry.field(description="The colleague nominated.")
    async def nominee(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._row.nominee_id)

    @strawberry.field(description="Who nominated.")
    async def nominator(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._row.nominator_id)

    @strawberry.field(
        description="The nominee's figures for the month from every plugin the station runs "
        "(gathered through the fengqiao_user_contributions hook)."
    )
    async def evidence(self, info: Info) -> list[ContributionFigure]:
        return await _evidence(info, self._row.station_id, self._row.month, self._row.nominee_id)


@node_type(models.StarAward, "party_building.star.read")
@strawberry.type(description="警营之星 of a month, decided when the month was closed. " + TIE_RULE)
class StarOfMonth(Node):
    month: str = strawberry.field(description="YYYY-MM.")
    votes: int = strawberry.field(description="Votes of the star.")
    nominations: int = strawberry.field(description="Nominations of the star.")
    total_votes: int = strawberry.field(description="Votes cast in the month.")
    decided_by: models.StarDecision = strawberry.field(
        description=(
            "What decided the star: most votes, then most nominations, then earliest nomination; NO_VOTES when "
            "nobody voted."
        )
    )
    closed_at: dt.datetime = strawberry.field(description="When the month was closed (ISO-8601 with offset).")
    _row: strawberry.Private[models.StarAward]

    from_row = row_mapping(models.StarAward)

    @strawberry.field(
        description="The closing (close) with when it happened and when it was entered (补录); back-dated steps "
        "are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    @strawberry.field(description="The star; null when nobody voted.")
    async def winner(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._row.winner_id)


@strawberry.type(description="A nominated colleague in a month.")
class StarCandidate:
    nomination_count: int = strawberry.field(description="Nominations the candidate received this month.")
    vote_count: int | None = strawberry.field(
        description="Votes so far; shown once the month is closed, or earlier to holders of party_building.star.manage."
    )
    _user_id: strawberry.Private[int]

    @strawberry.field(description="The candidate.")
    async def user(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._user_id)


@strawberry.type(description="A month of 警营之星: its calendar, where it stands and its candidates. " + TIE_RULE)
class StarMonth:
    month: str = strawberry.field(description="Calendar month, YYYY-MM (deployment time zone).")
    phase: StarPhase = strawberry.field(
        description=(
            "Where the month stands: not open yet, nominating, voting, counting (voting over, not closed) or closed."
        )
    )
    nomination_start: dt.date = strawberry.field(description="First day nominations are accepted.")
    nomination_end: dt.date = strawberry.field(description="Last day nominations are accepted.")
    voting_start: dt.date = strawberry.field(description="First day votes are accepted.")
    voting_end: dt.date = strawberry.field(description="Last day votes are accepted; the month can be closed after it.")
    candidates: list[StarCandidate] = strawberry.field(description="Best first by the tie rule once votes show.")
    viewer_has_nominated: bool = strawberry.field(
        description="Whether the caller already nominated someone this month."
    )
    viewer_has_voted: bool = strawberry.field(
        description="Whether the caller already voted this month (the ballot stays private)."
    )
    star: StarOfMonth | None = strawberry.field(description="The star once the month is closed.")


@strawberry.input(description="Nominate a colleague for this month's 警营之星 (not yourself; once a month).")
class NominateStarInput:
    nominee_id: strawberry.ID = strawberry.field(description="Global id of an officer's or auxiliary's User.")
    reason: str = strawberry.field(description="Why the colleague deserves it (事迹); required.")


@strawberry.type(description="Result of nominateStar.")
class NominateStarPayload:
    nomination: StarNomination | None = strawberry.field(
        default=None,
        description="The nomination recorded; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Vote for a nominated colleague (not yourself; one vote a month).")
class VoteStarInput:
    nominee_id: strawberry.ID = strawberry.field(
        description="Global id of a colleague nominated this month (not yourself)."
    )


@strawberry.type(description="Result of voteStar; the ballot itself stays private.")
class VoteStarPayload:
    month: str | None = strawberry.field(
        default=None,
        description="The month the vote counts for, YYYY-MM; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Close a month's vote after voting ended and name the star.")
class CloseStarMonthInput:
    month: str = strawberry.field(description="YYYY-MM.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")
    occurred_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the month was closed, for a record entered later (补录; default now): not in the future, "
        "not before voting ended, within the back-dating window ([records] backdating_days).",
    )


@strawberry.type(description="Result of closeStarMonth.")
class CloseStarMonthPayload:
    star: StarOfMonth | None = strawberry.field(default=None, description="The star named; null when refused.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
