"""Masking (脱敏) of personal data for roles that may not see it in full.

Masking runs on whatever is stored, including legacy or malformed values, so no function
here raises on odd input: when a value does not have the expected shape it is masked
completely rather than partly revealed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MOBILE = re.compile(r"1[0-9]{10}")
_PHONE_NOISE = re.compile(r"[\s\-()]")

# Below this length keeping 4 + 4 characters of an ID number would reveal most of it;
# 15 still covers the old first-generation 15-digit numbers.
_ID_MIN_PARTIAL = 15
_ADDRESS_KEEP = 6


def mask_id_number(value: str) -> str:
    """``510101199001011234`` -> ``5101**********1234`` (region prefix and last 4 kept)."""
    text = value.strip()
    if len(text) < _ID_MIN_PARTIAL:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` -> ``138****5678``; anything not a mobile number is masked fully."""
    digits = _PHONE_NOISE.sub("", value)
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
            break
    if not _MOBILE.fullmatch(digits):
        return "*" * len(value.strip())
    return digits[:3] + "****" + digits[-4:]


def mask_name(value: str) -> str:
    """``张三丰`` -> ``张**``; a one-character name becomes ``*``."""
    text = value.strip()
    if len(text) <= 1:
        return "*" * len(text)
    return text[0] + "*" * (len(text) - 1)


def mask_address(value: str) -> str:
    """Keep the first 6 characters (usually city and district), then ``****``.

    Short addresses keep at most half of their characters, so that e.g. ``幸福路3号``
    is not shown in full.
    """
    text = value.strip()
    if not text:
        return ""
    keep = min(_ADDRESS_KEEP, len(text) // 2)
    return text[:keep] + "****"


def mask_text(value: str) -> str:
    """Free text can hold anything; it is hidden completely."""
    return "***"


_MASKERS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "name": mask_name,
    "address": mask_address,
    "text": mask_text,
}

MASK_KINDS = frozenset(_MASKERS)


def mask(kind: str, value: str | None) -> str | None:
    """Mask ``value`` as ``kind`` (one of ``MASK_KINDS``); ``None`` stays ``None``."""
    try:
        masker = _MASKERS[kind]
    except KeyError:
        raise ValueError(f"unknown mask kind {kind!r}; expected one of {sorted(_MASKERS)}") from None
    if value is None:
        return None
    return masker(value if isinstance(value, str) else str(value))
