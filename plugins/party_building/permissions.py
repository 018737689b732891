"""Permission codes of party building and the roles that hold them by default."""

from __future__ import annotations

from core import Permission, Role

R = Role
STAFF = (R.STATION_CHIEF, R.OFFICER, R.AUXILIARY)

PERMISSIONS = (
    Permission(
        "party_building.branch.read",
        "See branches, members, meetings with attendance, cadence compliance and study hours.",
        (*STAFF, R.BUREAU_ADMIN),
    ),
    Permission(
        "party_building.branch.manage",
        "Create branches; add, promote, appoint and remove members.",
        (R.STATION_CHIEF, R.BUREAU_ADMIN),
    ),
    Permission(
        "party_building.meeting.record",
        "Record meetings and study sessions with attendance.",
        (R.STATION_CHIEF, R.OFFICER),
    ),
    Permission(
        "party_building.responsibility.read", "See posts, responsibilities and their checks.", (*STAFF, R.BUREAU_ADMIN)
    ),
    Permission(
        "party_building.responsibility.manage",
        "Create posts and assign responsibilities to a person and a point.",
        (R.STATION_CHIEF, R.BUREAU_ADMIN),
    ),
    Permission("party_building.responsibility.check", "Record responsibility checks.", (R.STATION_CHIEF, R.OFFICER)),
    Permission("party_building.star.read", "See 警营之星 nominations, candidates and stars.", (*STAFF, R.BUREAU_ADMIN)),
    Permission("party_building.star.vote", "Nominate a colleague for 警营之星 and vote.", STAFF),
    Permission(
        "party_building.star.manage",
        "Close a month's 警营之星 vote; see running tallies.",
        (R.STATION_CHIEF, R.BUREAU_ADMIN),
    ),
    Permission("party_building.facility.read", "See the 五小工程 facility items.", (*STAFF, R.BUREAU_ADMIN)),
    Permission(
        "party_building.facility.manage",
        "Add facility items and change their status.",
        (R.STATION_CHIEF, R.BUREAU_ADMIN),
    ),
)
