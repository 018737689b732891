"""多元化调解 Mediation — pillar 2 of a Fengqiao-style station.

Disputes with parties, the three-colour risk warning (三色预警), three-level joint mediation
(三级联调), civil-to-criminal links (民转刑), canvassing (四式摸排) and tips, compound
mediation centres, statistics and scoring indicators. This module only wires hooks.
"""

from __future__ import annotations

from core import (
    CONTRACT_VERSION,
    GraphQLContribution,
    ModelsDeclaration,
    PluginInfo,
    SensitiveField,
    SensitiveKind,
    hookimpl,
)


@hookimpl
def fengqiao_plugin_info():
    return PluginInfo(
        name="mediation",
        version="0.1.0",
        title="多元化调解 Mediation",
        description="Disputes, 三色预警 risk warning, 三级联调 joint mediation, 民转刑 links, 四式摸排 and tips.",
        dependencies=(),
        contract=CONTRACT_VERSION,
    )


@hookimpl
def fengqiao_settings_model():
    from .settings import MediationSettings

    return MediationSettings


@hookimpl
def fengqiao_models():
    return ModelsDeclaration(models=["plugins.mediation.models"], migrations="plugins.mediation.migrations")


@hookimpl
def fengqiao_graphql():
    from .mutations import DisputeMutation, IntakeMutation
    from .mutations.evidence import EvidenceMutation
    from .queries import MediationQuery
    from .subscriptions import MediationSubscription
    from .types import NODE_TYPES

    return GraphQLContribution(
        query=[MediationQuery],
        mutation=[DisputeMutation, IntakeMutation, EvidenceMutation],
        subscription=[MediationSubscription],
        types=NODE_TYPES,
    )


@hookimpl
def fengqiao_permissions():
    from .permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def fengqiao_sensitive_fields():
    from .permissions import made_the_agreement

    return [
        SensitiveField("DisputeParty", "name", SensitiveKind.NAME),
        SensitiveField("DisputeParty", "idNumber", SensitiveKind.ID_NUMBER),
        SensitiveField("DisputeParty", "phone", SensitiveKind.PHONE),
        SensitiveField("MediationAgreement", "printableText", SensitiveKind.TEXT, full_view_if=made_the_agreement),
        SensitiveField("Tip", "contactPhone", SensitiveKind.PHONE),
        SensitiveField("CanvassFinding", "address", SensitiveKind.ADDRESS),
        SensitiveField("CentreMember", "phone", SensitiveKind.PHONE),
    ]


@hookimpl
def fengqiao_attachment_targets():
    from core import AttachmentKind, AttachmentTarget

    from .models import Dispute

    # Site photos keep their GPS position (it can matter as evidence) unless the uploader asks
    # or the deployment strips always ([attachments] always_strip_image_metadata).
    return [
        AttachmentTarget(
            "Dispute",
            Dispute,
            read_permission="mediation.dispute.read",
            upload_permission="mediation.evidence.upload",
            kinds=tuple(kind for kind in AttachmentKind if kind is not AttachmentKind.ARCHIVE),
            max_bytes=20 * 1024 * 1024,
            retention_days=3650,
            strip_image_metadata=False,
            # Who reaches a dispute's files: the dispute's read rule, applied by core.scoped.
        )
    ]


@hookimpl
def fengqiao_map_layers():
    from core import MapLayer

    from .models import Dispute
    from .services.listing import filtered_disputes
    from .types.inputs import DisputeFilter

    colours = {"RED": "#d9342b", "YELLOW": "#f2c12e", "BLUE": "#2f6fde"}
    return [
        MapLayer(
            name="mediation.disputes",
            title="矛盾纠纷 Disputes",
            model=Dispute,
            permission="mediation.dispute.read",
            properties=lambda row: {
                "riskLevel": row.risk_level.value,
                "colour": colours[row.risk_level.value],
                "status": row.status.value,
                "category": row.category.value,
            },
            period_field="reported_at",
            description="Places of disputes coloured by risk (三色预警); a period selects by report time.",
            filter_input=DisputeFilter,
            filtered=lambda actor, where: filtered_disputes(actor, where.to_query()),
        )
    ]


@hookimpl
def fengqiao_score_indicators():
    from .scoring import INDICATORS

    return INDICATORS


@hookimpl
async def fengqiao_event(app, event):
    from .services.events import on_event

    await on_event(app, event)


@hookimpl
async def fengqiao_closed_items(station_ids, period):
    from .services import closed_items

    return await closed_items(station_ids, period)


@hookimpl
async def fengqiao_user_contributions(station_id, user_ids, period):
    from .services import user_contributions

    return await user_contributions(station_id, user_ids, period)


@hookimpl
async def fengqiao_demo_data(demo):
    from .demo import load_demo

    await load_demo(demo)


@hookimpl
def fengqiao_jobs():
    from .services.events import OVERDUE_NOTICES_JOB, risk_sweep_jobs

    return [*risk_sweep_jobs(), OVERDUE_NOTICES_JOB]


@hookimpl
def fengqiao_field_costs():
    # Statistics computed over a whole period cost more than reading a row.
    from core import FieldCost

    return [
        FieldCost("Query", "mediationStats", cost=10),
    ]


@hookimpl
def fengqiao_notification_kinds():
    from .notifications import NOTIFICATION_KINDS

    return NOTIFICATION_KINDS
