"""The care register (关爱对象): left-behind children, empty-nest elderly, people with
disabilities; visit cadence and overdue visits.

A recipient's next visit is due ``visit_interval_days`` after the last visit (or after
registration, before the first one). The interval defaults to ``care_visit_interval_days``
(monthly) when the recipient is registered; changing the setting later leaves registered
recipients on their cadence until it is changed for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from core import (
    Actor,
    ClosedItem,
    GeoPointInput,
    Period,
    UserErrorCode,
    UserInputError,
    get_scoped,
    keyed_hash,
    place,
    record_audit,
    scoped,
    snapshot,
    validate_id_number,
    validate_mobile,
)
from plugins.volunteers import models
from plugins.volunteers.services.common import (
    UNCHANGED,
    Problems,
    area_of_station,
    given,
    not_found,
    not_in_future,
    settings,
    station_runs_plugin,
    text,
    today,
    user_of_station,
)

MAX_INTERVAL_DAYS = 366
# 国发〔2016〕13号: a left-behind child is under 16.
LEFT_BEHIND_CHILD_AGE_LIMIT = 16
ELDERLY_AGE = 60
# (model field, input field, label, maximum length) of the free-text details.
TEXT_FIELDS = (
    ("address", "address", "Address", 200),
    ("guardian_name", "guardianName", "Guardian name", 50),
    ("needs", "needs", "Needs", 2000),
)
CARE_VISIT_ITEM = "volunteers.care_visit"
KIND_LABELS = {
    models.CareRecipientKind.LEFT_BEHIND_CHILD: "留守儿童",
    models.CareRecipientKind.EMPTY_NEST_ELDERLY: "空巢老人",
    models.CareRecipientKind.DISABLED: "残疾人",
    models.CareRecipientKind.OTHER: "其他关爱对象",
}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _interval(value: int | None, problems: Problems) -> int:
    interval = settings().care_visit_interval_days if value is None else value
    if not 1 <= interval <= MAX_INTERVAL_DAYS:
        problems.add(f"The visit interval is 1 to {MAX_INTERVAL_DAYS} days.", "visitIntervalDays")
    return interval


def _birth_date(id_number: str | None, birth_date: dt.date | None, problems: Problems):
    """``(validated ID number or None, birth date)``; the ID number's date wins and must agree."""
    if not id_number:
        not_in_future(birth_date, "birthDate", "The birth date", problems)
        return None, birth_date
    number = problems.check(validate_id_number, id_number, field="idNumber")
    if number is None:
        return None, birth_date
    if birth_date is not None and birth_date != number.birth_date:
        problems.add("The birth date does not match the ID number.", "birthDate")
    return number, number.birth_date


def _check_kind(kind: models.CareRecipientKind, birth_date: dt.date | None, day: dt.date, problems: Problems) -> None:
    if kind is models.CareRecipientKind.LEFT_BEHIND_CHILD:
        # Without a birth date the core could not hide the child from roles that may not see minors.
        if birth_date is None:
            problems.add("A left-behind child needs a birth date or ID number.", "birthDate", UserErrorCode.REQUIRED)
        elif age_on(birth_date, day) >= LEFT_BEHIND_CHILD_AGE_LIMIT:
            problems.add(f"A left-behind child is under {LEFT_BEHIND_CHILD_AGE_LIMIT}.", "birthDate")
    if kind is models.CareRecipientKind.EMPTY_NEST_ELDERLY and birth_date is not None:
        if age_on(birth_date, day) < ELDERLY_AGE:
            problems.add(f"Empty-nest elderly are {ELDERLY_AGE} or older.", "birthDate")


def _details(values: dict[str, str | None], problems: Problems) -> dict[str, str | None]:
    """The free-text details among ``values``, trimmed and checked."""
    return {
        field: text(values[field], graphql, label, max_length=limit, required=False, problems=problems)
        for field, graphql, label, limit in TEXT_FIELDS
        if field in values
    }


# Accounts that make care visits: police staff, grid workers and volunteers.
VISITING_ROLES = frozenset({"STATION_CHIEF", "OFFICER", "AUXILIARY", "GRID_WORKER", "VOLUNTEER"})


