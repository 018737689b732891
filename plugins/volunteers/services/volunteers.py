"""Volunteer organisations (志愿组织) and volunteers (志愿者)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from core import (
    Actor,
    UserErrorCode,
    UserInputError,
    get_scoped,
    keyed_hash,
    publish,
    record_audit,
    scoped,
    snapshot,
    validate_mobile,
)
from plugins.volunteers import models
from plugins.volunteers.services.common import (
    UNCHANGED,
    Problems,
    areas_of_station,
    given,
    not_found,
    not_in_future,
    station_runs_plugin,
    target_station,
    text,
    today,
    user_of_station,
)

MAX_SKILLS = 20
MAX_SKILL_LENGTH = 30


# --- organisations ------------------------------------------------------------------------------


async def create_organization(
    actor: Actor,
    *,
    station_id: int | None,
    name: str,
    kind: models.OrganizationKind,
    description: str | None = None,
    contact_name: str | None = None,
    contact_phone: str | None = None,
) -> models.VolunteerOrganization:
    station_id = await target_station(actor, station_id)
    problems = Problems()
    name = text(name, "name", "Name", max_length=100, problems=problems)
    description = text(description, "description", "Description", max_length=2000, required=False, problems=problems)
    contact_name = text(contact_name, "contactName", "Contact name", max_length=50, required=False, problems=problems)
    if contact_phone:
        contact_phone = problems.check(validate_mobile, contact_phone, field="contactPhone")
    problems.raise_any()
    await _name_is_free(station_id, name, None)
    organization = await models.VolunteerOrganization.create(
        station_id=station_id,
        name=name,
        kind=kind,
        description=description or "",
        contact_name=contact_name,
        contact_phone=contact_phone or None,
    )
    await record_audit("volunteers.organization.create", obj=organization, after=snapshot(organization))
    return organization


async def update_organization(
    actor: Actor,
    organization_id: int,
    *,
    name: Any = UNCHANGED,
    kind: Any = UNCHANGED,
    description: Any = UNCHANGED,
    contact_name: Any = UNCHANGED,
    contact_phone: Any = UNCHANGED,
    is_active: Any = UNCHANGED,
) -> models.VolunteerOrganization:
    organization = await get_scoped(
        actor, models.VolunteerOrganization, organization_id, field="organizationId", label="Organization"
    )
    await station_runs_plugin(actor, organization.station_id)
    before = snapshot(organization)
    problems = Problems()
    if given(name):
        organization.name = text(name, "name", "Name", max_length=100, problems=problems)
    if given(kind) and kind is not None:
        organization.kind = kind
    if given(description):
        organization.description = (
            text(description, "description", "Description", max_length=2000, required=False, problems=problems) or ""
        )
    if given(contact_name):
        organization.contact_name = text(
            contact_name, "contactName", "Contact name", max_length=50, required=False, problems=problems
        )
    if given(contact_phone):
        organization.contact_phone = (
            problems.check(validate_mobile, contact_phone, field="contactPhone") if contact_phone else None
        )
    if given(is_active) and is_active is not None:
        organization.is_active = is_active
    problems.raise_any()
    await _name_is_free(organization.station_id, organization.name, organization.id)
    await organization.save()
    await record_audit("volunteers.organization.update", obj=organization, before=before, after=snapshot(organization))
    return organization


async def _name_is_free(station_id: int, name: str, own_id: int | None) -> None:
    clash = models.VolunteerOrganization.filter(station_id=station_id, name=name)
    if own_id is not None:
        clash = clash.exclude(id=own_id)
    if await clash.exists():
        raise UserInputError("An organisation of this name exists.", field="name", code=UserErrorCode.CONFLICT)


async def active_organization(actor: Actor, organization_id: int, station_id: int, *, field: str):
    organization = await get_scoped(
        actor, models.VolunteerOrganization, organization_id, field=field, label="Organization"
    )
    if organization.station_id != station_id:
        raise not_found("Organization", field)
    if not organization.is_active:
        raise UserInputError("This organisation is no longer active.", field=field, code=UserErrorCode.INVALID)
    return organization


# --- volunteers ---------------------------------------------------------------------------------


def clean_skills(skills: Sequence[str], problems: Problems) -> list[str]:
    cleaned = list(dict.fromkeys(skill.strip() for skill in skills if skill and skill.strip()))
    if len(cleaned) > MAX_SKILLS:
        problems.add(f"At most {MAX_SKILLS} skills.", "skills")
    for index, skill in enumerate(cleaned):
        if len(skill) > MAX_SKILL_LENGTH:
            problems.add(f"A skill may hold at most {MAX_SKILL_LENGTH} characters.", f"skills.{index}")
    return cleaned


async def register_volunteer(
    actor: Actor,
    *,
    station_id: int | None,
    name: str,
    phone: str,
    organization_id: int | None = None,
    user_id: int | None = None,
    skills: Sequence[str] = (),
    area_ids: Sequence[int] = (),
    is_party_member: bool = False,
    is_cadre: bool = False,
    deputy: models.DeputyKind | None = None,
    joined_on: dt.date | None = None,
) -> models.Volunteer:
    station_id = await target_station(actor, station_id)
    problems = Problems()
    name = text(name, "name", "Name", max_length=50, problems=problems)
    digits = problems.check(validate_mobile, phone, field="phone")
    skills = clean_skills(skills, problems)
    not_in_future(joined_on, "joinedOn", "The joining date", problems)
    problems.raise_any()
    phone_hash = keyed_hash("phone", digits)
    await _phone_is_free(station_id, phone_hash, None)
    organization = None
    if organization_id is not None:
        organization = await active_organization(actor, organization_id, station_id, field="organizationId")
    if user_id is not None:
        await _user_is_free(actor, user_id, station_id, None)
    areas = await areas_of_station(actor, area_ids, station_id, field="areaIds")
    volunteer = await models.Volunteer.create(
        station_id=station_id,
        name=name,
        phone=digits,
        phone_hash=phone_hash,
        organization=organization,
        user_id=user_id,
        skills=skills,
        is_party_member=is_party_member,
        is_cadre=is_cadre,
        deputy=deputy,
        joined_on=joined_on or today(),
    )
    await _set_areas(volunteer, areas)
    after = {**snapshot(volunteer), "area_ids": [area.id for area in areas]}
    await record_audit("volunteers.volunteer.register", obj=volunteer, after=after)
    await publish(
        "volunteers.volunteer.registered",
        {"volunteerId": volunteer.id, "organizationId": volunteer.organization_id, "phoneHash": phone_hash},
        station_id=station_id,
    )
    return volunteer


async def _phone_is_free(station_id: int, phone_hash: str, own_id: int | None) -> None:
    clash = models.Volunteer.filter(station_id=station_id, phone_hash=phone_hash)
    if own_id is not None:
        clash = clash.exclude(id=own_id)
    if await clash.exists():
        raise UserInputError("A volunteer with this phone is registered.", field="phone", code=UserErrorCode.CONFLICT)


async def _set_areas(volunteer: models.Volunteer, areas) -> None:
    await models.VolunteerArea.bulk_create(
        [models.VolunteerArea(station_id=volunteer.station_id, volunteer=volunteer, area=area) for area in areas]
    )


async def _user_is_free(actor: Actor, user_id: int, station_id: int, own_id: int | None) -> None:
    await user_of_station(actor, user_id, station_id, field="userId")
    clash = models.Volunteer.filter(user_id=user_id)
    if own_id is not None:
        clash = clash.exclude(id=own_id)
    if await clash.exists():
        raise UserInputError("This user is already a volunteer.", field="userId", code=UserErrorCode.CONFLICT)


async def update_volunteer(actor: Actor, volunteer_id: int, **changes: Any) -> models.Volunteer:
    """Change the given fields (see ``register_volunteer``; ``status`` too). None clears
    ``organization_id``, ``user_id`` and ``deputy``."""
    volunteer = await get_scoped(actor, models.Volunteer, volunteer_id, field="volunteerId", label="Volunteer")
    await station_runs_plugin(actor, volunteer.station_id)
    area_ids = changes.pop("area_ids", UNCHANGED)
    before = {**snapshot(volunteer), "area_ids": await _area_ids(volunteer)}
    await _apply_volunteer_changes(actor, volunteer, changes)
    await volunteer.save()
    if given(area_ids):
        areas = await areas_of_station(actor, area_ids or [], volunteer.station_id, field="areaIds")
        await models.VolunteerArea.filter(volunteer_id=volunteer.id).delete()
        await _set_areas(volunteer, areas)
    after = {**snapshot(volunteer), "area_ids": await _area_ids(volunteer)}
    await record_audit("volunteers.volunteer.update", obj=volunteer, before=before, after=after)
    return volunteer


async def _apply_volunteer_changes(actor: Actor, volunteer: models.Volunteer, changes: dict[str, Any]) -> None:
    problems = Problems()
    if given(changes.get("name", UNCHANGED)):
        volunteer.name = text(changes["name"], "name", "Name", max_length=50, problems=problems)
    if given(changes.get("phone", UNCHANGED)):
        digits = problems.check(validate_mobile, changes["phone"], field="phone")
        if digits:
            volunteer.phone, volunteer.phone_hash = digits, keyed_hash("phone", digits)
    if given(changes.get("skills", UNCHANGED)):
        volunteer.skills = clean_skills(changes["skills"] or [], problems)
    for flag in ("is_party_member", "is_cadre"):
        if given(changes.get(flag, UNCHANGED)) and changes[flag] is not None:
            setattr(volunteer, flag, changes[flag])
    if given(changes.get("deputy", UNCHANGED)):
        volunteer.deputy = changes["deputy"]
    if given(changes.get("status", UNCHANGED)) and changes["status"] is not None:
        volunteer.status = changes["status"]
    problems.raise_any()
    await _phone_is_free(volunteer.station_id, volunteer.phone_hash, volunteer.id)
    organization_id = changes.get("organization_id", UNCHANGED)
    if given(organization_id):
        volunteer.organization_id = None
        if organization_id is not None:
            organization = await active_organization(
                actor, organization_id, volunteer.station_id, field="organizationId"
            )
            volunteer.organization_id = organization.id
    user_id = changes.get("user_id", UNCHANGED)
    if given(user_id):
        if user_id is not None:
            await _user_is_free(actor, user_id, volunteer.station_id, volunteer.id)
        volunteer.user_id = user_id


async def _area_ids(volunteer: models.Volunteer) -> list[int]:
    return sorted(await models.VolunteerArea.filter(volunteer_id=volunteer.id).values_list("area_id", flat=True))


async def volunteer_of_user(actor: Actor) -> models.Volunteer | None:
    """The volunteer record of the logged-in user, if any."""
    if actor.user_id is None:
        return None
    return await scoped(actor, models.Volunteer).get_or_none(user_id=actor.user_id)
