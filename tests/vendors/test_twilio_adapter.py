"""The Twilio adapter end to end: the official twilio SDK over loopback against a seeded sandbox.

Discovery must reproduce the seeded account exactly (read straight from the sandbox's state):
every number, application, service, trunk, domain and subaccount, every webhook with its
precedence, and the content of every TwiML Bin. Writes must round-trip, and errors must arrive
as the core hierarchy with Twilio's code kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from twilio.base.exceptions import TwilioException, TwilioRestException

from migrator.model.enums import Capability, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Inventory
from migrator.progress import Cancelled, CancelToken
from migrator.sandbox import Sandbox
from migrator.sandbox.accounts import Account
from migrator.sandbox.twilio import TwilioApi
from migrator.sandbox.twilio.resources import IncomingNumber, TwilioStore, store_of
from migrator.vendors.base import ApplicationSpec, NumberConfig, NumberQuery, WebhookTarget
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    RateLimited,
    Transient,
)
from migrator.vendors.twilio.adapter import TwilioAdapter
from migrator.vendors.twilio.errors import translate
from migrator.vendors.twilio.transport import twilio_client

P = WebhookPurpose
NUMBER_URLS = {
    P.VOICE_ANSWER: ("voice_url", "voice_method"),
    P.VOICE_FALLBACK: ("voice_fallback_url", "voice_fallback_method"),
    P.CALL_STATUS: ("status_callback", "status_callback_method"),
    P.SMS_INBOUND: ("sms_url", "sms_method"),
    P.SMS_FALLBACK: ("sms_fallback_url", "sms_fallback_method"),
}


@pytest.fixture(scope="module")
def seeded() -> Iterator[Sandbox]:
    """A departing account with a few thousand numbers, discovered once (read-only tests)."""
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        running.seed({"twilio": 2000})
        yield running


@pytest.fixture(scope="module")
def inventory(seeded: Sandbox) -> Inventory:
    seen: list[int] = []
    found = adapter(seeded).discover(lambda done, total, message: seen.append(done))
    assert seen and seen[-1] >= 2000
    return found


@pytest.fixture(scope="module")
def scratch_sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        yield running


@pytest.fixture
def scratch(scratch_sandbox: Sandbox) -> Sandbox:
    scratch_sandbox.seed({"twilio": 60})
    return scratch_sandbox


def adapter(sandbox: Sandbox, role: str = "source") -> TwilioAdapter:
    return TwilioAdapter(sandbox.credentials("twilio", role), Endpoint(sandbox.url))


def accounts(sandbox: Sandbox) -> list[Account]:
    source = sandbox.state.accounts.get("twilio", sandbox.credentials("twilio")["account_sid"])
    assert source is not None
    return [source, *store_of(source).subaccounts]


def stores(sandbox: Sandbox) -> dict[str, TwilioStore]:
    return {a.key: store_of(a) for a in accounts(sandbox)}


# --- discovery ------------------------------------------------------------------------------
def test_discovery_reproduces_every_number(seeded: Sandbox, inventory: Inventory) -> None:
    expected = {
        n.sid: (sid, n) for sid, store in stores(seeded).items() for n in store.numbers.values()
    }
    assert len(inventory.numbers) == len(expected) == 2000
    for number in inventory.numbers:
        owner, seeded_number = expected[number.id]
        assert number.account_id == owner
        assert number.e164 == seeded_number.phone_number
        assert number.friendly_name == seeded_number.friendly_name
        assert number.number_type == NumberType(seeded_number.number_type)
        assert number.capabilities == {
            Capability(k) for k, on in seeded_number.capabilities.items() if on
        }
        assert number.voice_app_id == seeded_number.voice_application_sid
        assert number.sms_app_id == seeded_number.sms_application_sid
        assert number.trunk_id == seeded_number.trunk_sid
        assert number.emergency_address_id == seeded_number.emergency_address_sid
        for url_field, method_field in NUMBER_URLS.values():
            assert number.config[url_field] == getattr(seeded_number, url_field)
            assert number.config[method_field] == getattr(seeded_number, method_field)
    assert {n.country for n in inventory.numbers} >= {"US", "CA", "GB", "AU"}


def test_discovery_reproduces_apps_services_trunks_domains_and_subaccounts(
    seeded: Sandbox, inventory: Inventory
) -> None:
    all_stores = stores(seeded)
    apps = {a.sid: a for s in all_stores.values() for a in s.applications.values()}
    assert {a.id for a in inventory.applications} == set(apps)
    for app in inventory.applications:
        assert app.name == apps[app.id].friendly_name
        assert app.config["voice_url"] == apps[app.id].voice_url
        assert app.config["sms_url"] == apps[app.id].sms_url
    services = {s.sid: s for st in all_stores.values() for s in st.services.values()}
    assert {s.id for s in inventory.messaging_services} == set(services)
    for service in inventory.messaging_services:
        assert service.number_ids == tuple(services[service.id].phone_numbers)
        assert service.use_inbound_webhook_on_number == (
            services[service.id].use_inbound_webhook_on_number
        )
        assert service.a2p_registered == services[service.id].us_app_to_person_registered
    in_service = {pn: sid for sid, s in services.items() for pn in s.phone_numbers}
    for number in inventory.numbers:
        assert number.messaging_service_id == in_service.get(number.id)
    (trunk,) = inventory.trunks
    seeded_trunk = next(t for s in all_stores.values() for t in s.trunks.values())
    assert trunk.origination_urls == tuple(
        o.sip_url for o in seeded_trunk.origination_urls.values()
    )
    on_trunk = [n.sid for s in all_stores.values() for n in s.numbers.values() if n.trunk_sid]
    assert trunk.number_ids == tuple(on_trunk)
    assert [d.domain_name for d in inventory.sip_domains] == [
        d.domain_name for s in all_stores.values() for d in s.domains.values()
    ]
    (sub,) = inventory.subaccounts
    assert sub.id == accounts(seeded)[1].key and sub.parent_id == inventory.account_id
    assert inventory.account_name == all_stores[inventory.account_id].profile.friendly_name


def test_every_seeded_url_is_a_webhook_item(seeded: Sandbox, inventory: Inventory) -> None:
    expected = set()
    for sid, store in stores(seeded).items():
        for number in store.numbers.values():
            for purpose, (url_field, method_field) in NUMBER_URLS.items():
                if getattr(number, url_field):
                    expected.add(
                        (
                            OwnerKind.NUMBER,
                            number.sid,
                            purpose,
                            getattr(number, url_field),
                            getattr(number, method_field),
                            sid,
                        )
                    )
    found = {
        (w.owner_kind, w.owner_id, w.purpose, w.url, w.method, w.account_id)
        for w in inventory.webhooks
        if w.owner_kind is OwnerKind.NUMBER
    }
    assert found == expected
    app_urls = {
        url
        for store in stores(seeded).values()
        for app in store.applications.values()
        for url in (app.voice_url, app.voice_fallback_url, app.status_callback, app.sms_url)
        if url
    }
    assert app_urls <= {w.url for w in inventory.webhooks if w.owner_kind is OwnerKind.APPLICATION}
    kinds = {w.owner_kind for w in inventory.webhooks}
    assert kinds == set(OwnerKind) - {OwnerKind.ACCOUNT}


def test_precedence_marks_the_settings_that_win(seeded: Sandbox, inventory: Inventory) -> None:
    services = {s.id: s for s in inventory.messaging_services}
    numbers = {n.id: n for n in inventory.numbers}
    checked = {"app": 0, "trunk": 0, "service": 0, "own": 0}
    for hook in inventory.webhooks:
        if hook.owner_kind is not OwnerKind.NUMBER:
            assert hook.effective
            continue
        number = numbers[hook.owner_id]
        service = services.get(number.messaging_service_id or "")
        if hook.purpose in (P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS):
            if number.trunk_id:
                assert hook.overridden_by == f"trunk:{number.trunk_id}"
                checked["trunk"] += 1
            elif number.voice_app_id:
                assert hook.overridden_by == f"application:{number.voice_app_id}"
                checked["app"] += 1
            else:
                assert hook.effective and hook.overridden_by is None
                checked["own"] += 1
        elif service is not None and not service.use_inbound_webhook_on_number:
            assert hook.overridden_by == f"messaging_service:{service.id}"
            checked["service"] += 1
        elif number.sms_app_id:
            assert hook.overridden_by == f"application:{number.sms_app_id}"
        else:
            assert hook.effective
        assert hook.effective == (hook.overridden_by is None)
    assert all(checked.values()), checked


def test_twiml_bin_content_is_fetched(seeded: Sandbox, inventory: Inventory) -> None:
    bins = {b.url: b.twiml for s in stores(seeded).values() for b in s.bins.values()}
    on_bins = [w for w in inventory.webhooks if w.url.startswith("https://handler.twilio.com/")]
    assert on_bins
    for hook in on_bins:
        assert hook.content == bins[hook.url]
    assert all(w.content is None for w in inventory.webhooks if w.hosted_by != "twiml_bin")


def test_discovery_is_stable_and_cancellable(scratch: Sandbox) -> None:
    first = adapter(scratch).discover()
    assert adapter(scratch).discover().fingerprint() == first.fingerprint()
    token = CancelToken()
    token.cancel("test")
    with pytest.raises(Cancelled):
        adapter(scratch).discover(cancel=token)


def test_a_subaccount_discovers_only_itself(seeded: Sandbox) -> None:
    sub = adapter(seeded, "subaccount")
    found = sub.discover()
    assert found.subaccounts == ()
    assert {n.account_id for n in found.numbers} == {sub.account_id}
    assert len(found.numbers) == len(store_of(accounts(seeded)[1]).numbers)


def test_discovery_retries_through_injected_faults(scratch: Sandbox) -> None:
    clean = adapter(scratch).discover()
    requests.post(
        f"{scratch.url}/_sandbox/faults",
        json={"vendor": "twilio", "rate_5xx": 0.05, "rate_429": 0.05, "seed": 11},
        timeout=10,
    ).raise_for_status()
    again = adapter(scratch).discover()
    assert again.fingerprint() == clean.fingerprint()
    assert set(scratch.state.faults.injected) == {"5xx", "429"}


# --- writes ---------------------------------------------------------------------------------
def test_application_lifecycle_with_marker(scratch: Sandbox) -> None:
    twilio = adapter(scratch, "target")
    spec = ApplicationSpec(
        name="Main IVR migrated from a departing vendor with a long name",
        webhooks={
            P.VOICE_ANSWER: WebhookTarget("https://ivr.example.com/answer", "GET"),
            P.CALL_STATUS: WebhookTarget("https://ivr.example.com/status"),
            P.SMS_INBOUND: WebhookTarget("https://api.example.com/sms"),
            P.MESSAGE_STATUS: WebhookTarget("https://api.example.com/sms-status"),
        },
        marker="mig-7f3a9c",
    )
    created = twilio.create_application(spec)
    assert created.name.endswith("[mig-7f3a9c]") and len(created.name) <= 64
    assert twilio.find_application("mig-7f3a9c") == created
    assert twilio.find_application("mig-nothing") is None
    read = twilio.read_application_spec(created.id)
    assert read.webhooks == spec.webhooks
    changed = ApplicationSpec(
        name=read.name, webhooks={P.VOICE_ANSWER: WebhookTarget("https://new.example.com/a")}
    )
    twilio.update_application(created.id, changed)
    assert twilio.read_application_spec(created.id).webhooks == changed.webhooks
    twilio.update_application(created.id, read)
    assert twilio.read_application_spec(created.id) == read
    twilio.delete_application(created.id)
    assert twilio.get_application(created.id) is None
    with pytest.raises(NotFound):
        twilio.delete_application(created.id)
    with pytest.raises(BusinessRule):
        twilio.create_application(
            ApplicationSpec("x", {P.DISASTER_RECOVERY: WebhookTarget("https://x.example.com")})
        )


def test_search_buy_configure_and_release(scratch: Sandbox) -> None:
    twilio = adapter(scratch, "target")
    offers = twilio.search_numbers(
        NumberQuery(
            "US",
            NumberType.LOCAL,
            area_code="512",
            capabilities=frozenset({Capability.SMS}),
            limit=3,
        )
    )
    assert len(offers) == 3 and all(o.e164.startswith("+1512") for o in offers)
    assert offers[0].locality == "Austin" and Capability.SMS in offers[0].capabilities
    toll_free = twilio.search_numbers(NumberQuery("US", NumberType.TOLLFREE, limit=2))
    assert len(toll_free) == 2 and toll_free[0].number_type is NumberType.TOLLFREE
    app = twilio.create_application(
        ApplicationSpec("IVR", {P.VOICE_ANSWER: WebhookTarget("https://ivr.example.com/a")})
    )
    config = NumberConfig(
        app_id=app.id, webhooks={P.SMS_INBOUND: WebhookTarget("https://api.example.com/sms")}
    )
    bought = twilio.buy_number(offers[0].e164, config, label="Support line")
    assert bought.friendly_name == "Support line" and bought.voice_app_id == app.id
    assert twilio.get_number(offers[0].e164) == bought
    read = twilio.read_number_config(offers[0].e164)
    assert (read.app_id, read.sms_app_id) == (app.id, app.id)
    assert read.webhooks == config.webhooks
    own = NumberConfig(
        webhooks={
            P.VOICE_ANSWER: WebhookTarget("https://own.example.com/voice", "GET"),
            P.VOICE_FALLBACK: WebhookTarget("https://own.example.com/fallback"),
        }
    )
    twilio.configure_number(offers[0].e164, own)
    assert twilio.read_number_config(offers[0].e164).webhooks == own.webhooks
    assert twilio.read_number_config(offers[0].e164).app_id is None
    twilio.release_number(offers[0].e164)
    assert twilio.get_number(offers[0].e164) is None
    with pytest.raises(NotFound):
        twilio.release_number(offers[0].e164)
    with pytest.raises(BusinessRule) as taken:
        twilio.buy_number(offers[0].e164)
    assert taken.value.code == "21422"


def test_reading_then_setting_a_config_restores_the_number_exactly(scratch: Sandbox) -> None:
    twilio = adapter(scratch)
    store = stores(scratch)[twilio.account_id]
    shapes: dict[str, IncomingNumber] = {}
    for number in store.numbers.values():
        if number.trunk_sid:
            shapes.setdefault("trunk", number)
        elif number.voice_application_sid and not number.sms_application_sid:
            shapes.setdefault("voice app only", number)
        elif number.voice_application_sid and number.voice_url:
            shapes.setdefault("app with leftover urls", number)
        elif number.sms_url and not number.voice_application_sid:
            shapes.setdefault("own urls", number)
    assert len(shapes) == 4, sorted(shapes)

    def routing(number: IncomingNumber) -> dict[str, Any]:
        fields = [f for pair in NUMBER_URLS.values() for f in pair]
        fields += ["voice_application_sid", "sms_application_sid", "trunk_sid"]
        return {f: getattr(number, f) for f in fields}

    for shape, number in shapes.items():
        before = routing(number)
        config = twilio.read_number_config(number.phone_number)
        twilio.configure_number(number.phone_number, NumberConfig())
        assert routing(number) != before, shape
        twilio.configure_number(number.phone_number, config)
        assert routing(number) == before, shape


def test_get_number_knows_its_messaging_service(scratch: Sandbox) -> None:
    twilio = adapter(scratch)
    store = stores(scratch)[twilio.account_id]
    service = next(iter(store.services.values()))
    member = store.numbers[next(iter(service.phone_numbers))]
    found = twilio.get_number(member.phone_number)
    assert found is not None and found.messaging_service_id == service.sid


def test_a_config_twilio_cannot_hold_is_a_business_rule(scratch: Sandbox) -> None:
    twilio = adapter(scratch)
    e164 = next(iter(stores(scratch)[twilio.account_id].numbers.values())).phone_number
    both = NumberConfig(app_id="AP" + "1" * 32, vendor_fields={"trunk_sid": "TK" + "2" * 32})
    with pytest.raises(BusinessRule):
        twilio.configure_number(e164, both)
    with pytest.raises(BusinessRule):
        twilio.configure_number(
            e164, NumberConfig(webhooks={P.MESSAGE_STATUS: WebhookTarget("https://x.example.com")})
        )
    with pytest.raises(BusinessRule) as unknown_app:
        twilio.configure_number(e164, NumberConfig(app_id="AP" + "1" * 32))
    assert unknown_app.value.code == "21420"
    with pytest.raises(NotFound):
        twilio.read_number_config("+14155550100")


# --- errors ---------------------------------------------------------------------------------
def test_bad_credentials_are_authentication_failed(scratch: Sandbox) -> None:
    sid = scratch.credentials("twilio")["account_sid"]
    wrong = TwilioAdapter({"account_sid": sid, "auth_token": "0" * 32}, Endpoint(scratch.url))
    with pytest.raises(AuthenticationFailed) as refused:
        wrong.check_credentials()
    assert (refused.value.status, refused.value.code) == (401, "20003")
    with pytest.raises(AuthenticationFailed):
        wrong.discover()
    with pytest.raises(BusinessRule):
        TwilioAdapter({"account_sid": sid}, Endpoint(scratch.url))


def test_sdk_failures_translate_with_twilios_codes(scratch: Sandbox) -> None:
    creds = scratch.credentials("twilio")
    sdk = twilio_client(creds["account_sid"], creds["auth_token"], Endpoint(scratch.url))

    def failure(call: Any) -> BaseException:
        with pytest.raises(TwilioException) as raised:
            call()
        return raised.value

    control = f"{scratch.url}/_sandbox/"
    requests.post(control + "faults", json={"rate_429": 1.0}, timeout=10).raise_for_status()
    limited = translate(failure(lambda: sdk.applications.list()))
    assert isinstance(limited, RateLimited) and limited.code == "20429"
    requests.post(control + "faults", json={"rate_429": 0, "rate_5xx": 1.0}, timeout=10)
    broken = translate(failure(lambda: sdk.api.v2010.accounts(sdk.account_sid).fetch()))
    assert isinstance(broken, Transient) and broken.status == 500
    requests.post(control + "faults", json={"clear": True}, timeout=10)
    missing = failure(lambda: sdk.applications("AP" + "0" * 32).fetch())
    assert isinstance(missing, TwilioRestException)
    assert isinstance(translate(missing), NotFound) and translate(missing).code == "20404"
    refused = translate(failure(lambda: sdk.incoming_phone_numbers.create(phone_number="+1555")))
    assert isinstance(refused, BusinessRule) and refused.code == "21421"
    assert "invalid" in refused.vendor_message
    with pytest.raises(requests.ConnectionError) as down:
        twilio_client("AC" + "0" * 32, "t", Endpoint("http://127.0.0.1:9")).applications.list()
    assert isinstance(translate(down.value), Transient)
