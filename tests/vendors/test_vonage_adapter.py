"""The Vonage adapter against the sandbox, through the unmodified vonage SDK over verified TLS.

Discovery must reproduce the seeded account exactly (numbers, applications, every webhook,
subaccounts); every write must read back as written; vendor errors must arrive as migrator's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from vonage_numbers import ListOwnedNumbersFilter

from migrator.model.enums import Capability, NumberType, Vendor, WebhookPurpose
from migrator.model.inventory import Inventory
from migrator.sandbox import Sandbox
from migrator.sandbox.accounts import Account
from migrator.sandbox.vonage import VonageApi
from migrator.sandbox.vonage.store import VonageStore
from migrator.vendors.base import ApplicationSpec, NumberConfig, NumberQuery, WebhookTarget
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    RateLimited,
    Transient,
)
from migrator.vendors.registry import connect
from migrator.vendors.vonage.adapter import VonageAdapter, with_marker
from migrator.vendors.vonage.errors import sdk_call

P = WebhookPurpose
SEEDED = 2500


def _adapter(sandbox: Sandbox, role: str = "source") -> VonageAdapter:
    adapter = connect(
        "vonage", sandbox.credentials("vonage", role), Endpoint(sandbox.url, sandbox.ca_bundle)
    )
    assert isinstance(adapter, VonageAdapter)
    return adapter


def _account(sandbox: Sandbox, role: str = "source") -> Account:
    account = sandbox.state.accounts.get("vonage", sandbox.credentials("vonage", role)["api_key"])
    assert account is not None
    return account


@pytest.fixture(scope="module")
def seeded() -> Iterator[Sandbox]:
    """A departing account of SEEDED numbers behind Vonage's default rate limit (30/s)."""
    with Sandbox(apis={"vonage": VonageApi()}) as running:
        running.seed({"vonage": SEEDED})
        yield running


@pytest.fixture(scope="module")
def discovered(seeded: Sandbox) -> tuple[Inventory, list[tuple[int, int | None, str]]]:
    seen: list[tuple[int, int | None, str]] = []
    inventory = _adapter(seeded).discover(lambda d, t, m: seen.append((d, t, m)))
    return inventory, seen


@pytest.fixture(scope="module")
def scratch() -> Iterator[Sandbox]:
    with Sandbox(apis={"vonage": VonageApi()}) as running:
        yield running


@pytest.fixture
def fresh(scratch: Sandbox) -> Sandbox:
    scratch.seed({"vonage": 30})
    scratch.state.limits.configure("vonage", {"rate": None})
    return scratch


# --- discovery -------------------------------------------------------------------------------
def _expected_webhooks(sandbox: Sandbox) -> set[tuple[Any, ...]]:
    """Every URL the seeded accounts hold, straight from the sandbox's own state."""
    expected: set[tuple[Any, ...]] = set()
    primary = _account(sandbox)
    for account in (primary, *sandbox.state.accounts.children(primary)):
        store: VonageStore = account.store
        for app in store.applications.values():
            hooks = {
                ("voice", "answer_url"): P.VOICE_ANSWER,
                ("voice", "fallback_answer_url"): P.VOICE_FALLBACK,
                ("voice", "event_url"): P.CALL_STATUS,
                ("messages", "inbound_url"): P.SMS_INBOUND,
                ("messages", "status_url"): P.MESSAGE_STATUS,
            }
            for (capability, name), purpose in hooks.items():
                hook = app.capabilities.get(capability, {}).get("webhooks", {}).get(name)
                if hook:
                    expected.add(
                        (
                            "application",
                            app.id,
                            purpose,
                            hook["address"],
                            hook["http_method"],
                            account.key,
                        )
                    )
        for n in store.numbers.values():
            if n.mo_http_url:
                expected.add(
                    ("number", n.msisdn, P.SMS_INBOUND, n.mo_http_url, "POST", account.key)
                )
            if n.voice_status_callback:
                expected.add(
                    (
                        "number",
                        n.msisdn,
                        P.CALL_STATUS,
                        n.voice_status_callback,
                        "POST",
                        account.key,
                    )
                )
            if n.voice_callback_type == "sip":
                expected.add(
                    ("number", n.msisdn, P.VOICE_ANSWER, n.voice_callback_value, "", account.key)
                )
            if n.voice_callback_type == "tel":
                url = f"tel:+{n.voice_callback_value}"
                expected.add(("number", n.msisdn, P.VOICE_ANSWER, url, "", account.key))
        settings = store.settings
        for url, purpose in (
            (settings.mo_callback_url, P.SMS_INBOUND),
            (settings.dr_callback_url, P.MESSAGE_STATUS),
        ):
            if url:
                expected.add(("account", account.key, purpose, url, "POST", account.key))
    return expected


