"""Permission codes of mediation and the roles holding them by default."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core import Actor, Permission, ReadRule, Role

if TYPE_CHECKING:
    from tortoise.expressions import Q

R = Role
STAFF = (R.STATION_CHIEF, R.OFFICER, R.AUXILIARY)
APPROVERS = (R.STATION_CHIEF, R.OFFICER)

PERMISSIONS = [
    Permission(
        "mediation.dispute.read",
        "See disputes: those you reported or mediate (all of the station with read_all).",
        (*STAFF, R.GRID_WORKER, R.MEDIATOR, R.BUREAU_ADMIN),
    ),
    Permission("mediation.dispute.read_all", "See every dispute of the station.", (*STAFF, R.BUREAU_ADMIN)),
    Permission("mediation.dispute.report", "Report disputes (受理).", (*STAFF, R.GRID_WORKER, R.MEDIATOR)),
    Permission(
        "mediation.dispute.manage",
        "Assess, assign teams, escalate, reopen and link criminal cases.",
        STAFF,
    ),
    Permission(
        "mediation.dispute.mediate",
        "Record sessions, resolve or fail mediation (mediators: on their own teams).",
        (*STAFF, R.MEDIATOR),
    ),
    Permission("mediation.dispute.close", "Close disputes (结案).", APPROVERS),
    Permission("mediation.risk.override", "Override a dispute's risk level with a reason.", APPROVERS),
    Permission("mediation.supervision.read", "See the overdue list (督办).", (*APPROVERS, R.BUREAU_ADMIN)),
    Permission("mediation.tip.read", "Read residents' tips.", STAFF),
    Permission("mediation.tip.triage", "Dismiss, merge or convert tips.", STAFF),
    Permission("mediation.canvass.read", "See canvass campaigns (四式摸排).", (*STAFF, R.GRID_WORKER)),
    Permission("mediation.canvass.write", "Run canvass campaigns and record findings.", (*STAFF, R.GRID_WORKER)),
    Permission("mediation.centre.read", "See compound mediation centres.", (*STAFF, R.GRID_WORKER, R.MEDIATOR)),
    Permission("mediation.centre.manage", "Set up mediation centres and their members.", APPROVERS),
    Permission("mediation.stats.read", "See mediation statistics.", (*APPROVERS, R.BUREAU_ADMIN)),
    Permission(
        "mediation.evidence.upload",
        "Attach evidence (photos, recordings, documents) to disputes you may see.",
        (*STAFF, R.GRID_WORKER, R.MEDIATOR),
    ),
    Permission(
        "mediation.judicial.manage",
        "Hand agreements to a court for 司法确认 and record the court's decision.",
        APPROVERS,
    ),
]


def _reported_or_mediated(actor: Actor) -> Q:
    # Imported here: plugins load (for ``fengqiao --help``) before the ORM is needed.
    from tortoise.expressions import Q, Subquery

    from .models import MediatorAssignment

    mediated = MediatorAssignment.filter(user_id=actor.user_id).values("dispute_id")
    return Q(id__in=Subquery(mediated)) | Q(reported_by_id=actor.user_id)


# Holders of read_all see the station's disputes; others (grid workers, mediators) those they
# reported or mediate — in lists, node(id:), loaders and subscriptions alike.
DISPUTE_READ_RULE = ReadRule(read_all="mediation.dispute.read_all", own=_reported_or_mediated)


def made_the_agreement(actor: Actor, source: object) -> bool:
    """An agreement's printable text shows in full to those who may print it (masked otherwise)."""
    from .services.printing import may_see_in_full

    row = getattr(source, "_row", None)
    return row is not None and may_see_in_full(actor, row)
