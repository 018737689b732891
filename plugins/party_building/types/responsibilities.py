"""一岗双责: posts, responsibilities bound to a person and a point, and their checks."""

import datetime as dt

import strawberry
from strawberry.types import Info

from core import Node, UserError, node_type, reference, row_mapping
from plugins.party_building import models
from plugins.party_building.services.common import today
from plugins.party_building.types import loaders
from plugins.party_building.types.common import PartyUserRef, user_ref


@node_type(models.DutyPost, "party_building.responsibility.read")
@strawberry.type(description="岗位 — a post carrying a business duty and a party-conduct responsibility (一岗双责).")
class DutyPost(Node):
    name: str = strawberry.field(description="Name of the post.")
    business_duty: str = strawberry.field(description="业务职责 — the post's police work.")
    party_duty: str = strawberry.field(description="党风廉政建设责任 — its party-conduct responsibility.")
    _row: strawberry.Private[models.DutyPost]

    from_row = row_mapping(models.DutyPost)


@node_type(models.Responsibility, "party_building.responsibility.read")
@strawberry.type(description="A duty of a post bound to a person and a point (责任到人到点), checked on a schedule.")
class Responsibility(Node):
    kind: models.DutyKind = strawberry.field(description="Business duty or party-conduct duty (一岗双责).")
    point: str = strawberry.field(description="责任点 — where or what the person answers for.")
    area_id: strawberry.ID | None = strawberry.field(description="Global id of the Area of the point, if any.")
    description: str = strawberry.field(description="What the person must do.")
    check_cadence: models.Cadence = strawberry.field(
        description="How often it is checked: weekly, monthly or quarterly."
    )
    assigned_on: dt.date = strawberry.field(description="Day it was assigned (deployment time zone).")
    next_check_due: dt.date = strawberry.field(description="The next check is due by this day.")
    _row: strawberry.Private[models.Responsibility]

    from_row = row_mapping(models.Responsibility, area_id=reference("Area", "area_id"))

    @strawberry.field(description="Whether the next check is past due (逾期).")
    def overdue(self) -> bool:
        return self._row.next_check_due < today()

    @strawberry.field(description="Days past the due date; 0 when not overdue.")
    def days_overdue(self) -> int:
        return max((today() - self._row.next_check_due).days, 0)

    @strawberry.field(description="The post.")
    async def post(self, info: Info) -> DutyPost | None:
        row = await loaders.post(info, self._row.post_id)
        return DutyPost.from_row(row) if row else None

    @strawberry.field(description="The person responsible.")
    async def holder(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._row.holder_id)

    @strawberry.field(description="The check recorded last.")
    async def last_check(self, info: Info) -> "ResponsibilityCheck | None":
        row = await loaders.last_check(info, self._row.id)
        return ResponsibilityCheck.from_row(row) if row else None


@node_type(models.ResponsibilityCheck, "party_building.responsibility.read")
@strawberry.type(description="A check of a responsibility: done, or problems found.")
class ResponsibilityCheck(Node):
    checked_on: dt.date = strawberry.field(description="Day of the check (deployment time zone).")
    due_on: dt.date = strawberry.field(description="The due date the check answered.")
    on_time: bool = strawberry.field(description="Checked on or before the due date.")
    outcome: models.CheckOutcome = strawberry.field(description="Done, or problems found.")
    problems: str = strawberry.field(description="Problems found; empty when done.")
    _row: strawberry.Private[models.ResponsibilityCheck]

    from_row = row_mapping(models.ResponsibilityCheck)

    @strawberry.field(description="The responsibility checked.")
    async def responsibility(self, info: Info) -> Responsibility | None:
        row = await loaders.responsibility(info, self._row.responsibility_id)
        return Responsibility.from_row(row) if row else None

    @strawberry.field(description="Who recorded the check.")
    async def checked_by(self, info: Info) -> PartyUserRef | None:
        return await user_ref(info, self._row.checked_by_id)


@strawberry.input(description="Filter for responsibilities.")
class ResponsibilityFilter:
    holder_id: strawberry.ID | None = strawberry.field(default=None, description="Global id of the User.")
    post_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only responsibilities of this post (global id).",
    )
    kind: models.DutyKind | None = strawberry.field(default=None, description="Only this kind of duty.")
    overdue: bool | None = strawberry.field(
        default=None, description="When true, only those whose check is overdue; when false, only those not overdue."
    )


@strawberry.input(description="Filter for responsibility checks.")
class ResponsibilityCheckFilter:
    responsibility_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Only checks of this responsibility (global id).",
    )
    on_time: bool | None = strawberry.field(
        default=None,
        description="True: only checks made by their due date; false: only late ones.",
    )


@strawberry.input(description="A new post with its two duties.")
class CreateDutyPostInput:
    name: str = strawberry.field(description="Name of the post, e.g. 社区民警.")
    business_duty: str = strawberry.field(description="业务职责 — the post's police work.")
    party_duty: str = strawberry.field(description="党风廉政建设责任 — its party-conduct responsibility.")
    station_id: strawberry.ID | None = strawberry.field(default=None, description="Required for bureau admins.")


@strawberry.type(description="Result of createDutyPost.")
class CreateDutyPostPayload:
    post: DutyPost | None = strawberry.field(default=None, description="The post created; null when refused.")
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="Bind a duty of a post to a person and a point, with a check schedule.")
class AssignResponsibilityInput:
    post_id: strawberry.ID = strawberry.field(description="Global id of the duty post.")
    holder_id: strawberry.ID = strawberry.field(description="Global id of an officer's or auxiliary's User.")
    kind: models.DutyKind = strawberry.field(
        description="Which of the post's two duties: business or party conduct (一岗双责)."
    )
    point: str = strawberry.field(description="责任点 — where or what the person answers for, e.g. 枫源村 or 户籍窗口.")
    check_cadence: models.Cadence = strawberry.field(description="The first check is due by the end of this slot.")
    area_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global id of the area of the point, if it is a place.",
    )
    description: str | None = strawberry.field(default=None, description="Default: the post's duty of this kind.")


@strawberry.type(description="Result of assignResponsibility.")
class AssignResponsibilityPayload:
    responsibility: Responsibility | None = strawberry.field(
        default=None,
        description="The responsibility created; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )


@strawberry.input(description="A check of a responsibility.")
class RecordResponsibilityCheckInput:
    responsibility_id: strawberry.ID = strawberry.field(description="Global id of the responsibility checked.")
    outcome: models.CheckOutcome = strawberry.field(description="Done, or problems found (then give problems).")
    checked_on: dt.date | None = strawberry.field(default=None, description="Default: today.")
    problems: str | None = strawberry.field(default=None, description="Required when PROBLEMS_FOUND.")


@strawberry.type(description="Result of recordResponsibilityCheck.")
class RecordResponsibilityCheckPayload:
    check: ResponsibilityCheck | None = strawberry.field(
        default=None,
        description="The check recorded; null when refused.",
    )
    responsibility: Responsibility | None = strawberry.field(
        default=None,
        description="The responsibility with its next due date; null when refused.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused; empty on success (then nothing was written).",
    )
