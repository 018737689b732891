"""Permission codes of anti-fraud publicity and the roles holding them by default."""

from core import Permission, Role

PUBLICITY_ROLES = (Role.STATION_CHIEF, Role.OFFICER, Role.AUXILIARY, Role.GRID_WORKER, Role.VOLUNTEER)
STAFF = (Role.STATION_CHIEF, Role.OFFICER, Role.AUXILIARY)

PERMISSIONS = [
    Permission("anti_fraud.publicity.read", "See anti-fraud publicity events.", (Role.BUREAU_ADMIN, *PUBLICITY_ROLES)),
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
