"""Volunteer activities (志愿活动): care visits, patrols, publicity, mediation support."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from core import (
    Actor,
    GeoPointInput,
    Occurrence,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    occurrence,
    publish,
    record_audit,
    remember,
    scoped,
    snapshot,
)
from plugins.volunteers import models
from plugins.volunteers.services.care import record_care_visits, visitable_recipients
from plugins.volunteers.services.common import (
    Problems,
    area_of_station,
    local_date,
    not_found,
    target_station,
    text,
)
from plugins.volunteers.services.volunteers import active_organization

MAX_ACTIVITY_HOURS = 24.0
MAX_PARTICIPANTS = 200


@dataclasses.dataclass(frozen=True)
class Participant:
    volunteer_id: int
    # None: the activity's hours.
    hours: float | None = None


def _check_hours(hours: float, participants: Sequence[Participant], problems: Problems) -> None:
    if not 0 < hours <= MAX_ACTIVITY_HOURS:
        problems.add(f"Hours are more than 0 and at most {MAX_ACTIVITY_HOURS:g}.", "hours")
    for index, participant in enumerate(participants):
        if participant.hours is not None and not 0 < participant.hours <= max(hours, 0):
            problems.add(
                "A participant's hours are more than 0 and at most the activity's.", f"participants.{index}.hours"
            )


def _check_participants(participants: Sequence[Participant], problems: Problems) -> None:
    if not participants:
        problems.add("Name at least one participant.", "participants", UserErrorCode.REQUIRED)
    if len(participants) > MAX_PARTICIPANTS:
        problems.add(f"At most {MAX_PARTICIPANTS} participants.", "participants")
    seen: set[int] = set()
    for index, participant in enumerate(participants):
        if participant.volunteer_id in seen:
            problems.add("This volunteer is listed twice.", f"participants.{index}.volunteerId", UserErrorCode.CONFLICT)
        seen.add(participant.volunteer_id)


async def _volunteers(
    actor: Actor, participants: Sequence[Participant], station_id: int
) -> dict[int, models.Volunteer]:
    ids = [participant.volunteer_id for participant in participants]
    rows = {row.id: row for row in await scoped(actor, models.Volunteer).filter(id__in=ids)}
    problems = Problems()
    for index, volunteer_id in enumerate(ids):
        row = rows.get(volunteer_id)
        field = f"participants.{index}.volunteerId"
        if row is None or row.station_id != station_id:
            problems.items.append(not_found("Volunteer", field))
        elif row.status is not models.VolunteerStatus.ACTIVE:
            problems.add("This volunteer is not active.", field)
    problems.raise_any()
    return rows


async def _actor_takes_part(actor: Actor, volunteers: dict[int, models.Volunteer]) -> None:
    """Volunteers record their own activities only; staff and grid workers record anyone's."""
    if actor.has("volunteers.activity.record_any"):
        return
    if not any(volunteer.user_id == actor.user_id for volunteer in volunteers.values()):
        raise UserInputError(
            "You may only record activities you took part in.", field="participants", code=UserErrorCode.FORBIDDEN
        )


def _check_input(
    kind: models.ActivityKind,
    title: str,
    description: str | None,
    started_at: dt.datetime,
    hours: float,
    participants: Sequence[Participant],
    care_recipient_ids: Sequence[int],
) -> tuple[str, str, Occurrence]:
    """The cleaned title and description and the start (entered now or after the fact, 补录), or
    every problem of the input at once."""
    problems = Problems()
    title = text(title, "title", "Title", max_length=200, problems=problems)
    description = text(description, "description", "Description", max_length=4000, required=False, problems=problems)
    when = problems.check(occurrence, started_at, field="startedAt", label="The start of the activity")
    _check_hours(hours, participants, problems)
    _check_participants(participants, problems)
    is_visit = kind is models.ActivityKind.CARE_VISIT
    if is_visit and not care_recipient_ids:
        problems.add("A care visit names the people visited.", "careRecipientIds", UserErrorCode.REQUIRED)
    if care_recipient_ids and not is_visit:
        problems.add("Only a CARE_VISIT names people visited.", "careRecipientIds")
    problems.raise_any()
    return title, description or "", when


async def _add_participants(
    activity: models.VolunteerActivity, participants: Sequence[Participant], volunteers: dict[int, models.Volunteer]
) -> list[list]:
    rows = [
        models.ActivityParticipant(
            station_id=activity.station_id,
            activity=activity,
            volunteer_id=participant.volunteer_id,
            organization_id=volunteers[participant.volunteer_id].organization_id,
            hours=participant.hours if participant.hours is not None else activity.hours,
            served_at=activity.started_at,
        )
        for participant in participants
    ]
    await models.ActivityParticipant.bulk_create(rows)
    return [[row.volunteer_id, row.hours] for row in rows]


async def record_activity(
    actor: Actor,
    *,
    station_id: int | None,
    kind: models.ActivityKind,
    title: str,
    started_at: dt.datetime,
    hours: float,
    participants: Sequence[Participant],
    area_id: int | None = None,
    organization_id: int | None = None,
    description: str | None = None,
    care_recipient_ids: Sequence[int] = (),
    care_visit_locations: Mapping[int, GeoPointInput] | None = None,
) -> models.VolunteerActivity:
    station_id = await target_station(actor, station_id)
    kind = models.ActivityKind.canonical(kind)
    title, description, when = _check_input(
        kind, title, description, started_at, hours, participants, care_recipient_ids
    )
    volunteers = await _volunteers(actor, participants, station_id)
    await _actor_takes_part(actor, volunteers)
    area = await area_of_station(actor, area_id, station_id, field="areaId") if area_id is not None else None
    organization = None
    if organization_id is not None:
        organization = await active_organization(actor, organization_id, station_id, field="organizationId")
    recipients = await visitable_recipients(actor, care_recipient_ids, station_id, field="careRecipientIds")
    stray = set(care_visit_locations or {}) - {recipient.id for recipient in recipients}
    if stray:
        raise UserInputError("A visit location names a person not in careRecipientIds.", field="careVisitLocations")
    activity = await models.VolunteerActivity.create(
        station_id=station_id,
        kind=kind,
        title=title,
        description=description,
        area=area,
        organization=organization,
        started_at=when.at,
        hours=hours,
        recorded_by_id=actor.user_id,
        recorded_steps=remember(None, "record", when),
    )
    served = await _add_participants(activity, participants, volunteers)
    after = {**snapshot(activity), "participants": served, "care_recipient_ids": [r.id for r in recipients]}
    await record_audit("volunteers.activity.record", obj=activity, after=after)
    await audit_backdating(when, obj=activity, step="record")
    if recipients:
        await record_care_visits(activity, recipients, local_date(when.at), care_visit_locations or {})
    await publish(
        "volunteers.activity.recorded",
        {"activityId": activity.id, "kind": kind.value, "participants": len(participants), "hours": hours},
        station_id=station_id,
    )
    return activity
