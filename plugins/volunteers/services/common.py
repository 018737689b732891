"""Helpers shared by the services: the target station and areas, input checks, dates and quarters."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from core import (
    Actor,
    Area,
    AreaKind,
    Period,
    User,
    UserErrorCode,
    UserInputError,
    attachable,
    current_app,
    get_scoped,
    require_plugin,
    scoped,
)
from core import target_station as core_target_station

PLUGIN = "volunteers"
VILLAGE_KINDS = (AreaKind.VILLAGE, AreaKind.COMMUNITY)


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"

    def __bool__(self) -> bool:
        return False


# Marks an update argument the caller did not give (as opposed to None, which clears a value).
UNCHANGED: Any = _Unchanged()


def given(value: Any) -> bool:
    return value is not UNCHANGED


def settings():
    return current_app().plugin_settings(PLUGIN)


def clock():
    return current_app().clock


def today() -> dt.date:
    return clock().today()


def local_date(moment: dt.datetime) -> dt.date:
    return clock().local(moment).date()


# --- problems -----------------------------------------------------------------------------------


class Problems:
    """Collects input problems so the caller sees all of them at once."""

    def __init__(self) -> None:
        self.items: list[UserInputError] = []

    def add(self, message: str, field: str | None, code: UserErrorCode = UserErrorCode.INVALID) -> None:
        self.items.append(UserInputError(message, field=field, code=code))

    def check(self, call, *args, **kwargs) -> Any:
        """Run a validator; record its UserInputError instead of raising it."""
        try:
            return call(*args, **kwargs)
        except UserInputError as error:
            self.items.extend(error.problems)
            return None

    def raise_any(self) -> None:
        if self.items:
            raise UserInputError.many(self.items)


def text(
    value: str | None,
    field: str,
    label: str,
    *,
    max_length: int,
    required: bool = True,
    problems: Problems | None = None,
) -> str | None:
    """Trimmed text within ``max_length``; None for blank optional text."""
    cleaned = (value or "").strip()
    error = None
    if not cleaned and required:
        error = UserInputError(f"{label} is required.", field=field, code=UserErrorCode.REQUIRED)
    elif len(cleaned) > max_length:
        error = UserInputError(f"{label} may hold at most {max_length} characters.", field=field)
    if error is not None:
        if problems is None:
            raise error
        problems.items.append(error)
    return cleaned or None


def not_found(label: str, field: str | None) -> UserInputError:
    return UserInputError(f"{label} not found.", field=field, code=UserErrorCode.NOT_FOUND)


# --- stations and areas -------------------------------------------------------------------------


async def target_station(actor: Actor, station_id: int | None, *, field: str = "stationId") -> int:
    """The station a new row goes to (``core.target_station``)."""
    return await core_target_station(actor, station_id, plugin=PLUGIN, field=field)


async def station_runs_plugin(actor: Actor, station_id: int) -> None:
    """A station user's own station is checked by the core; a bureau admin's target is not."""
    if actor.sees_all_stations:
        await require_plugin(station_id, PLUGIN)


async def area_of_station(
    actor: Actor, area_id: int, station_id: int | None, *, field: str, kinds: Sequence[AreaKind] | None = None
) -> Area:
    """An area the actor reaches, of ``station_id`` when given, of one of ``kinds``."""
    area = await attachable(actor, Area, area_id, station_id=station_id, field=field, label="Area")
    if kinds is not None and area.kind not in kinds:
        raise UserInputError(f"Choose an area of kind {' or '.join(kind.value for kind in kinds)}.", field=field)
    return area


async def areas_of_station(actor: Actor, area_ids: Iterable[int], station_id: int, *, field: str) -> list:
    wanted = list(dict.fromkeys(area_ids))
    rows = {row.id: row for row in await scoped(actor, Area).filter(id__in=wanted)} if wanted else {}
    problems = Problems()
    for index, area_id in enumerate(wanted):
        row = rows.get(area_id)
        if row is None or row.station_id != station_id:
            problems.add("Area not found.", f"{field}.{index}", UserErrorCode.NOT_FOUND)
    problems.raise_any()
    return [rows[area_id] for area_id in wanted]


async def user_of_station(actor: Actor, user_id: int, station_id: int, *, field: str):
    user = await get_scoped(actor, User, user_id, field=field, label="User")
    if user.station_id != station_id:
        raise not_found("User", field)
    return user


# --- dates and quarters -------------------------------------------------------------------------


def not_in_future(day: dt.date | None, field: str, label: str, problems: Problems | None = None) -> None:
    if day is not None and day > today():
        error = UserInputError(f"{label} cannot be in the future.", field=field)
        if problems is None:
            raise error
        problems.items.append(error)


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@dataclasses.dataclass(frozen=True)
class Quarter:
    label: str
    start: dt.date
    end: dt.date

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first_month, 1)
        following = dt.date(day.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
        return cls(quarter_of(day), start, following - dt.timedelta(days=1))

    def previous(self) -> Quarter:
        return Quarter.of(self.start - dt.timedelta(days=1))

    def next(self) -> Quarter:
        return Quarter.of(self.end + dt.timedelta(days=1))

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)


def quarters_overlapping(period: Period) -> list[Quarter]:
    quarters = [Quarter.of(period.start)]
    while quarters[-1].end < period.end:
        quarters.append(quarters[-1].next())
    return quarters


def period_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return period.bounds(clock())
