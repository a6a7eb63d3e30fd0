"""Numbers Plivo would sell an account: made on demand, deterministically, from the shared pool.

A search (country, type, `pattern` or `npanxx` the number starts with after the country code,
`region`, `city`, `services`) finds the numbers it made before and makes more when too few are
left (see `migrator.sandbox.stock`), so any real area code has stock; a North American `region`
search makes numbers in that state's or province's area codes. Services are Plivo's per country
and type (`geography.facts`): a search for a service a type never has finds nothing. Numbers an
account releases go back on sale to it and can be bought again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import phonenumbers

from migrator.sandbox import nanp, stock
from migrator.sandbox.numbers import NumberPool
from migrator.sandbox.plivo.geography import MMS_SHARE, facts, services_for
from migrator.sandbox.plivo.resources import CatalogueEntry, PlivoStore

SEARCH_DEPTH = 100
"""Numbers a first search offers (so `total_count` and `meta.next` look like an inventory)."""
MOST_PER_SEARCH = 2000
"""Numbers one search makes at most."""

_KIND_BY_TYPE = {
    "local": "local",
    "fixed": "local",
    "national": "local",
    "mobile": "mobile",
    "tollfree": "tollfree",
    "toll-free": "tollfree",
}


@dataclass(frozen=True)
class Query:
    country_iso: str
    number_type: str  # a Plivo search type, or "any"
    pattern: str = ""
    services: frozenset[str] = frozenset()
    region: str = ""
    npanxx: str = ""
    city: str = ""

    def kinds(self) -> tuple[str, ...]:
        kind = _KIND_BY_TYPE.get(self.number_type)
        return (kind,) if kind else ("local", "mobile", "tollfree")

    def digits(self) -> stock.Digits | None:
        """The national digits asked for; None when the request can match nothing."""
        starts = self.npanxx or self.pattern
        if starts and not starts.isdigit():
            return None
        if self.npanxx and self.pattern and not self.npanxx.startswith(self.pattern):
            return None
        return stock.Digits(starts=starts)

    def matches(self, entry: CatalogueEntry, kind: str, digits: stock.Digits) -> bool:
        if entry.country_iso != self.country_iso or _KIND_BY_TYPE.get(entry.number_type) != kind:
            return False
        if not digits.matches(str(phonenumbers.parse(entry.e164).national_number)):
            return False
        enabled = {
            name
            for name, on in (
                ("voice", entry.voice_enabled),
                ("sms", entry.sms_enabled),
                ("mms", entry.mms_enabled),
            )
            if on
        }
        if not self.services <= enabled:
            return False
        if self.city and self.city.lower() not in (entry.city or "").lower():
            return False
        return not self.region or self.region.lower() in entry.region.lower()


def is_search_type(value: str) -> bool:
    return value == "any" or value in _KIND_BY_TYPE


def entry_for(e164: str, kind: str, prefix: str | None = None) -> CatalogueEntry:
    found = facts(e164, kind)
    national = str(phonenumbers.parse(e164).national_number)
    return CatalogueEntry(
        number=e164.lstrip("+"),
        country_iso=found.country_iso,
        country_name=found.country_name,
        prefix=prefix or national[:3],
        number_type=found.number_type,
        region=found.region,
        city=found.place,
        voice_enabled="voice" in found.services,
        sms_enabled="sms" in found.services,
        mms_enabled="mms" in found.services and _mms_share(e164, found.country_iso, kind),
        monthly_rental_rate=found.monthly_rental_rate,
        restriction=found.restriction,
    )


def _mms_share(e164: str, country: str, kind: str) -> bool:
    """True when this number is one of the "some" of its kind that do MMS."""
    share = MMS_SHARE.get((country, kind))
    return share is None or stock.share(e164, "plivo-mms") < share


def search(store: PlivoStore, pool: NumberPool, query: Query, wanted: int) -> list[CatalogueEntry]:
    """Catalogue numbers matching `query`: at least `wanted` of each kind where the inventory
    allows (at least SEARCH_DEPTH on a search's first use)."""
    digits = query.digits()
    if digits is None:
        return []
    defaults: tuple[str, ...] = ()
    if query.region and not digits.starts:
        defaults = nanp.area_codes_in(query.country_iso, query.region)
        if nanp.area_codes(query.country_iso) and not defaults:
            return []  # no such state or province
    # Filters numbers cannot be made for are only checked, on fewer numbers.
    most = SEARCH_DEPTH if query.city or (query.region and not defaults) else MOST_PER_SEARCH
    found: list[CatalogueEntry] = []
    for kind in query.kinds():
        if not query.services <= services_for(query.country_iso, kind):
            continue
        key = (query.country_iso, kind, digits, defaults if kind == "local" else ())

        def accept(entry: CatalogueEntry, kind: str = kind) -> bool:
            return query.matches(entry, kind, digits)

        def make_one(serial: int, kind: str = kind) -> CatalogueEntry | None:
            prefixes = defaults if kind == "local" else ()
            seed = f"{store.main_key}:{query.country_iso}:{kind}:{digits}:{prefixes}:{serial}"
            rng = random.Random(seed)
            e164 = stock.make(pool, rng, query.country_iso, kind, digits, prefixes)
            return None if e164 is None else entry_for(e164, kind, digits.starts or None)

        need = wanted if store.catalogue.made(key) else max(wanted, SEARCH_DEPTH)
        found += store.catalogue.find(key, accept, need, make_one, most)
    return found
