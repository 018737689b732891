"""Mainland China mobile numbers (手机号码)."""

from __future__ import annotations

import re
import unicodedata

from core.errors import UserErrorCode, UserInputError

_MOBILE = re.compile(r"1[3-9][0-9]{9}")  # explicit ASCII digits
# Separators people type or paste: spaces and dashes (full-width ones are folded by NFKC).
_SEPARATORS = re.compile(r"[\s\-]")
# Country code forms; only stripped when exactly 11 digits follow, so a bare number that
# happens to start with 86 is never cut.
_COUNTRY_PREFIXES = ("+86", "0086", "86")


def validate_mobile(value: str, *, field: str | None = None) -> str:
    """Validate a mobile number and return its 11 digits.

    Accepts ``+86 138-1234-5678``, ``8613812345678``, ``138 1234 5678`` and the like.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserInputError("Mobile number is required", field=field, code=UserErrorCode.REQUIRED)
    if not isinstance(value, str):
        raise UserInputError("Mobile number must be text", field=field, code=UserErrorCode.INVALID)
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    for prefix in _COUNTRY_PREFIXES:
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    if not _MOBILE.fullmatch(digits):
        raise UserInputError(
            "Mobile number must be 11 digits starting with 13-19",
            field=field,
            code=UserErrorCode.INVALID,
        )
    return digits
