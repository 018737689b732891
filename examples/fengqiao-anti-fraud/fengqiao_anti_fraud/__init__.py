"""Anti-telecom-fraud publicity (反诈宣传) — a Fengqiao plugin shipped as its own package.

This module is the plugin: the entry point ``anti_fraud = "fengqiao_anti_fraud"`` in the
group ``fengqiao.plugins`` points here, and the core calls the ``@hookimpl`` functions below.
It wires, it does not compute; models and GraphQL modules are imported inside the hooks so
that merely discovering the plugin stays cheap and free of side effects.
"""

from __future__ import annotations

import dataclasses

from core import (
    GraphQLContribution,
    ModelsDeclaration,
    Permission,
    PluginInfo,
    Role,
    SensitiveField,
    SensitiveKind,
    hookimpl,
)

__version__ = "0.1.0"
NAME = "anti_fraud"

PUBLICITY_ROLES = (Role.STATION_CHIEF, Role.OFFICER, Role.AUXILIARY, Role.GRID_WORKER, Role.VOLUNTEER)
STAFF = (Role.STATION_CHIEF, Role.OFFICER, Role.AUXILIARY)


@dataclasses.dataclass(frozen=True)
class AntiFraudSettings:
    """The ``[anti_fraud]`` section of fengqiao.toml."""

    # A report losing at least this many yuan is flagged ``large_loss`` in its event, so a
    # listener can alert leadership at once.
    large_loss_yuan: int = 100_000


@hookimpl
def fengqiao_plugin_info() -> PluginInfo:
    return PluginInfo(
        name=NAME,
        version=__version__,
        title="反诈宣传 Anti-fraud publicity",
        description="Publicity events, residents warned, anti-fraud app installs and fraud reports with losses.",
        dependencies=(),
        # The contract this plugin was written for, as a literal: it loads on any core of the
        # same major version that is at least this new (docs/plugins.md, "Versioning").
        contract="1.2",
    )


@hookimpl
def fengqiao_settings_model() -> type:
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
    return [
        Permission(
            "anti_fraud.publicity.read", "See anti-fraud publicity events.", (Role.BUREAU_ADMIN, *PUBLICITY_ROLES)
        ),
        Permission(
            "anti_fraud.publicity.write", "Record anti-fraud publicity events.", (Role.BUREAU_ADMIN, *PUBLICITY_ROLES)
        ),
        Permission(
            "anti_fraud.report.read", "See fraud reports (victims' data masked by role).", (Role.BUREAU_ADMIN, *STAFF)
        ),
        Permission("anti_fraud.report.write", "File fraud reports.", STAFF),
        Permission(
            "anti_fraud.report.close",
            "Close fraud reports with the money recovered.",
            (Role.STATION_CHIEF, Role.OFFICER),
        ),
        Permission("anti_fraud.stats.read", "See anti-fraud statistics.", (Role.BUREAU_ADMIN, *STAFF)),
    ]


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
