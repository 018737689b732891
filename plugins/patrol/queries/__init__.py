"""Root query fields of 打, 防 and 管: incidents, criminal cases, statistics, patrols, assets."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import (
    Actor,
    PeriodInput,
    SpatialArgument,
    connection,
    query_field,
    scoped,
    spatially,
)
from plugins.patrol import models
from plugins.patrol.enums import ListOrder
from plugins.patrol.queries.listing import day_range, filtered, optional_id, period_arg, station_arg
from plugins.patrol.services import stats
from plugins.patrol.types import inputs as i
from plugins.patrol.types.assets import SurveillanceAsset, SurveillanceStats
from plugins.patrol.types.incidents import CriminalCase, Incident, IncidentStats
from plugins.patrol.types.patrols import PatrolCheckIn, PatrolCompliance, PatrolShift, PatrolTeam


def incident_rows(actor: Actor, filter: i.IncidentFilter | None) -> QuerySet[models.Incident]:
    """The incidents list's rows for ``filter`` (also the patrol.incidents map layer's)."""
    where = filter or i.IncidentFilter()
    return filtered(
        scoped(actor, models.Incident),
        status=where.status,
        category=where.category,
        source=where.source,
        duty_unit=where.duty_unit,
        area_id=optional_id(where.area_id, "Area", "areaId"),
        patrol_shift_id=optional_id(where.patrol_shift_id, "PatrolShift", "patrolShiftId"),
    ).filter(day_range("received_at", where.received_from, where.received_to))


def asset_rows(actor: Actor, filter: i.SurveillanceAssetFilter | None) -> QuerySet[models.SurveillanceAsset]:
    """The surveillance assets list's rows for ``filter`` (also the patrol.cameras map layer's)."""
    where = filter or i.SurveillanceAssetFilter()
    return filtered(
        scoped(actor, models.SurveillanceAsset),
        kind=where.kind,
        project=where.project,
        status=where.status,
        area_id=optional_id(where.area_id, "Area", "areaId"),
    )


@strawberry.type
class IncidentQueries:
    @query_field(permission="patrol.incident.read", description="Incidents (警情), newest first by default.")
    @connection(Incident)
    async def incidents(
        self,
        info: Info,
        filter: Annotated[
            i.IncidentFilter | None,
            strawberry.argument(
                description=(
                    "Narrow by status, category, source, unit, area, shift and reception dates; omitted → every "
                    "incident of the caller's station."
                )
            ),
        ] = None,
        order_by: Annotated[
            ListOrder | None,
            strawberry.argument(description="By reception time (receivedAt): NEWEST_FIRST (default) or OLDEST_FIRST."),
        ] = ListOrder.NEWEST_FIRST,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        queryset = await spatially(info.context.actor, incident_rows(info.context.actor, filter), spatial)
        order = "received_at" if order_by is ListOrder.OLDEST_FIRST else "-received_at"
        return queryset.order_by(order, "id")

    @query_field(permission="patrol.incident.read", description="Criminal cases opened from incidents.")
    @connection(CriminalCase)
    async def criminal_cases(
        self,
        info: Info,
        filter: Annotated[
            i.CriminalCaseFilter | None,
            strawberry.argument(
                description="Narrow by solved / solved with video; omitted → all cases, newest opened first."
            ),
        ] = None,
    ) -> QuerySet:
        where = filter or i.CriminalCaseFilter()
        queryset = filtered(
            scoped(info.context.actor, models.CriminalCase),
            solved_at__isnull=None if where.solved is None else not where.solved,
            solved_with_video=where.solved_with_video,
        )
        return queryset.order_by("-opened_at", "id")

    @query_field(
        permission="patrol.stats.read",
        description="Incidents of a period by area and category against the same period a year earlier, "
        "with average response times.",
    )
    async def incident_stats(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; an incident counts when it was received "
                    "(receivedAt) in them. Compared with the same dates a year earlier."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station; omitted → every station the caller reaches (their own for station "
                    "roles, all for bureau roles)."
                )
            ),
        ] = None,
    ) -> IncidentStats:
        result = await stats.incident_stats(info.context.actor, period_arg(period), station_arg(station_id))
        return IncidentStats.from_result(result)


@strawberry.type
class PatrolQueries:
    @query_field(permission="patrol.team.read", description="Patrol teams (巡防队伍).")
    @connection(PatrolTeam)
    async def patrol_teams(
        self,
        info: Info,
        filter: Annotated[
            i.PatrolTeamFilter | None,
            strawberry.argument(
                description="Narrow by kind, level and area; omitted → every team of the caller's station."
            ),
        ] = None,
    ) -> QuerySet:
        where = filter or i.PatrolTeamFilter()
        queryset = filtered(
            scoped(info.context.actor, models.PatrolTeam),
            kind=where.kind,
            level=where.level,
            area_id=optional_id(where.area_id, "Area", "areaId"),
        )
        return queryset.order_by("id")

    @query_field(permission="patrol.team.read", description="Patrol shifts, latest start first.")
    @connection(PatrolShift)
    async def patrol_shifts(
        self,
        info: Info,
        filter: Annotated[
            i.PatrolShiftFilter | None,
            strawberry.argument(
                description="Narrow by team and start dates; omitted → every shift of the caller's station."
            ),
        ] = None,
    ) -> QuerySet:
        where = filter or i.PatrolShiftFilter()
        queryset = filtered(
            scoped(info.context.actor, models.PatrolShift), team_id=optional_id(where.team_id, "PatrolTeam", "teamId")
        ).filter(day_range("starts_at", where.starts_from, where.starts_to))
        return queryset.order_by("-starts_at", "id")

    @query_field(
        permission="patrol.team.read",
        description=(
            "Check-ins (打卡) of patrol shifts, newest first; spatial finds those made near a point or in an area."
        ),
    )
    @connection(PatrolCheckIn)
    async def patrol_check_ins(
        self,
        info: Info,
        filter: Annotated[
            i.PatrolCheckInFilter | None,
            strawberry.argument(
                description=(
                    "Narrow by shift, user, lateness and days; omitted → every check-in of the caller's station."
                )
            ),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        where = filter or i.PatrolCheckInFilter()
        queryset = filtered(
            scoped(info.context.actor, models.PatrolCheckIn),
            shift_id=optional_id(where.shift_id, "PatrolShift", "shiftId"),
            user_id=optional_id(where.user_id, "User", "userId"),
            is_late=where.is_late,
        ).filter(day_range("checked_at", where.checked_from, where.checked_to))
        queryset = await spatially(info.context.actor, queryset, spatial)
        return queryset.order_by("-id")

    @query_field(permission="patrol.stats.read", description="Patrol check-in compliance of a period.")
    async def patrol_compliance(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone; a route point counts when its shift ended (endsAt) "
                    "in them and the check-in grace is over."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station; omitted → every station the caller reaches (their own for station "
                    "roles, all for bureau roles)."
                )
            ),
        ] = None,
    ) -> PatrolCompliance:
        result = await stats.patrol_compliance(info.context.actor, period_arg(period), station_arg(station_id))
        return PatrolCompliance.from_result(result)

    @query_field(permission="patrol.asset.read", description="Surveillance assets (天网/雪亮).")
    @connection(SurveillanceAsset)
    async def surveillance_assets(
        self,
        info: Info,
        filter: Annotated[
            i.SurveillanceAssetFilter | None,
            strawberry.argument(
                description="Narrow by kind, programme, status and area; omitted → every asset of the caller's station."
            ),
        ] = None,
        *,
        spatial: SpatialArgument = None,
    ) -> QuerySet:
        queryset = await spatially(info.context.actor, asset_rows(info.context.actor, filter), spatial)
        return queryset.order_by("id")

    @query_field(
        permission="patrol.stats.read",
        description="Assets added in a period by kind, online rate, and share of cases solved with video.",
    )
    async def surveillance_stats(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone: assets count as added by installedOn, cases as "
                    "solved by solvedAt; the online rate is over assets installed by the period's end, at their "
                    "status now."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description=(
                    "Global id of one station; omitted → every station the caller reaches (their own for station "
                    "roles, all for bureau roles)."
                )
            ),
        ] = None,
    ) -> SurveillanceStats:
        result = await stats.surveillance_stats(info.context.actor, period_arg(period), station_arg(station_id))
        return SurveillanceStats.from_result(result)
