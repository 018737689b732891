"""Indicators of anti-fraud work for the station score (绩效考评).

Each computes every station's figure in one grouped query; a station without data in the
period is absent from the result (no data, not zero).
"""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.functions import Count, Sum

from core import Direction, IndicatorCategory, IndicatorSpec, IndicatorValue, Period
from fengqiao_anti_fraud.models import FraudReport, PublicityEvent


async def app_installs(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    rows = (
        await PublicityEvent.filter(station_id__in=station_ids, held_on__gte=period.start, held_on__lte=period.end)
        .annotate(events=Count("id"), installs=Sum("app_installs"))
        .group_by("station_id")
        .values("station_id", "events", "installs")
    )
    return {
        row["station_id"]: IndicatorValue(
            float(row["installs"] or 0), f"{row['installs'] or 0} installs at {row['events']} publicity events"
        )
        for row in rows
    }


async def fraud_losses(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    rows = (
        await FraudReport.filter(station_id__in=station_ids, reported_on__gte=period.start, reported_on__lte=period.end)
        .annotate(reports=Count("id"), lost=Sum("amount_lost"), recovered=Sum("amount_recovered"))
        .group_by("station_id")
        .values("station_id", "reports", "lost", "recovered")
    )
    result = {}
    for row in rows:
        net = float(row["lost"] or 0) - float(row["recovered"] or 0)
        result[row["station_id"]] = IndicatorValue(
            round(net, 2), f"{net:,.2f} yuan lost net of recoveries in {row['reports']} fraud reports"
        )
    return result


INDICATORS = [
    IndicatorSpec(
        key="anti_fraud.app_installs",
        label="国家反诈中心App安装数",
        unit="installs",
        direction=Direction.HIGHER_IS_BETTER,
        target=300,
        weight=1.0,
        category=IndicatorCategory.WORK,
        compute=app_installs,
    ),
    IndicatorSpec(
        key="anti_fraud.fraud_losses",
        label="电信网络诈骗净损失",
        unit="yuan",
        direction=Direction.LOWER_IS_BETTER,
        target=50000,
        weight=1.0,
        category=IndicatorCategory.SAFETY,
        compute=fraud_losses,
    ),
]
