"""Numbers an emulated Twilio account can buy.

Twilio's inventory is endless from a customer's point of view, so the catalogue is filled on
demand: a search that finds too few unsold numbers makes more, with its area code and Contains
digits, from the sandbox's shared number pool (see `migrator.sandbox.stock`), seeded by the
search so the same searches give the same numbers. Any real North American area code has stock;
one that does not exist has none. A bought number leaves the catalogue.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import phonenumbers

from migrator.sandbox.numbers import NumberPool
from migrator.sandbox.stock import Digits, Shelf, calling_code, make
from migrator.sandbox.twilio.places import AREAS, US_TOLL_FREE, Place, place_of

_CAPS: dict[tuple[str, str], frozenset[str]] = {
    ("US", "local"): frozenset({"voice", "sms", "mms"}),
    ("US", "tollfree"): frozenset({"voice", "sms", "mms"}),
    ("CA", "local"): frozenset({"voice", "sms", "mms"}),
    ("CA", "tollfree"): frozenset({"voice", "sms"}),
    ("GB", "local"): frozenset({"voice"}),
    ("GB", "mobile"): frozenset({"voice", "sms"}),
    ("AU", "mobile"): frozenset({"voice", "sms"}),
}
_DEFAULT_CAPS = {
    "local": frozenset({"voice"}),
    "mobile": frozenset({"voice", "sms"}),
    "tollfree": frozenset({"voice"}),
}
NO_MOBILE = frozenset({"US", "CA"})
"""North American numbers are sold as local or toll-free only."""

_KEYPAD = {c: d for d, letters in {
    "2": "abc", "3": "def", "4": "ghi", "5": "jkl", "6": "mno", "7": "pqrs", "8": "tuv", "9": "wxyz"
}.items() for c in letters}  # fmt: skip


def capabilities_of(country: str, kind: str) -> dict[str, bool]:
    """What a number of this country and type can do (voice, sms, mms, fax)."""
    caps = _CAPS.get((country, kind), _DEFAULT_CAPS[kind])
    return {name: name in caps for name in ("voice", "sms", "mms", "fax")}


def contains_digits(pattern: str) -> str:
    """Twilio's Contains as digits: letters become their keypad digits, '*' stays any digit."""
    return "".join(_KEYPAD.get(c.lower(), c) for c in pattern if c != "+")


def area_code_of(e164: str) -> str | None:
    """The area code of a number in a country we keep places for (NANP: 3 digits)."""
    parsed = phonenumbers.parse(e164)
    region = phonenumbers.region_code_for_number(parsed)
    national = str(parsed.national_number)
    if region in ("US", "CA"):
        return national[:3]
    for code in AREAS.get(region or "", {}):
        if national.startswith(code):
            return code
    return None


@dataclass(frozen=True)
class AvailableNumber:
    e164: str
    country: str
    kind: str
    capabilities: dict[str, bool]
    place: Place | None

    @property
    def digits(self) -> str:
        return self.e164.lstrip("+")


class Catalogue:
    """One account's view of Twilio's number inventory. Callers hold the sandbox lock."""

    MOST_PER_SEARCH = 2000
    """Numbers one search (country, type, area code, digits) makes at most."""

    def __init__(self, seed: str) -> None:
        self._seed = seed
        self._shelf: Shelf[AvailableNumber] = Shelf()

    def __len__(self) -> int:
        return len(self._shelf)

    def get(self, e164: str) -> AvailableNumber | None:
        return self._shelf.get(e164)

    def take(self, e164: str) -> AvailableNumber | None:
        """Remove a number from sale (it is being bought)."""
        return self._shelf.take(e164)

    def search(
        self,
        pool: NumberPool,
        country: str,
        kind: str,
        *,
        area_code: str | None = None,
        contains: str | None = None,
        wanted: dict[str, bool] | None = None,
        limit: int = 50,
    ) -> list[AvailableNumber]:
        """Unsold numbers matching every filter, making more while too few match."""
        if kind == "mobile" and country in NO_MOBILE:
            return []
        caps = capabilities_of(country, kind)
        if any(caps[name] != value for name, value in (wanted or {}).items()):
            return []
        if area_code and not area_code.isdigit():
            return []
        inside = contains_digits(contains) if contains else ""
        if inside and not re.fullmatch(r"[0-9*]+", inside):
            return []
        # Twilio's Contains applies to the whole number; numbers showing the digits in their
        # national part are among those it finds.
        digits = Digits(starts=area_code or "", contains=inside)
        key = (country, kind, digits)
        national_from = 1 + len(calling_code(country))

        def accept(number: AvailableNumber) -> bool:
            return (
                number.country == country
                and number.kind == kind
                and digits.matches(number.e164[national_from:])
            )

        def make_one(serial: int) -> AvailableNumber | None:
            rng = random.Random(f"{self._seed}:{country}:{kind}:{digits}:{serial}")
            e164 = make(pool, rng, country, kind, digits, self._default_prefixes(country, kind))
            if e164 is None:
                return None
            return AvailableNumber(
                e164=e164,
                country=country,
                kind=kind,
                capabilities=capabilities_of(country, kind),
                place=place_of(country, area_code_of(e164)),
            )

        return self._shelf.find(key, accept, limit, make_one, self.MOST_PER_SEARCH)[:limit]

    @staticmethod
    def _default_prefixes(country: str, kind: str) -> tuple[str, ...]:
        if kind == "tollfree" and country == "US":
            return US_TOLL_FREE
        if kind == "local" and country in AREAS:
            return tuple(sorted(AREAS[country]))
        return ()
