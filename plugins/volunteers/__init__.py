"""全社会参与 — whole-society participation: volunteer organisations and volunteers, their
activities and service hours, the care register, quarterly 向人民汇报 meetings with feedback
followed to a reply, satisfaction surveys and callback sampling (回访)."""

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
        name="volunteers",
        version="0.1.0",
        title="全社会参与 Public participation",
        description=(
            "Volunteer organisations and volunteers, activities and service hours, the care register "
            "(留守儿童, 空巢老人), 向人民汇报 meetings, satisfaction surveys and callback sampling (回访)."
        ),
        dependencies=(),
        contract=CONTRACT_VERSION,
    )


@hookimpl
def fengqiao_settings_model():
    from plugins.volunteers.settings import VolunteersSettings

    return VolunteersSettings


@hookimpl
def fengqiao_models():
    return ModelsDeclaration(models=["plugins.volunteers.models"], migrations="plugins.volunteers.migrations")


@hookimpl
def fengqiao_graphql():
    from plugins.volunteers import mutations, queries, types
    from plugins.volunteers.queries.care_visits import CareVisitQueries

    return GraphQLContribution(
        query=[queries.VolunteersQuery, CareVisitQueries],
        mutation=[mutations.VolunteersMutation],
        types=types.NODE_TYPES,
    )


@hookimpl
def fengqiao_permissions():
    from plugins.volunteers.permissions import PERMISSIONS

    return PERMISSIONS


@hookimpl
def fengqiao_sensitive_fields():
    phone, name, text = SensitiveKind.PHONE, SensitiveKind.NAME, SensitiveKind.TEXT
    return [
        SensitiveField("VolunteerOrganization", "contactName", name),
        SensitiveField("VolunteerOrganization", "contactPhone", phone),
        SensitiveField("Volunteer", "phone", phone),
        SensitiveField("CareRecipient", "name", name),
        SensitiveField("CareRecipient", "idNumber", SensitiveKind.ID_NUMBER),
        SensitiveField("CareRecipient", "phone", phone),
        SensitiveField("CareRecipient", "address", SensitiveKind.ADDRESS),
        SensitiveField("CareRecipient", "guardianName", name),
        SensitiveField("CareRecipient", "guardianPhone", phone),
        SensitiveField("CareRecipient", "needs", text),
        SensitiveField("FeedbackItem", "raisedBy", name),
        SensitiveField("FeedbackItem", "contactPhone", phone),
        SensitiveField("SatisfactionResponse", "comment", text),
        SensitiveField("CallbackItem", "comment", text),
    ]


@hookimpl
def fengqiao_score_indicators():
    from plugins.volunteers.scoring import indicators

    return indicators()


@hookimpl
async def fengqiao_closed_items(station_ids, period):
    from plugins.volunteers.services.care import closed_care_visits

    return await closed_care_visits(station_ids, period)


@hookimpl
async def fengqiao_user_contributions(station_id, user_ids, period):
    from plugins.volunteers.services.hours import user_contributions

    return await user_contributions(station_id, user_ids, period)


@hookimpl
async def fengqiao_demo_data(demo):
    from plugins.volunteers.demo import load

    await load(demo)


@hookimpl
def fengqiao_field_costs():
    # Statistics computed over a whole period cost more than reading a row.
    from core import FieldCost

    return [
        FieldCost("Query", "volunteerHoursRanking", cost=2),
        FieldCost("Query", "organizationHoursRanking", cost=2),
        FieldCost("Query", "peopleReportPack", cost=20),
        FieldCost("Query", "peopleReportCompliance", cost=2),
        FieldCost("Query", "satisfactionStats", cost=10),
        FieldCost("Volunteer", "serviceHours", cost=2),
        FieldCost("VolunteerOrganization", "serviceHours", cost=2),
    ]


@hookimpl
def fengqiao_jobs():
    from plugins.volunteers.notifications import CARE_VISIT_REMINDERS_JOB

    return [CARE_VISIT_REMINDERS_JOB]


@hookimpl
def fengqiao_notification_kinds():
    from plugins.volunteers.notifications import NOTIFICATION_KINDS

    return NOTIFICATION_KINDS
