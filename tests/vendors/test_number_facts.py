"""Countries and kinds of numbers from phonenumbers, cached without changing the answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from migrator.model.enums import NumberType
from migrator.vendors import number_facts
from migrator.vendors.number_facts import country_of, number_type


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
