"""Reporting a dispute (受理) with its parties; parties recur across disputes as persons."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from core import (
    Actor,
    GeoPointInput,
    IdNumber,
    UserErrorCode,
    UserInputError,
    get_scoped,
    keyed_hash,
    place,
    record_audit,
    settle_area,
    snapshot,
    validate_id_number,
    validate_mobile,
)

from ..models import (
    Dispute,
    DisputeCategory,
    DisputeParty,
    DisputeSource,
    DisputeStatus,
    MediationCentre,
    MediationLevel,
    PartyRole,
    Person,
    RiskFactor,
    RiskLevel,
)
from .common import PLUGIN, ensure_enabled, now, record_step, today
from .riskstate import refresh_risk

MAX_DESCRIPTION = 5000
MAX_NAME = 50


@dataclasses.dataclass(frozen=True)
class PartyData:
    name: str
    id_number: str
    role: PartyRole
    phone: str | None = None
    vulnerable: bool = False


@dataclasses.dataclass(frozen=True)
class DisputeData:
    parties: Sequence[PartyData]
    category: DisputeCategory
    area_id: int | None
    description: str
    source: DisputeSource = DisputeSource.WALK_IN
    risk_factors: Sequence[RiskFactor] = ()
    level: MediationLevel = MediationLevel.VILLAGE
    centre_id: int | None = None
    # The place of the dispute (纠纷发生地), in any datum; force keeps area_id despite its boundary.
    location: GeoPointInput | None = None
    force: bool = False


@dataclasses.dataclass(frozen=True)
class _ValidParty:
    name: str
    id_number: IdNumber
    phone: str | None
    role: PartyRole
    vulnerable: bool


def _validate_party(index: int, party: PartyData, problems: list[UserInputError]) -> _ValidParty | None:
    prefix = f"parties.{index}"
    found = len(problems)
    name = (party.name or "").strip()
    if not name:
        problems.append(UserInputError("Name is required.", field=f"{prefix}.name", code=UserErrorCode.REQUIRED))
    elif len(name) > MAX_NAME:
        problems.append(UserInputError(f"Name must not exceed {MAX_NAME} characters.", field=f"{prefix}.name"))
    id_number = phone = None
    try:
        id_number = validate_id_number(party.id_number, field=f"{prefix}.idNumber", today=today())
    except UserInputError as error:
        problems.append(error)
    if party.phone is not None and party.phone.strip():
        try:
            phone = validate_mobile(party.phone, field=f"{prefix}.phone")
        except UserInputError as error:
            problems.append(error)
    if len(problems) > found:
        return None
    return _ValidParty(name, id_number, phone, party.role, party.vulnerable)


def validate_parties(parties: Sequence[PartyData], problems: list[UserInputError]) -> list[_ValidParty]:
    if not parties:
        problems.append(UserInputError("Give at least one party.", field="parties", code=UserErrorCode.REQUIRED))
        return []
    valid: list[_ValidParty] = []
    seen: set[str] = set()
    for index, party in enumerate(parties):
        checked = _validate_party(index, party, problems)
        if checked is None:
            continue
        if checked.id_number.value in seen:
            problems.append(
                UserInputError(
                    "The same person is listed twice.", field=f"parties.{index}.idNumber", code=UserErrorCode.CONFLICT
                )
            )
            continue
        seen.add(checked.id_number.value)
        valid.append(checked)
    return valid


async def _person(station_id: int, party: _ValidParty) -> Person:
    """The station's person with this ID number, created or brought up to date.

    Looked up without ``scoped``: the station is already checked, and scoping would hide a
    minor from a reporter who may not see minors, creating a duplicate person.
    """
    id_hash = keyed_hash("id_number", party.id_number.value)
    phone_hash = keyed_hash("phone", party.phone) if party.phone else None
    person = await Person.get_or_none(station_id=station_id, id_number_hash=id_hash)
    if person is None:
        person = await Person.create(
            station_id=station_id,
            name=party.name,
            id_number=party.id_number.value,
            id_number_hash=id_hash,
            phone=party.phone,
            phone_hash=phone_hash,
            birth_date=party.id_number.birth_date,
            created_at=now(),
        )
        await record_audit("mediation.person.create", obj=person, after=snapshot(person))
        return person
    if person.name != party.name or (party.phone and person.phone_hash != phone_hash):
        before = snapshot(person)
        person.name = party.name
        if party.phone:
            person.phone, person.phone_hash = party.phone, phone_hash
        await person.save()
        await record_audit("mediation.person.update", obj=person, before=before, after=snapshot(person))
    return person


async def _validated_place(actor: Actor, data: DisputeData, problems: list[UserInputError]):
    area = centre = None
    try:
        area = await settle_area(actor, data.area_id, data.location, plugin=PLUGIN, force=data.force)
    except UserInputError as error:
        problems.append(error)
    if data.centre_id is not None:
        centre = await _centre(actor, data.centre_id, area.station_id if area else None, problems)
    return area, centre


async def _centre(actor: Actor, centre_id: int, station_id: int | None, problems: list[UserInputError]):
    try:
        centre = await get_scoped(actor, MediationCentre, centre_id, field="centreId", label="Mediation centre")
    except UserInputError as error:
        problems.append(error)
        return None
    if station_id is not None and centre.station_id != station_id:
        problems.append(UserInputError("Mediation centre not found.", field="centreId", code=UserErrorCode.NOT_FOUND))
        return None
    return centre


async def report_dispute(actor: Actor, data: DisputeData) -> Dispute:
    """受理: record a dispute at its area's station, status REPORTED, risk computed by the rules."""
    problems: list[UserInputError] = []
    parties = validate_parties(data.parties, problems)
    description = (data.description or "").strip()
    if not description:
        problems.append(UserInputError("Description is required.", field="description", code=UserErrorCode.REQUIRED))
    elif len(description) > MAX_DESCRIPTION:
        problems.append(
            UserInputError(f"Description must not exceed {MAX_DESCRIPTION} characters.", field="description")
        )
    area, centre = await _validated_place(actor, data, problems)
    if problems:
        raise UserInputError.many(problems)
    await ensure_enabled(actor, area.station_id)
    moment = now()
    dispute = Dispute(
        station_id=area.station_id,
        category=data.category,
        source=data.source,
        description=description,
        area=area,
        centre=centre,
        status=DisputeStatus.REPORTED,
        level=data.level,
        risk_factors=sorted({factor.value for factor in data.risk_factors}),
        risk_level=RiskLevel.BLUE,
        risk_rank=RiskLevel.BLUE.rank,
        computed_risk_level=RiskLevel.BLUE,
        reported_at=moment,
        reported_by_id=actor.user_id,
        level_started_at=moment,
        deadline_at=moment,
        updated_at=moment,
    )
    await place(dispute, data.location, force=data.force)
    await dispute.save()
    for party in parties:
        person = await _person(area.station_id, party)
        await DisputeParty.create(
            station_id=area.station_id, dispute=dispute, person=person, role=party.role, vulnerable=party.vulnerable
        )
    await refresh_risk(dispute, None)
    await record_step(actor, dispute, "report", None, None)
    return dispute
