"""Root fields of scoring: ``stationScore``, ``stationRanking``, ``scoreHistory`` and
``freezeMonthlyScores``. Thin: the rules live in ``core.scoring.services``."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.errors import BadRequest, NotFound, UserInputError
from core.graphql.fields import mutation_field, query_field
from core.graphql.ids import decode_id
from core.graphql.inputs import PeriodInput
from core.identity.models import RegionLevel, StationClass
from core.periods import Period
from core.scoring import services
from core.scoring.types import FreezeMonthlyScoresInput, FreezeMonthlyScoresPayload, StationRank, StationScore


def _station_pk(station_id: strawberry.ID) -> int | None:
    try:
        return decode_id(station_id, "Station", field="stationId")
    except UserInputError:
        # A malformed id reads exactly like another station's: not found.
        raise NotFound("Station not found.") from None


def _period(period: PeriodInput) -> Period:
    try:
        return period.to_period()
    except UserInputError as error:
        raise BadRequest(error.message) from None


@strawberry.type
class ScoringQuery:
    @query_field(
        permission="core.score.read",
        description="A station's performance score (绩效考评) for a period, explained indicator by indicator. "
        "A period that is exactly a frozen calendar month is answered from its snapshot.",
    )
    async def station_score(
        self,
        info: Info,
        station_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="Global id of the station; another station's id reads as not found for station roles."
            ),
        ],
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates (deployment time zone); each indicator counts its records by the date its "
                    "plugin documents (e.g. disputes by report date)."
                )
            ),
        ],
    ) -> StationScore:
        result = await services.station_score(info.context.actor, _station_pk(station_id), _period(period))
        return StationScore.from_result(result)

    @query_field(
        permission="core.score.read",
        description="Stations ranked by total for a period (排名), best first; optionally only one station class. "
        "Ties share a rank (1, 2, 2, 4). A frozen month is answered from its snapshot. Bureau admins rank every "
        "station, or with scope a station's peers. A station user with core.score.peers ranks among its peers — "
        "the stations of its county by default, or of its city or province with scope — and sees each peer's "
        "name, total and rank but not its indicators; without that permission, or before its station is placed "
        "in a county, it sees its own station alone.",
    )
    async def station_ranking(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(description="Inclusive dates (deployment time zone) the totals cover."),
        ],
        station_class: Annotated[
            StationClass | None,
            strawberry.argument(
                description="Only rank stations of this class (一类 to 四类); omitted → every class among the peers."
            ),
        ] = None,
        scope: Annotated[
            RegionLevel | None,
            strawberry.argument(
                description="Rank the peers in this region level around the station: COUNTY (全县), CITY or PROVINCE "
                "(全省, as the 一网考). Default: COUNTY for station users with core.score.peers, every station for "
                "bureau admins."
            ),
        ] = None,
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Whose peers to rank with scope; default the caller's station (bureau admins must name "
                "one). Another station's id reads as not found for station users."
            ),
        ] = None,
    ) -> list[StationRank]:
        subject = _station_pk(station_id) if station_id is not None else None
        try:
            ranked = await services.station_ranking(
                info.context.actor, _period(period), station_class, scope=scope, station_id=subject
            )
        except UserInputError as error:
            raise BadRequest(error.message) from None
        return [StationRank.from_ranked(entry) for entry in ranked]

    @query_field(
        permission="core.score.read",
        description="A station's monthly scores, oldest first, ending with the current month (to date); "
        "frozen months come from their snapshot.",
    )
    async def score_history(
        self,
        info: Info,
        station_id: Annotated[strawberry.ID, strawberry.argument(description="Global id of the station.")],
        months: Annotated[
            int,
            strawberry.argument(
                description="How many calendar months, ending with the current one: 1 to 36 (12 by default)."
            ),
        ] = 12,
    ) -> list[StationScore]:
        try:
            history = await services.score_history(info.context.actor, _station_pk(station_id), months)
        except UserInputError as error:
            raise BadRequest(error.message) from None
        return [StationScore.from_result(result) for result in history]


@strawberry.type
class ScoringMutation:
    @mutation_field(
        permission="core.score.freeze",
        description="Freeze a finished month's scores and ranking for every station (冻结月度考评). Once frozen, "
        "the month answers from the snapshot; replacing it needs refreeze: true and is audited.",
    )
    async def freeze_monthly_scores(
        self,
        info: Info,
        input: Annotated[
            FreezeMonthlyScoresInput,
            strawberry.argument(description="The finished month to freeze, and for a re-freeze the reason."),
        ],
    ) -> FreezeMonthlyScoresPayload:
        result = await services.freeze_month(
            info.context.actor, input.month, refreeze=input.refreeze, reason=input.reason
        )
        return FreezeMonthlyScoresPayload(
            month=result.month,
            revision=result.revision,
            frozen_at=result.frozen_at,
            ranking=[StationRank.from_ranked(entry) for entry in result.ranking],
        )
