"""Resident identity numbers (居民身份证号码, GB 11643-1999).

Layout of the 18 characters::

    510101 19900101 123 4
    │      │        │   └ check character, ISO 7064 MOD 11-2 (0-9 or X) 校验码
    │      │        └ sequence; odd = male, even = female          顺序码
    │      └ birth date YYYYMMDD                                    出生日期码
    └ region code of first registration (GB/T 2260)                 地址码

Error messages name the part that is wrong but never echo the number: they end up in
API responses and logs, and the number is sensitive personal information.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from operator import mul
from typing import NoReturn

from core.errors import UserErrorCode, UserInputError
from core.personal.masking import mask_id_number

LENGTH = 18
MIN_BIRTH_YEAR = 1900

# Weight of position i (0-based) is 2^(17 - i) mod 11; the remainder of the weighted sum
# mod 11 indexes the check character.
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"
_ASCII_ZEROS = ord("0") * sum(_WEIGHTS)

# Province-level prefixes of GB/T 2260, plus 81/82/83 used by the residence permits of
# Hong Kong, Macao and Taiwan residents (港澳台居民居住证), which share this format.
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)

_SHAPE = re.compile(r"[0-9]{17}[0-9X]")  # explicit ASCII: str.isdigit() accepts ٣ and ³
_DIGITS = re.compile(r"[0-9]+")

# China has a single time zone without daylight saving; "today" is the local date, not
# the server's UTC date, or a child born this morning would have a future birth date.
_CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True, repr=False)
class IdNumber:
    """A validated identity number and what it encodes."""

    value: str
    region_code: str
    birth_date: date
    sex: str  # "MALE" / "FEMALE"

    def age_on(self, day: date) -> int:
        """Age in full years (周岁) on ``day``; the count goes up on the birthday itself.

        A 29 February birthday is completed on 1 March in common years. Note that for
        criminal responsibility (刑事责任年龄) the courts count a year as completed only
        from the day *after* the birthday; callers applying that rule pass ``day - 1``.
        """
        if day < self.birth_date:
            raise ValueError("day is before the birth date")
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def is_minor_on(self, day: date, threshold: int = 14) -> bool:
        """Whether the person is younger than ``threshold`` full years on ``day``."""
        return self.age_on(day) < threshold

    def __repr__(self) -> str:
        # Keep the full number out of logs and tracebacks.
        return f"IdNumber({mask_id_number(self.value)!r}, sex={self.sex})"


def id_number_check_char(first17: str) -> str:
    """Check character (校验码) for the first 17 digits of an identity number."""
    if len(first17) != 17 or not _DIGITS.fullmatch(first17):
        raise ValueError("expected the first 17 digits of an ID number")
    return _check_char(first17)


def _check_char(first17: str) -> str:
    # The weighted sum over the ASCII codes (digit + 48) with map/mul, less 48 times the sum
    # of the weights: no int() per digit and no generator, a third of the time of the
    # plain loop; it runs for every imported resident.
    return _CHECK_CHARS[(sum(map(mul, first17.encode("ascii"), _WEIGHTS)) - _ASCII_ZEROS) % 11]


def make_id_number(region: str, birth: date, sequence: int) -> str:
    """Build a valid number, for fixtures and demo data only.

    ``sequence`` is 0-999; its parity decides the sex (odd = male).
    """
    if len(region) != 6 or not _DIGITS.fullmatch(region):
        raise ValueError("region must be 6 digits")
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be between 0 and 999")
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_number_check_char(first17)


def validate_id_number(value: str, *, field: str | None = None, today: date | None = None) -> IdNumber:
    """Validate and normalise an identity number.

    Surrounding whitespace is stripped, full-width characters (from Chinese input
    methods) are folded to ASCII and a lowercase ``x`` becomes ``X``. ``today`` defaults
    to the current date in China and exists for tests.
    """
    normalised = _normalise(value, field)
    if len(normalised) != LENGTH:
        _fail(f"ID number must be {LENGTH} characters long (got {len(normalised)})", field)
    if not _SHAPE.fullmatch(normalised):
        _fail("ID number may contain only digits, with X allowed as the last character", field)
    if normalised[:2] not in _PROVINCES:
        _fail("ID number has an unknown region code", field)
    birth = _birth_date(normalised[6:14], field, today or datetime.now(_CHINA_TZ).date())
    # The shape check above has already made sure of the 17 ASCII digits.
    if _check_char(normalised[:17]) != normalised[17]:
        _fail("ID number has a wrong check digit", field)
    return IdNumber(
        value=normalised,
        region_code=normalised[:6],
        birth_date=birth,
        sex="MALE" if int(normalised[16]) % 2 else "FEMALE",
    )


def _normalise(value: object, field: str | None) -> str:
    if value is None:
        raise UserInputError("ID number is required", field=field, code=UserErrorCode.REQUIRED)
    if not isinstance(value, str):
        _fail("ID number must be text", field)
    normalised = unicodedata.normalize("NFKC", value).strip().upper()
    if not normalised:
        raise UserInputError("ID number is required", field=field, code=UserErrorCode.REQUIRED)
    return normalised


def _birth_date(digits: str, field: str | None, today: date) -> date:
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        _fail("ID number has an invalid birth date", field)
    if birth.year < MIN_BIRTH_YEAR:
        _fail("ID number has an invalid birth date", field)
    if birth > today:
        _fail("ID number has a birth date in the future", field)
    return birth


def _fail(message: str, field: str | None) -> NoReturn:
    # `from None`: the chained exception could carry the raw input into a traceback.
    raise UserInputError(message, field=field, code=UserErrorCode.INVALID) from None