def test_discovery_reproduces_the_seeded_account(
    seeded: Sandbox, discovered: tuple[Inventory, list[Any]]
) -> None:
    inventory, _ = discovered
    primary = _account(seeded)
    (sub,) = seeded.state.accounts.children(primary)
    assert inventory.vendor == Vendor.VONAGE and inventory.account_id == primary.key
    assert inventory.account_name == primary.name

    expected_numbers = {}
    for account in (primary, sub):
        for n in account.store.numbers.values():
            forwarded = n.voice_callback_type in ("sip", "tel")
            expected_numbers[n.e164] = (
                n.country,
                {"landline": NumberType.LOCAL, "mobile-lvn": NumberType.MOBILE}.get(
                    n.type, NumberType.TOLLFREE
                ),
                frozenset(Capability(f.lower()) for f in n.features),
                account.key,
                None if forwarded else n.app_id,
                n.app_id,
            )
    got = {
        n.e164: (
            n.country,
            n.number_type,
            n.capabilities,
            n.account_id,
            n.voice_app_id,
            n.sms_app_id,
        )
        for n in inventory.numbers
    }
    assert len(inventory.numbers) == SEEDED + 3
    assert got == expected_numbers

    expected_apps = {
        app.id: (app.name, account.key, app.capabilities)
        for account in (primary, sub)
        for app in account.store.applications.values()
    }
    assert {
        a.id: (a.name, a.account_id, a.config["capabilities"]) for a in inventory.applications
    } == expected_apps

    webhooks = {
        (w.owner_kind.value, w.owner_id, w.purpose, w.url, w.method, w.account_id)
        for w in inventory.webhooks
    }
    assert webhooks == _expected_webhooks(seeded)
    assert len(webhooks) == len(inventory.webhooks)  # no duplicates
    assert any(w.url.startswith("https://calls:") for w in inventory.webhooks)

    assert [(s.id, s.name, s.parent_id, s.status) for s in inventory.subaccounts] == [
        (sub.key, "Northwind EU Branch", primary.key, "active")
    ]
    assert inventory.settings["mo-callback-url"].endswith("/vonage/default-inbound")
    assert inventory.settings["subaccounts"][sub.key]["mo-callback-url"] == ""


def test_discovery_stays_within_the_rate_limit_and_reports_progress(
    seeded: Sandbox, discovered: tuple[Inventory, list[tuple[int, int | None, str]]]
) -> None:
    inventory, seen = discovered
    assert seeded.state.limits.rejected == 0  # paced under 30/s: never a 429
    done = [d for d, _, _ in seen]
    assert done == sorted(done)
    assert seen[-1][:2] == (len(inventory.numbers), len(inventory.numbers))
    assert any(total == SEEDED + 3 for _, total, _ in seen[1:-1])


def test_a_second_discovery_has_the_same_fingerprint(
    seeded: Sandbox, discovered: tuple[Inventory, list[Any]]
) -> None:
    seeded.state.limits.configure("vonage", {"rate": None})  # the pacing test is done
    again = _adapter(seeded).discover()
    assert again.fingerprint() == discovered[0].fingerprint()


def test_discovery_survives_transient_faults(fresh: Sandbox) -> None:
    expected = _adapter(fresh).discover()
    fresh.state.faults.configure({"rate_5xx": 0.15, "rate_429": 0.1, "seed": 11}, "vonage")
    again = _adapter(fresh).discover()
    assert sum(fresh.state.faults.snapshot()["injected"].values()) > 0
    assert again.fingerprint() == expected.fingerprint()


def test_a_subaccount_profile_sees_only_its_own_account(fresh: Sandbox) -> None:
    sub = fresh.state.accounts.children(_account(fresh))[0]
    adapter = VonageAdapter(
        {"api_key": sub.key, "api_secret": sub.secret}, Endpoint(fresh.url, fresh.ca_bundle)
    )
    inventory = adapter.discover()
    assert {n.account_id for n in inventory.numbers} == {sub.key}
    assert len(inventory.numbers) == 3 and inventory.subaccounts == ()


# --- writes ----------------------------------------------------------------------------------
HOOKS = {
    P.VOICE_ANSWER: WebhookTarget("https://new.example.com/answer", "GET"),
    P.VOICE_FALLBACK: WebhookTarget("https://new-dr.example.com/answer", "POST"),
    P.CALL_STATUS: WebhookTarget("https://new.example.com/events", "POST"),
    P.SMS_INBOUND: WebhookTarget("https://new.example.com/sms", "POST"),
    P.MESSAGE_STATUS: WebhookTarget("https://new.example.com/sms-status", "POST"),
}


