"""Helpers of the root query resolvers: optional filters, day ranges, argument decoding."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from core import Period, PeriodInput, current_app, decode_id


def optional_id(value: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return decode_id(value, type_name, field=f"filter.{field}", required=False)


def filtered(queryset: QuerySet, **conditions: Any) -> QuerySet:
    """Apply the conditions whose value was given (None means "any")."""
    given = {key: value for key, value in conditions.items() if value is not None}
    return queryset.filter(**given) if given else queryset


def day_range(field: str, first: dt.date | None, last: dt.date | None) -> Q:
    clock, condition = current_app().clock, Q()
    if first is not None:
        condition &= Q(**{f"{field}__gte": clock.start_of(first)})
    if last is not None:
        condition &= Q(**{f"{field}__lt": clock.start_of(last + dt.timedelta(days=1))})
    return condition


def station_arg(station_id: strawberry.ID | None) -> int | None:
    return decode_id(station_id, "Station", field="stationId", required=False)


def period_arg(period: PeriodInput) -> Period:
    return period.to_period()
