"""Root query fields of mediation (thin: they call services)."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import (
    ApiError,
    NotFound,
    PeriodInput,
    SpatialArgument,
    UserInputError,
    connection,
    query_field,
    scoped,
    spatially,
    to_global_id,
)

from . import models, services
from .types.disputes import Dispute, MediationCentre
from .types.inputs import CanvassCampaignFilter, DisputeFilter, DisputeOrder, TipFilter, query_id
from .types.intake import CanvassCampaign, Tip, TipTracking
from .types.stats import MediationStats, MediatorSuggestion


@strawberry.type
class MediationQuery:
    @query_field(
        permission="mediation.dispute.read",
        description="Disputes (矛盾纠纷): the station's for holders of mediation.dispute.read_all, otherwise those "
        "the caller reported or mediates. Default order: newest first.",
    )
    @connection(Dispute)
    async def disputes(
        self,
        info: Info,
        filter: Annotated[
            DisputeFilter | None,
            strawberry.argument(
                description=(
                    "Conditions on status, risk level, level, category, source, area, centre, open/overdue and text; "
                    "all given ones apply. Omitted → every dispute the caller may read."
                )
            ),
        ] = None,
        order_by: Annotated[
            DisputeOrder | None,
            strawberry.argument(description="Order of the list; omitted → newest report first (createdAt descending)."),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        queryset = await services.filtered_disputes(info.context.actor, filter.to_query() if filter else None)
        queryset = await spatially(info.context.actor, queryset, spatial)
        order = order_by or DisputeOrder()
        return services.ordered(queryset, order.field, order.descending)

    @query_field(
        permission="mediation.supervision.read",
        description="督办: open disputes past the intervention deadline of their current level with no intervention "
        "yet, earliest deadline first.",
    )
    @connection(Dispute)
    async def overdue_disputes(
        self,
        info: Info,
    ) -> QuerySet:
        return services.overdue_disputes(info.context.actor)

    @query_field(
        permission="mediation.dispute.manage",
        description="Candidates for each seat of a dispute's team (专业+志愿+调解), least busy first.",
    )
    async def suggest_mediators(
        self,
        info: Info,
        dispute_id: Annotated[
            strawberry.ID,
            strawberry.argument(description="Global id of the dispute the team is for (of the caller's station)."),
        ],
        team_role: Annotated[
            models.TeamRole | None,
            strawberry.argument(description="Only candidates for this seat; omitted → candidates for every seat."),
        ] = None,
    ) -> list[MediatorSuggestion]:
        try:
            found = await services.suggest_mediators(
                info.context.actor, query_id(dispute_id, "Dispute", "disputeId"), team_role
            )
        except UserInputError as error:
            raise NotFound(error.message) from None
        return [
            MediatorSuggestion(
                user_id=strawberry.ID(to_global_id("User", s.user.id)),
                display_name=s.user.display_name,
                team_role=s.team_role,
                open_disputes=s.open_disputes,
            )
            for s in found
        ]

    @query_field(permission="mediation.tip.read", description="Tips from residents (群众线索), newest first.")
    @connection(Tip)
    async def tips(
        self,
        info: Info,
        filter: Annotated[
            TipFilter | None,
            strawberry.argument(description="Narrow by status; omitted → every tip of the caller's station."),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.Tip)
        if filter is not None and filter.status is not None:
            queryset = queryset.filter(status=filter.status)
        return queryset.order_by("-submitted_at", "-id")

    @query_field(
        public=True,
        description="A tip's status by the tracking code its sender got; null for an unknown code. Shows nothing else.",
    )
    async def tip_status(
        self,
        info: Info,
        tracking_code: Annotated[
            str,
            strawberry.argument(
                description=(
                    "The tracking code the sender got from submitTip (groups of letters and digits joined by '-'). "
                    "Public: no login needed."
                )
            ),
        ],
    ) -> TipTracking | None:
        tip = await services.tip_by_tracking_code(tracking_code)
        return TipTracking.from_row(tip) if tip else None

    @query_field(permission="mediation.canvass.read", description="Canvass campaigns (四式摸排), latest first.")
    @connection(CanvassCampaign)
    async def canvass_campaigns(
        self,
        info: Info,
        filter: Annotated[
            CanvassCampaignFilter | None,
            strawberry.argument(
                description="Narrow by canvass mode; omitted → every campaign of the caller's station."
            ),
        ] = None,
    ) -> QuerySet:
        queryset = scoped(info.context.actor, models.CanvassCampaign)
        if filter is not None and filter.mode is not None:
            queryset = queryset.filter(mode=filter.mode)
        return queryset.order_by("-start_date", "-id")

    @query_field(permission="mediation.centre.read", description="Compound mediation centres (小区调处中心).")
    @connection(MediationCentre)
    async def mediation_centres(
        self,
        info: Info,
    ) -> QuerySet:
        return scoped(info.context.actor, models.MediationCentre).order_by("name", "id")

    @query_field(
        permission="mediation.stats.read",
        description="Mediation statistics of a station (or, without stationId, of every station the caller "
        "reaches) for a period. Each figure's definition is in its description.",
    )
    async def mediation_stats(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone. The cohort is the disputes reported (受理) in it; "
                    "outcomes count when they happened by the period's end, so a past period's figures do not change."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station; omitted → all stations the caller reaches (their own station for "
                    "station roles, every station for bureau roles)."
                )
            ),
        ] = None,
    ) -> MediationStats:
        try:
            chosen = period.to_period()
        except UserInputError as error:
            raise ApiError(error.message) from None
        stats = await services.mediation_stats(info.context.actor, query_id(station_id, "Station", "stationId"), chosen)
        return MediationStats.from_figures(chosen.start, chosen.end, stats)
