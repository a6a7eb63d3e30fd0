"""The seeded departing Twilio account: deterministic, and as varied as a real one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest

from migrator.sandbox import Sandbox
from migrator.sandbox.accounts import Account
from migrator.sandbox.numbers import country_of
from migrator.sandbox.seeding import seed_state
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio import TwilioApi
from migrator.sandbox.twilio.resources import TwilioStore, store_of


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(apis={"twilio": TwilioApi()}) as running:
        running.seed({"twilio": 1000})
        yield running


def account(sandbox: Sandbox, role: str = "source") -> Account:
    found = sandbox.state.accounts.get("twilio", sandbox.credentials("twilio", role)["account_sid"])
    assert found is not None
    return found


def urls(store: TwilioStore) -> list[str]:
    fields = ("voice_url", "voice_fallback_url", "sms_url", "sms_fallback_url", "status_callback")
    return [getattr(n, f) for n in store.numbers.values() for f in fields if getattr(n, f)]


def test_numbers_span_countries_and_types_and_count_the_subaccount(sandbox: Sandbox) -> None:
    source, sub = account(sandbox), account(sandbox, "subaccount")
    store = store_of(source)
    kinds = Counter((country_of(n.phone_number), n.number_type) for n in store.numbers.values())
    assert kinds[("US", "local")] > 0.7 * len(store.numbers)
    for kind in (("US", "tollfree"), ("CA", "local"), ("GB", "local"), ("GB", "mobile")):
        assert kinds[kind] > 0, kind
    assert kinds[("AU", "mobile")] > 0
    area_codes = {n.phone_number[2:5] for n in store.numbers.values() if n.phone_number[:2] == "+1"}
    assert len(area_codes) > 20
    assert len(store.numbers) + len(store_of(sub).numbers) == 1000
    assert store_of(sub).numbers and sub.parent_key == source.key
    counts = sandbox.accounts("twilio", "source")[0]["resources"]
    assert counts["numbers"] == 1000 and counts["subaccounts"] == 1
    gb_local = next(n for n in store.numbers.values() if n.phone_number.startswith("+44"))
    assert gb_local.capabilities["voice"] and gb_local.address_sid


def test_numbers_are_answered_every_way_twilio_allows(sandbox: Sandbox) -> None:
    store = store_of(account(sandbox))
    numbers = list(store.numbers.values())
    seen = urls(store)
    assert sum(1 for n in numbers if n.voice_application_sid) > 0.3 * len(numbers)
    assert any(
        n.sms_application_sid and n.sms_application_sid != n.voice_application_sid for n in numbers
    )
    assert any(n.voice_application_sid and n.voice_url for n in numbers)  # ignored leftovers
    assert any(u.startswith("https://handler.twilio.com/twiml/EH") for u in seen)
    assert any(u.startswith("https://webhooks.twilio.com/v1/Accounts/AC") for u in seen)
    assert any(".twil.io/" in u for u in seen)
    assert any("@" in u.split("/")[2] for u in seen)  # credentials embedded in the URL
    assert any(not (n.voice_url or n.voice_application_sid or n.trunk_sid) for n in numbers)
    assert any(n.trunk_sid for n in numbers) and any(n.trunk_sid and n.voice_url for n in numbers)
    assert any(n.emergency_address_sid for n in numbers)
    assert {len(s.phone_numbers) > 0 for s in store.services.values()} == {True}


def test_apps_bins_and_hosted_logic_look_real(sandbox: Sandbox) -> None:
    store = store_of(account(sandbox))
    assert len(store.applications) == 10
    app_urls = [a.voice_url for a in store.applications.values()] + [
        a.sms_url for a in store.applications.values()
    ]
    assert any("@" in u for u in app_urls if u)
    assert any(a.status_callback for a in store.applications.values())
    assert any(a.voice_fallback_url for a in store.applications.values())
    content = "".join(b.twiml for b in store.bins.values())
    for verb in ("<Gather", "<Dial", "<Record", "<Conference", "<Message>"):
        assert verb in content, verb
    trunk = next(iter(store.trunks.values()))
    assert len(trunk.origination_urls) == 2 and trunk.disaster_recovery_url
    assert len(store.domains) == 1 and len(store.services) == 2


def test_carrier_record_for_port_checks(sandbox: Sandbox) -> None:
    record = account(sandbox).extra["carrier_record"]
    assert set(record) == {
        "customer_name",
        "account_number",
        "pin",
        "billing_telephone_number",
        "address",
    }
    assert set(record["address"]) == {"street", "city", "state", "zip", "country"}
    owned = {n.phone_number for n in store_of(account(sandbox)).numbers.values()}
    assert record["billing_telephone_number"] in owned
    assert "carrier_record" in account(sandbox, "subaccount").extra


def test_seeding_is_deterministic() -> None:
    def snapshot(seed: int) -> list[tuple[str, str, str | None, str]]:
        state = SandboxState({"twilio": TwilioApi()})
        (source, *_) = seed_state(state, {"twilio": 200}, seed)
        found = state.accounts.get("twilio", source["credentials"]["account_sid"])
        assert found is not None
        return [
            (n.sid, n.phone_number, n.voice_application_sid, n.voice_url)
            for n in store_of(found).numbers.values()
        ]

    assert snapshot(4) == snapshot(4)
    assert snapshot(4) != snapshot(5)


def test_a_completed_port_moves_the_number_with_its_type(sandbox: Sandbox) -> None:
    state = sandbox.state
    source, target = account(sandbox), account(sandbox, "target")
    number = next(n for n in store_of(source).numbers.values() if n.number_type == "tollfree")
    with state.lock:
        moved = state.move_number(number.phone_number, "twilio", target)
    assert moved.number_type == "tollfree" and "sms" in moved.capabilities
    assert store_of(source).number_by_e164(number.phone_number) is None
    arrived = store_of(target).number_by_e164(number.phone_number)
    assert arrived is not None and arrived.number_type == "tollfree"
    assert arrived.voice_url == "" and arrived.voice_application_sid is None
    assert not any(number.sid in s.phone_numbers for s in store_of(source).services.values())
