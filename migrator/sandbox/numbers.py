"""A pool of realistic, valid, never-repeated phone numbers shared by every emulated vendor.

Numbers are drawn from phonenumbers' own metadata (the example number of each type, with its tail
randomised and checked valid again), so type and country detection later behave as on real data.
A number is owned by at most one account of any vendor, or sits in a vendor's catalogue for sale.
"""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import PhoneNumberType

TYPE_BY_NAME: dict[str, int] = {
    "local": PhoneNumberType.FIXED_LINE,
    "mobile": PhoneNumberType.MOBILE,
    "tollfree": PhoneNumberType.TOLL_FREE,
}
_US_LIKE = {PhoneNumberType.FIXED_LINE_OR_MOBILE}


def number_type(e164: str) -> str:
    """'local', 'mobile', 'tollfree' or 'other' for an E.164 number (US local numbers are
    fixed-or-mobile in phonenumbers' metadata, and count as local)."""
    parsed = phonenumbers.parse(e164)
    kind = phonenumbers.number_type(parsed)
    if kind in (PhoneNumberType.FIXED_LINE, *_US_LIKE):
        return "local"
    if kind == PhoneNumberType.MOBILE:
        return "mobile"
    if kind == PhoneNumberType.TOLL_FREE:
        return "tollfree"
    return "other"


def country_of(e164: str) -> str:
    return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or "ZZ"


class NumberPool:
    """Hands out unique valid numbers. Callers hold the sandbox lock."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def clear(self) -> None:
        self._taken.clear()

    def reserve(self, e164: str) -> None:
        self._taken.add(e164)

    def release(self, e164: str) -> None:
        self._taken.discard(e164)

    def is_taken(self, e164: str) -> bool:
        return e164 in self._taken

    def allocate(
        self, rng: random.Random, country: str, kind: str, area_code: str | None = None
    ) -> str:
        """A new E.164 number of this country and kind ('local', 'mobile', 'tollfree')."""
        wanted = TYPE_BY_NAME[kind]
        example = phonenumbers.example_number_for_type(country, wanted)
        if example is None and kind == "local":
            example = phonenumbers.example_number_for_type(
                country, PhoneNumberType.FIXED_LINE_OR_MOBILE
            )
        if example is None:
            raise ValueError(f"no {kind} numbers exist for {country}")
        national = str(example.national_number)
        prefix_len = max(3, len(national) - 7)
        prefix = area_code if area_code else national[:prefix_len]
        for _ in range(10_000):
            tail_len = len(national) - len(prefix)
            tail = "".join(str(rng.randrange(10)) for _ in range(tail_len))
            candidate = phonenumbers.PhoneNumber(
                country_code=example.country_code, national_number=int(prefix + tail)
            )
            if not phonenumbers.is_valid_number_for_region(candidate, country):
                continue  # +1 800 149... is valid, but in the Dominican Republic's plan
            e164 = phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)
            if e164 in self._taken or not _fits(candidate, wanted):
                continue
            self._taken.add(e164)
            return e164
        raise ValueError(f"could not find a free {kind} number in {country} {prefix}")


def _fits(number: phonenumbers.PhoneNumber, wanted: int) -> bool:
    """True when phonenumbers agrees with the kind, or cannot tell (North American numbers)."""
    kind = phonenumbers.number_type(number)
    return kind == wanted or (kind in _US_LIKE and wanted != PhoneNumberType.TOLL_FREE)
