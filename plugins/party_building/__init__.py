"""Party building (党建聚合力), pillar 1: branches and members, 三会一课 and study with cadence
rules, 一岗双责 responsibilities with checks, the monthly 警营之星 and 五小工程 upkeep.

This module only wires the plugin into the core; the rules live in ``services``.
"""

from __future__ import annotations

from typing import Any

from core import CONTRACT_VERSION, GraphQLContribution, ModelsDeclaration, PluginInfo, hookimpl


@hookimpl
def fengqiao_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="party_building",
        version="0.1.0",
        title="党建聚合力 Party building",
        description=(
            "Party branches and members, 三会一课 and night school with cadence rules and attendance, "
            "一岗双责 responsibilities with scheduled checks, the monthly 警营之星 and 五小工程 upkeep."
        ),
        dependencies=(),
        contract=CONTRACT_VERSION,
    )


@hookimpl
def fengqiao_settings_model() -> type:
    from plugins.party_building.settings import PartyBuildingSettings

    return PartyBuildingSettings


@hookimpl
def fengqiao_models() -> ModelsDeclaration:
    return ModelsDeclaration(models=["plugins.party_building.models"], migrations="plugins.party_building.migrations")


@hookimpl
def fengqiao_graphql() -> GraphQLContribution:
    from plugins.party_building import mutations, queries, types

    return GraphQLContribution(
        query=[queries.PartyBuildingQuery], mutation=[mutations.PartyBuildingMutation], types=types.NODE_TYPES
    )


@hookimpl
def fengqiao_permissions() -> list:
    from plugins.party_building.permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def fengqiao_score_indicators() -> list:
    from plugins.party_building.scoring import INDICATORS

    return list(INDICATORS)


@hookimpl
async def fengqiao_user_contributions(station_id: Any, user_ids: Any, period: Any) -> list:
    from plugins.party_building.services.contributions import own_contributions

    return await own_contributions(station_id, user_ids, period)


@hookimpl
async def fengqiao_demo_data(demo: Any) -> None:
    from plugins.party_building.demo import load

    await load(demo)


@hookimpl
def fengqiao_field_costs():
    # Statistics computed over a whole period cost more than reading a row.
    from core import FieldCost

    return [
        FieldCost("Query", "meetingCompliance", cost=10),
        FieldCost("Query", "studyHours", cost=10),
    ]
