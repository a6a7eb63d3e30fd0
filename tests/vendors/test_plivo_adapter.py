"""The Plivo adapter against the sandbox, through the unmodified plivo SDK over loopback HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from migrator.model.enums import Capability, HostedBy, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Inventory
from migrator.progress import Cancelled, CancelToken
from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.sandbox.plivo.resources import PlivoStore
from migrator.vendors.base import ApplicationSpec, NumberConfig, NumberQuery, WebhookTarget
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    PermissionDenied,
    RateLimited,
    Transient,
)
from migrator.vendors.plivo import convert
from migrator.vendors.plivo.adapter import PlivoAdapter
from migrator.vendors.registry import connect

P = WebhookPurpose


@pytest.fixture(scope="module")
def big() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 2000})
        yield running


@pytest.fixture(scope="module")
def big_inventory(big: Sandbox) -> Inventory:
    return adapter(big).discover()


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 30})
        yield running


def adapter(sandbox: Sandbox, role: str = "source") -> PlivoAdapter:
    return PlivoAdapter(sandbox.credentials("plivo", role), Endpoint(sandbox.url))


def store_of(sandbox: Sandbox) -> PlivoStore:
    with sandbox.state.lock:
        source = next(a for a in sandbox.state.accounts.of_vendor("plivo") if a.role == "source")
        store: PlivoStore = source.store
        return store


def control(sandbox: Sandbox, name: str, body: dict[str, Any]) -> None:
    requests.post(f"{sandbox.url}/_sandbox/{name}", json=body, timeout=10).raise_for_status()


# --- discovery ---------------------------------------------------------------------------
def test_discovery_reproduces_every_number(big: Sandbox, big_inventory: Inventory) -> None:
    store = store_of(big)
    main = big.credentials("plivo")["auth_id"]
    inventory = big_inventory
    assert inventory.account_id == main
    assert len(inventory.numbers) == len(store.numbers) == 2000
    by_id = {n.id: n for n in inventory.numbers}
    assert [n.id for n in inventory.numbers] == list(store.numbers)
    for digits, record in store.numbers.items():
        number = by_id[digits]
        assert number.e164 == "+" + digits
        assert number.account_id == (record.sub_account or main)
        assert number.voice_app_id == number.sms_app_id == record.app_id
        assert number.friendly_name == (record.alias or "")
        wanted = {
            Capability.VOICE: record.voice_enabled,
            Capability.SMS: record.sms_enabled,
            Capability.MMS: record.mms_enabled,
        }
        assert number.capabilities == {c for c, on in wanted.items() if on}
        assert number.config["tendlc_campaign_id"] == record.tendlc_campaign_id
    kinds = {(n.country, n.number_type) for n in inventory.numbers}
    assert kinds == {
        ("US", NumberType.LOCAL),
        ("US", NumberType.TOLLFREE),
        ("CA", NumberType.LOCAL),
        ("GB", NumberType.LOCAL),
        ("GB", NumberType.MOBILE),
    }


def test_discovery_reproduces_apps_webhooks_endpoints_and_subaccounts(
    big: Sandbox, big_inventory: Inventory
) -> None:
    store = store_of(big)
    main = big.credentials("plivo")["auth_id"]
    inventory = big_inventory
    assert {a.id: a.name for a in inventory.applications} == {
        a.app_id: a.app_name for a in store.applications.values()
    }
    expected_hooks = set()
    for app in store.applications.values():
        for purpose, (url_field, method_field) in convert.APP_WEBHOOK_FIELDS.items():
            if getattr(app, url_field):
                expected_hooks.add(
                    (app.app_id, purpose, getattr(app, url_field), getattr(app, method_field))
                )
        assert inventory.application(app.app_id) is not None
        assert inventory.application(app.app_id).account_id == (app.sub_account or main)  # type: ignore[union-attr]
    found_hooks = {(w.owner_id, w.purpose, w.url, w.method) for w in inventory.webhooks}
    assert found_hooks == expected_hooks
    assert all(w.owner_kind is OwnerKind.APPLICATION and w.effective for w in inventory.webhooks)
    assert any(w.hosted_by is HostedBy.PHLO for w in inventory.webhooks)
    assert {(e.id, e.app_id, e.account_id) for e in inventory.endpoints} == {
        (e.endpoint_id, e.app_id, e.sub_account or main) for e in store.endpoints.values()
    }
    assert [(s.id, s.parent_id, s.status) for s in inventory.subaccounts] == [
        (key, main, "active") for key in store.subaccounts
    ]
    default = next(a.app_id for a in store.applications.values() if a.default_number_app)
    assert inventory.settings["default_number_app"] == default


def test_the_inventory_keeps_no_secrets(big: Sandbox, big_inventory: Inventory) -> None:
    blob = json.dumps(big_inventory.to_dict())
    with big.state.lock:
        secrets = [a.secret for a in big.state.accounts.of_vendor("plivo")]
    secrets += [e.password_md5 for e in store_of(big).endpoints.values()]
    assert not any(secret in blob for secret in secrets)
    assert Inventory.from_dict(big_inventory.to_dict()) == big_inventory


def test_discovery_reports_progress_and_can_be_cancelled(sandbox: Sandbox) -> None:
    seen: list[tuple[int, int | None]] = []
    adapter(sandbox).discover(progress=lambda done, total, _: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] == 30 + 6 + 4 + 1
    token = CancelToken()
    token.cancel("test")
    with pytest.raises(Cancelled):
        adapter(sandbox).discover(cancel=token)


def test_fingerprint_is_stable_until_the_account_changes(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox)
    first = plivo.discover()
    assert plivo.discover().fingerprint() == first.fingerprint()
    linked = next(n for n in first.numbers if n.voice_app_id)
    plivo.configure_number(linked.e164, NumberConfig(app_id=None))
    assert plivo.discover().fingerprint() != first.fingerprint()


def test_a_subaccount_discovers_only_its_own(sandbox: Sandbox) -> None:
    creds = sandbox.accounts("plivo", "subaccount")[0]["credentials"]
    inventory = PlivoAdapter(creds, Endpoint(sandbox.url)).discover()
    assert inventory.account_id == creds["auth_id"]
    assert len(inventory.numbers) == 1
    assert {a.name for a in inventory.applications} == {"EU-Support"}
    assert inventory.subaccounts == ()


def test_discovery_rides_out_intermittent_faults(sandbox: Sandbox) -> None:
    control(sandbox, "faults", {"vendor": "plivo", "rate_5xx": 0.2, "rate_429": 0.1, "seed": 5})
    inventory = adapter(sandbox).discover()
    assert len(inventory.numbers) == 30
    assert len(inventory.applications) == 6


def test_an_outage_fails_discovery_with_one_clear_error(sandbox: Sandbox) -> None:
    control(sandbox, "faults", {"vendor": "plivo", "rate_5xx": 1.0})
    plivo = adapter(sandbox)
    plivo.calls.read_attempts = 2
    with pytest.raises(Transient) as caught:
        plivo.discover()
    assert caught.value.status == 500
    assert "server error" in str(caught.value)


# --- errors ------------------------------------------------------------------------------
def test_bad_credentials(sandbox: Sandbox) -> None:
    creds = sandbox.credentials("plivo")
    wrong = PlivoAdapter({**creds, "auth_token": "nope"}, Endpoint(sandbox.url))
    with pytest.raises(AuthenticationFailed) as caught:
        wrong.check_credentials()
    assert caught.value.status == 401
    with pytest.raises(AuthenticationFailed):
        wrong.calls.read(lambda c: c.numbers.list())  # the SDK's AttributeError path
    with pytest.raises(AuthenticationFailed):
        PlivoAdapter({"auth_id": "AC1", "auth_token": "x"}, Endpoint(sandbox.url)).discover()
    assert adapter(sandbox).check_credentials().account_id == creds["auth_id"]


def test_rate_limit_is_mapped_with_the_vendors_message(sandbox: Sandbox) -> None:
    control(sandbox, "limits", {"vendor": "plivo", "rate": 1, "per": 60})
    plivo = adapter(sandbox)
    plivo.calls.read_attempts = 1
    plivo.check_credentials()
    with pytest.raises(RateLimited) as caught:
        plivo.check_credentials()
    assert caught.value.status == 429
    assert caught.value.vendor_message == "Too many requests, rate limited"
    assert caught.value.retryable


def test_not_found_permission_and_business_rules(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox)
    assert plivo.get_number("+14155550100") is None
    assert plivo.get_application("12345678901234567") is None
    with pytest.raises(NotFound):
        plivo.release_number("+14155550100")
    with pytest.raises(NotFound):
        plivo.delete_application("12345678901234567")
    with pytest.raises(BusinessRule, match="answer URL"):
        plivo.create_application(
            ApplicationSpec("sms only", {P.SMS_INBOUND: WebhookTarget("https://a.example.com/")})
        )
    with pytest.raises(BusinessRule, match="message_status"):
        plivo.create_application(
            ApplicationSpec(
                "status",
                {
                    P.VOICE_ANSWER: WebhookTarget("https://a.example.com/"),
                    P.MESSAGE_STATUS: WebhookTarget("https://a.example.com/s"),
                },
            )
        )
    number = plivo.discover().numbers[0].e164
    with pytest.raises(BusinessRule) as caught:
        plivo.configure_number(number, NumberConfig(app_id="99999999999999999"))
    assert caught.value.status == 400
    with pytest.raises(BusinessRule):
        plivo.configure_number(
            number, NumberConfig(webhooks={P.VOICE_ANSWER: WebhookTarget("https://x.example.com/")})
        )
    sub = sandbox.accounts("plivo", "subaccount")[0]["credentials"]
    sub_adapter = PlivoAdapter(sub, Endpoint(sandbox.url))
    with pytest.raises(PermissionDenied):
        sub_adapter.calls.read(lambda c: c.subaccounts.get(sub["auth_id"]))


# --- writes ------------------------------------------------------------------------------
SPEC = ApplicationSpec(
    name="Main IVR (migrated)",
    marker="mig-7f3a",
    webhooks={
        P.VOICE_ANSWER: WebhookTarget("https://voice.example.com/answer", "GET"),
        P.VOICE_FALLBACK: WebhookTarget("https://backup.example.com/answer", "POST"),
        P.CALL_STATUS: WebhookTarget("https://voice.example.com/hangup", "POST"),
        P.SMS_INBOUND: WebhookTarget("https://sms.example.com/in", "GET"),
    },
    extra={"default_number_app": True, "log_incoming_messages": False},
)


def test_application_writes_round_trip(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox, "target")
    app = plivo.create_application(SPEC)
    assert app.name == "Main-IVR-migrated__mig-7f3a"
    assert plivo.find_application("mig-7f3a") == app
    assert plivo.find_application("mig-0000") is None
    spec = plivo.read_application_spec(app.id)
    assert spec.webhooks == SPEC.webhooks
    assert spec.extra["default_number_app"] is True
    assert spec.extra["log_incoming_messages"] is False
    changed = {**SPEC.webhooks, P.VOICE_ANSWER: WebhookTarget("https://new.example.com/a", "POST")}
    updated = plivo.update_application(app.id, ApplicationSpec(app.name, changed))
    assert updated.config["answer_url"] == "https://new.example.com/a"
    after = plivo.read_application_spec(app.id)
    assert after.webhooks == changed
    # update() would have reset these to its defaults had they not been sent again
    assert after.extra["default_number_app"] is True
    assert after.extra["log_incoming_messages"] is False
    assert after.webhooks[P.SMS_INBOUND].method == "GET"
    plivo.update_application(app.id, spec)  # restoring the read spec undoes the change
    assert plivo.read_application_spec(app.id) == spec
    without_fallback = {p: t for p, t in SPEC.webhooks.items() if p is not P.VOICE_FALLBACK}
    with pytest.raises(BusinessRule, match="cannot clear"):
        plivo.update_application(app.id, ApplicationSpec(app.name, without_fallback))
    plivo.delete_application(app.id)
    assert plivo.get_application(app.id) is None
    with pytest.raises(NotFound):
        plivo.delete_application(app.id)


def test_a_create_the_sdk_resent_leaves_one_application(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox, "target")
    control(sandbox, "faults", {"vendor": "plivo", "rate_5xx": 0.5, "methods": ["POST"], "seed": 1})
    app = plivo.create_application(SPEC)
    assert plivo.calls.sdk_retried is False  # the last call (a read-back) was not resent
    injected = requests.get(f"{sandbox.url}/_sandbox/faults", timeout=10).json()["injected"]
    assert injected.get("5xx", 0) >= 1  # the create was refused at least once and resent
    control(sandbox, "faults", {"clear": True})
    matching = [a for a in plivo.discover().applications if a.name == app.name]
    assert [a.id for a in matching] == [app.id]


def test_duplicates_of_a_marker_are_removed_after_a_resent_create(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox, "target")
    first = plivo.create_application(SPEC)
    second = plivo.create_application(SPEC)
    plivo._remove_duplicates(SPEC.marker, keep=second.id)
    assert plivo.get_application(first.id) is None
    assert plivo.find_application(SPEC.marker) == second


def test_number_writes_round_trip(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox, "target")
    query = NumberQuery(
        "US", NumberType.LOCAL, area_code="415", capabilities=frozenset({Capability.SMS}), limit=25
    )
    offers = plivo.search_numbers(query)
    assert len(offers) == 25
    assert all(o.e164.startswith("+1415") and Capability.SMS in o.capabilities for o in offers)
    assert {o.country for o in offers} == {"US"}
    app = plivo.create_application(SPEC)
    bought = plivo.buy_number(offers[0].e164, NumberConfig(app_id=app.id), label="Front desk")
    assert bought.e164 == offers[0].e164
    assert bought.voice_app_id == app.id
    assert bought.friendly_name == "Front desk"
    before = plivo.read_number_config(bought.e164)
    assert before.app_id == app.id
    plivo.configure_number(bought.e164, NumberConfig(app_id=None, vendor_fields={"alias": None}))
    unlinked = plivo.get_number(bought.e164)
    assert unlinked is not None and unlinked.voice_app_id is None and unlinked.friendly_name == ""
    plivo.configure_number(bought.e164, before)
    assert plivo.read_number_config(bought.e164) == before
    plivo.release_number(bought.e164)
    assert plivo.get_number(bought.e164) is None


def test_search_contains_and_compliance_pending(sandbox: Sandbox) -> None:
    plivo = adapter(sandbox, "target")
    offers = plivo.search_numbers(NumberQuery("US", NumberType.TOLLFREE, contains="8", limit=3))
    assert len(offers) == 3 and all("8" in o.e164 for o in offers)
    assert {o.number_type for o in offers} == {NumberType.TOLLFREE}
    uk = plivo.search_numbers(NumberQuery("GB", NumberType.LOCAL, limit=1))[0]
    assert uk.number_type is NumberType.LOCAL
    bought = plivo.buy_number(uk.e164)
    assert "compliance-pending" in bought.tags
    assert plivo.search_numbers(NumberQuery("US", capabilities=frozenset({Capability.FAX}))) == []


def test_the_registry_connects_the_plivo_adapter(sandbox: Sandbox) -> None:
    connected = connect("plivo", sandbox.credentials("plivo"), Endpoint(sandbox.url))
    assert isinstance(connected, PlivoAdapter)
    assert connected.capabilities.max_page_size == 20