def test_application_writes_round_trip(fresh: Sandbox) -> None:
    adapter = _adapter(fresh, "target")
    spec = ApplicationSpec(
        "Support IVR",
        HOOKS,
        marker="mig-7f3a",
        extra={"region": "eu-west", "signed_callbacks": True, "improve_ai": False},
    )
    created = adapter.create_application(spec)
    assert created.name == "Support IVR [mig-7f3a]"
    assert "private_key" not in created.config.get("keys", {})
    assert adapter.find_application("mig-7f3a") == created
    assert adapter.find_application("mig-nope") is None
    read = adapter.read_application_spec(created.id)
    assert read.webhooks == HOOKS
    assert (read.extra["region"], read.extra["signed_callbacks"], read.extra["improve_ai"]) == (
        "eu-west",
        True,
        False,
    )

    # PUT replaces the whole app: an update naming only webhooks must keep region and keys.
    fewer = {P.VOICE_ANSWER: WebhookTarget("https://v2.example.com/answer", "POST")}
    adapter.update_application(created.id, ApplicationSpec("Support IVR", fewer, marker="mig-7f3a"))
    after = adapter.read_application_spec(created.id)
    assert after.webhooks == fewer
    assert after.extra["region"] == "eu-west"
    assert after.extra["public_key"] == read.extra["public_key"]

    adapter.update_application(created.id, read)  # restoring the before-state undoes
    assert adapter.read_application_spec(created.id) == read

    adapter.delete_application(created.id)
    assert adapter.get_application(created.id) is None
    with pytest.raises(NotFound):
        adapter.delete_application(created.id)


def test_number_writes_round_trip(fresh: Sandbox) -> None:
    adapter = _adapter(fresh, "target")
    offers = adapter.search_numbers(
        NumberQuery("GB", NumberType.MOBILE, capabilities=frozenset({Capability.SMS}), limit=3)
    )
    assert len(offers) == 3
    assert all(
        o.number_type == NumberType.MOBILE and Capability.SMS in o.capabilities for o in offers
    )
    app = adapter.create_application(
        ApplicationSpec("Inbound", {P.VOICE_ANSWER: HOOKS[P.VOICE_ANSWER]})
    )
    config = NumberConfig(
        app_id=app.id, webhooks={P.CALL_STATUS: WebhookTarget("https://new.example.com/status")}
    )
    bought = adapter.buy_number(offers[0].e164, config)
    assert (bought.e164, bought.voice_app_id, bought.sms_app_id) == (offers[0].e164, app.id, app.id)
    assert adapter.read_number_config(offers[0].e164) == config

    forward = NumberConfig(
        app_id=app.id,
        webhooks={P.SMS_INBOUND: WebhookTarget("https://new.example.com/mo")},
        vendor_fields={
            "voiceCallbackType": "sip",
            "voiceCallbackValue": "sip:desk@pbx.example.com",
        },
    )
    adapter.configure_number(offers[0].e164, forward)
    assert adapter.read_number_config(offers[0].e164) == forward
    number = adapter.get_number(offers[0].e164)
    assert number is not None and number.voice_app_id is None and number.sms_app_id == app.id

    adapter.configure_number(offers[0].e164, config)  # restoring clears the forward and the URL
    assert adapter.read_number_config(offers[0].e164) == config
    adapter.link_number(offers[0].e164, None)
    assert adapter.read_number_config(offers[0].e164).app_id is None

    adapter.release_number(offers[0].e164)
    assert adapter.get_number(offers[0].e164) is None
    with pytest.raises(NotFound):
        adapter.release_number(offers[0].e164)


def test_search_by_area_code_and_type(fresh: Sandbox) -> None:
    adapter = _adapter(fresh, "target")
    found = adapter.search_numbers(NumberQuery("US", NumberType.LOCAL, area_code="415", limit=5))
    assert found and all(
        n.e164.startswith("+1415") and n.number_type == NumberType.LOCAL for n in found
    )
    tollfree = adapter.search_numbers(NumberQuery("US", NumberType.TOLLFREE, limit=150))
    assert len({n.e164 for n in tollfree}) == 150  # across two pages of 100, no repeats
    assert adapter.search_numbers(NumberQuery("US", capabilities=frozenset({Capability.FAX}))) == []


def test_marker_is_kept_whole_when_the_name_is_trimmed() -> None:
    named = with_marker("x" * 400, "mig-123")
    assert len(named) == 255 and named.endswith(" [mig-123]")


