"""A tiny plugin for the tests: it reports closed items (for callback sampling) and one
indicator (for report packs), whatever the test puts in ``CLOSED`` and ``FIGURES``."""

from core import (
    CONTRACT_VERSION,
    Direction,
    IndicatorCategory,
    IndicatorSpec,
    IndicatorValue,
    PluginInfo,
    hookimpl,
)

# (plugin-independent) ClosedItem objects the hook returns, filtered by station.
CLOSED: list = []
# station id -> value of the test indicator.
FIGURES: dict[int, float] = {}
CALLS: list = []
# Events seen on the core event bus (delivered after commit).
EVENTS: list = []


@hookimpl
def fengqiao_plugin_info():
    return PluginInfo(name="testitems", version="0.0.1", title="Test items", contract=CONTRACT_VERSION)


@hookimpl
async def fengqiao_closed_items(station_ids, period):
    CALLS.append((list(station_ids), period))
    return [item for item in CLOSED if item.station_id in station_ids]


async def _compute(station_ids, period):
    return {sid: IndicatorValue(FIGURES[sid], f"test figure {FIGURES[sid]:g}") for sid in station_ids if sid in FIGURES}


@hookimpl
def fengqiao_score_indicators():
    return [
        IndicatorSpec(
            "testitems.resolved",
            "Test items resolved",
            "%",
            Direction.HIGHER_IS_BETTER,
            90.0,
            1.0,
            IndicatorCategory.WORK,
            _compute,
        )
    ]


@hookimpl
def fengqiao_event(app, event):
    EVENTS.append(event)
