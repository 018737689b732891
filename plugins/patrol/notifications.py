"""Notifications and periodic jobs of the patrol plugin: an open rectification (整改) past its
deadline reaches the officer who found the problem and the station chief, each morning it is
found overdue for a deadline not yet announced."""

from __future__ import annotations

from core import Job, NotificationKind, Role
from plugins.patrol.services.overdue import OVERDUE_EVENT, responsible_officer


async def run_overdue_notices() -> int:
    """The ``patrol.overdue_notices`` job."""
    from plugins.patrol.services.overdue import RECTIFICATION_OVERDUE

    return await RECTIFICATION_OVERDUE.run()


OVERDUE_NOTICES_JOB = Job(
    name="patrol.overdue_notices",
    run=run_overdue_notices,
    cron="0 8 * * *",
    description="At 08:00 announce each open rectification (整改) past its deadline, once per deadline, "
    "to the officer who found it and the station chief (patrol.rectification.overdue).",
)

NOTIFICATION_KINDS = [
    NotificationKind(
        name="patrol.rectification.overdue",
        title="整改逾期",
        event=OVERDUE_EVENT,
        message=lambda event: f"整改事项 #{event.payload.get('finding_id')} 已超过整改期限仍未关闭，请复查。",
        roles=(Role.STATION_CHIEF,),
        recipients=responsible_officer,
        mandatory=True,
        description="An open rectification (整改) of the station passed its deadline: to the officer who "
        "recorded the inspection and the station chief, once per deadline (an extension may be announced again).",
    )
]
