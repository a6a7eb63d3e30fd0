"""Numbers for sale: a per-account catalogue drawn lazily from the shared number pool.

Each (country, type) is stocked the first time an account searches or buys in it, from a generator
seeded by the account key, country and type, so the same account sees the same offers on every run.
The numbers are reserved in the pool while they are for sale, and only ever owned by one account.
"""

from __future__ import annotations

import functools
import random

import phonenumbers

from migrator.sandbox.accounts import Account
from migrator.sandbox.numbers import TYPE_BY_NAME
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vonage.store import KIND_BY_TYPE, AvailableNumber, VonageStore

STOCK_PER_TYPE = 40

# Realistic area codes (national prefixes) per country and kind; others use phonenumbers' example.
AREA_CODES: dict[tuple[str, str], tuple[str, ...]] = {
    ("GB", "local"): ("20", "161", "121", "113", "131"),
    ("GB", "mobile"): ("7400", "7700", "7900"),
    ("US", "local"): ("212", "415", "312", "617", "206"),
    ("US", "tollfree"): ("800", "888", "877"),
    ("DE", "local"): ("30", "89", "40", "69"),
}

# Monthly rental in EUR, as the search endpoint reports it.
COST_BY_TYPE = {"landline": "0.90", "mobile-lvn": "1.05", "landline-toll-free": "14.00"}


def features_for(country: str, vonage_type: str) -> list[str]:
    """The features Vonage sells numbers of this country and type with."""
    if vonage_type == "landline":
        return ["VOICE", "SMS", "MMS"] if country in ("US", "CA") else ["VOICE"]
    if vonage_type == "landline-toll-free":
        return ["VOICE", "SMS"] if country in ("US", "CA") else ["VOICE"]
    return ["VOICE", "SMS"]


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
    """A fresh number of this country and Vonage type from the shared pool."""
    kind = KIND_BY_TYPE[vonage_type]
    areas = AREA_CODES.get((country, kind))
    area = rng.choice(areas) if areas else None
    return state.numbers.allocate(rng, country, kind, area)


def offers(
    state: SandboxState, account: Account, country: str, vonage_type: str
) -> dict[str, AvailableNumber]:
    """The account's numbers for sale in (country, type), stocked on first use."""
    store: VonageStore = account.store
    key = (country, vonage_type)
    stock = store.catalogue.get(key)
    if stock is not None:
        return stock
    stock = {}
    if vonage_type in types_in(country):
        rng = random.Random(f"vonage-catalogue:{account.key}:{country}:{vonage_type}")
        for _ in range(STOCK_PER_TYPE):
            try:
                e164 = allocate(state, rng, country, vonage_type)
            except ValueError:
                break
            stock[e164] = AvailableNumber(
                e164,
                country,
                vonage_type,
                features_for(country, vonage_type),
                COST_BY_TYPE[vonage_type],
            )
    store.catalogue[key] = stock
    return stock


def search(
    state: SandboxState, account: Account, country: str, vonage_type: str | None
) -> list[AvailableNumber]:
    """Every number for sale in a country (optionally of one type), in msisdn order."""
    wanted = [vonage_type] if vonage_type else list(types_in(country))
    found: list[AvailableNumber] = []
    for each in wanted:
        found.extend(offers(state, account, country, each).values())
    return sorted(found, key=lambda n: n.e164)
