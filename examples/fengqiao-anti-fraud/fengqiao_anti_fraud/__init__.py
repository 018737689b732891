"""Anti-telecom-fraud publicity (反诈宣传) — a Fengqiao plugin shipped as its own package.

This module is the plugin: the entry point ``anti_fraud = "fengqiao_anti_fraud"`` in the
group ``fengqiao.plugins`` points here, and the core calls the ``@hookimpl`` functions below.
It wires, it does not compute; models and GraphQL modules are imported inside the hooks so
that merely discovering the plugin stays cheap and free of side effects.
"""

from __future__ import annotations

from core import (
    GraphQLContribution,
    ModelsDeclaration,
    Permission,
    PluginInfo,
    SensitiveField,
    SensitiveKind,
    hookimpl,
)

__version__ = "0.1.0"


@hookimpl
def fengqiao_plugin_info() -> PluginInfo:
    return PluginInfo(
        name="anti_fraud",
        version=__version__,
        title="反诈宣传 Anti-fraud publicity",
        description="Publicity events, residents warned, anti-fraud app installs and fraud reports with losses.",
        dependencies=(),
        # The contract this plugin was written for, as a literal: it loads on any core of the
        # same major version that is at least this new (docs/plugins.md, "Versioning").
        contract="1.6",
    )


@hookimpl
def fengqiao_settings_model() -> type:
    from fengqiao_anti_fraud.settings import AntiFraudSettings

    return AntiFraudSettings


@hookimpl
def fengqiao_models() -> ModelsDeclaration:
    return ModelsDeclaration(models=["fengqiao_anti_fraud.models"], migrations="fengqiao_anti_fraud.migrations")


@hookimpl
def fengqiao_graphql() -> GraphQLContribution:
    from fengqiao_anti_fraud.mutations import AntiFraudMutation
    from fengqiao_anti_fraud.queries import AntiFraudQuery
    from fengqiao_anti_fraud.types import AntiFraudPublicityEvent, FraudReport

    return GraphQLContribution(
        query=[AntiFraudQuery],
        mutation=[AntiFraudMutation],
        types=[AntiFraudPublicityEvent, FraudReport],
    )


@hookimpl
def fengqiao_permissions() -> list[Permission]:
    from fengqiao_anti_fraud.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def fengqiao_sensitive_fields() -> list[SensitiveField]:
    return [
        SensitiveField("FraudReport", "victimName", SensitiveKind.NAME),
        SensitiveField("FraudReport", "victimPhone", SensitiveKind.PHONE),
    ]


@hookimpl
def fengqiao_attachment_targets() -> list:
    from core import AttachmentKind, AttachmentTarget
    from fengqiao_anti_fraud.models import FraudReport

    # Screenshots of the fraudster's chat, transfer receipts, call recordings: that is all it takes.
    return [
        AttachmentTarget(
            "FraudReport",
            FraudReport,
            "anti_fraud.report.read",
            "anti_fraud.report.write",
            kinds=(AttachmentKind.IMAGE, AttachmentKind.PDF, AttachmentKind.AUDIO),
        )
    ]


@hookimpl
def fengqiao_score_indicators() -> list:
    from fengqiao_anti_fraud.scoring import INDICATORS

    return INDICATORS


@hookimpl
async def fengqiao_demo_data(demo) -> None:
    from fengqiao_anti_fraud.demo import load

    await load(demo)
