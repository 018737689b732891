"""Domain rules of mediation: plain async functions, no GraphQL. Writers run inside the
caller's transaction and record their audit events; tests call them directly."""

from .agreements import render_agreement
from .callbacks import closed_items, user_contributions
from .canvass import convert_finding, create_campaign, record_finding, record_progress
from .centres import MemberData, add_member, create_centre
from .common import TRANSITIONS, check_transition, get_dispute, visible_disputes
from .criminal import CASE_OPENED, link_criminal_case, link_from_case_event
from .disputes import DisputeData, PartyData, report_dispute
from .lifecycle import (
    assess_dispute,
    close_dispute,
    escalate_dispute,
    fail_mediation,
    override_risk_level,
    record_session,
    reopen_dispute,
    resolve_dispute,
)
from .listing import DisputeOrderField, DisputeQuery, filtered_disputes, ordered, overdue_disputes
from .riskstate import RED_EVENT, refresh_risk
from .stats import MediationStats, mediation_stats
from .sweep import sweep_risk_levels
from .teams import Suggestion, TeamMember, assign_mediators, suggest_mediators, workloads
from .tips import TriageAction, submit_tip, tip_by_tracking_code, triage_tip

__all__ = [
    "CASE_OPENED",
    "RED_EVENT",
    "TRANSITIONS",
    "DisputeData",
    "DisputeOrderField",
    "DisputeQuery",
    "MediationStats",
    "MemberData",
    "PartyData",
    "Suggestion",
    "TeamMember",
    "TriageAction",
    "add_member",
    "assess_dispute",
    "assign_mediators",
    "check_transition",
    "close_dispute",
    "closed_items",
    "convert_finding",
    "create_campaign",
    "create_centre",
    "escalate_dispute",
    "fail_mediation",
    "filtered_disputes",
    "get_dispute",
    "link_criminal_case",
    "link_from_case_event",
    "mediation_stats",
    "ordered",
    "overdue_disputes",
    "override_risk_level",
    "record_finding",
    "record_progress",
    "record_session",
    "refresh_risk",
    "render_agreement",
    "reopen_dispute",
    "report_dispute",
    "resolve_dispute",
    "submit_tip",
    "suggest_mediators",
    "sweep_risk_levels",
    "tip_by_tracking_code",
    "triage_tip",
    "user_contributions",
    "visible_disputes",
    "workloads",
]
