"""Numbers for sale in the three emulations: stock in any real area code, made on demand and
deterministically, with each vendor's capabilities, and nothing where a capability does not exist.

Searches go through the official SDKs (and, for the replacement-number query the planner makes,
through the adapters) over loopback HTTP.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import phonenumbers
import plivo
import pytest
from twilio.rest import Client
from vonage import Vonage
from vonage_numbers import SearchAvailableNumbersFilter

from migrator.model.enums import Capability, NumberType
from migrator.rules.table import load_table
from migrator.sandbox import Sandbox, nanp, stock
from migrator.sandbox.numbers import NumberPool, country_of, number_type
from migrator.sandbox.vonage import catalogue as vonage_catalogue
from migrator.sandbox.vonage.store import KIND_BY_TYPE
from migrator.vendors.base import NumberQuery
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.plivo.transport import rest_client
from migrator.vendors.registry import connect
from migrator.vendors.twilio.transport import twilio_client
from migrator.vendors.vonage.transport import vonage_client

# Area codes across North America, none of them among the catalogues' default prefixes.
US_AREAS = ("907", "808", "505", "316", "802", "559", "971", "239")
CA_AREAS = ("514", "306", "902", "709", "867")
ALL = frozenset({Capability.VOICE, Capability.SMS, Capability.MMS})


@pytest.fixture(scope="module")
def shop() -> Iterator[Sandbox]:
    """Empty target accounts at every vendor (tests only search and buy, so they share it)."""
    with Sandbox() as running:
        running.seed({})
        yield running


def _vonage(sandbox: Sandbox) -> Vonage:
    creds = sandbox.credentials("vonage", "target")
    endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
    return vonage_client(creds["api_key"], creds["api_secret"], endpoint)


def _twilio(sandbox: Sandbox) -> Client:
    creds = sandbox.credentials("twilio", "target")
    return twilio_client(creds["account_sid"], creds["auth_token"], Endpoint(sandbox.url))


def _plivo(sandbox: Sandbox) -> plivo.RestClient:
    creds = sandbox.credentials("plivo", "target")
    return rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.url))


def _vonage_search(sandbox: Sandbox, **filters: object) -> list[tuple[str, list[str]]]:
    filters.setdefault("size", 10)
    offers, _, _ = _vonage(sandbox).numbers.search_available_numbers(
        SearchAvailableNumbersFilter(**filters)
    )
    return [(o.msisdn, list(o.features)) for o in offers]


# --- the shared generator --------------------------------------------------------------------
def test_made_numbers_are_valid_unique_and_show_the_digits() -> None:
    pool = NumberPool()
    rng = random.Random(7)
    cases = [
        ("CA", "local", stock.Digits(starts="514")),
        ("US", "local", stock.Digits(starts="907", ends="00")),
        ("US", "tollfree", stock.Digits(starts="888")),
        ("GB", "local", stock.Digits(contains="4321")),
        ("GB", "mobile", stock.Digits()),
    ]
    for country, kind, digits in cases:
        made = [stock.make(pool, rng, country, kind, digits) for _ in range(30)]
        assert None not in made and len(set(made)) == 30
        for e164 in filter(None, made):
            assert phonenumbers.is_valid_number(phonenumbers.parse(e164))
            assert number_type(e164) == kind and pool.is_taken(e164)
            assert digits.matches(stock.national_of(e164))
            if kind != "tollfree":
                assert country_of(e164) == country


def test_no_numbers_where_none_exist() -> None:
    pool = NumberPool()
    rng = random.Random(1)
    assert stock.make(pool, rng, "US", "local", stock.Digits(starts="999")) is None
    assert stock.make(pool, rng, "US", "local", stock.Digits(starts="514")) is None  # Canadian
    assert stock.make(pool, rng, "CA", "local", stock.Digits(starts="212")) is None  # American
    assert stock.make(pool, rng, "US", "local", stock.Digits(ends="1" * 12)) is None  # too long


def test_the_same_searches_make_the_same_numbers() -> None:
    def run() -> list[str | None]:
        pool = NumberPool()
        return [
            stock.make(pool, random.Random(f"s:{i}"), "CA", "local", stock.Digits(starts="306"))
            for i in range(10)
        ]

    assert run() == run()


def test_area_codes_know_their_state_or_province() -> None:
    assert nanp.state_of("514") == "Quebec" and nanp.state_of("907") == "Alaska"
    assert "514" in nanp.area_codes_in("CA", "quebec")
    assert "514" not in nanp.area_codes("US") and "212" in nanp.area_codes("US")


# --- Vonage ----------------------------------------------------------------------------------
def test_vonage_has_stock_in_any_real_area_code(shop: Sandbox) -> None:
    for country, areas in (("US", US_AREAS), ("CA", CA_AREAS)):
        for area in areas:
            found = _vonage_search(
                shop, country=country, type="landline", pattern=f"1{area}", search_pattern=0
            )
            assert len(found) == 10, (country, area)
            assert all(msisdn.startswith(f"1{area}") for msisdn, _ in found)
    assert _vonage_search(shop, country="US", pattern="1999", search_pattern=0) == []


def test_vonage_mms_is_on_some_us_landlines_only(shop: Sandbox) -> None:
    """Vonage sends MMS from US numbers only (compatibility table, Vonage offers): some US
    landlines, no Canadian one."""
    found = _vonage_search(shop, country="US", type="landline", size=100)
    assert all({"VOICE", "SMS"} <= set(features) for _, features in found)
    with_mms = [m for m, features in found if "MMS" in features]
    assert 0 < len(with_mms) < len(found)
    assert _vonage_search(shop, country="CA", type="landline", features="MMS") == []


@pytest.mark.parametrize("country", ["US", "CA", "GB", "DE"])
@pytest.mark.parametrize("vonage_type", ["landline", "mobile-lvn", "landline-toll-free"])
def test_vonage_catalogue_sells_what_the_compatibility_table_says(
    country: str, vonage_type: str
) -> None:
    """The sandbox's Vonage features per country and type are the table's offer, so a rehearsal
    buys what the plan expects (neither more nor less)."""
    offer = load_table().offer("vonage", country, KIND_BY_TYPE[vonage_type])
    assert offer is not None
    features = {f.lower() for f in vonage_catalogue.features_for(country, vonage_type)}
    assert features == {c.value for c in offer.capabilities}


def test_some_us_toll_free_numbers_do_mms(shop: Sandbox) -> None:
    """Vonage and Plivo send MMS from some SMS-enabled US toll-free numbers, not all."""
    found = _vonage_search(shop, country="US", type="landline-toll-free", size=100)
    with_mms = [m for m, features in found if "MMS" in features]
    assert 0 < len(with_mms) < len(found)
    offers = _plivo(shop).numbers.search("US", type="tollfree", limit=20).objects
    assert 0 < sum(o.mms_enabled for o in offers) < len(offers)
    mms = _plivo(shop).numbers.search("US", type="tollfree", services="mms", limit=5).objects
    assert len(mms) == 5 and all(o.mms_enabled and o.sms_enabled for o in mms)


def test_vonage_finds_nothing_for_a_feature_it_does_not_sell(shop: Sandbox) -> None:
    assert _vonage_search(shop, country="GB", type="landline", features="SMS") == []
    assert _vonage_search(shop, country="GB", type="landline-toll-free", features="SMS") == []
    tollfree = _vonage_search(shop, country="US", type="landline-toll-free", features="SMS")
    assert tollfree and all(f[:2] == ["VOICE", "SMS"] for _, f in tollfree)
    mobile = _vonage_search(shop, country="GB", type="mobile-lvn")
    assert mobile and all(f == ["VOICE", "SMS"] for _, f in mobile)


def test_vonage_patterns_that_contain_or_end(shop: Sandbox) -> None:
    ending = _vonage_search(shop, country="US", type="landline", pattern="4242", search_pattern=2)
    assert len(ending) == 10 and all(m.endswith("4242") for m, _ in ending)
    inside = _vonage_search(shop, country="GB", type="mobile-lvn", pattern="555", search_pattern=1)
    assert len(inside) == 10 and all("555" in m for m, _ in inside)
    assert _vonage_search(shop, country="GB", pattern="1212", search_pattern=0) == []


def test_vonage_pages_through_more_than_a_first_page(shop: Sandbox) -> None:
    seen: list[str] = []
    for index in (1, 2, 3):
        found = _vonage_search(
            shop,
            country="US",
            type="landline",
            pattern="1808",
            search_pattern=0,
            size=100,
            index=index,
        )
        assert len(found) == 100
        seen += [m for m, _ in found]
    assert len(set(seen)) == 300


def test_vonage_offers_are_deterministic(shop: Sandbox) -> None:
    first = _vonage_search(
        shop, country="CA", type="landline", pattern="1902", search_pattern=0, size=20
    )
    shop.seed({})  # reset: same accounts, nothing made yet
    assert (
        _vonage_search(
            shop, country="CA", type="landline", pattern="1902", search_pattern=0, size=20
        )
        == first
    )


# --- Twilio ----------------------------------------------------------------------------------
def test_twilio_has_stock_in_any_real_area_code(shop: Sandbox) -> None:
    client = _twilio(shop)
    for country, areas in (("US", US_AREAS), ("CA", CA_AREAS)):
        for area in areas:
            found = client.available_phone_numbers(country).local.list(area_code=area, limit=5)
            assert len(found) == 5 and all(o.phone_number.startswith(f"+1{area}") for o in found)
    assert client.available_phone_numbers("US").local.list(area_code="514") == []
    assert client.available_phone_numbers("US").local.list(area_code="999") == []
    spelled = client.available_phone_numbers("US").local.list(contains="PIZZA", limit=3)
    assert len(spelled) == 3 and all("74992" in o.phone_number for o in spelled)


def test_twilio_capabilities_per_country_and_type(shop: Sandbox) -> None:
    client = _twilio(shop)
    (local,) = client.available_phone_numbers("CA").local.list(area_code="514", limit=1)
    assert local.capabilities == {"voice": True, "sms": True, "mms": True}
    assert client.available_phone_numbers("GB").local.list(sms_enabled=True) == []
    assert client.available_phone_numbers("GB").mobile.list(mms_enabled=True) == []


# --- Plivo -----------------------------------------------------------------------------------
def test_plivo_has_stock_by_pattern_npanxx_and_region(shop: Sandbox) -> None:
    client = _plivo(shop)
    for area in US_AREAS:
        found = client.numbers.search("US", type="local", pattern=area, limit=5).objects
        assert len(found) == 5 and all(o.number.startswith(f"1{area}") for o in found)
    exchange = client.numbers.search("CA", type="local", npanxx="514276", limit=5).objects
    assert len(exchange) == 5 and all(o.number.startswith("1514276") for o in exchange)
    quebec = client.numbers.search("CA", type="local", region="Quebec", limit=20).objects
    assert len(quebec) == 20
    assert all(o.number[1:4] in nanp.area_codes_in("CA", "Quebec") for o in quebec)
    assert all(o.region == "Quebec, CANADA" for o in quebec)
    assert client.numbers.search("US", type="local", region="Atlantis").objects == []


def test_plivo_finds_nothing_for_a_service_it_does_not_sell(shop: Sandbox) -> None:
    client = _plivo(shop)
    assert client.numbers.search("CA", type="tollfree", services="mms").objects == []
    assert client.numbers.search("GB", type="fixed", services="sms").objects == []
    found = client.numbers.search("US", type="local", pattern="505", services="mms", limit=3)
    assert len(found.objects) == 3 and all(o.mms_enabled for o in found.objects)


# --- through the adapters, as the planner asks -----------------------------------------------
def test_replacement_searches_succeed_where_the_capability_exists(shop: Sandbox) -> None:
    endpoint = Endpoint(shop.url, shop.ca_bundle)
    for vendor in ("vonage", "twilio", "plivo"):
        adapter = connect(vendor, shop.credentials(vendor, "target"), endpoint)
        query = NumberQuery("CA", NumberType.LOCAL, area_code="514", limit=3)
        found = adapter.search_numbers(query)
        assert len(found) == 3 and all(n.e164.startswith("+1514") for n in found), vendor
        adapter.buy_number(found[0].e164)
        assert adapter.get_number(found[0].e164) is not None
    vonage = connect("vonage", shop.credentials("vonage", "target"), endpoint)
    with_mms = vonage.search_numbers(
        NumberQuery("US", NumberType.LOCAL, area_code="907", capabilities=ALL, limit=3)
    )
    assert len(with_mms) == 3 and all(n.capabilities >= ALL for n in with_mms)
    canadian_mms = NumberQuery("CA", NumberType.LOCAL, area_code="514", capabilities=ALL)
    assert vonage.search_numbers(canadian_mms) == []
    toll_free_mms = NumberQuery("US", NumberType.TOLLFREE, area_code="866", capabilities=ALL)
    assert all(n.capabilities >= ALL for n in vonage.search_numbers(toll_free_mms))
    gb_sms = NumberQuery("GB", NumberType.LOCAL, capabilities=frozenset({Capability.SMS}))
    assert vonage.search_numbers(gb_sms) == []
