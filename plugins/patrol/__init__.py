"""Patrol and public security (打防管控查) — pillar 3 of the Fengqiao experience.

打 incidents received, dispatched and handled by the "一室两队"; 防 surveillance assets of the
天网/雪亮 projects; 管 patrol teams, shifts and check-ins; 控 the "一标三实" registers with CSV
import and export; 查 inspections, rectifications and hotspot campaigns.
"""

from core import (
    CONTRACT_VERSION,
    CliCommand,
    GraphQLContribution,
    ModelsDeclaration,
    PluginInfo,
    hookimpl,
)


@hookimpl
def fengqiao_plugin_info():
    return PluginInfo(
        name="patrol",
        version="0.1.0",
        title="打防管控查 Patrol and public security",
        description=(
            "Incidents and response times, surveillance assets, patrol teams and check-ins, "
            "the 一标三实 registers with CSV import/export, inspections and hotspot campaigns."
        ),
        dependencies=(),
        contract=CONTRACT_VERSION,
    )


@hookimpl
def fengqiao_settings_model():
    from plugins.patrol.settings import PatrolSettings

    return PatrolSettings


@hookimpl
def fengqiao_models():
    return ModelsDeclaration(models=["plugins.patrol.models"], migrations="plugins.patrol.migrations")


@hookimpl
def fengqiao_graphql():
    from plugins.patrol import mutations, queries
    from plugins.patrol.queries import registers
    from plugins.patrol.types import NODE_TYPES

    return GraphQLContribution(
        query=[
            queries.IncidentQueries,
            queries.PatrolQueries,
            registers.BasicInfoQueries,
            registers.InspectionQueries,
        ],
        mutation=[
            mutations.IncidentMutations,
            mutations.PatrolMutations,
            mutations.BasicInfoMutations,
            mutations.InspectionMutations,
        ],
        types=list(NODE_TYPES),
    )


@hookimpl
def fengqiao_permissions():
    from plugins.patrol.permissions import PERMISSIONS

    return list(PERMISSIONS)


@hookimpl
def fengqiao_sensitive_fields():
    from plugins.patrol.permissions import SENSITIVE_FIELDS

    return list(SENSITIVE_FIELDS)


@hookimpl
def fengqiao_score_indicators():
    from plugins.patrol.scoring import INDICATORS

    return list(INDICATORS)


@hookimpl
async def fengqiao_closed_items(station_ids, period):
    from plugins.patrol.services.incidents import closed_incidents

    return await closed_incidents(station_ids, period)


@hookimpl
async def fengqiao_user_contributions(station_id, user_ids, period):
    from plugins.patrol.services.stats import user_contributions

    return await user_contributions(station_id, user_ids, period)


@hookimpl
async def fengqiao_demo_data(demo):
    from plugins.patrol.demo import load_demo_data

    await load_demo_data(demo)


@hookimpl
def fengqiao_commands():
    # The arguments are declared here, not in the importer: every command, ``--help`` included,
    # builds this parser, and the importer loads the ORM.
    def arguments(parser) -> None:
        parser.add_argument("path", help="the CSV file")
        parser.add_argument("--station", required=True, help="station code, e.g. 511725-CD")
        parser.add_argument("--kind", required=True, choices=["addresses", "residents", "housing", "units"])
        parser.add_argument(
            "--encoding", default="utf-8", choices=["utf-8", "gb18030"], help="the file's encoding (GBK files: gb18030)"
        )
        parser.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
        parser.add_argument(
            "--force", action="store_true", help="addresses: keep a row's area even when its coordinates lie outside it"
        )

    async def run(app, args) -> int:
        from plugins.patrol.services.importer import run_import_command

        return await run_import_command(app, args)

    return [CliCommand("import", "bulk-import 一标三实 records from CSV", arguments, run)]


@hookimpl
def fengqiao_map_layers():
    from plugins.patrol.permissions import map_layers

    return map_layers()


@hookimpl
def fengqiao_field_costs():
    # Statistics computed over a whole period cost more than reading a row.
    from core import FieldCost

    return [
        FieldCost("Query", "incidentStats", cost=10),
        FieldCost("Query", "patrolCompliance", cost=10),
        FieldCost("Query", "surveillanceStats", cost=10),
    ]


@hookimpl
def fengqiao_jobs():
    from plugins.patrol.notifications import OVERDUE_NOTICES_JOB

    return [OVERDUE_NOTICES_JOB]


@hookimpl
def fengqiao_notification_kinds():
    from plugins.patrol.notifications import NOTIFICATION_KINDS

    return NOTIFICATION_KINDS
