"""GraphQL types of 打: incidents, the people involved, criminal cases, incident statistics."""

import datetime as dt
from typing import Self

import strawberry
from strawberry.types import Info

from core import (
    Node,
    RecordedStep,
    children_field,
    distance_field,
    location_field,
    node_type,
    recorded_steps,
    reference,
    row_mapping,
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
from plugins.patrol.types.common import area_name, gid, load_one, user_name


def _minutes(seconds: int | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


@node_type(models.IncidentPerson, "patrol.incident.read")
@strawberry.type(description="A person involved in an incident (涉警人员). ID number and phone are masked by role.")
class IncidentPerson(Node):
    role: PersonRole = strawberry.field(
        description="The person's part in the incident (reporter, victim, suspect, witness or other)."
    )
    name: str = strawberry.field(description="Full name.")
    id_number: str | None = strawberry.field(description="Resident ID number (居民身份证号码).")
    phone: str | None = strawberry.field(description="Mobile number.")
    _row: strawberry.Private[models.IncidentPerson]

    from_row = row_mapping(models.IncidentPerson)


@node_type(models.CriminalCase, "patrol.incident.read")
@strawberry.type(description="A criminal case (刑事案件) opened from an incident.")
class CriminalCase(Node):
    case_number: str = strawberry.field(description="Number of the case (案件编号), unique in the station.")
    opened_at: dt.datetime = strawberry.field(description="When the case was opened (立案) (ISO-8601 with offset).")
    solved_at: dt.datetime | None = strawberry.field(
        description=(
            "When the case was solved (破案) (ISO-8601 with offset); null while unsolved. Decides the period it "
            "counts as solved in."
        )
    )
    solved_with_video: bool = strawberry.field(description="Solved with video evidence (视频破案).")
    incident_id: strawberry.ID = strawberry.field(description="Global id of the incident.")
    _row: strawberry.Private[models.CriminalCase]

    from_row = row_mapping(models.CriminalCase, incident_id=reference("Incident", "incident_id"))

    @strawberry.field(
        description="Opening (open) and solving (solve) with when it happened and when it was entered (补录); "
        "back-dated steps are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)


@node_type(models.Incident, "patrol.incident.read")
@strawberry.type(description="An incident (警情): received, dispatched, arrived, handled, closed.")
class Incident(Node):
    source: IncidentSource = strawberry.field(description="How the incident reached the station (警情来源).")
    category: IncidentCategory = strawberry.field(description="Category of the incident (警情类别).")
    status: IncidentStatus = strawberry.field(
        description="Where the incident stands (接警 → 派警 → 到场 → 处置 → 结警)."
    )
    area_id: strawberry.ID = strawberry.field(description="Global id of the area where it happened.")
    address: str = strawberry.field(description="Where it happened, in words; may be empty.")
    latitude: float | None = strawberry.field(
        deprecation_reason="Use location(datum:), which names its datum.",
        description="Latitude in decimal degrees (north positive); null when not recorded.",
    )
    longitude: float | None = strawberry.field(
        deprecation_reason="Use location(datum:), which names its datum.",
        description="Longitude in decimal degrees (east positive); null when not recorded.",
    )
    description: str = strawberry.field(description="What was reported (报警内容); may be empty.")
    received_at: dt.datetime = strawberry.field(
        description=(
            "When the station received the report (接警时间) (ISO-8601 with offset); decides the period of "
            "incidentStats."
        )
    )
    dispatched_at: dt.datetime | None = strawberry.field(
        description="When it was dispatched to a unit (派警时间) (ISO-8601 with offset); null while RECEIVED."
    )
    arrived_at: dt.datetime | None = strawberry.field(
        description="When the first officer reached the scene (到场时间) (ISO-8601 with offset); null before arrival."
    )
    handled_at: dt.datetime | None = strawberry.field(
        description="When handling on the scene was recorded (处置时间) (ISO-8601 with offset); null before."
    )
    closed_at: dt.datetime | None = strawberry.field(
        description="When the incident was closed (结警时间) (ISO-8601 with offset); null while open."
    )
    duty_unit: DutyUnit | None = strawberry.field(description='Unit of the "一室两队" it was dispatched to.')
    outcome: HandlingOutcome | None = strawberry.field(
        description="What handling came to (处置结果); null before handling."
    )
    handling_notes: str = strawberry.field(description="What was done on the scene; may be empty.")
    closing_notes: str = strawberry.field(description="Closing notes (结警说明); may be empty.")
    dispatch_minutes: float | None = strawberry.field(description="Minutes from reception to dispatch.")
    arrival_minutes: float | None = strawberry.field(description="Minutes from dispatch to arrival on the scene.")
    standard_address_id: strawberry.ID | None = strawberry.field(description="Global id of the standard address.")
    patrol_shift_id: strawberry.ID | None = strawberry.field(description="The patrol shift that found it.")
    location = location_field("Where it happened (事发地点); null when not recorded.")
    distance_metres = distance_field()
    _row: strawberry.Private[models.Incident]

    from_row = row_mapping(
        models.Incident,
        area_id=reference("Area", "area_id"),
        dispatch_minutes=lambda row: _minutes(row.dispatch_seconds),
        arrival_minutes=lambda row: _minutes(row.arrival_seconds),
        standard_address_id=reference("StandardAddress", "standard_address_id"),
        patrol_shift_id=reference("PatrolShift", "patrol_shift_id"),
    )

    @strawberry.field(description="Name of the area.")
    async def area_name(self, info: Info) -> str | None:
        return await area_name(info, self._row.area_id)

    @strawberry.field(description="Display name of the officer it was assigned to.")
    async def assignee_name(self, info: Info) -> str | None:
        return await user_name(info, self._row.assignee_id)

    @strawberry.field(
        description="Each lifecycle step with when it happened and when it was entered (补录); back-dated steps "
        "are marked and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    persons = children_field(
        models.IncidentPerson,
        "incident_id",
        IncidentPerson,
        description="People involved; people under 14 only for roles that may see minors.",
    )

    @strawberry.field(description="The criminal case opened from this incident, if any.")
    async def criminal_case(self, info: Info) -> CriminalCase | None:
        return await load_one(info, models.CriminalCase, self._row.id, CriminalCase.from_row, by="incident_id")


@strawberry.type(description="Incidents of one area: this period and the same period a year earlier (同比).")
class IncidentAreaCount:
    area_id: strawberry.ID = strawberry.field(description="Global id of the area.")
    area_name: str = strawberry.field(description="Name of the area.")
    count: int = strawberry.field(description="Incidents received in the area in the period.")
    count_year_before: int = strawberry.field(
        description="Incidents received in the area on the same dates a year earlier."
    )


@strawberry.type(description="Incidents of one category: this period and the same period a year earlier.")
class IncidentCategoryCount:
    category: IncidentCategory = strawberry.field(description="Category of incident.")
    count: int = strawberry.field(description="Incidents of the category received in the period.")
    count_year_before: int = strawberry.field(
        description="Incidents of the category received on the same dates a year earlier."
    )


@strawberry.type(
    description=(
        "Incident statistics of a period (incidents received in it) against the same dates a year earlier; "
        "response times averaged over the incidents that reached each step."
    )
)
class IncidentStats:
    start: dt.date = strawberry.field(description="First day of the period (included).")
    end: dt.date = strawberry.field(description="Last day of the period (included).")
    total: int = strawberry.field(description="Incidents received (receivedAt) in the period.")
    total_year_before: int = strawberry.field(description="Incidents received on the same dates a year earlier.")
    change_rate: float | None = strawberry.field(
        description="(total - totalYearBefore) / totalYearBefore; negative means fewer incidents (同比下降)."
    )
    average_dispatch_minutes: float | None = strawberry.field(description="Mean minutes from reception to dispatch.")
    average_arrival_minutes: float | None = strawberry.field(description="Mean minutes from dispatch to arrival.")
    by_area: list[IncidentAreaCount] = strawberry.field(description="Counts by area, this period and a year earlier.")
    by_category: list[IncidentCategoryCount] = strawberry.field(
        description="Counts by category, this period and a year earlier."
    )

    @classmethod
    def from_result(cls, result) -> Self:
        previous = result.total_year_before
        return cls(
            start=result.period.start,
            end=result.period.end,
            total=result.total,
            total_year_before=previous,
            change_rate=round((result.total - previous) / previous, 4) if previous else None,
            average_dispatch_minutes=_minutes(result.average_dispatch_seconds),
            average_arrival_minutes=_minutes(result.average_arrival_seconds),
            by_area=[
                IncidentAreaCount(
                    area_id=gid("Area", pair.key.id),
                    area_name=pair.key.name,
                    count=pair.count,
                    count_year_before=pair.count_year_before,
                )
                for pair in result.by_area
                if pair.key is not None
            ],
            by_category=[
                IncidentCategoryCount(category=pair.key, count=pair.count, count_year_before=pair.count_year_before)
                for pair in result.by_category
            ],
        )
