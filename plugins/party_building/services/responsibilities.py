"""一岗双责: posts with a business duty and a party-conduct duty, assigned to a person and a
point (责任到人到点), each checked on its schedule; overdue checks are listed."""

from __future__ import annotations

import datetime as dt

from core import (
    Actor,
    UserErrorCode,
    UserInputError,
    audit_backdating,
    current_app,
    get_scoped,
    occurrence,
    publish,
    record_audit,
    snapshot,
)
from plugins.party_building.models import (
    Cadence,
    CheckOutcome,
    DutyKind,
    DutyPost,
    Responsibility,
    ResponsibilityCheck,
    area_model,
)
from plugins.party_building.services import cadence as calendar
from plugins.party_building.services.common import (
    not_in_future,
    required_text,
    station_staff,
    target_station,
    today,
    writable,
)

RESPONSIBILITY_FIELDS = [
    "post_id",
    "holder_id",
    "kind",
    "point",
    "area_id",
    "description",
    "check_cadence",
    "assigned_on",
    "next_check_due",
]


async def create_post(
    actor: Actor, name: str, business_duty: str, party_duty: str, *, station_id: int | None = None
) -> DutyPost:
    station = await target_station(actor, station_id)
    name = required_text(name, field="name", label="Name", max_length=100)
    problems = []
    duties = {}
    for field, label, value in (
        ("businessDuty", "The business duty (业务职责)", business_duty),
        ("partyDuty", "The party-conduct duty (党风廉政责任)", party_duty),
    ):
        try:
            duties[field] = required_text(value, field=field, label=label)
        except UserInputError as error:
            problems.append(error)
    if problems:
        raise UserInputError.many(problems)
    if await DutyPost.filter(station_id=station, name=name).exists():
        raise UserInputError("A post of this name exists.", field="name", code=UserErrorCode.CONFLICT)
    post = await DutyPost.create(
        station_id=station, name=name, business_duty=duties["businessDuty"], party_duty=duties["partyDuty"]
    )
    await record_audit("party_building.post.create", obj=post, after=snapshot(post))
    return post


def first_due(check_cadence: Cadence, starts_on: dt.date) -> dt.date:
    return calendar.slot_containing(check_cadence, starts_on).end


async def assign_responsibility(
    actor: Actor,
    post_id: int | None,
    holder_id: int | None,
    kind: DutyKind,
    point: str,
    check_cadence: Cadence,
    *,
    area_id: int | None = None,
    description: str | None = None,
) -> Responsibility:
    post = await writable(actor, DutyPost, post_id, field="postId", label="Post")
    holder = await station_staff(actor, holder_id, post.station_id, field="holderId")
    point = required_text(point, field="point", label="The point (责任点)", max_length=200)
    if check_cadence is Cadence.NONE:
        raise UserInputError("A responsibility needs a check schedule.", field="checkCadence")
    if area_id is not None:
        area = await get_scoped(actor, area_model(), area_id, field="areaId", label="Area")
        if area.station_id != post.station_id:
            raise UserInputError("Area not found.", field="areaId", code=UserErrorCode.NOT_FOUND)
    duplicate = Responsibility.filter(post_id=post.id, holder_id=holder.id, kind=kind, point=point)
    if await duplicate.exists():
        raise UserInputError(
            "This duty is already assigned to this person at this point.", field="point", code=UserErrorCode.CONFLICT
        )
    text = (description or "").strip() or (post.business_duty if kind is DutyKind.BUSINESS else post.party_duty)
    responsibility = await Responsibility.create(
        station_id=post.station_id,
        post=post,
        holder_id=holder.id,
        kind=kind,
        point=point,
        area_id=area_id,
        description=text,
        check_cadence=check_cadence,
        assigned_on=today(),
        next_check_due=first_due(check_cadence, today()),
    )
    await record_audit(
        "party_building.responsibility.assign",
        obj=responsibility,
        after=snapshot(responsibility, RESPONSIBILITY_FIELDS),
    )
    return responsibility


def next_due(check_cadence: Cadence, current_due: dt.date, checked_on: dt.date) -> dt.date:
    """Due by the end of the slot after the one in which the check took place — never earlier
    than already due, so a second check within one slot does not bring the next one forward."""
    following = calendar.next_slot(check_cadence, calendar.slot_containing(check_cadence, checked_on))
    return max(current_due, following.end)


async def record_check(
    actor: Actor,
    responsibility_id: int | None,
    outcome: CheckOutcome,
    *,
    checked_on: dt.date | None = None,
    problems: str | None = None,
) -> ResponsibilityCheck:
    responsibility = await writable(
        actor, Responsibility, responsibility_id, field="responsibilityId", label="Responsibility"
    )
    checked_on = not_in_future(checked_on or today(), field="checkedOn", label="The check date")
    # A check done earlier and entered now (补录): within the back-dating window, audited as such.
    when = occurrence(
        None if checked_on == today() else current_app().clock.start_of(checked_on),
        field="checkedOn",
        label="The check date",
    )
    if checked_on < responsibility.assigned_on:
        raise UserInputError("The check date is before the responsibility was assigned.", field="checkedOn")
    found = (problems or "").strip()
    if outcome is CheckOutcome.PROBLEMS_FOUND and not found:
        raise UserInputError("Describe the problems found.", field="problems", code=UserErrorCode.REQUIRED)
    before = snapshot(responsibility, RESPONSIBILITY_FIELDS)
    due_on = responsibility.next_check_due
    check = await ResponsibilityCheck.create(
        station_id=responsibility.station_id,
        responsibility=responsibility,
        checked_on=checked_on,
        due_on=due_on,
        on_time=checked_on <= due_on,
        outcome=outcome,
        problems=found,
        checked_by_id=actor.user_id,
    )
    responsibility.next_check_due = next_due(responsibility.check_cadence, due_on, checked_on)
    await responsibility.save(update_fields=["next_check_due"])
    await record_audit("party_building.responsibility.check", obj=check, after=snapshot(check))
    await audit_backdating(when, obj=check, step="check")
    await record_audit(
        "party_building.responsibility.reschedule",
        obj=responsibility,
        before=before,
        after=snapshot(responsibility, RESPONSIBILITY_FIELDS),
    )
    if outcome is CheckOutcome.PROBLEMS_FOUND:
        await publish(
            "party_building.responsibility.problems_found",
            {"responsibility_id": responsibility.id, "check_id": check.id, "holder_id": responsibility.holder_id},
            station_id=responsibility.station_id,
        )
    return check
