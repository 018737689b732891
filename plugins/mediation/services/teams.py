"""三级联调 teams: "专业+志愿+调解" — a professional, a volunteer and a people's mediator —
assigned per level, with suggestions by current workload."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from tortoise.functions import Count

from core import Actor, Role, User, UserErrorCode, UserInputError, get_scoped, scoped, snapshot

from ..models import Dispute, MediationCentre, MediatorAssignment, TeamRole
from ..settings import settings
from .common import OPEN_STATUSES, check_transition, get_dispute, load_for, now, record_step
from .riskstate import refresh_risk

# Which user roles can fill which seat of a team.
SEAT_ROLES: dict[TeamRole, frozenset[Role]] = {
    TeamRole.PROFESSIONAL: frozenset({Role.OFFICER, Role.STATION_CHIEF, Role.AUXILIARY}),
    TeamRole.VOLUNTEER: frozenset({Role.VOLUNTEER, Role.GRID_WORKER}),
    TeamRole.PEOPLES_MEDIATOR: frozenset({Role.MEDIATOR}),
}


@dataclasses.dataclass(frozen=True)
class TeamMember:
    user_id: int | None
    team_role: TeamRole


@dataclasses.dataclass(frozen=True)
class Suggestion:
    user: Any
    team_role: TeamRole
    open_disputes: int


async def _team_users(actor: Actor, dispute: Dispute, members: Sequence[TeamMember]) -> list[Any]:
    if not members:
        raise UserInputError("Name the team's members.", field="mediators", code=UserErrorCode.REQUIRED)
    problems: list[UserInputError] = []
    users = {
        user.id: user
        for user in await scoped(actor, User).filter(
            id__in=[m.user_id for m in members if m.user_id is not None], is_active=True
        )
    }
    seen: set[int] = set()
    for index, member in enumerate(members):
        user = users.get(member.user_id)
        if user is None or user.station_id != dispute.station_id:
            problems.append(
                UserInputError("User not found.", field=f"mediators.{index}.userId", code=UserErrorCode.NOT_FOUND)
            )
        elif member.user_id in seen:
            problems.append(
                UserInputError("Listed twice.", field=f"mediators.{index}.userId", code=UserErrorCode.CONFLICT)
            )
        elif not SEAT_ROLES[member.team_role] & {Role(role) for role in user.roles}:
            problems.append(_seat_refused(index, member.team_role))
        seen.add(member.user_id)
    missing = set(TeamRole) - {member.team_role for member in members}
    if settings().require_full_team and missing:
        problems.append(
            UserInputError(
                "A team combines a professional, a volunteer and a people's mediator (专业+志愿+调解); missing: "
                + ", ".join(sorted(role.value for role in missing))
                + ".",
                field="mediators",
            )
        )
    if problems:
        raise UserInputError.many(problems)
    return [users[member.user_id] for member in members]


def _seat_refused(index: int, seat: TeamRole) -> UserInputError:
    # An auxiliary (辅警) is no people's mediator: each seat needs a role that can fill it.
    needed = " or ".join(sorted(role.value for role in SEAT_ROLES[seat]))
    return UserInputError(
        f"This user cannot take the {seat.value} seat of the team; the seat needs a {needed}.",
        field=f"mediators.{index}.teamRole",
    )


async def assign_mediators(
    actor: Actor, dispute_id: int | None, members: Sequence[TeamMember], centre_id: int | None = None
) -> Dispute:
    """Put a team on the dispute at its current level (replacing any team there); IN_MEDIATION."""
    dispute = await load_for(actor, dispute_id, "assign_mediators")
    await _team_users(actor, dispute, members)
    centre = None
    if centre_id is not None:
        centre = await get_scoped(actor, MediationCentre, centre_id, field="centreId", label="Mediation centre")
        if centre.station_id != dispute.station_id:
            raise UserInputError("Mediation centre not found.", field="centreId", code=UserErrorCode.NOT_FOUND)
    before, previous_status = snapshot(dispute), dispute.status
    await MediatorAssignment.filter(dispute_id=dispute.id, active=True).update(active=False)
    moment = now()
    await MediatorAssignment.bulk_create(
        [
            MediatorAssignment(
                station_id=dispute.station_id,
                dispute_id=dispute.id,
                user_id=member.user_id,
                team_role=member.team_role,
                level=dispute.level,
                assigned_at=moment,
            )
            for member in members
        ]
    )
    dispute.status = check_transition(dispute, "assign_mediators")
    if centre is not None:
        dispute.centre = centre
    await refresh_risk(dispute, dispute.risk_level)
    await record_step(actor, dispute, "assign_mediators", before, previous_status)
    return dispute


async def workloads(user_ids: Sequence[int]) -> dict[int, int]:
    """Open disputes per user on active teams, in one grouped query."""
    rows = await (
        MediatorAssignment.filter(user_id__in=list(user_ids), active=True, dispute__status__in=list(OPEN_STATUSES))
        .annotate(open_disputes=Count("dispute_id", distinct=True))
        .group_by("user_id")
        .values("user_id", "open_disputes")
    )
    return {row["user_id"]: row["open_disputes"] for row in rows}


async def suggest_mediators(
    actor: Actor, dispute_id: int | None, team_role: TeamRole | None = None, per_seat: int = 5
) -> list[Suggestion]:
    """Candidates of the dispute's station for each seat, least busy first (then by name)."""
    dispute = await get_dispute(actor, dispute_id)
    users = await scoped(actor, User).filter(station_id=dispute.station_id, is_active=True).order_by("id")
    load = await workloads([user.id for user in users])
    seats = [team_role] if team_role is not None else list(TeamRole)
    suggestions: list[Suggestion] = []
    for seat in seats:
        fitting = [user for user in users if SEAT_ROLES[seat] & {Role(role) for role in user.roles}]
        fitting.sort(key=lambda user: (load.get(user.id, 0), user.display_name, user.id))
        suggestions.extend(Suggestion(user, seat, load.get(user.id, 0)) for user in fitting[:per_seat])
    return suggestions