# --- errors ----------------------------------------------------------------------------------
def test_bad_credentials_are_authentication_failed(fresh: Sandbox) -> None:
    adapter = VonageAdapter(
        {"api_key": "24ffed96", "api_secret": "wrong"}, Endpoint(fresh.url, fresh.ca_bundle)
    )
    with pytest.raises(AuthenticationFailed) as refused:
        adapter.check_credentials()
    assert (refused.value.status, refused.value.code) == (401, "401")
    assert "authentication failed" in refused.value.details()
    with pytest.raises(AuthenticationFailed):
        adapter.discover()


def test_refused_actions_are_business_rules_with_vonages_code(fresh: Sandbox) -> None:
    adapter = _adapter(fresh)
    with pytest.raises(BusinessRule) as not_for_sale:
        adapter.buy_number("+442079460000")
    assert (not_for_sale.value.status, not_for_sale.value.code) == (420, "420")
    assert not not_for_sale.value.retryable
    assert "not available" in not_for_sale.value.vendor_message
    owned = next(iter(_account(fresh).store.numbers.values()))
    with pytest.raises(BusinessRule) as unknown_app:
        adapter.configure_number(owned.e164, NumberConfig(app_id="no-such-app"))
    assert unknown_app.value.code == "420"
    with pytest.raises(BusinessRule):
        adapter.configure_number(
            owned.e164, NumberConfig(webhooks={P.VOICE_ANSWER: HOOKS[P.VOICE_ANSWER]})
        )
    with pytest.raises(BusinessRule) as invalid:
        adapter.create_application(
            ApplicationSpec("Bad", {P.VOICE_ANSWER: WebhookTarget("ftp://nowhere", "GET")})
        )
    assert invalid.value.status == 400 and "answer_url.address" in invalid.value.vendor_message


def test_rate_limits_and_server_errors_keep_their_meaning(fresh: Sandbox) -> None:
    client = _adapter(fresh).rest.client
    fresh.state.faults.configure({"rate_429": 1.0}, "vonage")
    with pytest.raises(RateLimited) as limited:
        sdk_call(lambda: client.numbers.list_owned_numbers(ListOwnedNumbersFilter()), "list")
    assert limited.value.retryable and limited.value.status == 429
    assert limited.value.code == "throttled"
    fresh.state.faults.configure({"rate_429": 0.0, "rate_5xx": 1.0}, "vonage")
    with pytest.raises(Transient) as failed:
        sdk_call(client.application.list_applications, "list")
    assert failed.value.retryable and failed.value.status == 500


def test_a_buy_that_already_happened_is_not_an_error(fresh: Sandbox) -> None:
    """The SDK re-sends a POST whose connection dropped; the second attempt then meets
    'you already own this number'. The adapter checks ownership before reporting failure."""
    adapter = _adapter(fresh, "target")
    (offer,) = adapter.search_numbers(NumberQuery("DE", NumberType.LOCAL, limit=1))
    adapter.buy_number(offer.e164)
    again = adapter.buy_number(offer.e164)
    assert again.e164 == offer.e164


def test_planned_application_is_created_with_the_admins_public_key(fresh: Sandbox) -> None:
    """Planner params -> executor's spec -> SDK -> sandbox; the typed SDK reads the key back."""
    from migrator.engine.operations import spec_differences, spec_param
    from migrator.model.mapping import Decisions
    from migrator.model.plan import ActionKind
    from tests.public_keys import public_pem
    from tests.rules.inventories import run, twilio_source

    pem = public_pem()
    plan = run(twilio_source(), "vonage", Decisions(application_public_key=pem)).plan
    action = next(a for a in plan.actions if a.kind is ActionKind.CREATE_APPLICATION)
    spec = spec_param(action, action.params)
    assert spec.public_key == pem

    adapter = _adapter(fresh, "target")
    created = adapter.create_application(spec)
    assert created.config["keys"] == {"public_key": pem}
    read = adapter.rest.client.application.get_application(created.id)
    assert read.keys is not None and read.keys.public_key == pem
    assert spec_differences(spec, adapter.read_application_spec(created.id)) == []

    # an update naming only webhooks keeps the admin's key (Vonage replaces the whole app)
    adapter.update_application(created.id, ApplicationSpec(spec.name, {}, marker=spec.marker))
    assert adapter.read_application_spec(created.id).public_key == pem

    without = adapter.create_application(replace(spec, marker="mig-gen1", public_key=None))
    generated = adapter.read_application_spec(without.id)
    assert generated.public_key and generated.public_key != pem  # Vonage made its own pair
    assert spec_differences(spec, generated) == ["public key: not the one given in the decisions"]
