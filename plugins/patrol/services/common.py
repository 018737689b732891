"""Helpers shared by the patrol services: time, settings, stations, areas, users, validation."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from tortoise.models import Model

from core import (
    Actor,
    GeoPointInput,
    UserErrorCode,
    UserInputError,
    current_app,
    get_scoped,
    keyed_hash,
    validate_id_number,
    validate_mobile,
)
from core import target_station as core_target_station
from plugins.patrol import models

PLUGIN = "patrol"


def now() -> dt.datetime:
    return current_app().clock.now()


def today() -> dt.date:
    return current_app().clock.today()


def local_date(moment: dt.datetime) -> dt.date:
    return current_app().clock.local(moment).date()


def settings() -> Any:
    return current_app().plugin_settings(PLUGIN)


def area_model() -> type[Model]:
    """The core's Area model, reached through our own foreign key (the core exports no model)."""
    return models.Incident._meta.fields_map["area"].related_model


def user_model() -> type[Model]:
    return models.Incident._meta.fields_map["assignee"].related_model


async def get_area(actor: Actor, area_id: int | None, *, field: str = "areaId") -> Any:
    return await get_scoped(actor, area_model(), area_id, field=field, label="Area")


async def get_station_user(actor: Actor, user_id: int, station_id: int, *, field: str) -> Any:
    """A user account of ``station_id`` the actor may reach."""
    user = await get_scoped(actor, user_model(), user_id, field=field, label="User")
    require_same_station(station_id, user, field=field, label="User")
    return user


def require_same_station(station_id: int, row: Any, *, field: str, label: str) -> None:
    """Rows of another station read as missing, even for deployment-wide actors mixing them."""
    if row is not None and row.station_id != station_id:
        raise UserInputError(f"{label} not found.", field=field, code=UserErrorCode.NOT_FOUND)


async def target_station(actor: Actor, row: Any = None, *, field: str = "areaId") -> int:
    """The station a change goes to: the referenced row's, else the actor's own
    (``core.target_station``); a bureau admin writes through a row of the station."""
    return await core_target_station(actor, plugin=PLUGIN, row=row, field=field)


async def taken(model: type[Model], station_id: int, **fields: Any) -> bool:
    """Whether a row of ``station_id`` already holds these values.

    Deliberately not scoped to the actor: uniqueness must see every row of the station,
    including rows the actor may not read (people under 14), or the insert would fail later.
    It answers only yes or no.
    """
    return await model.filter(station_id=station_id, **fields).exists()


def required_text(value: str | None, *, field: str, label: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise UserInputError(f"{label} is required.", field=field, code=UserErrorCode.REQUIRED)
    if len(text) > max_length:
        raise UserInputError(f"{label} may have at most {max_length} characters.", field=field)
    return text


def optional_text(value: str | None, *, field: str, label: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise UserInputError(f"{label} may have at most {max_length} characters.", field=field)
    return text


def point_of(location: GeoPointInput | None, latitude: float | None, longitude: float | None) -> GeoPointInput | None:
    """The point of a write: ``location`` (any datum) or the older WGS-84 latitude/longitude pair."""
    if location is not None:
        if latitude is not None or longitude is not None:
            raise UserInputError("Give location or latitude/longitude, not both.", field="location")
        return location
    check_coordinates(latitude, longitude)
    if latitude is None or longitude is None:
        return None
    return GeoPointInput(longitude=longitude, latitude=latitude)


def check_coordinates(latitude: float | None, longitude: float | None, *, field: str = "latitude") -> None:
    if (latitude is None) != (longitude is None):
        raise UserInputError("Give both latitude and longitude, or neither.", field=field)
    if latitude is not None and not -90 <= latitude <= 90:
        raise UserInputError("Latitude must be between -90 and 90.", field=field)
    if longitude is not None and not -180 <= longitude <= 180:
        raise UserInputError("Longitude must be between -180 and 180.", field=field.replace("latitude", "longitude"))


def not_in_future(moment: dt.datetime | None, *, field: str, label: str) -> dt.datetime:
    """``moment`` (default: now), refused when it lies in the future."""
    current = now()
    if moment is None:
        return current
    if moment.tzinfo is None:
        raise UserInputError(f"{label} needs a time-zone offset.", field=field)
    if moment > current:
        raise UserInputError(f"{label} cannot be in the future.", field=field)
    return moment


def not_before(moment: dt.datetime, earlier: dt.datetime | None, *, field: str, label: str, what: str) -> None:
    if earlier is not None and moment < earlier:
        raise UserInputError(f"{label} cannot be before {what}.", field=field)


def address_key(text: str) -> str:
    """Fold an address for comparison: full-width to ASCII (NFKC), no whitespace, upper case,
    so that "滨江花园 3栋" and "滨江花园３栋" are the same standard address."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def id_number_fields(value: str | None, *, field: str, required: bool = False) -> dict[str, Any]:
    """Validated ``id_number``, its keyed hash and the birth date and sex it encodes."""
    if value is None or not value.strip():
        if required:
            raise UserInputError("ID number is required.", field=field, code=UserErrorCode.REQUIRED)
        return {"id_number": None, "id_number_hash": None, "birth_date": None, "sex": ""}
    number = validate_id_number(value, field=field, today=today())
    return {
        "id_number": number.value,
        "id_number_hash": keyed_hash("id_number", number.value),
        "birth_date": number.birth_date,
        "sex": number.sex,
    }


def phone_fields(value: str | None, *, field: str) -> tuple[str | None, str | None]:
    """Validated mobile number and its keyed hash, or ``(None, None)`` when absent."""
    if value is None or not value.strip():
        return None, None
    phone = validate_mobile(value, field=field)
    return phone, keyed_hash("phone", phone)


def raise_all(problems: Iterable[UserInputError]) -> None:
    problems = list(problems)
    if problems:
        raise UserInputError.many(problems)


def age_on(birth_date: dt.date | None, day: dt.date) -> int | None:
    if birth_date is None:
        return None
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def grace_delta() -> dt.timedelta:
    """How late a patrol check-in may be and still count as on time."""
    return dt.timedelta(minutes=settings().checkin_grace_minutes)
