"""Mainland China mobile numbers."""

from __future__ import annotations

import pytest

from core.errors import UserErrorCode, UserInputError
from core.personal.phone import validate_mobile


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        " 13812345678 ",
        "138 1234 5678",
        "138-1234-5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "8613812345678",
        "008613812345678",
        "１３８１２３４５６７８",  # full-width digits from a Chinese input method
    ],
)
def test_accepted_forms_normalise_to_11_digits(value):
    assert validate_mobile(value) == "13812345678"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_all_mobile_prefixes_are_accepted(prefix):
    assert validate_mobile(prefix + "912345678") == prefix + "912345678"


@pytest.mark.parametrize("value", ["12812345678", "11812345678", "10812345678", "23812345678"])
def test_invalid_prefixes_are_rejected(value):
    with pytest.raises(UserInputError):
        validate_mobile(value)


@pytest.mark.parametrize("value", ["1381234567", "138123456789", "+861381234567", "86138123456789"])
def test_wrong_length_is_rejected(value):
    with pytest.raises(UserInputError):
        validate_mobile(value)


def test_letters_are_rejected():
    with pytest.raises(UserInputError):
        validate_mobile("1381234567a")


def test_number_starting_with_86_is_not_cut_short():
    # 11 digits never begin with 86; only a 13-digit 86... is a country prefix.
    with pytest.raises(UserInputError):
        validate_mobile("86138123456")


def test_empty_value_is_required():
    with pytest.raises(UserInputError) as caught:
        validate_mobile("  ", field="phone")
    assert caught.value.code is UserErrorCode.REQUIRED
    assert caught.value.field == "phone"


def test_error_carries_field_and_hides_the_value():
    with pytest.raises(UserInputError) as caught:
        validate_mobile("12812345678", field="contact.phone")
    assert caught.value.field == "contact.phone"
    assert caught.value.code is UserErrorCode.INVALID
    assert "12812345678" not in caught.value.message
