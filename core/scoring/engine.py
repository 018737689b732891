"""The scoring engine: the loaded plugins' indicators with the deployment's overrides, and the
computation of explained station scores.

Built once per application (``engine_for(app)``), when the schema is built or a scoring
command runs; that is where ``[scoring]`` is validated, so a misspelt indicator key or category
stops start-up with a ``ConfigError`` naming it. Scoring a set of stations calls every
indicator's ``compute`` once for all of them (one grouped query per indicator), never once per
station.
"""

from __future__ import annotations

import dataclasses
import inspect
import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from core.contract import Direction, IndicatorCategory, IndicatorSpec, IndicatorValue
from core.db import custom_plans
from core.errors import ConfigError
from core.periods import Period
from core.scoring.formula import indicator_score, is_number, rounded, weighted_total
from core.scoring.shared import scoring_run

if TYPE_CHECKING:
    import datetime as dt

    from core.identity.models import Station
    from core.runtime import Fengqiao

NO_DATA_MARK = "本期无数据"
NO_DATA = f"{NO_DATA_MARK} — no data in the period."


@dataclasses.dataclass(frozen=True)
class Indicator:
    """An indicator as this deployment scores it: the plugin's spec with config overrides."""

    plugin: str
    spec: IndicatorSpec
    target: float
    weight: float
    category_weight: float

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def effective_weight(self) -> float:
        return self.weight * self.category_weight

    async def compute(self, station_ids: Sequence[int], period: Period) -> dict[int, IndicatorValue]:
        """The plugin's figures for ``station_ids``, normalised; absent stations have no data."""
        result = self.spec.compute(list(station_ids), period)
        if inspect.isawaitable(result):
            result = await result
        if not isinstance(result, Mapping):
            raise TypeError(f"indicator '{self.key}' of plugin '{self.plugin}' must return a mapping by station id")
        wanted = set(station_ids)
        return {int(sid): _normalise(raw) for sid, raw in result.items() if int(sid) in wanted}


def _normalise(raw: Any) -> IndicatorValue:
    if isinstance(raw, IndicatorValue):
        value, explanation = raw.value, raw.explanation
    else:
        value, explanation = raw, ""
    if value is None:
        # docs/scoring.md: a missing figure always reads 本期无数据, then the plugin's reason.
        if not explanation:
            return IndicatorValue(None, NO_DATA)
        if explanation.startswith(NO_DATA_MARK):
            return IndicatorValue(None, explanation)
        return IndicatorValue(None, f"{NO_DATA_MARK} — {explanation}")
    if not is_number(value):
        return IndicatorValue(None, f"{explanation} (not a finite number: {value!r})".strip())
    return IndicatorValue(float(value), explanation)


@dataclasses.dataclass(frozen=True)
class IndicatorResult:
    """One indicator of one station, explained."""

    key: str
    plugin: str
    label: str
    unit: str
    direction: Direction
    category: IndicatorCategory
    value: float | None
    target: float
    weight: float
    category_weight: float
    score: float | None
    # Fraction of the total this indicator carries (None when missing or when nothing counts).
    share: float | None
    explanation: str

    @property
    def missing(self) -> bool:
        return self.value is None

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["direction"] = self.direction.value
        data["category"] = self.category.value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IndicatorResult:
        names = {field.name for field in dataclasses.fields(cls)}
        values = {name: data.get(name) for name in names}
        values["direction"] = Direction(data["direction"])
        values["category"] = IndicatorCategory(data["category"])
        return cls(**values)


@dataclasses.dataclass(frozen=True)
class StationResult:
    """A station's explained score for a period — computed live or read from a snapshot."""

    station: Station
    period: Period
    total: float | None
    indicators: tuple[IndicatorResult, ...]
    frozen_at: dt.datetime | None = None
    frozen_by: str | None = None
    revision: int | None = None

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None