async def _responsible(actor: Actor, user_id: int | None, station_id: int) -> int | None:
    """The id of an active account of the station that makes care visits, or None."""
    if user_id is None:
        return None
    user = await user_of_station(actor, user_id, station_id, field="responsibleUserId")
    if not user.is_active or not VISITING_ROLES & set(user.roles or ()):
        raise UserInputError(
            "The person responsible must be an active volunteer, grid worker or police account of the station.",
            field="responsibleUserId",
        )
    return user.id


def _phone(value: str | None, field: str, problems: Problems) -> str | None:
    return problems.check(validate_mobile, value, field=field) if value else None


async def register_care_recipient(
    actor: Actor,
    *,
    kind: models.CareRecipientKind,
    name: str,
    area_id: int,
    birth_date: dt.date | None = None,
    id_number: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    guardian_name: str | None = None,
    guardian_phone: str | None = None,
    needs: str | None = None,
    visit_interval_days: int | None = None,
    registered_on: dt.date | None = None,
    responsible_user_id: int | None = None,
) -> models.CareRecipient:
    area = await area_of_station(actor, area_id, None, field="areaId")
    await station_runs_plugin(actor, area.station_id)
    responsible = await _responsible(actor, responsible_user_id, area.station_id)
    problems = Problems()
    registered_on = registered_on or today()
    not_in_future(registered_on, "registeredOn", "The registration date", problems)
    name = text(name, "name", "Name", max_length=50, problems=problems)
    number, birth_date = _birth_date(id_number, birth_date, problems)
    _check_kind(kind, birth_date, registered_on, problems)
    phone = _phone(phone, "phone", problems)
    guardian_phone = _phone(guardian_phone, "guardianPhone", problems)
    details = _details({"address": address, "guardian_name": guardian_name, "needs": needs}, problems)
    interval = _interval(visit_interval_days, problems)
    problems.raise_any()
    id_hash = keyed_hash("id_number", number.value) if number else None
    if id_hash and await models.CareRecipient.filter(station_id=area.station_id, id_number_hash=id_hash).exists():
        raise UserInputError("This person is in the care register.", field="idNumber", code=UserErrorCode.CONFLICT)
    recipient = await models.CareRecipient.create(
        station_id=area.station_id,
        kind=kind,
        name=name,
        id_number=number.value if number else None,
        id_number_hash=id_hash,
        birth_date=birth_date,
        phone=phone,
        phone_hash=keyed_hash("phone", phone) if phone else None,
        guardian_phone=guardian_phone,
        area_id=area.id,
        **details,
        visit_interval_days=interval,
        next_visit_due=registered_on + dt.timedelta(days=interval),
        registered_on=registered_on,
        responsible_user_id=responsible,
    )
    await record_audit("volunteers.care_recipient.register", obj=recipient, after=snapshot(recipient))
    return recipient


async def update_care_recipient(actor: Actor, recipient_id: int, **changes: Any) -> models.CareRecipient:
    """Change cadence, status, area or contact details; the next due date follows the cadence."""
    recipient = await get_scoped(
        actor, models.CareRecipient, recipient_id, field="careRecipientId", label="Care recipient"
    )
    await station_runs_plugin(actor, recipient.station_id)
    before = snapshot(recipient)
    problems = Problems()
    if given(changes.get("visit_interval_days", UNCHANGED)):
        recipient.visit_interval_days = _interval(changes["visit_interval_days"], problems)
    if given(changes.get("status", UNCHANGED)) and changes["status"] is not None:
        recipient.status = changes["status"]
    for field, graphql in (("phone", "phone"), ("guardian_phone", "guardianPhone")):
        if given(changes.get(field, UNCHANGED)):
            setattr(recipient, field, _phone(changes[field], graphql, problems))
    recipient.phone_hash = keyed_hash("phone", recipient.phone) if recipient.phone else None
    given_details = {field: changes[field] for field, *_ in TEXT_FIELDS if given(changes.get(field, UNCHANGED))}
    for field, value in _details(given_details, problems).items():
        setattr(recipient, field, value)
    problems.raise_any()
    if given(changes.get("area_id", UNCHANGED)) and changes["area_id"] is not None:
        area = await area_of_station(actor, changes["area_id"], recipient.station_id, field="areaId")
        recipient.area_id = area.id
    if given(changes.get("responsible_user_id", UNCHANGED)):
        recipient.responsible_user_id = await _responsible(actor, changes["responsible_user_id"], recipient.station_id)
    recipient.next_visit_due = (recipient.last_visited_on or recipient.registered_on) + dt.timedelta(
        days=recipient.visit_interval_days
    )
    await recipient.save()
    await record_audit("volunteers.care_recipient.update", obj=recipient, before=before, after=snapshot(recipient))
    return recipient


