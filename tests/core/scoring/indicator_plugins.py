"""Plugin modules built in memory that contribute scoring indicators, for the scoring tests."""

from __future__ import annotations

import types

from tortoise.functions import Count

from core import (
    Direction,
    IndicatorCategory,
    IndicatorSpec,
    IndicatorValue,
    PluginInfo,
    hookimpl,
)
from core.identity.models import Area


class Figures:
    """An indicator's figures set by the test (station id → value); records each compute call."""

    def __init__(self) -> None:
        self.values: dict[int, float | None] = {}
        self.calls: list[list[int]] = []

    async def compute(self, station_ids, period):
        self.calls.append(list(station_ids))
        return {
            station_id: IndicatorValue(value, f"figure {value}")
            for station_id, value in self.values.items()
            if station_id in station_ids
        }


async def areas_per_station(station_ids, period):
    """One grouped query over core_area: the number of areas of each station."""
    rows = (
        await Area.filter(station_id__in=list(station_ids))
        .annotate(count=Count("id"))
        .group_by("station_id")
        .values("station_id", "count")
    )
    return {row["station_id"]: IndicatorValue(row["count"], f"{row['count']} areas") for row in rows}


def spec(
    key: str,
    compute,
    *,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    target: float = 100.0,
    weight: float = 1.0,
    category: IndicatorCategory = IndicatorCategory.WORK,
    label: str | None = None,
    unit: str = "%",
) -> IndicatorSpec:
    compute = compute.compute if isinstance(compute, Figures) else compute
    return IndicatorSpec(
        key=key,
        label=label or key,
        unit=unit,
        direction=direction,
        target=target,
        weight=weight,
        category=category,
        compute=compute,
    )


def indicator_plugin(name: str, *specs: IndicatorSpec) -> types.ModuleType:
    module = types.ModuleType(f"scoring_test_{name}")

    @hookimpl
    def fengqiao_plugin_info():
        return PluginInfo(name=name, version="0.1.0", title=f"Scoring test plugin {name}")

    @hookimpl
    def fengqiao_score_indicators():
        return list(specs)

    module.fengqiao_plugin_info = fengqiao_plugin_info
    module.fengqiao_score_indicators = fengqiao_score_indicators
    return module
