"""Building blocks of the plugin's GraphQL types: per-request loaders and argument helpers."""

import contextlib
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

import strawberry
from strawberry.types import Info

from core import FeatureDisabled, PeriodInput, UserErrorCode, UserInputError, to_global_id


def gid(type_name: str, pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(to_global_id(type_name, pk))


def load(info: Info, key: str, batch: Callable[[list[Any]], Awaitable[list[Any]]], value: Any) -> Awaitable[Any]:
    """Load ``value`` through the request's DataLoader named ``volunteers.<key>``."""
    return info.context.loader(batch, key=f"volunteers.{key}").load(value)


def period_key(period: PeriodInput) -> str:
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def grouped(rows: Sequence[Any], column: str, keys: Sequence[int]) -> list[list[Any]]:
    by_key: dict[int, list[Any]] = {key: [] for key in keys}
    for row in rows:
        by_key[getattr(row, column)].append(row)
    return [by_key[key] for key in keys]


@contextlib.contextmanager
def feature_errors() -> Iterator[None]:
    """A query naming a station that does not run the plugin answers FEATURE_DISABLED, as the
    core does for the caller's own station; other refused arguments are left to the core."""
    try:
        yield
    except UserInputError as error:
        if error.code is UserErrorCode.FEATURE_DISABLED:
            raise FeatureDisabled(error.message) from None
        raise
