"""Masking (脱敏) of personal data."""

from __future__ import annotations

import pytest

from core.personal.masking import (
    mask,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
)


def test_id_number_keeps_first_and_last_four():
    assert mask_id_number("510101199001011234") == "5101**********1234"


def test_id_number_with_x_keeps_the_x():
    assert mask_id_number("11010519491231002X") == "1101**********002X"


@pytest.mark.parametrize("value", ["", "1", "51010119900", "51010119900101"])
def test_short_id_number_is_masked_fully(value):
    assert mask_id_number(value) == "*" * len(value)


def test_phone_keeps_first_three_and_last_four():
    assert mask_phone("13812345678") == "138****5678"


def test_formatted_phone_is_masked_on_its_digits():
    assert mask_phone("+86 138-1234-5678") == "138****5678"


@pytest.mark.parametrize("value", ["", "1234", "02887654321x", "028-8765"])
def test_malformed_phone_is_masked_fully(value):
    assert set(mask_phone(value)) <= {"*"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("张三丰", "张**"), ("张三", "张*"), ("张", "*"), ("", ""), ("欧阳娜娜", "欧***")],
)
def test_name_keeps_only_the_first_character(value, expected):
    assert mask_name(value) == expected


def test_address_keeps_first_six_characters():
    assert mask_address("四川省成都市武侯区人民南路四段1号") == "四川省成都市****"


def test_short_address_keeps_at_most_half():
    assert mask_address("幸福路3号") == "幸福****"
    assert mask_address("1") == "****"
    assert mask_address("") == ""


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("id_number", "510101199001011234", "5101**********1234"),
        ("phone", "13812345678", "138****5678"),
        ("name", "张三丰", "张**"),
        ("address", "四川省成都市武侯区人民南路", "四川省成都市****"),
        ("text", "邻里因噪音发生争执", "***"),
    ],
)
def test_mask_dispatches_on_kind(kind, value, expected):
    assert mask(kind, value) == expected


@pytest.mark.parametrize("kind", ["id_number", "phone", "name", "address", "text"])
def test_mask_keeps_none(kind):
    assert mask(kind, None) is None


def test_mask_rejects_unknown_kind():
    with pytest.raises(ValueError, match="unknown mask kind"):
        mask("email", "a@b.c")


def test_mask_unknown_kind_fails_even_for_none():
    # A typo in a kind must surface in tests, not only when a value happens to be set.
    with pytest.raises(ValueError):
        mask("nmae", None)


@pytest.mark.parametrize("kind", ["id_number", "phone", "name", "address", "text"])
@pytest.mark.parametrize("value", ["", " ", "x", "12", "\u3000", "a" * 200])
def test_mask_never_raises_on_malformed_values(kind, value):
    assert isinstance(mask(kind, value), str)
