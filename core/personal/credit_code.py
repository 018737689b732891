"""Unified social credit codes (统一社会信用代码, GB 32100-2015) of organisations.

Layout of the 18 characters::

    9 1 510100 MA61XXXXX X
    │ │ │      │         └ check character                    校验码
    │ │ │      └ organisation code (9 characters)             主体标识码
    │ │ └ region code, 6 digits (GB/T 2260)                   登记管理机关行政区划码
    │ └ organisation type                                     机构类别代码
    └ registering authority                                   登记管理部门代码
"""

from __future__ import annotations

import re
import unicodedata
from typing import NoReturn

from core.errors import UserErrorCode, UserInputError

# 31 characters: digits and capital letters without I, O, Z, S, V (easily misread).
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18

_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, ...
_VALUES = {char: index for index, char in enumerate(CHARSET)}
_SHAPE = re.compile(f"[{CHARSET}]{{2}}[0-9]{{6}}[{CHARSET}]{{10}}")


def credit_code_check_char(first17: str) -> str:
    """Check character for the first 17 characters of a credit code."""
    if len(first17) != 17 or any(char not in _VALUES for char in first17):
        raise ValueError("expected the first 17 characters of a credit code")
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str, *, field: str | None = None) -> str:
    """Validate a credit code and return it normalised (stripped, upper case)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserInputError("Unified social credit code is required", field=field, code=UserErrorCode.REQUIRED)
    if not isinstance(value, str):
        _fail("Unified social credit code must be text", field)
    code = unicodedata.normalize("NFKC", value).strip().upper()
    if len(code) != LENGTH:
        _fail(f"Unified social credit code must be {LENGTH} characters long (got {len(code)})", field)
    if not _SHAPE.fullmatch(code):
        _fail(
            "Unified social credit code may contain only digits and capital letters other "
            "than I, O, Z, S, V, with digits in positions 3-8",
            field,
        )
    if credit_code_check_char(code[:17]) != code[17]:
        _fail("Unified social credit code has a wrong check character", field)
    return code


def _fail(message: str, field: str | None) -> NoReturn:
    raise UserInputError(message, field=field, code=UserErrorCode.INVALID)
