"""GraphQL types of 向人民汇报 meetings, their report packs and feedback."""

import datetime as dt
from typing import Any, Self

import strawberry
from strawberry.types import Info

from core import (
    AreaNode,
    Node,
    RecordedStep,
    load_children,
    load_row,
    node_type,
    recorded_steps,
    reference,
    related_field,
    row_mapping,
)
from plugins.volunteers import models
from plugins.volunteers.services.common import today
from plugins.volunteers.types.enums import FeedbackKind, FeedbackStatus, MeetingComplianceStatus


@strawberry.type(description="One figure of a report pack, from a plugin's scoring indicator.")
class PeopleReportFigure:
    plugin: str = strawberry.field(description="The plugin whose indicator gave the figure.")
    key: str = strawberry.field(description="Indicator key, e.g. volunteers.care_visits_on_time.")
    label: str = strawberry.field(description="Name of the figure (Chinese).")
    unit: str = strawberry.field(description="Unit of value and target, e.g. % or 次.")
    target: float | None = strawberry.field(description="The target in force; null when none.")
    value: float | None = strawberry.field(description="Null when the station had no data in the period.")
    explanation: str = strawberry.field(description="One line explaining the figure.")


@strawberry.type(description="The figures reported to the people (汇报材料), frozen when the meeting was recorded.")
class PeopleReportPack:
    period_start: dt.date = strawberry.field(description="First day the figures cover (included).")
    period_end: dt.date = strawberry.field(description="Last day the figures cover (included).")
    generated_at: dt.datetime = strawberry.field(description="When the figures were computed (ISO-8601 with offset).")
    figures: list[PeopleReportFigure] = strawberry.field(
        description="The figures, one per indicator of the plugins the station runs."
    )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return cls(
            period_start=dt.date.fromisoformat(data["periodStart"]),
            period_end=dt.date.fromisoformat(data["periodEnd"]),
            generated_at=dt.datetime.fromisoformat(data["generatedAt"]),
            figures=[
                PeopleReportFigure(
                    plugin=item["plugin"],
                    key=item["key"],
                    label=item["label"],
                    unit=item["unit"],
                    target=item.get("target"),
                    value=item.get("value"),
                    explanation=item.get("explanation", ""),
                )
                for item in data.get("indicators", [])
            ],
        )


@node_type(models.PeopleReportMeeting, "volunteers.meeting.read")
@strawberry.type(description="A quarterly 向人民汇报 (report to the people) meeting in a village or community.")
class PeopleReportMeeting(Node):
    held_on: dt.date = strawberry.field(description="Day the meeting was held (deployment time zone).")
    quarter: str = strawberry.field(description="Calendar quarter of the meeting, e.g. 2020-Q3.")
    attendance: int = strawberry.field(description="People who attended.")
    host_id: strawberry.ID | None = strawberry.field(description="Global id of the hosting User (社区民警).")
    summary: str = strawberry.field(description="Summary of the meeting; may be empty.")
    report_pack: PeopleReportPack = strawberry.field(
        description="The figures reported, frozen when the meeting was recorded."
    )
    created_at: dt.datetime = strawberry.field(description="When the meeting was recorded (ISO-8601 with offset).")
    _row: strawberry.Private[models.PeopleReportMeeting]

    from_row = row_mapping(
        models.PeopleReportMeeting,
        host_id=reference("User", "host_id"),
        report_pack=lambda row: PeopleReportPack.from_json(row.report_pack),
    )

    area = related_field("area", AreaNode, description="The village or community.")

    @strawberry.field(description="Suggestions, complaints and questions raised at the meeting.")
    async def feedback_items(self, info: Info) -> "list[FeedbackItem]":
        return [
            FeedbackItem.from_row(row)
            for row in await load_children(info, models.FeedbackItem, "meeting_id", self._row.id)
        ]


@node_type(models.FeedbackItem, "volunteers.feedback.read")
@strawberry.type(
    description="A suggestion, complaint or question raised at a 向人民汇报 meeting, followed up to a reply."
)
class FeedbackItem(Node):
    kind: FeedbackKind = strawberry.field(description="Suggestion, complaint or question.")
    content: str = strawberry.field(description="What the resident raised.")
    raised_by: str | None = strawberry.field(description="Who raised it, when they gave a name.")
    contact_phone: str | None = strawberry.field(description="Where to send the reply.")
    reply_due_on: dt.date = strawberry.field(description="Deadline for the reply (答复期限).")
    status: FeedbackStatus = strawberry.field(description="OPEN until replied, then REPLIED.")
    reply: str | None = strawberry.field(description="The reply given (答复); null while open.")
    replied_at: dt.datetime | None = strawberry.field(
        description="When it was replied to (ISO-8601 with offset); null while open."
    )
    replied_by_id: strawberry.ID | None = strawberry.field(description="Global id of the User who replied.")
    replied_on_time: bool | None = strawberry.field(description="Replied by the deadline; null until replied.")
    created_at: dt.datetime = strawberry.field(description="When it was recorded (ISO-8601 with offset).")
    _row: strawberry.Private[models.FeedbackItem]

    from_row = row_mapping(models.FeedbackItem, replied_by_id=reference("User", "replied_by_id"))

    @strawberry.field(
        description="The reply with when it was given and when it was entered (补录); a back-dated reply is marked "
        "and audited."
    )
    def recorded_steps(self) -> list[RecordedStep]:
        return recorded_steps(self._row.recorded_steps)

    @strawberry.field(description="Still open after its deadline.")
    def overdue(self) -> bool:
        return self._row.status is models.FeedbackStatus.OPEN and self._row.reply_due_on < today()

    @strawberry.field(description="The meeting where it was raised.")
    async def meeting(self, info: Info) -> PeopleReportMeeting | None:
        row = await load_row(info, models.PeopleReportMeeting, self._row.meeting_id)
        return None if row is None else PeopleReportMeeting.from_row(row)


@strawberry.type(description="Whether one village/community held its 向人民汇报 meeting in one quarter.")
class PeopleReportCompliance:
    area: AreaNode = strawberry.field(description="The village or community.")
    station_id: strawberry.ID = strawberry.field(description="Global id of its station.")
    quarter: str = strawberry.field(description="The calendar quarter, written YYYY-Qn (e.g. 2020-Q3).")
    meetings: int = strawberry.field(description="Meetings held in the quarter.")
    status: MeetingComplianceStatus = strawberry.field(
        description="HELD, MISSING (quarter over without a meeting) or PENDING (quarter not over)."
    )
