"""GraphQL types of the care register (关爱对象) and care visits."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import (
    AreaNode,
    Node,
    distance_field,
    load_children,
    load_row,
    location_field,
    node_type,
    reference,
    related_field,
    row_mapping,
)
from plugins.volunteers import models
from plugins.volunteers.services.care import age_on
from plugins.volunteers.services.common import today
from plugins.volunteers.types.enums import CareRecipientKind, CareRecipientStatus


@node_type(models.CareRecipient, "volunteers.care.read")
@strawberry.type(
    description=(
        "A person in the care register (关爱对象). Personal data is masked for roles without full view; "
        "people under 14 are visible only to roles that may see minors."
    )
)
class CareRecipient(Node):
    kind: CareRecipientKind = strawberry.field(
        description="Why cared for: empty-nest elderly (空巢老人), left-behind child (留守儿童), disabled."
    )
    name: str = strawberry.field(
        description=(
            "Full name. Masked (e.g. 张*) unless the caller holds core.personal.view_full (station chiefs, officers, "
            "bureau admins); full views are audited."
        )
    )
    id_number: str | None = strawberry.field(
        description=(
            "Resident ID number; null when not given. Masked (e.g. 5101**********1234) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    phone: str | None = strawberry.field(
        description=(
            "Mobile number; null when not given. Masked (e.g. 138****5678) unless the caller holds "
            "core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    address: str | None = strawberry.field(
        description=(
            "Home address; null when not given. Masked unless the caller holds core.personal.view_full (station "
            "chiefs, officers, bureau admins); full views are audited."
        )
    )
    guardian_name: str | None = strawberry.field(description="Guardian (监护人) of a child, or next of kin.")
    guardian_phone: str | None = strawberry.field(
        description=(
            "Guardian's or next of kin's mobile number; null when not given. Masked (e.g. 138****5678) unless the "
            "caller holds core.personal.view_full (station chiefs, officers, bureau admins); full views are audited."
        )
    )
    needs: str | None = strawberry.field(description="What help the person needs.")
    visit_interval_days: int = strawberry.field(description="Days between two care visits (cadence).")
    last_visited_on: dt.date | None = strawberry.field(description="Day of the last care visit; null before the first.")
    next_visit_due: dt.date = strawberry.field(
        description="Day the next visit is due by: the last visit (or registration) plus visitIntervalDays."
    )
    status: CareRecipientStatus = strawberry.field(
        description="ACTIVE while cared for; CLOSED once no longer (moved, grown up, deceased)."
    )
    registered_on: dt.date = strawberry.field(description="Day the person entered the register (deployment time zone).")
    responsible_user_id: strawberry.ID | None = strawberry.field(
        description="Global id of the User who makes the visits and is told when one is due; null: nobody named."
    )
    _row: strawberry.Private[models.CareRecipient]

    from_row = row_mapping(models.CareRecipient, responsible_user_id=reference("User", "responsible_user_id"))

    @strawberry.field(description="Age in full years today (the birth date itself is not shown).")
    def age(self) -> int | None:
        return age_on(self._row.birth_date, today()) if self._row.birth_date else None

    @strawberry.field(description="Days the next visit is overdue; 0 when it is not.")
    def days_overdue(self) -> int:
        if self._row.status is not models.CareRecipientStatus.ACTIVE:
            return 0
        return max(0, (today() - self._row.next_visit_due).days)

    area = related_field("area", AreaNode, description="The village, community or grid the person lives in.")

    @strawberry.field(description="Care visits to this person, oldest first.")
    async def visits(self, info: Info) -> "list[CareVisit]":
        rows = await load_children(info, models.CareVisit, "recipient_id", self._row.id, order=("visited_on", "id"))
        return [CareVisit.from_row(row) for row in rows]


@strawberry.type(description="One person visited during a CARE_VISIT activity (关爱走访记录).")
class CareVisit:
    visited_on: dt.date = strawberry.field(
        description="Day of the visit: the activity's start date (deployment time zone)."
    )
    due_on: dt.date = strawberry.field(description="The date the visit was due by when it was made.")
    on_time: bool = strawberry.field(description="Made on or before its due date.")
    activity_id: strawberry.ID = strawberry.field(description="Global id of the VolunteerActivity.")
    location = location_field(
        "Where the visit took place; personal (usually the person's home), so null for roles without full view."
    )
    distance_metres = distance_field()
    _row: strawberry.Private[models.CareVisit]

    from_row = row_mapping(models.CareVisit, activity_id=reference("VolunteerActivity", "activity_id"))

    @strawberry.field(description="The person visited; null when the caller may not see them (e.g. a minor).")
    async def recipient(self, info: Info) -> CareRecipient | None:
        return await load_recipient(info, self._row.recipient_id)


async def load_recipient(info: Info, recipient_id: int) -> CareRecipient | None:
    row = await load_row(info, models.CareRecipient, recipient_id)
    return None if row is None else CareRecipient.from_row(row)
