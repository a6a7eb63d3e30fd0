"""Numbers Plivo would sell an account: generated on demand, deterministically, from the pool.

A search tops the account's catalogue up from the sandbox's shared number pool until the requested
page can be filled, so every number offered is unique across vendors and stays reserved while it
is for sale. Numbers an account releases go back to its catalogue and can be bought again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import phonenumbers

from migrator.sandbox.numbers import NumberPool
from migrator.sandbox.plivo.geography import facts
from migrator.sandbox.plivo.resources import CatalogueEntry, PlivoStore

SEARCH_DEPTH = 100
"""Numbers a first search offers (so `total_count` and `meta.next` look like an inventory)."""
MAX_OFFERS_PER_QUERY = 200
"""Numbers generated at most per (country, type, pattern)."""

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

    def kind(self) -> str | None:
        return _KIND_BY_TYPE.get(self.number_type)

    def matches(self, entry: CatalogueEntry) -> bool:
        kind = self.kind()
        if entry.country_iso != self.country_iso:
            return False
        if kind is not None and _KIND_BY_TYPE.get(entry.number_type) != kind:
            return False
        if self.pattern and not entry.number.startswith(_country_code(entry.number) + self.pattern):
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
        return not self.region or self.region.lower() in entry.region.lower()


def is_search_type(value: str) -> bool:
    return value == "any" or value in _KIND_BY_TYPE


def _country_code(digits: str) -> str:
    return str(phonenumbers.parse("+" + digits).country_code)


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
        mms_enabled="mms" in found.services,
        monthly_rental_rate=found.monthly_rental_rate,
        restriction=found.restriction,
    )


def search(store: PlivoStore, pool: NumberPool, query: Query, wanted: int) -> list[CatalogueEntry]:
    """Every catalogue number matching `query`, after topping up to at least `wanted` (and at
    least SEARCH_DEPTH) matches where the inventory allows."""
    wanted = max(wanted, SEARCH_DEPTH)
    matches = [e for e in store.catalogue.values() if query.matches(e)]
    kind = query.kind() or "local"
    key = (query.country_iso, kind, query.pattern)
    if query.pattern and not (query.pattern.isdigit() and len(query.pattern) <= 6):
        return matches
    while len(matches) < wanted and store.searched.get(key, 0) < MAX_OFFERS_PER_QUERY:
        made = store.searched.get(key, 0)
        rng = random.Random(f"{store.main_key}:{query.country_iso}:{kind}:{query.pattern}:{made}")
        try:
            e164 = pool.allocate(rng, query.country_iso, kind, query.pattern or None)
        except ValueError:  # no such numbers in this country, or the pattern is exhausted
            store.searched[key] = MAX_OFFERS_PER_QUERY
            break
        store.searched[key] = made + 1
        entry = entry_for(e164, kind, query.pattern or None)
        store.catalogue[entry.number] = entry
        if query.matches(entry):
            matches.append(entry)
    return matches
