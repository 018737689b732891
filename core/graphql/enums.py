"""GraphQL enums from plain Python enums, with a description for every value."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import strawberry


def graphql_enum(
    python_enum: type[enum.Enum],
    *,
    description: str,
    values: Mapping[str, str],
    name: str | None = None,
    deprecated: Mapping[str, str] | None = None,
) -> type[enum.Enum]:
    """Expose ``python_enum`` in GraphQL; every member must be described (api.md). A value
    retired from the contract stays with ``@deprecated(reason:)`` from ``deprecated``."""
    missing = set(python_enum.__members__) - set(values)
    if missing:
        raise ValueError(f"{python_enum.__name__}: describe every value (missing {sorted(missing)})")
    strawberry.enum(python_enum, name=name, description=description)
    for value in python_enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = values[value.name]
        if deprecated and value.name in deprecated:
            value.deprecation_reason = deprecated[value.name]
    return python_enum
