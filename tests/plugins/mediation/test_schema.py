"""The plugin's part of the schema documents itself."""

from __future__ import annotations

import graphql
import strawberry

from core.contract import Role


def _schema(app) -> graphql.GraphQLSchema:
    return graphql.build_schema(strawberry.printer.print_schema(app.schema))


async def test_every_type_and_enum_value_of_the_plugin_is_described(app, make_app):
    with_plugin = _schema(app)
    core_only = set(_schema(await make_app([])).type_map)
    roots = {"Query", "Mutation", "Subscription"}  # composed by the core
    added = {name: t for name, t in with_plugin.type_map.items() if name not in core_only | roots}
    assert "Dispute" in added and "RiskLevel" in added
    undescribed = [name for name, t in added.items() if not (t.description or "").strip()]
    assert undescribed == []
    for name, graphql_type in added.items():
        if isinstance(graphql_type, graphql.GraphQLEnumType):
            assert all(v.description for v in graphql_type.values.values()), name


async def test_the_contract_names_of_api_md_exist(app):
    schema = _schema(app)
    query, mutation, subscription = (
        schema.query_type.fields,
        schema.mutation_type.fields,
        schema.subscription_type.fields,
    )
    for name in ("disputes", "tips", "canvassCampaigns", "mediationStats", "tipStatus", "overdueDisputes"):
        assert name in query
    for name in (
        "reportDispute",
        "assessDispute",
        "overrideRiskLevel",
        "assignMediators",
        "recordMediationSession",
        "resolveDispute",
        "failMediation",
        "escalateDispute",
        "closeDispute",
        "linkCriminalCase",
        "submitTip",
        "createCanvassCampaign",
        "reopenDispute",
        "triageTip",
    ):
        assert name in mutation
    assert "riskAlerts" in subscription
    dispute = schema.type_map["Dispute"].fields
    for name in ("id", "status", "riskLevel", "level", "category", "parties", "sessions", "createdAt", "resolvedAt"):
        assert name in dispute
    assert list(schema.type_map["DisputeStatus"].values) == [
        "REPORTED",
        "ASSESSED",
        "IN_MEDIATION",
        "RESOLVED",
        "FAILED",
        "ESCALATED",
        "CLOSED",
    ]
    assert list(schema.type_map["RiskLevel"].values) == ["BLUE", "YELLOW", "RED"]
    assert list(schema.type_map["MediationLevel"].values) == ["VILLAGE", "TOWN", "COUNTY"]
    stats = schema.type_map["MediationStats"].fields
    for name in ("accepted", "concluded", "resolved", "successRate", "civilToCriminal", "byLevel", "byRiskLevel"):
        assert name in stats


def test_permissions_start_with_the_plugin_name_and_grant_sensible_roles():
    import plugins.mediation as plugin

    permissions = {p.code: set(p.roles) for p in plugin.fengqiao_permissions()}
    assert all(code.startswith("mediation.") for code in permissions)
    assert Role.MEDIATOR in permissions["mediation.dispute.mediate"]
    assert Role.AUXILIARY not in permissions["mediation.risk.override"]
    assert Role.RESIDENT not in set().union(*permissions.values())
