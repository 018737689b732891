"""Resident identity numbers (居民身份证号码)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import UserErrorCode, UserInputError
from core.personal.id_number import (
    id_number_check_char,
    make_id_number,
    validate_id_number,
)

CHENGDU = "510101"  # 成都市
QUXIAN = "511725"  # 渠县
MALE_1990 = make_id_number(CHENGDU, date(1990, 1, 1), 123)
FEMALE_1985 = make_id_number(QUXIAN, date(1985, 7, 31), 124)

REGIONS = [CHENGDU, QUXIAN, "110105", "440305", "650102", "810000"]


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(REGIONS))
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)))
    return make_id_number(region, birth, draw(st.integers(0, 999)))


def _rejection(value: str) -> UserInputError:
    with pytest.raises(UserInputError) as caught:
        validate_id_number(value, field="idNumber")
    return caught.value


def _with_check_char(first17: str) -> str:
    return first17 + id_number_check_char(first17)


def test_check_char_matches_the_standard_example():
    # Example number printed in GB 11643-1999.
    assert id_number_check_char("11010519491231002") == "X"


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_char_is_the_weighted_sum_of_gb_11643(first17):
    """The fast sum over ASCII codes gives what the standard's formula gives."""
    total = sum(int(digit) * (2 ** (17 - index) % 11) for index, digit in enumerate(first17))
    assert id_number_check_char(first17) == "10X98765432"[total % 11]


def test_valid_number_is_accepted_and_decoded():
    result = validate_id_number(MALE_1990)
    assert result.value == MALE_1990
    assert result.region_code == CHENGDU
    assert result.birth_date == date(1990, 1, 1)
    assert result.sex == "MALE"


def test_even_sequence_means_female():
    result = validate_id_number(FEMALE_1985)
    assert (result.region_code, result.birth_date, result.sex) == (
        QUXIAN,
        date(1985, 7, 31),
        "FEMALE",
    )


def test_lowercase_x_is_accepted_and_normalised():
    number = "11010519491231002X"
    assert validate_id_number(number.lower()).value == number


def test_surrounding_whitespace_is_stripped():
    assert validate_id_number(f"  {MALE_1990}\n").value == MALE_1990


def test_full_width_digits_are_folded_to_ascii():
    full_width = MALE_1990.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    assert validate_id_number(full_width).value == MALE_1990


@pytest.mark.parametrize("value", [MALE_1990[:17], MALE_1990 + "1", MALE_1990[:15]])
def test_wrong_length_is_rejected(value):
    error = _rejection(value)
    assert "18 characters" in error.message
    assert error.code is UserErrorCode.INVALID


@pytest.mark.parametrize("value", ["51010119900101A23" + "4", "5101011990-1011234", "X10101199001011234"])
def test_non_digits_are_rejected(value):
    assert "only digits" in _rejection(value).message


def test_empty_value_is_required():
    assert _rejection("   ").code is UserErrorCode.REQUIRED


def test_unknown_region_is_rejected():
    assert "region" in _rejection(_with_check_char("00000019900101123")).message


def test_impossible_date_is_rejected():
    assert "birth date" in _rejection(_with_check_char(f"{CHENGDU}19900230123")).message


def test_birth_year_before_1900_is_rejected():
    assert "birth date" in _rejection(make_id_number(CHENGDU, date(1899, 12, 31), 1)).message


def test_future_birth_date_is_rejected():
    future = make_id_number(CHENGDU, date.today() + timedelta(days=400), 1)
    assert "future" in _rejection(future).message


def test_birth_today_is_accepted():
    number = make_id_number(CHENGDU, date(2024, 3, 5), 1)
    assert validate_id_number(number, today=date(2024, 3, 5)).birth_date == date(2024, 3, 5)


def test_wrong_check_digit_is_rejected():
    wrong = MALE_1990[:17] + ("0" if MALE_1990[17] != "0" else "1")
    assert "check digit" in _rejection(wrong).message


def test_error_carries_the_field_path():
    with pytest.raises(UserInputError) as caught:
        validate_id_number(MALE_1990[:17], field="parties.0.idNumber")
    assert caught.value.field == "parties.0.idNumber"


def test_age_goes_up_on_the_birthday():
    person = validate_id_number(make_id_number(CHENGDU, date(2010, 6, 15), 1))
    assert person.age_on(date(2024, 6, 14)) == 13
    assert person.age_on(date(2024, 6, 15)) == 14


def test_minor_until_the_threshold_birthday():
    person = validate_id_number(make_id_number(CHENGDU, date(2010, 6, 15), 1))
    assert person.is_minor_on(date(2024, 6, 14))
    assert not person.is_minor_on(date(2024, 6, 15))
    assert person.is_minor_on(date(2027, 6, 14), threshold=18)


def test_leap_day_birthday_completes_on_1_march_in_common_years():
    person = validate_id_number(make_id_number(CHENGDU, date(2008, 2, 29), 2))
    assert person.age_on(date(2022, 2, 28)) == 13
    assert person.age_on(date(2022, 3, 1)) == 14
    assert person.age_on(date(2024, 2, 29)) == 16


def test_age_before_birth_is_an_error():
    person = validate_id_number(MALE_1990)
    with pytest.raises(ValueError):
        person.age_on(date(1989, 12, 31))


def test_repr_does_not_show_the_full_number():
    assert MALE_1990 not in repr(validate_id_number(MALE_1990))


def test_make_id_number_rejects_bad_arguments():
    with pytest.raises(ValueError):
        make_id_number("5101", date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        make_id_number(CHENGDU, date(1990, 1, 1), 1000)


@given(valid_numbers())
def test_generated_numbers_are_valid(number):
    assert validate_id_number(number).value == number


def _single_changes(number: str) -> list[str]:
    return [
        number[:position] + char + number[position + 1 :]
        for position in range(len(number))
        for char in "0123456789X"
        if char != number[position]
    ]


def _adjacent_transpositions(number: str) -> list[str]:
    return [
        number[:position] + number[position + 1] + number[position] + number[position + 2 :]
        for position in range(len(number) - 1)
        if number[position] != number[position + 1]
    ]


@given(valid_numbers())
def test_every_single_character_change_is_rejected(number):
    for changed in _single_changes(number):
        with pytest.raises(UserInputError):
            validate_id_number(changed)


@given(valid_numbers())
def test_every_adjacent_transposition_is_rejected(number):
    for swapped in _adjacent_transpositions(number):
        with pytest.raises(UserInputError):
            validate_id_number(swapped)


@given(valid_numbers())
def test_error_message_never_contains_the_number(number):
    for changed in _single_changes(number) + _adjacent_transpositions(number):
        with pytest.raises(UserInputError) as caught:
            validate_id_number(changed)
        text = f"{caught.value.message} {caught.value!s} {caught.value!r}"
        # No 6-character window of the number may appear, let alone the whole of it.
        assert not any(changed[i : i + 6] in text for i in range(len(changed) - 5))
