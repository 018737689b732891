"""Performance indicators (绩效考评) of mediation, each one grouped query over all stations."""

from __future__ import annotations

from collections.abc import Sequence

from core import Direction, IndicatorCategory, IndicatorSpec, IndicatorValue, Period

from .services.stats import CohortFigures, ratio, station_conversions, station_figures


def _percent(numerator: int, denominator: int) -> float | None:
    value = ratio(numerator, denominator)
    return None if value is None else round(100 * value, 1)


async def _by_figures(station_ids: Sequence[int], period: Period, pick) -> dict[int, IndicatorValue]:
    result = {}
    for station_id, figures in (await station_figures(station_ids, period)).items():
        numerator, denominator, text = pick(figures)
        if denominator:
            result[station_id] = IndicatorValue(_percent(numerator, denominator), text)
    return result


async def success_rate(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    return await _by_figures(
        station_ids,
        period,
        lambda f: (
            f.resolved,
            f.concluded,
            f"{f.resolved} of {f.concluded} concluded disputes resolved by agreement ({f.accepted} accepted)",
        ),
    )


async def village_level_share(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    return await _by_figures(
        station_ids,
        period,
        lambda f: (
            f.resolved_at_village,
            f.resolved,
            f"{f.resolved_at_village} of {f.resolved} resolved disputes resolved at village level",
        ),
    )


async def interventions_on_time(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    return await _by_figures(
        station_ids,
        period,
        lambda f: (
            f.interventions_on_time,
            f.interventions_due,
            f"{f.interventions_on_time} of {f.interventions_due} disputes due for intervention reached in time",
        ),
    )


async def civil_to_criminal(station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
    """Every station that accepted disputes in the period has a value (0 is the goal)."""
    figures: dict[int, CohortFigures] = await station_figures(station_ids, period)
    conversions = await station_conversions(station_ids, period)
    return {
        station_id: IndicatorValue(
            float(conversions.get(station_id, 0)),
            f"{conversions.get(station_id, 0)} dispute(s) turned into criminal cases (民转刑)",
        )
        for station_id in set(figures) | set(conversions)
    }


INDICATORS = [
    IndicatorSpec(
        key="mediation.success_rate",
        label="调解成功率",
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
        target=90.0,
        weight=3.0,
        category=IndicatorCategory.WORK,
        compute=success_rate,
    ),
    IndicatorSpec(
        key="mediation.village_level_share",
        label="小事不出村：村级调解成功占比",
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
        target=70.0,
        weight=2.0,
        category=IndicatorCategory.WORK,
        compute=village_level_share,
    ),
    IndicatorSpec(
        key="mediation.civil_to_criminal",
        label="民转刑案件数",
        unit="件",
        direction=Direction.LOWER_IS_BETTER,
        target=0.0,
        weight=3.0,
        category=IndicatorCategory.SAFETY,
        compute=civil_to_criminal,
    ),
    IndicatorSpec(
        key="mediation.interventions_on_time",
        label="按期介入率（三色预警时限）",
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
        target=95.0,
        weight=2.0,
        category=IndicatorCategory.WORK,
        compute=interventions_on_time,
    ),
]
