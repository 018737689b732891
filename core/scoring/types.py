"""GraphQL types of scoring: explained station scores, ranks, and the monthly freeze."""

import datetime as dt
from typing import Self

import strawberry

from core.contract import Direction, IndicatorCategory
from core.graphql.enums import graphql_enum
from core.graphql.errors import UserError
from core.identity.types import Station
from core.scoring.engine import IndicatorResult, StationResult
from core.scoring.services import RankedStation

graphql_enum(
    Direction,
    name="IndicatorDirection",
    description="Whether a larger value of an indicator is better (指标方向).",
    values={
        "HIGHER_IS_BETTER": "越高越好 — higher is better: reaching the target scores 100.",
        "LOWER_IS_BETTER": "越低越好 — lower is better: staying at or below the target scores 100.",
    },
)
graphql_enum(
    IndicatorCategory,
    description="The part of the evaluation an indicator belongs to (考评类别); each has a configurable weight.",
    values={
        "WORK": "业务工作 — police work: mediation, incidents, inspections.",
        "PARTY": "党建 — party building.",
        "PUBLIC_OPINION": "群众评价 — public opinion, e.g. satisfaction surveys.",
        "SAFETY": "平安建设 — public safety outcomes.",
    },
)


@strawberry.type(description="The inclusive range of dates a score covers (考评周期).")
class ScorePeriod:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")


@strawberry.type(description="One indicator of a station's score, explained (考评指标).")
class IndicatorScore:
    key: str = strawberry.field(description="Stable key, e.g. mediation.success_rate; used in [scoring] config.")
    plugin: str = strawberry.field(description="The plugin contributing the indicator.")
    label: str = strawberry.field(description="Name of the indicator (Chinese).")
    unit: str = strawberry.field(description="Unit of value and target, e.g. % or 次.")
    direction: Direction = strawberry.field(
        description="Whether a higher or a lower value is better for this indicator."
    )
    category: IndicatorCategory = strawberry.field(description="Part of the evaluation the indicator counts toward.")
    value: float | None = strawberry.field(description="The station's figure; null when it had no data (missing).")
    target: float = strawberry.field(description="The target in force (configured, or the plugin's default).")
    weight: float = strawberry.field(description="The indicator's weight in force.")
    category_weight: float = strawberry.field(description="Multiplier of the indicator's category.")
    score: float | None = strawberry.field(description="0–100 against the target; null when missing.")
    share: float | None = strawberry.field(
        description="Fraction (0–1) of the total this indicator carries: weight·categoryWeight over the sum "
        "for the indicators with data; null when missing."
    )
    missing: bool = strawberry.field(description="True when the station had no data: excluded from the total.")
    explanation: str = strawberry.field(description="One line explaining the figure, e.g. 38 of 46 disputes resolved.")

    @classmethod
    def from_result(cls, result: IndicatorResult) -> Self:
        return cls(
            key=result.key,
            plugin=result.plugin,
            label=result.label,
            unit=result.unit,
            direction=result.direction,
            category=result.category,
            value=result.value,
            target=result.target,
            weight=result.weight,
            category_weight=result.category_weight,
            score=result.score,
            share=result.share,
            missing=result.missing,
            explanation=result.explanation,
        )


@strawberry.type(description="A station's performance score for a period (绩效考评得分), indicator by indicator.")
class StationScore:
    station: Station = strawberry.field(description="The station scored.")
    period: ScorePeriod = strawberry.field(description="The dates the score covers.")
    total: float | None = strawberry.field(
        description="Weighted mean (0–100) of the indicators with data; null when none had data. See docs/scoring.md."
    )
    indicators: list[IndicatorScore] = strawberry.field(
        description="Indicators of the plugins the station runs, including missing ones."
    )
    frozen: bool = strawberry.field(description="True when read from the month's frozen snapshot (已冻结).")
    frozen_at: dt.datetime | None = strawberry.field(description="When the snapshot was taken.")
    revision: int | None = strawberry.field(description="Snapshot revision: 1, then +1 for each re-freeze.")
    indicators_visible: bool = strawberry.field(
        default=True,
        description="False for a peer station in a ranking that is not the caller's own: its total and rank are "
        "shown, its indicators are not (indicators is then empty).",
    )

    @classmethod
    def from_result(cls, result: StationResult, *, detailed: bool = True) -> Self:
        return cls(
            station=Station.from_row(result.station),
            period=ScorePeriod(start=result.period.start, end=result.period.end),
            total=result.total,
            indicators=[IndicatorScore.from_result(indicator) for indicator in result.indicators] if detailed else [],
            frozen=result.frozen,
            frozen_at=result.frozen_at,
            revision=result.revision,
            indicators_visible=detailed,
        )


@strawberry.type(description="A station's place in a ranking (排名).")
class StationRank:
    rank: int | None = strawberry.field(
        description="Competition rank among the listed stations: equal totals share a rank and the next rank "
        "skips (1, 2, 2, 4); null for a station without a total."
    )
    station: Station = strawberry.field(description="The station ranked.")
    total: float | None = strawberry.field(
        description="The station's total score (0-100) for the period; null when none of its indicators had data."
    )
    score: StationScore = strawberry.field(description="The explained score behind the rank.")

    @classmethod
    def from_ranked(cls, ranked: RankedStation) -> Self:
        score = StationScore.from_result(ranked.result, detailed=ranked.detailed)
        return cls(rank=ranked.rank, station=score.station, total=ranked.result.total, score=score)


@strawberry.input(description="Which month to freeze (冻结月度考评).")
class FreezeMonthlyScoresInput:
    month: str = strawberry.field(description="A finished calendar month, YYYY-MM.")
    refreeze: bool = strawberry.field(
        default=False, description="Replace an existing freeze of the month with a new revision (audited)."
    )
    reason: str | None = strawberry.field(default=None, description="Why; kept in the audit log.")


@strawberry.type(description="Result of freezeMonthlyScores.")
class FreezeMonthlyScoresPayload:
    month: str | None = strawberry.field(default=None, description="The month frozen, YYYY-MM; null when refused.")
    revision: int | None = strawberry.field(
        default=None,
        description="Revision of the snapshot: 1 for the first freeze, +1 for each re-freeze; null when refused.",
    )
    frozen_at: dt.datetime | None = strawberry.field(
        default=None,
        description="When the snapshot was taken (ISO-8601, UTC offset); null when refused.",
    )
    ranking: list[StationRank] | None = strawberry.field(default=None, description="The frozen ranking, best first.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description=(
            "Why the freeze was refused (e.g. an unfinished month, or CONFLICT when already frozen without "
            "refreeze); empty on success."
        ),
    )
