"""Notifications and periodic jobs of the volunteers plugin: a care visit (关爱走访) falling due
by its cadence reaches the account responsible for the person's visits (a volunteer, grid
worker or officer), or the station chief when nobody is named."""

from __future__ import annotations

from core import Job, NotificationKind
from plugins.volunteers.services.care_reminders import DUE_EVENT, visit_due_recipients


async def run_care_visit_reminders() -> int:
    """The ``volunteers.care_visit_reminders`` job."""
    from plugins.volunteers.services.care_reminders import CARE_VISIT_DUE

    return await CARE_VISIT_DUE.run()


CARE_VISIT_REMINDERS_JOB = Job(
    name="volunteers.care_visit_reminders",
    run=run_care_visit_reminders,
    cron="0 8 * * *",
    description="At 08:00 announce each person in the care register whose visit is due by its cadence "
    "(关爱走访提醒), once per due date, to whoever makes the visits (volunteers.care_visit.due).",
)

NOTIFICATION_KINDS = [
    NotificationKind(
        name="volunteers.care_visit.due",
        title="关爱走访到期",
        event=DUE_EVENT,
        message=lambda event: f"关爱对象 #{event.payload.get('care_recipient_id')} 的走访已到期，请按期走访。",
        recipients=visit_due_recipients,
        description="A visit to a person in the care register (关爱对象) is due by its cadence: to the account "
        "responsible for the visits, or the station chief when nobody is named; once per due date.",
    )
]
