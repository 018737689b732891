"""Opaque global ids: base64 of ``TypeName:pk``."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from core.errors import UserErrorCode, UserInputError


def to_global_id(type_name: str, pk: int | str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[str, str]:
    """``(type name, pk)``; raises ``ValueError`` for anything that is not one of our ids."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, pk = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ValueError("not a global id") from None
    if not type_name or not pk:
        raise ValueError("not a global id")
    return type_name, pk


# Primary keys are 64-bit signed integers in every supported database.
MAX_PK = 2**63 - 1


def pk_number(pk: str) -> int:
    """The integer primary key written in a global id; ``ValueError`` for anything but plain
    decimal digits of a positive 64-bit number (no sign, spaces, underscores or other scripts'
    digits, which ``int()`` would accept)."""
    if not (pk.isascii() and pk.isdigit() and len(pk) <= 19):
        raise ValueError("not a primary key")
    number = int(pk)
    if not 0 < number <= MAX_PK:
        raise ValueError("not a primary key")
    return number


def within_pk_range(model: Any, number: int) -> bool:
    """True when ``number`` fits the model's primary-key column: ``User:2147483648`` names no
    user (a 32-bit key), and PostgreSQL would refuse the comparison instead of finding nothing."""
    highest = model._meta.pk.constraints.get("le", MAX_PK)
    return 0 < number <= highest


def _fits_node_key(type_name: str, number: int) -> bool:
    """Whether ``number`` fits the key column of the node type's model, so that a hand-written
    ``filter(pk=...)`` with a decoded id never sends PostgreSQL a key its column cannot hold."""
    from core.graphql.relay import NODE_TYPES

    registration = NODE_TYPES.get(type_name)
    return registration is None or within_pk_range(registration.model, number)


def decode_id(global_id: str | None, type_name: str, *, field: str, required: bool = True) -> int | None:
    """The integer pk of a global id of ``type_name``, or a ``UserInputError`` naming ``field``.

    An id of another type is reported as not found, like an id that does not exist.
    """
    if global_id is None or global_id == "":
        if required:
            raise UserInputError(f"{field} is required.", field=field, code=UserErrorCode.REQUIRED)
        return None
    try:
        found_type, pk = from_global_id(str(global_id))
        if found_type != type_name:
            raise ValueError
        number = pk_number(pk)
        if not _fits_node_key(type_name, number):
            raise ValueError
        return number
    except ValueError:
        raise UserInputError(f"No {type_name} with this id.", field=field, code=UserErrorCode.NOT_FOUND) from None
