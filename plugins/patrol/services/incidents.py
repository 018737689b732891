"""打 — incidents (警情): received, dispatched, arrived, handled, closed; criminal cases.

The "一室两队" model: the duty command room (勤务指挥室) receives and dispatches, the
investigation team (侦查办案队) takes small cases, the community policing team (社区警务队)
order and service. Response times are stored at each step so that statistics are SQL averages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from core import (
    Actor,
    ClosedItem,
    GeoPointInput,
    Occurrence,
    Period,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    get_scoped,
    occurrence,
    place,
    publish,
    record_audit,
    remember,
    settle_area,
    snapshot,
)
from plugins.patrol import models
from plugins.patrol.enums import (
    DutyUnit,
    HandlingOutcome,
    IncidentCategory,
    IncidentSource,
    IncidentStatus,
    PersonRole,
)
from plugins.patrol.services.common import (
    PLUGIN,
    get_station_user,
    id_number_fields,
    optional_text,
    phone_fields,
    point_of,
    raise_all,
    require_same_station,
    required_text,
    taken,
    target_station,
)

CASE_OPENED_EVENT = "patrol.criminal_case.opened"
CASE_OPENABLE = (IncidentStatus.DISPATCHED, IncidentStatus.ARRIVED, IncidentStatus.HANDLED, IncidentStatus.CLOSED)


@dataclasses.dataclass
class PersonDraft:
    role: PersonRole
    name: str
    id_number: str | None = None
    phone: str | None = None


@dataclasses.dataclass
class IncidentDraft:
    source: IncidentSource
    category: IncidentCategory
    area_id: int | None
    address: str = ""
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    received_at: dt.datetime | None = None
    standard_address_id: int | None = None
    patrol_shift_id: int | None = None
    persons: Sequence[PersonDraft] = ()
    location: GeoPointInput | None = None
    # Keep an explicit area even when the location lies outside its boundary.
    force: bool = False


async def get_incident(actor: Actor, incident_id: int | None, *, field: str = "incidentId") -> models.Incident:
    return await get_scoped(actor, models.Incident, incident_id, field=field, label="Incident")


def _person_rows(station_id: int, persons: Sequence[PersonDraft]) -> list[models.IncidentPerson]:
    rows, problems = [], []
    for index, person in enumerate(persons):
        prefix = f"persons.{index}"
        try:
            name = required_text(person.name, field=f"{prefix}.name", label="Name", max_length=50)
            identity = id_number_fields(person.id_number, field=f"{prefix}.idNumber")
            phone, phone_hash = phone_fields(person.phone, field=f"{prefix}.phone")
        except UserInputError as error:
            problems.extend(error.problems)
            continue
        rows.append(
            models.IncidentPerson(
                station_id=station_id,
                role=person.role,
                name=name,
                id_number=identity["id_number"],
                id_number_hash=identity["id_number_hash"],
                birth_date=identity["birth_date"],
                phone=phone,
                phone_hash=phone_hash,
            )
        )
    raise_all(problems)
    return rows


async def _patrol_shift(actor: Actor, draft: IncidentDraft, station_id: int) -> models.PatrolShift | None:
    if draft.patrol_shift_id is None:
        return None
    if draft.source is not IncidentSource.PATROL:
        raise UserInputError("Only a PATROL incident comes from a patrol shift.", field="source")
    shift = await get_scoped(actor, models.PatrolShift, draft.patrol_shift_id, field="patrolShiftId", label="Shift")
    require_same_station(station_id, shift, field="patrolShiftId", label="Shift")
    return shift


async def report_incident(actor: Actor, draft: IncidentDraft) -> models.Incident:
    """Record a received incident (接警); a patrol finding names its shift. Without an area, the
    grid whose boundary contains the location is taken."""
    point = point_of(draft.location, draft.latitude, draft.longitude)
    area = await settle_area(actor, draft.area_id, point, plugin=PLUGIN, force=draft.force)
    station_id = await target_station(actor, area)
    shift = await _patrol_shift(actor, draft, station_id)
    # 补录: a call received at night is typed in the next morning; a patrol finding cannot
    # predate its shift.
    when = occurrence(
        draft.received_at,
        after=shift.starts_at if shift is not None else None,
        after_label="the start of the patrol shift",
        field="receivedAt",
        label="The reception time",
    )
    address = optional_text(draft.address, field="address", label="Address", max_length=255)
    description = optional_text(draft.description, field="description", label="Description", max_length=5000)
    standard_address = None
    if draft.standard_address_id is not None:
        standard_address = await get_scoped(
            actor, models.StandardAddress, draft.standard_address_id, field="standardAddressId", label="Address"
        )
        require_same_station(station_id, standard_address, field="standardAddressId", label="Address")
        address = address or standard_address.address
    persons = _person_rows(station_id, draft.persons)
    incident = models.Incident(
        station_id=station_id,
        source=draft.source,
        category=draft.category,
        status=IncidentStatus.RECEIVED,
        standard_address=standard_address,
        address=address,
        description=description,
        received_at=when.at,
        reported_by_id=actor.user_id,
        patrol_shift=shift,
        recorded_steps=remember(None, "report", when),
    )
    incident.area_id = area.id
    await place(incident, point, force=draft.force)
    await incident.save()
    for person in persons:
        person.incident_id = incident.id
    if persons:
        await models.IncidentPerson.bulk_create(persons)
    await record_audit("patrol.incident.report", obj=incident, after={**snapshot(incident), "persons": len(persons)})
    await audit_backdating(when, obj=incident, step="report")
    return incident


def _require_status(incident: models.Incident, expected: IncidentStatus, action: str) -> None:
    if incident.status is not expected:
        raise UserInputError(
            f"Only a {expected.value} incident can be {action}; this one is {incident.status.value}.",
            field="incidentId",
            code=UserErrorCode.INVALID_TRANSITION,
        )


def _seconds(later: dt.datetime, earlier: dt.datetime) -> int:
    return int((later - earlier).total_seconds())


async def dispatch_incident(
    actor: Actor,
    incident_id: int,
    unit: DutyUnit,
    *,
    assignee_id: int | None = None,
    at: dt.datetime | None = None,
) -> models.Incident:
    """派警: hand a received incident to a unit (and optionally an officer)."""
    incident = await get_incident(actor, incident_id)
    _require_status(incident, IncidentStatus.RECEIVED, "dispatched")
    await target_station(actor, incident)
    before = snapshot(incident)
    when = occurrence(at, after=incident.received_at, after_label="reception", field="dispatchedAt", label="Dispatch")
    moment = when.at
    if assignee_id is not None:
        await get_station_user(actor, assignee_id, incident.station_id, field="assigneeId")
        incident.assignee_id = assignee_id
    incident.status, incident.duty_unit, incident.dispatched_at = IncidentStatus.DISPATCHED, unit, moment
    incident.dispatch_seconds = _seconds(moment, incident.received_at)
    await incident.save()
    await _record_step(incident, "dispatch", when, before)
    return incident


async def record_arrival(actor: Actor, incident_id: int, *, at: dt.datetime | None = None) -> models.Incident:
    """到场: the dispatched unit reached the scene."""
    incident = await get_incident(actor, incident_id)
    _require_status(incident, IncidentStatus.DISPATCHED, "marked arrived")
    await target_station(actor, incident)
    before = snapshot(incident)
    when = occurrence(at, after=incident.dispatched_at, after_label="dispatch", field="arrivedAt", label="Arrival")
    moment = when.at
    incident.status, incident.arrived_at = IncidentStatus.ARRIVED, moment
    incident.arrival_seconds = _seconds(moment, incident.dispatched_at)
    await incident.save()
    await _record_step(incident, "arrive", when, before)
    return incident


async def record_handling(
    actor: Actor, incident_id: int, outcome: HandlingOutcome, notes: str = "", *, at: dt.datetime | None = None
) -> models.Incident:
    """处警: what the unit did on the scene."""
    incident = await get_incident(actor, incident_id)
    _require_status(incident, IncidentStatus.ARRIVED, "marked handled")
    await target_station(actor, incident)
    before = snapshot(incident)
    when = occurrence(at, after=incident.arrived_at, after_label="arrival", field="handledAt", label="Handling")
    moment = when.at
    incident.handling_notes = optional_text(notes, field="notes", label="Notes", max_length=5000)
    incident.status, incident.outcome, incident.handled_at = IncidentStatus.HANDLED, outcome, moment
    await incident.save()
    await _record_step(incident, "handle", when, before)
    return incident


async def close_incident(
    actor: Actor, incident_id: int, notes: str = "", *, at: dt.datetime | None = None
) -> models.Incident:
    """结警: close a handled incident, at ``at`` when entered after the fact (补录)."""
    incident = await get_incident(actor, incident_id)
    _require_status(incident, IncidentStatus.HANDLED, "closed")
    await target_station(actor, incident)
    before = snapshot(incident)
    when = occurrence(at, after=incident.handled_at, after_label="handling", label="Closing")
    incident.closing_notes = optional_text(notes, field="notes", label="Notes", max_length=5000)
    incident.status = IncidentStatus.CLOSED
    incident.closed_at = when.at
    await _record_step(incident, "close", when, before)
    return incident


async def _record_step(incident: models.Incident, step: str, when: Occurrence, before: dict) -> None:
    """Save the step with its entry time, and audit it (and its back-dating) in one go."""
    incident.recorded_steps = remember(incident.recorded_steps, step, when)
    await incident.save()
    await record_audit(f"patrol.incident.{step}", obj=incident, before=before, after=snapshot(incident))
    await audit_backdating(when, obj=incident, step=step)


async def open_criminal_case(
    actor: Actor, incident_id: int, case_number: str, *, at: dt.datetime | None = None
) -> models.CriminalCase:
    """立案: open a criminal case from an incident and announce it (民转刑 links listen); ``at``
    when the opening is entered after the fact (补录).

    The event carries keyed hashes of the ID numbers of the people involved, never the numbers.
    """
    incident = await get_incident(actor, incident_id)
    if incident.status not in CASE_OPENABLE:
        raise UserInputError(
            "A case can be opened only once the incident has been dispatched.",
            field="incidentId",
            code=UserErrorCode.INVALID_TRANSITION,
        )
    station_id = await target_station(actor, incident)
    number = required_text(case_number, field="caseNumber", label="Case number", max_length=64)
    if await taken(models.CriminalCase, station_id, incident_id=incident.id):
        raise UserInputError(
            "This incident already has a criminal case.", field="incidentId", code=UserErrorCode.CONFLICT
        )
    if await taken(models.CriminalCase, station_id, case_number=number):
        raise UserInputError(f"Case number {number} is taken.", field="caseNumber", code=UserErrorCode.CONFLICT)
    when = occurrence(at, after=incident.dispatched_at, after_label="dispatch", label="The opening of the case")
    case = await models.CriminalCase.create(
        station_id=station_id,
        incident=incident,
        case_number=number,
        opened_at=when.at,
        opened_by_id=actor.user_id,
        recorded_steps=remember(None, "open", when),
    )
    await record_audit("patrol.criminal_case.open", obj=case, after=snapshot(case))
    await audit_backdating(when, obj=case, step="open")
    # Every person of this (already authorised) incident, minors included: the 民转刑 link
    # must match all parties whoever opens the case, and only hashes leave this plugin.
    hashes = await models.IncidentPerson.filter(incident_id=incident.id, id_number_hash__isnull=False).values_list(
        "id_number_hash", flat=True
    )
    payload = {
        "case_number": number,
        "person_hashes": sorted(set(hashes)),
        "incident_id": incident.id,
        "opened_at": case.opened_at.isoformat(),
    }
    await publish(CASE_OPENED_EVENT, payload, station_id=station_id)
    return case


async def solve_criminal_case(
    actor: Actor, case_id: int, *, solved_with_video: bool, at: dt.datetime | None = None
) -> models.CriminalCase:
    """破案: record a case solved, and whether video surveillance solved it (视频破案)."""
    case = await get_scoped(actor, models.CriminalCase, case_id, field="caseId", label="Criminal case")
    if case.solved_at is not None:
        raise UserInputError("This case is already solved.", field="caseId", code=UserErrorCode.INVALID_TRANSITION)
    await target_station(actor, case)
    before = snapshot(case)
    when = occurrence(
        at, after=case.opened_at, after_label="the opening of the case", field="solvedAt", label="Solving"
    )
    moment = when.at
    case.solved_at, case.solved_with_video = moment, solved_with_video
    case.recorded_steps = remember(case.recorded_steps, "solve", when)
    await case.save()
    await record_audit("patrol.criminal_case.solve", obj=case, before=before, after=snapshot(case))
    await audit_backdating(when, obj=case, step="solve")
    return case


async def closed_incidents(station_ids: Sequence[int], period: Period) -> list[ClosedItem]:
    """Incidents closed in ``period``, for satisfaction callbacks (回访)."""
    start, end = period.bounds(current_app().clock)
    rows = await models.Incident.filter(
        station_id__in=list(station_ids), closed_at__gte=start, closed_at__lt=end
    ).order_by("closed_at", "id")
    return [
        ClosedItem(
            kind="patrol.incident",
            item_id=row.id,
            station_id=row.station_id,
            label=f"警情 #{row.id} {row.category.value} {row.address}".strip(),
            closed_at=row.closed_at,
            handler_user_id=row.assignee_id,
        )
        for row in rows
    ]
