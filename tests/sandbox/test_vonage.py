"""The emulated Vonage APIs, driven by the unmodified vonage SDK over loopback TLS.

Numbers (list/page/filter, search, buy, update, cancel), Applications v2 (CRUD, paging, PUT
replaces), account settings, subaccounts with number transfers, credentials, rate limits and faults.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from vonage import Vonage
from vonage_application import (
    ApplicationConfig,
    ApplicationData,
    ListApplicationsFilter,
)
from vonage_http_client import (
    AuthenticationError,
    HttpRequestError,
    NotFoundError,
    RateLimitedError,
    ServerError,
)
from vonage_numbers import (
    ListOwnedNumbersFilter,
    NumberParams,
    SearchAvailableNumbersFilter,
    UpdateNumberParams,
)
from vonage_subaccounts import ModifySubaccountOptions, SubaccountOptions, TransferNumberRequest

from migrator.sandbox import Sandbox
from migrator.sandbox.vonage import VonageApi
from migrator.sandbox.vonage.store import OwnedNumber, VonageStore
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.vonage.transport import vonage_client

SEEDED = 2950  # not a multiple of 100: the last page is partial


def _unlimited(sandbox: Sandbox) -> None:
    sandbox.state.limits.configure("vonage", {"rate": None})


def _client(sandbox: Sandbox, role: str = "source", **kw: Any) -> Vonage:
    creds = sandbox.credentials("vonage", role)
    return vonage_client(
        creds["api_key"], creds["api_secret"], Endpoint(sandbox.url, sandbox.ca_bundle), **kw
    )


def _store(sandbox: Sandbox, role: str = "source") -> VonageStore:
    key = sandbox.credentials("vonage", role)["api_key"]
    account = sandbox.state.accounts.get("vonage", key)
    assert account is not None
    store: VonageStore = account.store
    return store


@pytest.fixture(scope="module")
def seeded() -> Iterator[Sandbox]:
    """A Vonage-only sandbox with a departing account of SEEDED numbers (read-only tests)."""
    with Sandbox(apis={"vonage": VonageApi()}) as running:
        running.seed({"vonage": SEEDED})
        _unlimited(running)
        yield running


@pytest.fixture(scope="module")
def scratch() -> Iterator[Sandbox]:
    with Sandbox(apis={"vonage": VonageApi()}) as running:
        yield running


@pytest.fixture
def fresh(scratch: Sandbox) -> Sandbox:
    """A small seeded Vonage-only sandbox that a test may change (reseeded for every test)."""
    scratch.seed({"vonage": 40})
    _unlimited(scratch)
    return scratch


def _all_owned(client: Vonage, **filters: Any) -> tuple[list[Any], int, int]:
    """Every owned number, page by page at size 100: (numbers, count, pages fetched)."""
    found: list[Any] = []
    index: int | None = 1
    pages = 0
    count = 0
    while index is not None:
        page, count, index = client.numbers.list_owned_numbers(
            ListOwnedNumbersFilter(size=100, index=index, **filters)
        )
        found.extend(page)
        pages += 1
    return found, count, pages


# --- numbers: listing ------------------------------------------------------------------------
def test_pages_through_thousands_of_numbers_by_index(seeded: Sandbox) -> None:
    numbers, count, pages = _all_owned(_client(seeded))
    assert count == SEEDED
    assert pages == 30
    msisdns = [n.msisdn for n in numbers]
    assert len(set(msisdns)) == SEEDED
    assert msisdns == sorted(msisdns)
    assert {"+" + m for m in msisdns} == set(_store(seeded).numbers)
    last, _, next_index = _client(seeded).numbers.list_owned_numbers(
        ListOwnedNumbersFilter(size=100, index=30)
    )
    assert len(last) == 50 and next_index is None


def test_seeded_account_is_realistic(seeded: Sandbox) -> None:
    numbers, _, _ = _all_owned(_client(seeded))
    kinds = {(n.country, n.type) for n in numbers}
    assert kinds == {
        ("GB", "landline"),
        ("GB", "mobile-lvn"),
        ("US", "landline"),
        ("US", "landline-toll-free"),
        ("DE", "landline"),
    }
    assert {tuple(n.features) for n in numbers if n.country == "US" and n.type == "landline"} == {
        ("VOICE", "SMS", "MMS")
    }
    linked = [n for n in numbers if n.app_id]
    assert 0.6 * SEEDED < len(linked) < 0.85 * SEEDED
    assert all(n.voice_callback_value == n.app_id for n in linked if n.voice_callback_type == "app")
    assert {n.voice_callback_type for n in numbers} >= {"app", "sip", "tel", None}
    assert any(n.mo_http_url for n in numbers)
    assert any(not n.app_id and not n.voice_callback_type for n in numbers)
    apps, next_page = _client(seeded).application.list_applications(
        ListApplicationsFilter(page_size=100)
    )
    assert next_page is None and len(apps) == 5
    answer_urls = [
        a.capabilities.voice.webhooks.answer_url.address
        for a in apps
        if a.capabilities and a.capabilities.voice
    ]
    assert any("@" in url for url in answer_urls)  # one URL carries user:pass
    source = seeded.state.accounts.get("vonage", seeded.credentials("vonage")["api_key"])
    assert source is not None
    record = source.extra["carrier_record"]
    assert record["billing_telephone_number"].startswith("+1")
    assert set(record["address"]) == {"street", "city", "state", "zip", "country"}


def test_number_settings_appear_on_the_wire(seeded: Sandbox) -> None:
    creds = seeded.credentials("vonage")
    store = _store(seeded)
    status_hook = next(n for n in store.numbers.values() if n.voice_status_callback)
    sip = next(n for n in store.numbers.values() if n.voice_callback_type == "sip")
    for number in (status_hook, sip):
        body = requests.get(
            seeded.url + "/account/numbers",
            params={"pattern": number.msisdn, "search_pattern": "0"},
            headers={"Host": "rest.nexmo.com"},
            auth=(creds["api_key"], creds["api_secret"]),
            timeout=10,
        ).json()
        assert body["count"] == 1
        assert body["numbers"][0] == number.wire()
    assert "voiceStatusCallback" in status_hook.wire()
    assert sip.wire()["voiceCallbackValue"].startswith("sip:")


def test_filters_on_application_country_and_pattern(seeded: Sandbox) -> None:
    client = _client(seeded)
    store = _store(seeded)
    app_id = next(iter(store.applications))
    of_app, count, _ = _all_owned(client, application_id=app_id)
    assert count == len(store.numbers_of_app(app_id)) == len(of_app) > 0
    assert all(n.app_id == app_id for n in of_app)
    unlinked, count, _ = _all_owned(client, has_application=False)
    assert count == sum(1 for n in store.numbers.values() if not n.app_id)
    assert all(n.app_id is None for n in unlinked)
    german, _, _ = _all_owned(client, country="DE")
    assert german and all(n.country == "DE" and n.msisdn.startswith("49") for n in german)
    tail = german[0].msisdn[-5:]
    ending, _, _ = _all_owned(client, pattern=tail, search_pattern=2)
    assert german[0].msisdn in {n.msisdn for n in ending}
    assert all(n.msisdn.endswith(tail) for n in ending)


def test_default_size_is_ten_and_empty_pages_have_no_numbers_key(seeded: Sandbox) -> None:
    creds = seeded.credentials("vonage")

    def get(**params: Any) -> requests.Response:
        return requests.get(
            seeded.url + "/account/numbers",
            params=params,
            headers={"Host": "rest.nexmo.com"},
            auth=(creds["api_key"], creds["api_secret"]),
            timeout=10,
        )

    assert len(get().json()["numbers"]) == 10
    assert get(index=1000).json() == {"count": SEEDED}
    too_big = get(size=101)
    assert too_big.status_code == 400
    assert too_big.json()["error-code"] == "400"


def test_old_style_api_key_query_parameters_authenticate(seeded: Sandbox) -> None:
    creds = seeded.credentials("vonage")
    response = requests.get(
        seeded.url + "/account/numbers",
        params={"api_key": creds["api_key"], "api_secret": creds["api_secret"], "size": "1"},
        headers={"Host": "rest.nexmo.com"},
        timeout=10,
    )
    assert response.status_code == 200 and response.json()["count"] == SEEDED


# --- numbers: search, buy, update, cancel ----------------------------------------------------
def test_search_buy_update_cancel_round_trip(fresh: Sandbox) -> None:
    client = _client(fresh)
    offers, count, next_index = client.numbers.search_available_numbers(
        SearchAvailableNumbersFilter(country="GB", type="mobile-lvn", features="SMS", size=5)
    )
    assert len(offers) == 5 and count > 5 and next_index == 2
    assert all(o.type == "mobile-lvn" and "SMS" in o.features and o.cost for o in offers)
    msisdn = offers[0].msisdn
    assert client.numbers.buy_number(NumberParams(country="GB", msisdn=msisdn)).error_code == "200"
    _, after, _ = client.numbers.search_available_numbers(
        SearchAvailableNumbersFilter(country="GB", type="mobile-lvn", features="SMS", size=5)
    )
    assert after == count - 1

    # A JSON call first: the SDK then keeps Content-Type: application/json on its form posts.
    app = client.application.create_application(ApplicationConfig(name="Round trip"))
    client.numbers.update_number(
        UpdateNumberParams(
            country="GB",
            msisdn=msisdn,
            app_id=app.id,
            mo_http_url="https://example.com/inbound",
            voice_callback_type="sip",
            voice_callback_value="sip:desk@pbx.example.com",
            voice_status_callback="https://example.com/status",
        )
    )
    owned = _owned(client, msisdn)
    assert owned.app_id == app.id and owned.messages_callback_value == app.id
    assert owned.voice_callback_type == "sip"
    assert owned.voice_callback_value == "sip:desk@pbx.example.com"
    assert owned.mo_http_url == "https://example.com/inbound"

    client.numbers.update_number(
        UpdateNumberParams(country="GB", msisdn=msisdn, mo_http_url="", app_id="")
    )
    owned = _owned(client, msisdn)
    assert owned.mo_http_url is None and owned.app_id is None
    assert owned.voice_callback_type == "sip"  # untouched by an update that leaves it out

    assert (
        client.numbers.cancel_number(NumberParams(country="GB", msisdn=msisdn)).error_code == "200"
    )
    assert "+" + msisdn not in _store(fresh).numbers
    assert not fresh.state.numbers.is_taken("+" + msisdn)


def _owned(client: Vonage, msisdn: str) -> Any:
    found, count, _ = client.numbers.list_owned_numbers(
        ListOwnedNumbersFilter(pattern=msisdn, search_pattern=0)
    )
    assert count == 1
    return found[0]


def _http_420(error: pytest.ExceptionInfo[HttpRequestError]) -> dict[str, Any]:
    assert error.value.response.status_code == 420
    body: dict[str, Any] = error.value.response.json()
    assert body["error-code"] == "420"
    return body


def test_refused_number_actions_are_http_420(fresh: Sandbox) -> None:
    """Vonage answers refused buy/cancel/update with HTTP 420 and the error-code envelope; the SDK
    raises HttpRequestError on the status before its NumbersError check sees the body."""
    client = _client(fresh)
    owned = next(iter(_store(fresh).numbers.values()))
    with pytest.raises(HttpRequestError) as not_for_sale:
        client.numbers.buy_number(NumberParams(country="GB", msisdn="442079460000"))
    assert "not available" in _http_420(not_for_sale)["error-code-label"]
    with pytest.raises(HttpRequestError) as already_owned:
        client.numbers.buy_number(NumberParams(country=owned.country, msisdn=owned.msisdn))
    _http_420(already_owned)
    with pytest.raises(HttpRequestError) as not_yours:
        client.numbers.cancel_number(NumberParams(country="GB", msisdn="442079460001"))
    _http_420(not_yours)
    with pytest.raises(HttpRequestError) as unknown_app:
        client.numbers.update_number(
            UpdateNumberParams(country=owned.country, msisdn=owned.msisdn, app_id="no-such-app")
        )
    _http_420(unknown_app)
    with pytest.raises(HttpRequestError) as wrong_country:
        other = "DE" if owned.country != "DE" else "GB"
        client.numbers.cancel_number(NumberParams(country=other, msisdn=owned.msisdn))
    _http_420(wrong_country)
    assert owned.e164 in _store(fresh).numbers


def test_buy_into_a_subaccount_with_target_api_key(fresh: Sandbox) -> None:
    client = _client(fresh)
    sub_key = _store(fresh).subaccount_keys[0]
    offers, _, _ = client.numbers.search_available_numbers(
        SearchAvailableNumbersFilter(country="US", type="landline-toll-free", size=1)
    )
    client.numbers.buy_number(
        NumberParams(country="US", msisdn=offers[0].msisdn, target_api_key=sub_key)
    )
    sub = fresh.state.accounts.get("vonage", sub_key)
    assert sub is not None and "+" + offers[0].msisdn in sub.store.numbers
    assert "+" + offers[0].msisdn not in _store(fresh).numbers


# --- applications ----------------------------------------------------------------------------
VOICE_AND_MESSAGES: dict[str, Any] = {
    "name": "Contact centre",
    "capabilities": {
        "voice": {
            "webhooks": {
                "answer_url": {"address": "https://cc.example.com/answer", "http_method": "GET"},
                "fallback_answer_url": {
                    "address": "https://cc-dr.example.com/answer",
                    "http_method": "POST",
                    "connect_timeout": 500,
                    "socket_timeout": 3000,
                },
                "event_url": {"address": "https://cc.example.com/events", "http_method": "POST"},
            },
            "signed_callbacks": True,
            "region": "eu-west",
        },
        "messages": {
            "webhooks": {
                "inbound_url": {"address": "https://cc.example.com/in", "http_method": "POST"},
                "status_url": {"address": "https://cc.example.com/st", "http_method": "POST"},
            }
        },
        "rtc": {"webhooks": {"event_url": {"address": "https://cc.example.com/rtc"}}},
        "vbc": {},
    },
}


def test_application_create_get_replace_delete(fresh: Sandbox) -> None:
    client = _client(fresh, role="target")
    created = client.application.create_application(ApplicationConfig(**VOICE_AND_MESSAGES))
    assert created.keys is not None and created.keys.public_key.startswith("-----BEGIN PUBLIC")
    assert (created.keys.model_extra or {})["private_key"].startswith("-----BEGIN PRIVATE")
    fetched = client.application.get_application(created.id)
    assert fetched.name == "Contact centre"
    assert fetched.keys is not None and "private_key" not in (fetched.keys.model_extra or {})
    assert fetched.link == f"/v2/applications/{created.id}"
    assert fetched.capabilities is not None and fetched.capabilities.voice is not None
    webhooks = fetched.capabilities.voice.webhooks
    assert webhooks is not None and webhooks.fallback_answer_url is not None
    assert webhooks.fallback_answer_url.socket_timeout == 3000
    assert fetched.capabilities.vbc is not None

    replaced = client.application.update_application(
        created.id,
        ApplicationConfig(
            name="Contact centre v2",
            capabilities={"voice": VOICE_AND_MESSAGES["capabilities"]["voice"]},
        ),
    )
    assert replaced.name == "Contact centre v2"
    again = client.application.get_application(created.id)
    assert again.capabilities is not None
    assert again.capabilities.messages is None and again.capabilities.rtc is None  # PUT replaces
    assert again.keys is not None and again.keys.public_key == created.keys.public_key

    client.application.delete_application(created.id)
    with pytest.raises(NotFoundError) as gone:
        client.application.get_application(created.id)
    assert gone.value.response.json()["title"] == "Not Found"


def test_applications_page_with_hal_links(fresh: Sandbox) -> None:
    client = _client(fresh, role="target")
    empty, _ = client.application.list_applications(ListApplicationsFilter(page_size=2, page=1))
    assert empty == []
    for i in range(5):
        client.application.create_application(
            ApplicationConfig(name=f"App {i}", keys={"public_key": _public_key(fresh)})
        )
    seen: list[ApplicationData] = []
    page: int | None = 1
    while page is not None:
        apps, page = client.application.list_applications(
            ListApplicationsFilter(page_size=2, page=page)
        )
        seen.extend(apps)
    assert [a.name for a in seen] == [f"App {i}" for i in range(5)]
    body = client.http_client.last_response.json()
    assert (body["page"], body["total_pages"], body["total_items"]) == (3, 3, 5)
    assert body["_links"]["prev"]["href"] == "/v2/applications?page_size=2&page=2"
    assert "next" not in body["_links"]
    with pytest.raises(HttpRequestError) as too_big:
        client.application.list_applications(ListApplicationsFilter(page_size=101))
    problem = too_big.value.response.json()
    assert too_big.value.response.status_code == 400
    assert problem["invalid_parameters"] == [
        {"name": "page_size", "reason": "must be between 1 and 100"}
    ]


def _public_key(sandbox: Sandbox) -> str:
    return next(iter(_store(sandbox).applications.values())).public_key


def test_invalid_application_is_a_problem_with_parameters(fresh: Sandbox) -> None:
    creds = fresh.credentials("vonage")
    bad = {
        "capabilities": {
            "voice": {"webhooks": {"answer_url": {"address": "ftp://x", "http_method": "PUT"}}},
            "messages": {
                "webhooks": {"inbound_url": {"address": "https://x", "http_method": "GET"}}
            },
        }
    }
    response = requests.post(
        fresh.url + "/v2/applications",
        json=bad,
        headers={"Host": "api.nexmo.com"},
        auth=(creds["api_key"], creds["api_secret"]),
        timeout=10,
    )
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalid_parameters"]}
    assert names == {
        "name",
        "capabilities.voice.webhooks.answer_url.address",
        "capabilities.voice.webhooks.answer_url.http_method",
        "capabilities.messages.webhooks.inbound_url.http_method",
    }


def test_deleting_an_application_unlinks_its_numbers(fresh: Sandbox) -> None:
    client = _client(fresh)
    store = _store(fresh)
    app_id = max(store.applications, key=lambda a: len(store.numbers_of_app(a)))
    linked = store.numbers_of_app(app_id)
    assert linked
    client.application.delete_application(app_id)
    assert all(n.app_id is None for n in linked)
    _, count, _ = client.numbers.list_owned_numbers(ListOwnedNumbersFilter(application_id=app_id))
    assert count == 0


# --- account settings ------------------------------------------------------------------------
def test_account_sms_webhooks_read_set_and_unset(fresh: Sandbox) -> None:
    client = _client(fresh)
    current = client.account.update_default_sms_webhook()
    assert current.mo_callback_url == "https://sms.northwind.example.com/vonage/default-inbound"
    assert current.max_calls_per_second == 30
    changed = client.account.update_default_sms_webhook(
        mo_callback_url="https://new.example.com/mo", dr_callback_url=""
    )
    assert changed.mo_callback_url == "https://new.example.com/mo"
    assert changed.dr_callback_url == ""
    assert client.account.update_default_sms_webhook().mo_callback_url == changed.mo_callback_url
    assert client.account.get_balance().value == pytest.approx(1523.75)


# --- subaccounts -----------------------------------------------------------------------------
def test_subaccounts_list_create_modify_and_transfer_a_number(fresh: Sandbox) -> None:
    client = _client(fresh)
    listed = client.subaccounts.list_subaccounts()
    assert [s.name for s in listed.subaccounts] == ["Northwind EU Branch"]
    assert listed.primary_account.api_key == fresh.credentials("vonage")["api_key"]
    assert listed.total_balance == pytest.approx(1523.75 + 84.2)

    new = client.subaccounts.create_subaccount(
        SubaccountOptions(name="Call centre", secret="Secr3tPassw0rd")
    )
    assert new.secret == "Secr3tPassw0rd" and new.use_primary_account_balance
    assert new.balance is None
    assert client.subaccounts.get_subaccount(new.api_key).name == "Call centre"
    sub_client = vonage_client(new.api_key, new.secret, Endpoint(fresh.url, fresh.ca_bundle))
    assert sub_client.numbers.list_owned_numbers() == ([], 0, None)

    number = next(n for n in _store(fresh).numbers.values() if n.app_id)
    moved = client.subaccounts.transfer_number(
        TransferNumberRequest(
            from_=listed.primary_account.api_key,
            to=new.api_key,
            number=number.msisdn,
            country=number.country,
        )
    )
    assert (moved.number, moved.to) == (number.msisdn, new.api_key)
    (got,), count, _ = sub_client.numbers.list_owned_numbers()
    assert count == 1 and got.msisdn == number.msisdn and got.app_id is None
    assert number.e164 not in _store(fresh).numbers
    with pytest.raises(NotFoundError):
        client.subaccounts.transfer_number(
            TransferNumberRequest(
                from_=listed.primary_account.api_key, to=new.api_key, number=number.msisdn
            )
        )

    suspended = client.subaccounts.modify_subaccount(
        new.api_key, ModifySubaccountOptions(suspended=True)
    )
    assert suspended.suspended
    with pytest.raises(AuthenticationError):
        sub_client.numbers.list_owned_numbers()


def test_only_the_primary_manages_its_subaccounts(fresh: Sandbox) -> None:
    sub_key = _store(fresh).subaccount_keys[0]
    sub = fresh.state.accounts.get("vonage", sub_key)
    assert sub is not None
    sub_client = vonage_client(sub.key, sub.secret, Endpoint(fresh.url, fresh.ca_bundle))
    with pytest.raises(HttpRequestError) as refused:
        sub_client.subaccounts.list_subaccounts()
    assert refused.value.response.status_code == 403


# --- credentials, limits, faults -------------------------------------------------------------
def test_bad_credentials_get_each_hosts_401(fresh: Sandbox) -> None:
    wrong = vonage_client("24ffed96", "not-the-secret", Endpoint(fresh.url, fresh.ca_bundle))
    with pytest.raises(AuthenticationError) as rest:
        wrong.numbers.list_owned_numbers()
    assert rest.value.response.json() == {
        "error-code": "401",
        "error-code-label": "authentication failed",
    }
    with pytest.raises(AuthenticationError) as api:
        wrong.application.list_applications()
    problem = api.value.response.json()
    assert set(problem) == {"type", "title", "detail", "instance"}
    assert problem["type"].endswith("#unauthorized")


def test_a_primary_secret_acts_for_its_subaccounts_only(fresh: Sandbox) -> None:
    primary = fresh.credentials("vonage")
    sub_key = _store(fresh).subaccount_keys[0]
    endpoint = Endpoint(fresh.url, fresh.ca_bundle)
    as_sub = vonage_client(sub_key, primary["api_secret"], endpoint)
    assert as_sub.numbers.list_owned_numbers()[1] == 3
    sub = fresh.state.accounts.get("vonage", sub_key)
    assert sub is not None
    with pytest.raises(AuthenticationError):
        vonage_client(primary["api_key"], sub.secret, endpoint).numbers.list_owned_numbers()
    target = fresh.credentials("vonage", "target")
    with pytest.raises(AuthenticationError):
        vonage_client(sub_key, target["api_secret"], endpoint).numbers.list_owned_numbers()


def test_rate_limit_gives_rate_limited_error(fresh: Sandbox) -> None:
    fresh.state.limits.configure("vonage", {"rate": 2, "per": 60})
    client = _client(fresh)
    client.numbers.list_owned_numbers()
    client.application.list_applications()
    with pytest.raises(RateLimitedError) as limited:
        client.numbers.list_owned_numbers()
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Content-Type"] == "application/problem+json"
    assert limited.value.response.json()["title"] == "Throttled"


def test_injected_faults_give_the_sdks_exceptions(fresh: Sandbox) -> None:
    client = _client(fresh)
    fresh.state.faults.configure({"rate_429": 1.0}, "vonage")
    with pytest.raises(RateLimitedError):
        client.application.list_applications()
    fresh.state.faults.configure({"rate_429": 0.0, "rate_5xx": 1.0}, "vonage")
    with pytest.raises(ServerError) as failed:
        client.numbers.list_owned_numbers()
    assert failed.value.response.status_code == 500
    with pytest.raises(ServerError):
        client.subaccounts.list_subaccounts()
    fresh.state.faults.reset()
    assert client.numbers.list_owned_numbers()[1] == 40


# --- seeding and ports -----------------------------------------------------------------------
def test_seeding_is_deterministic(scratch: Sandbox) -> None:
    def snapshot() -> tuple[Any, ...]:
        scratch.seed({"vonage": 150})
        store = _store(scratch)
        return (
            scratch.credentials("vonage"),
            [n.wire() for n in store.sorted_numbers()],
            [a.wire() for a in store.applications.values()],
        )

    first = snapshot()
    assert len(first[1]) == 150
    assert snapshot() == first


def test_a_completed_port_moves_a_number_between_accounts(fresh: Sandbox) -> None:
    state = fresh.state
    source = state.accounts.get("vonage", fresh.credentials("vonage")["api_key"])
    target = state.accounts.get("vonage", fresh.credentials("vonage", "target")["api_key"])
    assert source is not None and target is not None
    number: OwnedNumber = next(n for n in source.store.numbers.values() if n.type == "mobile-lvn")
    moved = state.move_number(number.e164, "vonage", target)
    assert moved.number_type == "mobile" and moved.capabilities == {"voice", "sms"}
    assert number.e164 not in source.store.numbers
    arrived = target.store.numbers[number.e164]
    assert (arrived.country, arrived.type, arrived.features) == (
        "GB",
        "mobile-lvn",
        ["VOICE", "SMS"],
    )
    assert arrived.app_id is None
    _, count, _ = _client(fresh, role="target").numbers.list_owned_numbers()
    assert count == 1
