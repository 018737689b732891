"""The range of dates the API accepts: 1900-01-01 to 2199-12-31, for every ``Date`` and
``DateTime`` argument. Outside it, converting a day to the deployment's time zone or adding a
day overflows Python's calendar (year 1, year 9999); no station record is that old or that far
ahead. Refused while the request's variables are read, as ``BAD_USER_INPUT``."""

from __future__ import annotations

import datetime as dt

import dateutil.parser
from strawberry.exceptions import StrawberryInputCoercionError
from strawberry.types.scalar import ScalarDefinition

from core.periods import EARLIEST, LATEST

RANGE_TEXT = f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def _in_range(day: dt.date, value: str, type_name: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise StrawberryInputCoercionError(f'Value cannot represent a {type_name}: "{value}". It must be {RANGE_TEXT}.')


def _parser(parse, type_name: str):
    def parse_value(value: object) -> object:
        if not isinstance(value, str):
            raise StrawberryInputCoercionError(f'Value cannot represent a {type_name}: "{value}". Expected a string.')
        try:
            parsed = parse(value)
        except (ValueError, OverflowError):
            raise StrawberryInputCoercionError(f'Value cannot represent a {type_name}: "{value[:40]}".') from None
        _in_range(parsed if type_name == "Date" else parsed.date(), value, type_name)
        return parsed

    return parse_value


def _iso(value: dt.date) -> str:
    return value.isoformat()


DATE = ScalarDefinition(
    name="Date",
    description="Date (isoformat)",
    specified_by_url=None,
    serialize=_iso,
    parse_value=_parser(dt.date.fromisoformat, "Date"),
    parse_literal=None,
    origin=dt.date,
)
DATE_TIME = ScalarDefinition(
    name="DateTime",
    description="Date with time (isoformat)",
    specified_by_url=None,
    serialize=_iso,
    parse_value=_parser(dateutil.parser.isoparse, "DateTime"),
    parse_literal=None,
    origin=dt.datetime,
)
SCALAR_OVERRIDES = {dt.date: DATE, dt.datetime: DATE_TIME}
