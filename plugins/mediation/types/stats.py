"""GraphQL types of mediation statistics and team suggestions."""

import datetime as dt
from typing import Self

import strawberry

from .. import models
from ..services.stats import MediationStats as Figures

COHORT = (
    "Cohort: disputes accepted (createdAt) in the period, in the deployment's time zone; "
    "outcomes count when they happened before the period's end."
)


@strawberry.type(description="Resolved disputes of the cohort by the level that resolved them.")
class MediationLevelCount:
    level: models.MediationLevel = strawberry.field(description="Mediation level (三级联调).")
    resolved: int = strawberry.field(
        description="Disputes of the cohort resolved at this level by the end of the period."
    )


@strawberry.type(description="Accepted disputes of the cohort by their current risk level.")
class RiskLevelCount:
    risk_level: models.RiskLevel = strawberry.field(description="Risk level (三色预警).")
    accepted: int = strawberry.field(description="Disputes of the cohort at this effective risk level now.")


@strawberry.type(description="Mediation statistics for a period (统计). " + COHORT)
class MediationStats:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")
    accepted: int = strawberry.field(description="受理: disputes reported in the period (the cohort).")
    concluded: int = strawberry.field(
        description="结案: of the cohort, disputes with an outcome by the end of the period — resolved by an "
        "agreement, or closed without one (e.g. sent to court). Disputes still being worked on are not concluded."
    )
    resolved: int = strawberry.field(
        description="调解成功: of the cohort, disputes resolved by a mediation agreement by the end of the period."
    )
    success_rate: float | None = strawberry.field(
        description="调解成功率 = resolved / concluded (0–1; null without concluded disputes). The article's "
        "'46 accepted, 38 resolved, 93%' fits this definition: 38 of 41 concluded = 92.7%; 38/46 is resolutionRate."
    )
    resolution_rate: float | None = strawberry.field(
        description="Resolution rate = resolved / accepted (0–1; null without accepted disputes): 38/46 = 82.6% "
        "in the article."
    )
    civil_to_criminal: int = strawberry.field(
        description="民转刑: disputes (any acceptance date) linked to a criminal case with the link made in the period."
    )
    judicially_confirmed: int = strawberry.field(
        description="司法确认: of the cohort, disputes whose mediation agreement a court confirmed by the end of the "
        "period (by the decision date, local time)."
    )
    overdue: int = strawberry.field(
        description="Of the cohort, disputes whose intervention deadline at their current level passed (before the "
        "period's end, or now if earlier) with no intervention by the deadline."
    )
    interventions_due: int = strawberry.field(
        description="Of the cohort, disputes whose deadline passed or that were intervened (before the cut-off)."
    )
    interventions_on_time: int = strawberry.field(
        description="Of interventionsDue, those intervened no later than the deadline."
    )
    lowest_level_share: float | None = strawberry.field(
        description="小事不出村: resolved at VILLAGE level / resolved (0–1; null without resolved disputes)."
    )
    by_level: list[MediationLevelCount] = strawberry.field(description="Resolved disputes by resolving level.")
    by_risk_level: list[RiskLevelCount] = strawberry.field(description="Accepted disputes by current risk level.")

    @classmethod
    def from_figures(cls, start: dt.date, end: dt.date, stats: Figures) -> Self:
        figures = stats.figures
        return cls(
            start=start,
            end=end,
            accepted=figures.accepted,
            concluded=figures.concluded,
            resolved=figures.resolved,
            success_rate=stats.success_rate,
            resolution_rate=stats.resolution_rate,
            civil_to_criminal=stats.civil_to_criminal,
            judicially_confirmed=stats.judicially_confirmed,
            overdue=figures.overdue,
            interventions_due=figures.interventions_due,
            interventions_on_time=figures.interventions_on_time,
            lowest_level_share=stats.lowest_level_share,
            by_level=[MediationLevelCount(level=level, resolved=n) for level, n in stats.by_level.items()],
            by_risk_level=[RiskLevelCount(risk_level=level, accepted=n) for level, n in stats.by_risk_level.items()],
        )


@strawberry.type(description="A candidate for a seat on a mediation team, with current workload.")
class MediatorSuggestion:
    user_id: strawberry.ID = strawberry.field(description="Global id of the candidate's user account.")
    display_name: str = strawberry.field(description="The candidate's display name.")
    team_role: models.TeamRole = strawberry.field(description="The seat the candidate is suggested for.")
    open_disputes: int = strawberry.field(description="Open disputes on the user's active teams.")
