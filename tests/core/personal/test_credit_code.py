"""Unified social credit codes (统一社会信用代码)."""

from __future__ import annotations

import pytest

from core.errors import UserInputError
from core.personal.credit_code import CHARSET, credit_code_check_char, validate_credit_code

# Codes of large companies as printed on their public business licences.
PUBLISHED_CODES = ["9144030071526726XG", "914403001922038216", "91110000802100433B"]


def _complete(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


def test_charset_has_31_characters_without_i_o_z_s_v():
    assert len(CHARSET) == len(set(CHARSET)) == 31
    assert not set("IOZSV") & set(CHARSET)


@pytest.mark.parametrize("code", PUBLISHED_CODES)
def test_check_char_matches_published_codes(code):
    assert credit_code_check_char(code[:17]) == code[17]


def test_generated_code_is_accepted():
    code = _complete("91510100MA61ABCD0")
    assert validate_credit_code(code) == code


def test_code_is_normalised_to_upper_case_without_whitespace():
    code = _complete("92511725MA6XPQ1R3")
    assert validate_credit_code(f" {code.lower()} ") == code


def test_check_value_31_maps_to_zero():
    # Find a prefix whose weighted sum is divisible by 31: its check char must be "0".
    for tail in CHARSET:
        first17 = "9151010000000000" + tail
        if credit_code_check_char(first17) == "0":
            assert validate_credit_code(first17 + "0") == first17 + "0"
            return
    pytest.fail("no prefix with check character 0 found")


def test_wrong_check_char_is_rejected():
    code = PUBLISHED_CODES[0]
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(UserInputError, match="check character"):
        validate_credit_code(wrong, field="creditCode")


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_excluded_letters_are_rejected(letter):
    code = "91510100MA61ABCD0"[:12] + letter + "BCD0" + "0"
    with pytest.raises(UserInputError, match="I, O, Z, S, V"):
        validate_credit_code(code)


def test_letters_in_region_code_are_rejected():
    with pytest.raises(UserInputError):
        validate_credit_code(_complete("915101A0MA61ABCD0"))


@pytest.mark.parametrize("value", ["9144030071526726X", "9144030071526726XG1"])
def test_wrong_length_is_rejected(value):
    with pytest.raises(UserInputError, match="18 characters"):
        validate_credit_code(value)


def test_error_carries_the_field_path():
    with pytest.raises(UserInputError) as caught:
        validate_credit_code("123", field="org.creditCode")
    assert caught.value.field == "org.creditCode"


def test_check_char_rejects_bad_input():
    with pytest.raises(ValueError):
        credit_code_check_char("9151010000000000I")
