import pytest

from core import Direction, IndicatorCategory
from core.graphql.ids import to_global_id
from tests.core.scoring.indicator_plugins import Figures, indicator_plugin, spec

KEYS = ("alpha.rate", "alpha.incidents", "beta.satisfaction")


@pytest.fixture
def figures() -> dict[str, Figures]:
    """Per-test figures of the three indicators of the ``alpha`` and ``beta`` test plugins."""
    return {key: Figures() for key in KEYS}


@pytest.fixture
def scoring_plugins(figures):
    """``alpha``: a rate (higher is better, target 90, weight 2) and incidents (lower is better,
    target 10, SAFETY); ``beta``: satisfaction (target 95, PUBLIC_OPINION)."""
    alpha = indicator_plugin(
        "alpha",
        spec("alpha.rate", figures["alpha.rate"], label="调解成功率", target=90, weight=2),
        spec(
            "alpha.incidents",
            figures["alpha.incidents"],
            label="警情数",
            unit="起",
            direction=Direction.LOWER_IS_BETTER,
            target=10,
            category=IndicatorCategory.SAFETY,
        ),
    )
    beta = indicator_plugin(
        "beta",
        spec(
            "beta.satisfaction",
            figures["beta.satisfaction"],
            label="群众满意度",
            target=95,
            category=IndicatorCategory.PUBLIC_OPINION,
        ),
    )
    return [alpha, beta]


@pytest.fixture
async def app(make_app, scoring_plugins):
    return await make_app(["alpha", "beta"], extra_plugins=scoring_plugins)


def station_gid(station) -> str:
    return to_global_id("Station", station.id)
