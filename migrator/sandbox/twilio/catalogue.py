"""Numbers an emulated Twilio account can buy.

Twilio's inventory is endless from a customer's point of view, so the catalogue is filled lazily:
a search that finds too few unsold numbers allocates more from the sandbox's shared number pool
(which keeps every number unique across vendors). Allocation draws from the catalogue's own seeded
generator, so the same searches give the same numbers. A bought number leaves the catalogue.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import phonenumbers

from migrator.sandbox.numbers import NumberPool
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


def contains_pattern(pattern: str) -> re.Pattern[str]:
    """Twilio's Contains: digits, letters (keypad digits) and '*' for any one digit."""
    digits = "".join(r"\d" if c == "*" else _KEYPAD.get(c.lower(), c) for c in pattern if c != "+")
    return re.compile(digits)


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


def _area_exists(country: str, kind: str, area_code: str) -> bool:
    """Whether numbers of this area code exist in this country (a cheap check that spares the
    pool thousands of failed draws on an area code that does not exist)."""
    if not area_code.isdigit():
        return False
    code = phonenumbers.country_code_for_region(country)
    if country not in ("US", "CA"):
        return code != 0
    for exchange in ("234", "345", "456", "567", "678", "789", "890", "555"):
        candidate = phonenumbers.parse(f"+{code}{area_code}{exchange}0142")
        toll_free = phonenumbers.number_type(candidate) == phonenumbers.PhoneNumberType.TOLL_FREE
        if phonenumbers.is_valid_number_for_region(candidate, country) and toll_free == (
            kind == "tollfree"
        ):
            return True
    return False


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

    MAX_ALLOCATIONS_PER_SEARCH = 400

    def __init__(self, seed: str) -> None:
        self._rng = random.Random(seed)
        self._unsold: dict[str, AvailableNumber] = {}

    def __len__(self) -> int:
        return len(self._unsold)

    def get(self, e164: str) -> AvailableNumber | None:
        return self._unsold.get(e164)

    def take(self, e164: str) -> AvailableNumber | None:
        """Remove a number from sale (it is being bought)."""
        return self._unsold.pop(e164, None)

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
        """Unsold numbers matching every filter, allocating more while too few match."""
        if kind == "mobile" and country in NO_MOBILE:
            return []
        caps = capabilities_of(country, kind)
        if any(caps[name] != value for name, value in (wanted or {}).items()):
            return []
        if area_code and not _area_exists(country, kind, area_code):
            return []
        pattern = contains_pattern(contains) if contains else None

        def matches(number: AvailableNumber) -> bool:
            if number.country != country or number.kind != kind:
                return False
            if area_code and area_code_of(number.e164) != area_code:
                return False
            return pattern is None or pattern.search(number.digits) is not None

        found = [n for n in self._unsold.values() if matches(n)][:limit]
        budget = min(self.MAX_ALLOCATIONS_PER_SEARCH, (limit - len(found)) * (40 if pattern else 1))
        while len(found) < limit and budget > 0:
            budget -= 1
            fresh = self._allocate(pool, country, kind, area_code)
            if fresh is None:
                break
            if matches(fresh):
                found.append(fresh)
        return found

    def _allocate(
        self, pool: NumberPool, country: str, kind: str, area_code: str | None
    ) -> AvailableNumber | None:
        prefix = area_code or self._default_prefix(country, kind)
        try:
            e164 = pool.allocate(self._rng, country, kind, prefix)
        except ValueError:
            return None
        number = AvailableNumber(
            e164=e164,
            country=country,
            kind=kind,
            capabilities=capabilities_of(country, kind),
            place=place_of(country, area_code_of(e164)),
        )
        self._unsold[e164] = number
        return number

    def _default_prefix(self, country: str, kind: str) -> str | None:
        if kind == "tollfree" and country == "US":
            return self._rng.choice(US_TOLL_FREE)
        if kind == "local" and country in AREAS:
            return self._rng.choice(sorted(AREAS[country]))
        return None
