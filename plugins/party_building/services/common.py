"""Shared rules: which station a change targets, station users, dates and months."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import (
    Actor,
    Period,
    Role,
    UserErrorCode,
    UserInputError,
    current_app,
    get_scoped,
    require_plugin,
    scoped,
)
from core import target_station as core_target_station
from plugins.party_building.models import user_model
from plugins.party_building.settings import PartyBuildingSettings

PLUGIN = "party_building"
# 民警 and 辅警: the people a police party branch, its posts and 警营之星 are about.
STAFF_ROLES = {Role.STATION_CHIEF.value, Role.OFFICER.value, Role.AUXILIARY.value}


def settings() -> PartyBuildingSettings:
    return current_app().plugin_settings(PLUGIN)


def today() -> dt.date:
    return current_app().clock.today()


def now() -> dt.datetime:
    return current_app().clock.now()


async def target_station(actor: Actor, station_id: int | None, *, field: str = "stationId") -> int:
    """The station a new row belongs to (``core.target_station``)."""
    return await core_target_station(actor, station_id, plugin=PLUGIN, field=field)


async def writable(actor: Actor, model: type, pk: int | None, *, field: str, label: str) -> Any:
    """A row the actor may change; for bureau admins, its station must run the plugin."""
    row = await get_scoped(actor, model, pk, field=field, label=label)
    if actor.sees_all_stations:
        await require_plugin(row.station_id, PLUGIN)
    return row


async def station_staff(actor: Actor, user_id: int | None, station_id: int, *, field: str) -> Any:
    """An active 民警/辅警 account of ``station_id``; anyone else reads as not found."""
    user = await scoped(actor, user_model()).get_or_none(pk=user_id, is_active=True) if user_id else None
    if user is None or user.station_id != station_id or not (STAFF_ROLES & set(user.roles)):
        raise UserInputError(
            "No active officer or auxiliary of this station with this id.", field=field, code=UserErrorCode.NOT_FOUND
        )
    return user


def required_text(value: str | None, *, field: str, label: str, max_length: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise UserInputError(f"{label} is required.", field=field, code=UserErrorCode.REQUIRED)
    if max_length is not None and len(text) > max_length:
        raise UserInputError(f"{label} must not exceed {max_length} characters.", field=field)
    return text


def not_in_future(day: dt.date, *, field: str, label: str) -> dt.date:
    if day > today():
        raise UserInputError(f"{label} cannot be in the future.", field=field)
    return day


def month_key(text: str, *, field: str = "month") -> tuple[str, Period]:
    """``("YYYY-MM", Period of that month)`` from a YYYY-MM string."""
    try:
        period = Period.parse_month((text or "").strip())
    except UserInputError:
        raise UserInputError(f"Expected a month as YYYY-MM, got {text!r}.", field=field) from None
    return period.start.strftime("%Y-%m"), period


def in_period(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end
