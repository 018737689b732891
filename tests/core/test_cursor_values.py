"""A keyset cursor's values must fit the columns they are compared with: anything else is a
``BAD_REQUEST`` before the database sees it (PostgreSQL would refuse it with an error)."""

import json

import pytest
from tortoise import fields

from core.errors import BadRequest
from core.graphql.connections import SeekOrder

ORDER = SeekOrder(
    [
        ("name", False, fields.CharField(max_length=8)),
        ("received_at", True, fields.DatetimeField()),
        ("rank", False, fields.SmallIntField()),
        ("id", False, fields.IntField(primary_key=True)),
    ]
)


def payload(*values) -> str:
    return json.dumps([ORDER.spec, list(values)])


def test_values_that_fit_their_columns_are_read():
    values = ORDER.values(payload("城东所", "2020-08-20T01:00:00+08:00", 3, 2147483647), "after")
    assert values[0] == "城东所" and values[1].isoformat() == "2020-08-19T17:00:00+00:00"
    assert values[2:] == [3, 2147483647]


@pytest.mark.parametrize(
    "values",
    [
        ("a", "2020-08-20T01:00:00+08:00", 3, 2147483648),  # beyond a 32-bit key
        ("a", "2020-08-20T01:00:00+08:00", 70000, 1),  # beyond a small integer
        ("a", "9999-12-31T23:59:59-14:00", 3, 1),  # past the calendar's end in UTC
        ("a", "0001-01-01T00:00:00+14:00", 3, 1),  # before the calendar's start in UTC
        ("a\u0000b", "2020-08-20T01:00:00+08:00", 3, 1),  # NUL, refused by PostgreSQL
        ("\ud800", "2020-08-20T01:00:00+08:00", 3, 1),  # a lone surrogate, not encodable
        ("longer than eight", "2020-08-20T01:00:00+08:00", 3, 1),  # longer than the column
    ],
    ids=["int-key", "small-int", "calendar-end", "calendar-start", "nul", "surrogate", "too-long"],
)
def test_a_value_that_cannot_be_its_column_is_a_bad_request(values):
    with pytest.raises(BadRequest, match="'after' is not a valid cursor."):
        ORDER.values(payload(*values), "after")


@pytest.mark.parametrize("text", ['{"a": 1, "b": 2}', '"ab"', "[1]"])
def test_a_payload_that_is_no_pair_is_not_a_valid_cursor(text):
    with pytest.raises(BadRequest, match="'after' is not a valid cursor."):
        ORDER.values(text, "after")
