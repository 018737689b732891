"""Root query fields of anti-fraud publicity: thin, they scope, filter and page."""

from typing import Annotated

import strawberry
from strawberry.types import Info
from tortoise.queryset import QuerySet

from core import (
    PeriodInput,
    connection,
    decode_id,
    query_field,
    scoped,
)
from fengqiao_anti_fraud import models, services
from fengqiao_anti_fraud.types import (
    AntiFraudPublicityEvent,
    AntiFraudPublicityFilter,
    AntiFraudStats,
    FraudReport,
    FraudReportFilter,
    FraudTypeCount,
)


def _publicity_queryset(info: Info, where: AntiFraudPublicityFilter | None):
    queryset = scoped(info.context.actor, models.PublicityEvent)
    if where is None:
        return queryset
    if where.kind is not None:
        queryset = queryset.filter(kind=where.kind)
    if where.area_id is not None:
        queryset = queryset.filter(area_id=decode_id(where.area_id, "Area", field="filter.areaId"))
    if where.held_from is not None:
        queryset = queryset.filter(held_on__gte=where.held_from)
    if where.held_until is not None:
        queryset = queryset.filter(held_on__lte=where.held_until)
    return queryset


def _report_queryset(info: Info, where: FraudReportFilter | None):
    queryset = scoped(info.context.actor, models.FraudReport)
    if where is None:
        return queryset
    if where.status is not None:
        queryset = queryset.filter(status=where.status)
    if where.fraud_type is not None:
        queryset = queryset.filter(fraud_type=where.fraud_type)
    if where.area_id is not None:
        queryset = queryset.filter(area_id=decode_id(where.area_id, "Area", field="filter.areaId"))
    return queryset


@strawberry.type
class AntiFraudQuery:
    @query_field(permission="anti_fraud.publicity.read", description="Anti-fraud publicity events, latest first.")
    @connection(AntiFraudPublicityEvent)
    async def anti_fraud_publicity_events(
        self,
        info: Info,
        filter: Annotated[
            AntiFraudPublicityFilter | None,
            strawberry.argument(
                description="Narrow by form, area and the days held; omitted → every event of the caller's station."
            ),
        ] = None,
    ) -> QuerySet:
        return _publicity_queryset(info, filter).order_by("-held_on", "-id")

    @query_field(permission="anti_fraud.report.read", description="Fraud reports (电诈报案), latest first.")
    @connection(FraudReport)
    async def fraud_reports(
        self,
        info: Info,
        filter: Annotated[
            FraudReportFilter | None,
            strawberry.argument(
                description="Narrow by status, fraud type and area; omitted → every report of the caller's station."
            ),
        ] = None,
    ) -> QuerySet:
        return _report_queryset(info, filter).order_by("-reported_on", "-id")

    @query_field(
        permission="anti_fraud.stats.read",
        description="Publicity reach and fraud losses of a period, for one station or all the caller sees.",
    )
    async def anti_fraud_stats(
        self,
        info: Info,
        period: Annotated[
            PeriodInput,
            strawberry.argument(
                description=(
                    "Inclusive dates in the deployment time zone: publicity counts by the day held (heldOn), fraud "
                    "reports by the day reported (reportedOn), not the day the fraud happened."
                )
            ),
        ],
        station_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Global id of one station; omitted → every station the caller sees."),
        ] = None,
    ) -> AntiFraudStats:
        station = decode_id(station_id, "Station", field="stationId", required=False)
        figures = await services.figures(info.context.actor, station, period.to_period())
        return AntiFraudStats(
            publicity_events=figures.publicity_events,
            audience=figures.audience,
            residents_warned=figures.residents_warned,
            app_installs=figures.app_installs,
            fraud_reports=figures.fraud_reports,
            amount_lost=figures.amount_lost,
            amount_recovered=figures.amount_recovered,
            by_fraud_type=[
                FraudTypeCount(fraud_type=t.fraud_type, reports=t.reports, amount_lost=t.amount_lost)
                for t in figures.by_fraud_type
            ],
        )
