"""Per-request DataLoaders: every nested object or list is fetched in one query per request
level, whatever the page size (no N+1)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from strawberry.types import Info
from tortoise.functions import Count, Max

from core import scoped
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


def _by_id(info: Info, model: type, key: str, related: Sequence[str] = ()) -> Any:
    async def batch(ids: list[int]) -> list[Any]:
        queryset = scoped(info.context.actor, model).filter(id__in=ids)
        if related:
            queryset = queryset.select_related(*related)
        rows = {row.id: row for row in await queryset}
        return [rows.get(pk) for pk in ids]

    return info.context.loader(batch, key=("party_building", key, model.__name__, tuple(related)))


def _grouped(info: Info, key: str, fetch: Callable[[list[int]], Awaitable[dict[int, Any]]], empty: Any) -> Any:
    async def batch(ids: list[int]) -> list[Any]:
        found = await fetch(ids)
        return [found.get(pk, empty() if callable(empty) else empty) for pk in ids]

    return info.context.loader(batch, key=f"party_building.{key}")


async def branch(info: Info, pk: int) -> Branch | None:
    return await _by_id(info, Branch, "branch").load(pk)


async def member(info: Info, pk: int) -> PartyMember | None:
    return await _by_id(info, PartyMember, "member").load(pk)


async def meeting(info: Info, pk: int) -> PartyMeeting | None:
    return await _by_id(info, PartyMeeting, "meeting").load(pk)


async def post(info: Info, pk: int) -> DutyPost | None:
    return await _by_id(info, DutyPost, "post").load(pk)


async def responsibility(info: Info, pk: int) -> Responsibility | None:
    return await _by_id(info, Responsibility, "responsibility").load(pk)


async def user(info: Info, pk: int) -> Any:
    """A user row; users of another station read as missing."""
    return await _by_id(info, user_model(), "user").load(pk)


async def attendance(info: Info, meeting_id: int) -> list[MeetingAttendance]:
    async def fetch(ids: list[int]) -> dict[int, list[MeetingAttendance]]:
        rows = await scoped(info.context.actor, MeetingAttendance).filter(meeting_id__in=ids).order_by("id")
        grouped: dict[int, list[MeetingAttendance]] = {}
        for row in rows:
            grouped.setdefault(row.meeting_id, []).append(row)
        return grouped

    return await _grouped(info, "attendance", fetch, list).load(meeting_id)


async def branch_members(info: Info, branch_id: int) -> list[PartyMember]:
    async def fetch(ids: list[int]) -> dict[int, list[PartyMember]]:
        rows = await scoped(info.context.actor, PartyMember).filter(branch_id__in=ids).order_by("id")
        grouped: dict[int, list[PartyMember]] = {}
        for row in rows:
            grouped.setdefault(row.branch_id, []).append(row)
        return grouped

    return await _grouped(info, "branch_members", fetch, list).load(branch_id)


async def active_member_count(info: Info, branch_id: int) -> int:
    async def fetch(ids: list[int]) -> dict[int, int]:
        rows = (
            await scoped(info.context.actor, PartyMember)
            .filter(branch_id__in=ids, left_on__isnull=True)
            .annotate(count=Count("id"))
            .group_by("branch_id")
            .values("branch_id", "count")
        )
        return {row["branch_id"]: row["count"] for row in rows}

    return await _grouped(info, "active_member_count", fetch, 0).load(branch_id)


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
