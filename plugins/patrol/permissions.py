"""What the patrol plugin declares to the core: permissions with default grants, and the
GraphQL fields that carry personal data (masked by the core for roles without full view)."""

from __future__ import annotations

from core import Permission, Role, SensitiveField, SensitiveKind

R = Role
CHIEF_OFFICER = (R.STATION_CHIEF, R.OFFICER)
STAFF = (R.STATION_CHIEF, R.OFFICER, R.AUXILIARY)
READERS = (R.BUREAU_ADMIN, *STAFF)

PERMISSIONS = (
    Permission("patrol.incident.read", "See incidents (警情), their people and criminal cases.", READERS),
    Permission(
        "patrol.incident.report",
        "Report an incident, including findings made on patrol.",
        (*STAFF, R.GRID_WORKER, R.VOLUNTEER),
    ),
    Permission("patrol.incident.dispatch", "Dispatch incidents to a unit (勤务指挥室).", STAFF),
    Permission("patrol.incident.handle", "Record arrival at and handling of incidents.", STAFF),
    Permission("patrol.incident.close", "Close handled incidents.", CHIEF_OFFICER),
    Permission("patrol.case.open", "Open criminal cases from incidents and record them solved.", CHIEF_OFFICER),
    Permission(
        "patrol.stats.read", "See incident, surveillance and patrol statistics.", (R.BUREAU_ADMIN, *CHIEF_OFFICER)
    ),
    Permission("patrol.asset.read", "See surveillance assets (天网/雪亮) and their status history.", READERS),
    Permission("patrol.asset.manage", "Register surveillance assets and record status changes.", STAFF),
    Permission(
        "patrol.team.read", "See patrol teams, shifts, routes and check-ins.", (*READERS, R.GRID_WORKER, R.VOLUNTEER)
    ),
    Permission("patrol.team.manage", "Create patrol teams and plan shifts.", STAFF),
    Permission(
        "patrol.checkin.write",
        "Check in at patrol route points (members of the shift's team).",
        (*STAFF, R.GRID_WORKER, R.VOLUNTEER),
    ),
    Permission("patrol.basic_info.read", "See the 一标三实 registers.", (*READERS, R.GRID_WORKER)),
    Permission("patrol.basic_info.write", "Collect 一标三实 records one by one.", (*STAFF, R.GRID_WORKER)),
    Permission("patrol.basic_info.import", "Bulk-import 一标三实 records from CSV.", (R.BUREAU_ADMIN, *CHIEF_OFFICER)),
    Permission(
        "patrol.basic_info.export", "Export 一标三实 registers to CSV (audited).", (R.BUREAU_ADMIN, *CHIEF_OFFICER)
    ),
    Permission("patrol.inspection.read", "See inspections, findings, rectifications and hotspot campaigns.", READERS),
    Permission("patrol.inspection.write", "Record inspections and re-inspections (复查).", STAFF),
    Permission("patrol.hotspot.manage", "Start and finish hotspot (乱点) remediation campaigns.", CHIEF_OFFICER),
)

SENSITIVE_FIELDS = (
    SensitiveField("IncidentPerson", "idNumber", SensitiveKind.ID_NUMBER),
    SensitiveField("IncidentPerson", "phone", SensitiveKind.PHONE),
    SensitiveField("PatrolTeamMember", "phone", SensitiveKind.PHONE),
    SensitiveField("Resident", "idNumber", SensitiveKind.ID_NUMBER),
    SensitiveField("Resident", "phone", SensitiveKind.PHONE),
    SensitiveField("Resident", "registeredAddress", SensitiveKind.ADDRESS),
    SensitiveField("Housing", "ownerIdNumber", SensitiveKind.ID_NUMBER),
    SensitiveField("Housing", "ownerPhone", SensitiveKind.PHONE),
    SensitiveField("ActualUnit", "contactPhone", SensitiveKind.PHONE),
)


def map_layers() -> list:
    """Incidents of a period and cameras by status, for map front ends (``mapLayer``)."""
    from core import MapLayer
    from plugins.patrol import models
    from plugins.patrol.queries import asset_rows, incident_rows
    from plugins.patrol.types.inputs import IncidentFilter, SurveillanceAssetFilter

    return [
        MapLayer(
            name="patrol.incidents",
            title="警情 Incidents",
            model=models.Incident,
            permission="patrol.incident.read",
            properties=lambda row: {
                "category": row.category.value,
                "status": row.status.value,
                "receivedAt": row.received_at.isoformat(),
            },
            period_field="received_at",
            description="Incidents where they happened, by category and status; a period selects by reception time.",
            filter_input=IncidentFilter,
            filtered=incident_rows,
        ),
        MapLayer(
            name="patrol.cameras",
            title="监控 Surveillance assets",
            model=models.SurveillanceAsset,
            permission="patrol.asset.read",
            properties=lambda row: {
                "name": row.name,
                "kind": row.kind.value,
                "status": row.status.value,
                "colour": ASSET_COLOURS[row.status.value],
            },
            description="Cameras and checkpoints where they are mounted, coloured by status (online green).",
            filter_input=SurveillanceAssetFilter,
            filtered=asset_rows,
        ),
    ]


ASSET_COLOURS = {"ONLINE": "#2e9d4f", "OFFLINE": "#8c8c8c", "FAULTY": "#d9342b"}
