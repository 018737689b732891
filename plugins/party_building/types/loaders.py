"""Per-request DataLoaders: every nested object or list is fetched in one query per request
level, whatever the page size (no N+1)."""

from collections.abc import Awaitable, Callable
from typing import Any

from strawberry.types import Info
from tortoise.functions import Max

from core import count_children, load_children, load_row, scoped
from plugins.party_building.models import (
    Branch,
    DutyPost,
    MeetingAttendance,
    PartyMeeting,
    PartyMember,
    Responsibility,
    ResponsibilityCheck,
    user_model,
)


def _grouped(info: Info, key: str, fetch: Callable[[list[int]], Awaitable[dict[int, Any]]], empty: Any) -> Any:
    async def batch(ids: list[int]) -> list[Any]:
        found = await fetch(ids)
        return [found.get(pk, empty() if callable(empty) else empty) for pk in ids]

    return info.context.loader(batch, key=f"party_building.{key}")


async def branch(info: Info, pk: int) -> Branch | None:
    return await load_row(info, Branch, pk)


async def member(info: Info, pk: int) -> PartyMember | None:
    return await load_row(info, PartyMember, pk)


async def meeting(info: Info, pk: int) -> PartyMeeting | None:
    return await load_row(info, PartyMeeting, pk)


async def post(info: Info, pk: int) -> DutyPost | None:
    return await load_row(info, DutyPost, pk)


async def responsibility(info: Info, pk: int) -> Responsibility | None:
    return await load_row(info, Responsibility, pk)


async def user(info: Info, pk: int) -> Any:
    """A user row; users of another station read as missing."""
    return await load_row(info, user_model(), pk)


async def attendance(info: Info, meeting_id: int) -> list[MeetingAttendance]:
    return await load_children(info, MeetingAttendance, "meeting_id", meeting_id)


async def branch_members(info: Info, branch_id: int) -> list[PartyMember]:
    return await load_children(info, PartyMember, "branch_id", branch_id)


async def active_member_count(info: Info, branch_id: int) -> int:
    return await count_children(info, PartyMember, "branch_id", branch_id, where={"left_on__isnull": True})


async def last_check(info: Info, responsibility_id: int) -> ResponsibilityCheck | None:
    async def fetch(ids: list[int]) -> dict[int, ResponsibilityCheck]:
        checks = scoped(info.context.actor, ResponsibilityCheck)
        latest = (
            await checks.filter(responsibility_id__in=ids)
            .annotate(last_id=Max("id"))
            .group_by("responsibility_id")
            .values_list("last_id", flat=True)
        )
        rows = await checks.filter(id__in=list(latest)) if latest else []
        return {row.responsibility_id: row for row in rows}

    return await _grouped(info, "last_check", fetch, None).load(responsibility_id)