async def visitable_recipients(actor: Actor, recipient_ids: Sequence[int], station_id: int, *, field: str) -> list:
    """Active recipients of the station the actor may see (minors stay hidden without the right)."""
    wanted = list(dict.fromkeys(recipient_ids))
    rows = {row.id: row for row in await scoped(actor, models.CareRecipient).filter(id__in=wanted)} if wanted else {}
    problems = Problems()
    for index, recipient_id in enumerate(wanted):
        row = rows.get(recipient_id)
        if row is None or row.station_id != station_id:
            problems.items.append(not_found("Care recipient", f"{field}.{index}"))
        elif row.status is not models.CareRecipientStatus.ACTIVE:
            problems.add("This person is no longer in care.", f"{field}.{index}")
    problems.raise_any()
    return [rows[recipient_id] for recipient_id in wanted]


async def record_care_visits(
    activity: models.VolunteerActivity,
    recipients: Sequence,
    visited_on: dt.date,
    locations: Mapping[int, GeoPointInput] | None = None,
) -> None:
    """Mark each recipient visited on ``visited_on``: on time when not after the due date;
    ``locations`` gives where some visits took place, by recipient id."""
    visits = []
    for index, recipient in enumerate(recipients):
        before = snapshot(recipient, ["last_visited_on", "next_visit_due"])
        visit = models.CareVisit(
            station_id=activity.station_id,
            activity=activity,
            recipient=recipient,
            visited_on=visited_on,
            due_on=recipient.next_visit_due,
            on_time=visited_on <= recipient.next_visit_due,
        )
        await place(visit, (locations or {}).get(recipient.id), field=f"careVisitLocations.{index}.location")
        visits.append(visit)
        # A visit entered late for an earlier day never moves the cadence backwards.
        if recipient.last_visited_on is None or visited_on > recipient.last_visited_on:
            recipient.last_visited_on = visited_on
            recipient.next_visit_due = visited_on + dt.timedelta(days=recipient.visit_interval_days)
            await recipient.save(update_fields=["last_visited_on", "next_visit_due"])
        await record_audit(
            "volunteers.care_recipient.visit",
            obj=recipient,
            before=before,
            after={**snapshot(recipient, ["last_visited_on", "next_visit_due"]), "activity_id": activity.id},
        )
    await models.CareVisit.bulk_create(visits)


def overdue(actor: Actor):
    """Active recipients whose visit is past due, most overdue first."""
    return (
        scoped(actor, models.CareRecipient)
        .filter(status=models.CareRecipientStatus.ACTIVE, next_visit_due__lt=today())
        .order_by("next_visit_due", "id")
    )


def _visit_label(row) -> str:
    kind = KIND_LABELS[models.CareRecipientKind(row["recipient__kind"])]
    return f"关爱走访 {row['visited_on'].isoformat()} · {kind}"


async def closed_care_visits(station_ids: Sequence[int], period: Period) -> list[ClosedItem]:
    """Care visits of the period, for satisfaction callbacks (回访); no personal data in labels."""
    rows = (
        await models.CareVisit.filter(
            station_id__in=list(station_ids), visited_on__gte=period.start, visited_on__lte=period.end
        )
        .order_by("id")
        .values("id", "station_id", "visited_on", "activity__started_at", "activity__recorded_by_id", "recipient__kind")
    )
    return [
        ClosedItem(
            kind=CARE_VISIT_ITEM,
            item_id=row["id"],
            station_id=row["station_id"],
            label=_visit_label(row),
            closed_at=row["activity__started_at"],
            handler_user_id=row["activity__recorded_by_id"],
        )
        for row in rows
    ]
