"""Permission codes of volunteers and the roles holding them by default."""

from core import Permission, Role

R = Role
STAFF = (R.BUREAU_ADMIN, R.STATION_CHIEF, R.OFFICER, R.AUXILIARY)
LEADERS = (R.BUREAU_ADMIN, R.STATION_CHIEF)
OFFICERS = (R.BUREAU_ADMIN, R.STATION_CHIEF, R.OFFICER)

PERMISSIONS = [
    Permission(
        "volunteers.organization.read",
        "See volunteer organisations (志愿组织).",
        (*STAFF, R.GRID_WORKER, R.MEDIATOR, R.VOLUNTEER),
    ),
    Permission("volunteers.organization.manage", "Register and edit volunteer organisations.", OFFICERS),
    Permission(
        "volunteers.volunteer.read",
        "See volunteers, their service hours and rankings.",
        (*STAFF, R.GRID_WORKER, R.MEDIATOR, R.VOLUNTEER),
    ),
    Permission("volunteers.volunteer.manage", "Register volunteers and edit them.", OFFICERS),
    Permission(
        "volunteers.activity.read", "See volunteer activities.", (*STAFF, R.GRID_WORKER, R.MEDIATOR, R.VOLUNTEER)
    ),
    Permission(
        "volunteers.activity.record",
        "Record activities one took part in (as a volunteer with a login).",
        (*STAFF, R.GRID_WORKER, R.VOLUNTEER),
    ),
    Permission(
        "volunteers.activity.record_any",
        "Record activities on behalf of any volunteers of the station.",
        (*STAFF, R.GRID_WORKER),
    ),
    Permission(
        "volunteers.care.read",
        "See the care register (关爱对象; sensitive, minors only with core.personal.view_minors).",
        (*STAFF, R.GRID_WORKER),
    ),
    Permission(
        "volunteers.care.manage", "Register care recipients and change their cadence.", (*OFFICERS, R.GRID_WORKER)
    ),
    Permission("volunteers.meeting.read", "See 向人民汇报 meetings and their report packs.", (*STAFF, R.GRID_WORKER)),
    Permission("volunteers.meeting.record", "Record 向人民汇报 meetings and the feedback raised.", OFFICERS),
    Permission("volunteers.feedback.read", "See feedback raised at 向人民汇报 meetings.", (*STAFF, R.GRID_WORKER)),
    Permission("volunteers.feedback.reply", "Reply to feedback raised at 向人民汇报 meetings.", OFFICERS),
    Permission("volunteers.survey.read", "See satisfaction surveys and statistics.", OFFICERS),
    Permission("volunteers.survey.manage", "Create and close surveys and issue answer tokens.", LEADERS),
    Permission("volunteers.callback.read", "See callback samples (回访抽样).", STAFF),
    Permission("volunteers.callback.draw", "Draw a random callback sample for a period.", LEADERS),
    Permission("volunteers.callback.record", "Record the outcome of a callback (not for own items).", STAFF),
]
