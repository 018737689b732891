"""Figures about people's work: what party building tells other plugins, and the evidence
other plugins give for a 警营之星 nomination (through the core hook, never by import)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from tortoise.functions import Count, Sum

from core import Period, UserContribution, current_app
from plugins.party_building.models import AttendanceStatus, MeetingAttendance
from plugins.party_building.services.common import PLUGIN, settings

log = logging.getLogger("fengqiao.party_building")
HOOK = "fengqiao_user_contributions"


async def own_contributions(station_id: int, user_ids: Sequence[int], period: Period) -> list[UserContribution]:
    """Study hours and study sessions attended per user in ``period`` (one grouped query)."""
    rows = (
        await MeetingAttendance.filter(
            station_id=station_id,
            status=AttendanceStatus.PRESENT,
            member__user_id__in=list(user_ids),
            meeting__held_on__gte=period.start,
            meeting__held_on__lte=period.end,
            meeting__meeting_type__in=list(settings().study_meeting_types),
        )
        .annotate(hours=Sum("meeting__duration_hours"), sessions=Count("id"))
        .group_by("member__user_id")
        .values("member__user_id", "hours", "sessions")
    )
    result = []
    for row in rows:
        user_id = row["member__user_id"]
        result.append(UserContribution(user_id, PLUGIN, "学习时长 study hours", round(float(row["hours"] or 0), 2)))
        result.append(UserContribution(user_id, PLUGIN, "参加学习 study sessions attended", float(row["sessions"])))
    return result


async def evidence(
    station_id: int, user_ids: Iterable[int], period: Period, *, enabled: frozenset[str] | None
) -> dict[int, list[UserContribution]]:
    """Every plugin's public figures for ``user_ids``; plugins the station does not run
    (``enabled``; None: unknown, keep all) are left out. A plugin that fails costs the
    evidence, never the nominations."""
    wanted = list(dict.fromkeys(user_ids))
    found: dict[int, list[UserContribution]] = {user_id: [] for user_id in wanted}
    if not wanted:
        return found
    try:
        answers = await current_app().plugins.acall_each(HOOK, station_id=station_id, user_ids=wanted, period=period)
    except Exception:  # noqa: BLE001 — another plugin's failure must not break the nominations
        log.exception("collecting user contributions for station %s failed", station_id)
        return found
    for plugin, items in answers:
        if enabled is not None and plugin.name not in enabled:
            continue
        for item in items or []:
            if isinstance(item, UserContribution) and item.user_id in found:
                found[item.user_id].append(item)
    return found
