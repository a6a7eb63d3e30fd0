"""What Plivo says about a number it sells: type name, region text, services, price, paperwork.

Plivo writes the region as "<place>, <COUNTRY NAME>" (e.g. "California, UNITED STATES"), names
types local / fixed / mobile / tollfree / national, and marks numbers that need documents before
activation with a `restriction` (docs.plivo.com, the PhoneNumber object). The place comes from
phonenumbers' offline geocoder (in North America, the area code's state or province).
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import geocoder

from migrator.sandbox import nanp

_COUNTRY_NAMES = {"US": "UNITED STATES", "CA": "CANADA", "GB": "UNITED KINGDOM"}

# Pool kind (numbers.py) -> Plivo's number_type, per country where Plivo uses another word.
_PLIVO_TYPE = {("GB", "local"): "fixed"}

# Monthly rental in USD by (country, pool kind); Plivo's published list prices, rounded.
_RENTAL = {
    ("US", "local"): "0.50000",
    ("US", "tollfree"): "1.00000",
    ("CA", "local"): "0.80000",
    ("CA", "tollfree"): "1.00000",
    ("GB", "local"): "0.85000",
    ("GB", "mobile"): "2.50000",
}

# Services by (country, pool kind); anything else is voice only. MMS goes out from US and Canadian
# long codes, and from some US toll-free numbers (support.plivo.com, MMS section: "Some toll-free
# numbers are capable of both MMS & SMS"); Canadian toll-free numbers send SMS once verified.
_SERVICES = {
    ("US", "local"): frozenset({"voice", "sms", "mms"}),
    ("US", "tollfree"): frozenset({"voice", "sms", "mms"}),
    ("CA", "local"): frozenset({"voice", "sms", "mms"}),
    ("CA", "tollfree"): frozenset({"voice", "sms"}),
    ("GB", "mobile"): frozenset({"voice", "sms"}),
}

MMS_SHARE = {("US", "tollfree"): 0.5}
"""Share of the numbers of a kind for sale that do MMS, where only some do."""

# Countries where Plivo asks for a local address before a geographic number goes live.
_RESTRICTED = {("GB", "local"): "city-address"}


@dataclass(frozen=True)
class NumberFacts:
    country_iso: str
    country_name: str
    place: str | None
    number_type: str
    services: frozenset[str]
    monthly_rental_rate: str
    restriction: str | None

    @property
    def region(self) -> str:
        return f"{self.place}, {self.country_name}" if self.place else self.country_name


def pool_kind(number_type: str) -> str:
    """Plivo's number_type back to the number pool's kind (local, mobile, tollfree)."""
    if number_type in ("mobile", "tollfree"):
        return number_type
    return "local"


def services_for(country: str, kind: str) -> frozenset[str]:
    """What Plivo's numbers of this country and pool kind can do."""
    default = frozenset({"voice", "sms"}) if kind == "mobile" else frozenset({"voice"})
    return _SERVICES.get((country, kind), default)


def facts(e164: str, kind: str) -> NumberFacts:
    """Facts for an E.164 number of the pool kind `kind` (local, mobile, tollfree)."""
    parsed = phonenumbers.parse(e164)
    country = phonenumbers.region_code_for_number(parsed) or "ZZ"
    name = _COUNTRY_NAMES.get(country) or (
        geocoder.country_name_for_number(parsed, "en").upper() or country
    )
    place = ""
    if kind == "local" and parsed.country_code == 1:
        place = nanp.state_of(e164[2:5]) or ""
    elif kind == "local":
        place = geocoder.description_for_number(parsed, "en")
    if place and place.upper() == name:
        place = ""
    return NumberFacts(
        country_iso=country,
        country_name=name,
        place=place or None,
        number_type=_PLIVO_TYPE.get((country, kind), kind),
        services=services_for(country, kind),
        monthly_rental_rate=_RENTAL.get((country, kind), "1.20000"),
        restriction=_RESTRICTED.get((country, kind)),
    )