class ScoringEngine:
    def __init__(self, indicators: Sequence[Indicator]) -> None:
        self.indicators = tuple(indicators)

    @classmethod
    def from_app(cls, app: Fengqiao) -> ScoringEngine:
        declared: list[tuple[str, IndicatorSpec]] = []
        owners: dict[str, str] = {}
        for plugin, specs in app.plugins.call_each("fengqiao_score_indicators"):
            for spec in _checked_specs(plugin.name, specs):
                if spec.key in owners:
                    raise ConfigError(
                        f"indicator '{spec.key}' is declared by both '{owners[spec.key]}' and '{plugin.name}'; "
                        "indicator keys must be unique (prefix them with the plugin name)"
                    )
                owners[spec.key] = plugin.name
                declared.append((plugin.name, spec))
        settings = app.settings.scoring
        _check_overrides(settings, owners)
        category_weights = {
            category: settings.category_weights.get(category.name, 1.0) for category in IndicatorCategory
        }
        return cls(
            [
                Indicator(
                    plugin=plugin,
                    spec=spec,
                    target=float(settings.targets.get(spec.key, spec.target)),
                    weight=float(settings.weights.get(spec.key, spec.weight)),
                    category_weight=category_weights[spec.category],
                )
                for plugin, spec in declared
            ]
        )

    def indicators_for(self, station: Station) -> list[Indicator]:
        enabled = set(station.enabled_plugins or ())
        return [indicator for indicator in self.indicators if indicator.plugin in enabled]

    async def score(self, stations: Sequence[Station], period: Period) -> dict[int, StationResult]:
        """Explained scores of ``stations`` for ``period``: each indicator computed once, for
        every station whose plugins include it."""
        figures: dict[str, dict[int, IndicatorValue]] = {}
        # Plans that do not degrade (docs/scoring.md): every indicator's statements are planned
        # for the stations and period at hand, on the first request and the hundredth alike.
        async with custom_plans():
            with scoring_run():
                for indicator in self.indicators:
                    ids = [station.id for station in stations if indicator.plugin in (station.enabled_plugins or ())]
                    figures[indicator.key] = await indicator.compute(ids, period) if ids else {}
        return {station.id: self.explain(station, period, figures) for station in stations}

    def explain(self, station: Station, period: Period, figures: Mapping[str, Mapping[int, IndicatorValue]]):
        scored: list[tuple[Indicator, IndicatorValue, float | None]] = []
        for indicator in self.indicators_for(station):
            figure = figures.get(indicator.key, {}).get(station.id) or IndicatorValue(None, NO_DATA)
            score = None
            if figure.value is not None:
                score = indicator_score(figure.value, indicator.target, indicator.spec.direction)
            scored.append((indicator, figure, score))
        counting = [(score, ind.effective_weight) for ind, _, score in scored if score is not None]
        weight_sum = sum(weight for _, weight in counting)
        total = weighted_total(counting)
        results = tuple(
            _result(indicator, figure, score, (indicator.effective_weight / weight_sum) if weight_sum > 0 else None)
            for indicator, figure, score in scored
        )
        return StationResult(station=station, period=period, total=rounded(total), indicators=results)


def _result(indicator: Indicator, figure: IndicatorValue, score: float | None, share: float | None) -> IndicatorResult:
    spec = indicator.spec
    return IndicatorResult(
        key=spec.key,
        plugin=indicator.plugin,
        label=spec.label,
        unit=spec.unit,
        direction=spec.direction,
        category=spec.category,
        value=figure.value,
        target=indicator.target,
        weight=indicator.weight,
        category_weight=indicator.category_weight,
        score=rounded(score),
        share=None if score is None or share is None else round(share, 4),
        explanation=figure.explanation,
    )


def _checked_specs(plugin: str, specs: Any) -> list[IndicatorSpec]:
    if specs is None:
        return []
    if inspect.isawaitable(specs):
        if inspect.iscoroutine(specs):
            specs.close()
        raise ConfigError(f"plugin '{plugin}': fengqiao_score_indicators must return its list directly, not await it")
    checked = []
    for spec in specs:
        if not isinstance(spec, IndicatorSpec):
            raise ConfigError(f"plugin '{plugin}': fengqiao_score_indicators must return core.IndicatorSpec items")
        where = f"plugin '{plugin}', indicator '{spec.key}'"
        if not spec.key or any(ch.isspace() for ch in spec.key):
            raise ConfigError(f"plugin '{plugin}': indicator key {spec.key!r} must be non-empty without spaces")
        if not isinstance(spec.direction, Direction) or not isinstance(spec.category, IndicatorCategory):
            raise ConfigError(f"{where}: direction and category must be core.Direction and core.IndicatorCategory")
        if not is_number(spec.target):
            raise ConfigError(f"{where}: target must be a finite number")
        if not is_number(spec.weight) or spec.weight < 0:
            raise ConfigError(f"{where}: weight must be a finite number ≥ 0")
        if not callable(spec.compute):
            raise ConfigError(f"{where}: compute must be an async function (station_ids, period)")
        checked.append(spec)
    return checked


def _check_overrides(settings: Any, known: Mapping[str, str]) -> None:
    choices = ", ".join(sorted(known)) or "none: no loaded plugin declares indicators"
    for section in ("weights", "targets"):
        for key in getattr(settings, section):
            if key not in known:
                raise ConfigError(
                    f"scoring.{section}.{key}: unknown indicator (indicators of the loaded plugins: {choices})"
                )
    categories = ", ".join(category.name for category in IndicatorCategory)
    for key in settings.category_weights:
        if key not in IndicatorCategory.__members__:
            raise ConfigError(f"scoring.category_weights.{key}: unknown category (categories: {categories})")


_engines: weakref.WeakKeyDictionary[Any, ScoringEngine] = weakref.WeakKeyDictionary()


def engine_for(app: Fengqiao) -> ScoringEngine:
    """The application's scoring engine, built (and its configuration validated) once."""
    engine = _engines.get(app)
    if engine is None:
        engine = _engines[app] = ScoringEngine.from_app(app)
    return engine
