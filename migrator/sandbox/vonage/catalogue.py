"""Numbers Vonage would sell an account: made on demand, deterministically, from the shared pool.

A search (country, type, pattern on the msisdn) finds the numbers it made before and makes more
when too few are left, with the digits the pattern asks for, so any real area code has stock (see
`migrator.sandbox.stock`). Features are Vonage's per country and type, as the compatibility
table has them: US and Canadian landlines and toll-free numbers all do voice and SMS; only some
US ones do MMS (Vonage sends MMS from US 10DLC and SMS-enabled toll-free numbers only; Canadian
handsets receive it, but no Canadian number sends it: developer.vonage.com/en/messages/concepts/
mms), and a search for a feature a type never has (SMS on a British landline, MMS on a Canadian
one) finds nothing, as on the real API.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable

import phonenumbers

from migrator.sandbox import stock
from migrator.sandbox.accounts import Account
from migrator.sandbox.numbers import TYPE_BY_NAME
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vonage.store import KIND_BY_TYPE, AvailableNumber, VonageStore

SEARCH_DEPTH = 100
"""Numbers the first search of a kind finds (its `count`), so paging looks like an inventory."""
MOST_PER_SEARCH = 2000
"""Numbers one search (country, type, pattern) makes at most."""

# Prefixes numbers for sale start with when a search gives no pattern; others use phonenumbers'.
AREA_CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("GB", "local"): ("20", "161", "121", "113", "131"),
    ("GB", "mobile"): ("7400", "7700", "7900"),
    ("US", "local"): ("212", "415", "312", "617", "206"),
    ("US", "tollfree"): ("800", "888", "877"),
    ("CA", "local"): ("416", "514", "604", "403", "613"),
    ("DE", "local"): ("30", "89", "40", "69"),
}

# Monthly rental in EUR, as the search endpoint reports it.
COST_BY_TYPE = {"landline": "0.90", "mobile-lvn": "1.05", "landline-toll-free": "14.00"}

MMS_SHARE = {
    ("US", "landline"): 0.6,
    ("US", "landline-toll-free"): 0.5,
}
"""Share of the numbers for sale of a type that also do MMS (the others do voice and SMS only)."""


def features_for(country: str, vonage_type: str) -> list[str]:
    """Every feature a number of this country and type can have."""
    if vonage_type in ("landline", "landline-toll-free"):
        if country == "US":
            return ["VOICE", "SMS", "MMS"]
        return ["VOICE", "SMS"] if country == "CA" else ["VOICE"]
    return ["VOICE", "SMS"]


def offered_features(country: str, vonage_type: str, e164: str) -> list[str]:
    """The features of one number for sale (MMS only on some landlines and toll-free ones)."""
    features = features_for(country, vonage_type)
    share = MMS_SHARE.get((country, vonage_type))
    if share is not None and stock.share(e164, "vonage-mms") >= share:
        return [f for f in features if f != "MMS"]
    return features


@functools.cache
def types_in(country: str) -> tuple[str, ...]:
    """The Vonage number types that exist in a country (per phonenumbers' metadata)."""
    found = []
    for vonage_type, kind in KIND_BY_TYPE.items():
        wanted = TYPE_BY_NAME[kind]
        example = phonenumbers.example_number_for_type(country, wanted)
        if example is None and kind == "local":
            example = phonenumbers.example_number_for_type(
                country, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE
            )
        if example is not None:
            found.append(vonage_type)
    return tuple(found)


def allocate(state: SandboxState, rng: random.Random, country: str, vonage_type: str) -> str:
    """A fresh number of this country and Vonage type from the shared pool (for seeding)."""
    kind = KIND_BY_TYPE[vonage_type]
    areas = AREA_CODES.get((country, kind))
    area = rng.choice(areas) if areas else None
    return state.numbers.allocate(rng, country, kind, area)


def digits_for(country: str, pattern: str, search_pattern: str) -> stock.Digits | None:
    """The national digits a msisdn `pattern` asks for (search_pattern 0 starts, 1 contains,
    2 ends); None when no number of the country can match (a start with another calling code,
    or anything but digits)."""
    if not pattern:
        return stock.Digits()
    if not pattern.isdigit():
        return None
    if search_pattern == "1":
        return stock.Digits(contains=pattern)
    if search_pattern == "2":
        return stock.Digits(ends=pattern)
    code = stock.calling_code(country)
    if pattern.startswith(code):
        return stock.Digits(starts=pattern[len(code) :])
    return stock.Digits() if code.startswith(pattern) else None


def search(
    state: SandboxState,
    account: Account,
    country: str,
    vonage_type: str | None,
    digits: stock.Digits,
    wanted: set[str],
    msisdn_matches: Callable[[str], bool],
    need: int,
) -> list[AvailableNumber]:
    """Numbers for sale in a country (optionally of one type) with every `wanted` feature and a
    msisdn the pattern matches: at least `need` of each type where the inventory allows."""
    store: VonageStore = account.store
    found: list[AvailableNumber] = []
    for each in [vonage_type] if vonage_type else list(types_in(country)):
        if each not in types_in(country) or not wanted <= set(features_for(country, each)):
            continue
        key = (country, each, digits)

        def accept(offer: AvailableNumber, each: str = each) -> bool:
            return (
                offer.country == country
                and offer.type == each
                and wanted <= set(offer.features)
                and msisdn_matches(offer.e164.lstrip("+"))
            )

        def make_one(serial: int, each: str = each) -> AvailableNumber | None:
            kind = KIND_BY_TYPE[each]
            rng = random.Random(
                f"vonage-catalogue:{account.key}:{country}:{each}:{digits}:{serial}"
            )
            defaults = AREA_CODES.get((country, kind), ())
            e164 = stock.make(state.numbers, rng, country, kind, digits, defaults)
            if e164 is None:
                return None
            features = offered_features(country, each, e164)
            return AvailableNumber(e164, country, each, features, COST_BY_TYPE[each])

        depth = need if store.catalogue.made(key) else max(need, SEARCH_DEPTH)
        found += store.catalogue.find(key, accept, depth, make_one, MOST_PER_SEARCH)
    return found
