"""督办提醒: announcing each dispute that passed its intervention deadline with no intervention,
once per deadline, for the mediation.dispute.overdue notification (``core.DeadlineNotice``)."""

from __future__ import annotations

from core import DeadlineNotice

from ..models import Dispute
from .common import PLUGIN
from .listing import overdue_condition

OVERDUE_EVENT = "mediation.dispute.overdue"

DISPUTE_OVERDUE = DeadlineNotice(
    model=Dispute,
    plugin=PLUGIN,
    past_deadline=overdue_condition,
    deadline_field="deadline_at",
    announced_field="overdue_notified_for",
    audit_action="mediation.dispute.overdue_notice",
    event=OVERDUE_EVENT,
    payload_key="dispute_id",
)
