"""Countries and kinds of numbers from phonenumbers, cached without changing the answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.model.enums import NumberType
from migrator.vendors import number_facts
from migrator.vendors.number_facts import country_of, number_type, parsed


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    number_facts.forget()
    yield
    number_facts.forget()


@pytest.mark.parametrize(
    ("e164", "country"),
    [
        ("+14155550100", "US"),
        ("+14165550199", "CA"),
        ("+442079460958", "GB"),
        ("+441481720000", "GG"),  # +44, but Guernsey by its number range
        ("+61291234567", "AU"),
        ("+4420", "ZZ"),  # too short to parse
    ],
)
def test_countries_are_phonenumbers_own(e164: str, country: str) -> None:
    assert country_of(e164) == country
    assert country_of(e164) == country, "the cached answer is the same"


def test_a_number_that_cannot_be_placed_does_not_decide_its_area_code() -> None:
    assert country_of("+15550000000") == "ZZ"
    assert "+1555" not in number_facts._NANP_COUNTRIES
    assert country_of("+14155550100") == "US"
    assert number_facts._NANP_COUNTRIES["+1415"] == "US", "later +1 415 numbers skip parsing"


def test_kinds_and_forgetting() -> None:
    assert number_type("+442079460958") is NumberType.LOCAL
    assert number_type("+447781123456") is NumberType.MOBILE
    country_of("+442079460958")
    assert number_facts._country.cache_info().currsize == 1
    number_facts.forget()
    assert number_facts._country.cache_info().currsize == 0


def _parse_outcome(parse: Any, text: str) -> object:
    try:
        number = parse(text)
    except phonenumbers.NumberParseException as exc:
        return ("refused", exc.error_type)
    return (number, phonenumbers.region_code_for_number(number))


def _example_numbers() -> list[str]:
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(11):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                found.append(
                    phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
                )
    return found


def test_parsed_is_phonenumbers_parse_for_every_example_number() -> None:
    examples = _example_numbers()
    assert len(examples) > 1000
    for text in examples:
        assert _parse_outcome(parsed, text) == _parse_outcome(phonenumbers.parse, text), text


@settings(max_examples=3000, deadline=None)
@given(st.from_regex(r"\A\+?0?[0-9]{0,19}\Z") | st.text(max_size=24))
def test_parsed_is_phonenumbers_parse_for_any_text(text: str) -> None:
    """Including national prefixes (+44 0..., +44 180020...), leading zeros, codes that are
    not calling codes, and lengths either side of parse's bounds."""
    assert _parse_outcome(parsed, text) == _parse_outcome(phonenumbers.parse, text)
