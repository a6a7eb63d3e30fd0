"""What phonenumbers says about a number (country, type), cached for discovery.

Discovery converts tens of thousands of numbers, and parsing one costs tens of microseconds.
Within the North American plan (+1) the area code alone decides the country, so it is looked up
once per area code (a number phonenumbers cannot place is not cached for its area code).
Elsewhere the whole number is needed (+44 is GB, or GG, IM or JE by number range; an invalid
number is nowhere), so each number is looked up once per process, within an LRU bound on memory.

What a vendor lists is canonical E.164 ("+" and digits), which `phonenumbers.parse` handles with
all the generality of text typed by a person (spaces, extensions, national prefixes, ...), at
about half the cost of a first lookup. `parsed` builds the same PhoneNumber directly when the
number can hold none of that, and leaves everything else to `phonenumbers.parse`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneNumber
from phonenumbers.phonemetadata import PhoneMetadata

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
        return phonenumbers.region_code_for_number(parsed(e164)) or UNKNOWN_COUNTRY
    except phonenumbers.NumberParseException:
        return UNKNOWN_COUNTRY


@lru_cache(maxsize=CACHED_NUMBERS)
def _number_type(e164: str) -> NumberType:
    try:
        kind = phonenumbers.number_type(parsed(e164))
    except phonenumbers.NumberParseException:
        return NumberType.OTHER
    return _PHONENUMBERS_TYPES.get(kind, NumberType.OTHER)


MIN_NATIONAL, MAX_NATIONAL = 2, 17
"""The national number lengths phonenumbers.parse accepts (its _MIN/_MAX_LENGTH_FOR_NSN)."""


def parsed(e164: str) -> PhoneNumber:
    """phonenumbers.parse(e164), which it is (raising what it raises) for any text.

    For "+" and digits, parse takes the country calling code as the shortest of the first one
    to three digits that is one, and keeps the rest as the national number unless it starts
    with 0 (an Italian-style leading zero) or with the national prefix of the code's main
    region (stripped when what is left has a valid length). Where neither can happen and the
    length is within parse's bounds, the result is that PhoneNumber, built directly."""
    digits = e164[1:]
    if e164[:1] == "+" and digits.isdigit() and digits.isascii() and digits[:1] != "0":
        for size in (1, 2, 3):
            code = int(digits[:size])
            if code in COUNTRY_CODE_TO_REGION_CODE:
                national = digits[size:]
                if (
                    MIN_NATIONAL <= len(national) <= MAX_NATIONAL
                    and national[0] != "0"
                    and not _national_prefix_at_start(code, national)
                ):
                    return PhoneNumber(country_code=code, national_number=int(national))
                break
    return phonenumbers.parse(e164)


def _national_prefix_at_start(code: int, national: str) -> bool:
    prefix = _national_prefix(code)
    return prefix is not None and prefix.match(national) is not None


@cache
def _national_prefix(code: int) -> re.Pattern[str] | None:
    """What parse would try to strip from a national number of this calling code."""
    region = phonenumbers.region_code_for_country_code(code)
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    pattern = metadata.national_prefix_for_parsing if metadata is not None else None
    return re.compile(pattern) if pattern else None
