"""What phonenumbers says about a number (country, type), cached for discovery.

Discovery converts tens of thousands of numbers, and parsing one costs tens of microseconds.
Within the North American plan (+1) the area code alone decides the country, so it is looked up
once per area code (a number phonenumbers cannot place is not cached for its area code).
Elsewhere the whole number is needed (+44 is GB, or GG, IM or JE by number range; an invalid
number is nowhere), so each number is looked up once per process, within an LRU bound on memory.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from migrator.model.enums import NumberType

UNKNOWN_COUNTRY = "ZZ"
CACHED_NUMBERS = 1 << 17
"""Numbers outside the North American plan whose facts are kept."""

_PHONENUMBERS_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE: NumberType.LOCAL,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE: NumberType.LOCAL,
    phonenumbers.PhoneNumberType.MOBILE: NumberType.MOBILE,
    phonenumbers.PhoneNumberType.TOLL_FREE: NumberType.TOLLFREE,
}
_NANP_COUNTRIES: dict[str, str] = {}


def country_of(e164: str) -> str:
    """The ISO country of a +E.164 number ("ZZ" when phonenumbers cannot place it)."""
    if not (e164.startswith("+1") and len(e164) == 12):
        return _country(e164)
    area = e164[:5]
    found = _NANP_COUNTRIES.get(area)
    if found is None:
        found = _country(e164)
        if found != UNKNOWN_COUNTRY:
            _NANP_COUNTRIES[area] = found
    return found


def number_type(e164: str) -> NumberType:
    """The kind of number phonenumbers says it is."""
    return _number_type(e164)


def forget() -> None:
    """Empty the caches (a benchmark measuring a first discovery in a process uses this)."""
    _NANP_COUNTRIES.clear()
    _country.cache_clear()
    _number_type.cache_clear()


@lru_cache(maxsize=CACHED_NUMBERS)
def _country(e164: str) -> str:
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or UNKNOWN_COUNTRY
    except phonenumbers.NumberParseException:
        return UNKNOWN_COUNTRY


@lru_cache(maxsize=CACHED_NUMBERS)
def _number_type(e164: str) -> NumberType:
    try:
        kind = phonenumbers.number_type(phonenumbers.parse(e164))
    except phonenumbers.NumberParseException:
        return NumberType.OTHER
    return _PHONENUMBERS_TYPES.get(kind, NumberType.OTHER)
