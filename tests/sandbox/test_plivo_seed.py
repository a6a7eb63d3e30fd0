"""The seeded departing Plivo account, and numbers moving in and out through ports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

import phonenumbers
import plivo
import pytest

from migrator.sandbox import Sandbox
from migrator.sandbox.plivo import PlivoApi
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.plivo.transport import rest_client


@pytest.fixture(scope="module")
def seeded() -> Iterator[Sandbox]:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 1000})
        yield running


def sdk(sandbox: Sandbox, role: str = "source") -> plivo.RestClient:
    creds = sandbox.credentials("plivo", role)
    return rest_client(creds["auth_id"], creds["auth_token"], Endpoint(sandbox.url))


def test_credentials_pass_the_sdks_checks(seeded: Sandbox) -> None:
    accounts = seeded.accounts("plivo")
    roles = {a["role"] for a in accounts}
    assert roles == {"source", "target", "subaccount"}
    for account in accounts:
        creds = account["credentials"]
        assert set(creds) == {"auth_id", "auth_token"}
        prefix = "SA" if account["role"] == "subaccount" else "MA"
        assert creds["auth_id"].startswith(prefix) and len(creds["auth_id"]) == 20
        assert creds["auth_id"][2:].isalnum() and creds["auth_id"][2:].isupper()
        assert len(creds["auth_token"]) == 40
    source = seeded.accounts("plivo", "source")[0]["resources"]
    assert source == {"numbers": 1000, "applications": 6, "endpoints": 4, "subaccounts": 1}


def test_numbers_span_countries_types_and_links(seeded: Sandbox) -> None:
    numbers = list(sdk(seeded).numbers)
    assert len(numbers) == 1000
    countries = Counter(
        phonenumbers.region_code_for_number(phonenumbers.parse("+" + n.number)) for n in numbers
    )
    assert set(countries) == {"US", "CA", "GB"}
    assert countries["US"] > countries["CA"] > 0
    assert {n.number_type for n in numbers} == {"local", "tollfree", "fixed", "mobile"}
    area_codes = {n.number[1:4] for n in numbers if n.number_type == "local" and n.number[0] == "1"}
    assert len(area_codes) >= 15
    assert any(n.application is None for n in numbers)
    assert sum(1 for n in numbers if n.application) > 700
    assert any(n.tendlc_campaign_id for n in numbers)
    assert {n.tendlc_registration_status for n in numbers} >= {"COMPLETED", "UNREGISTERED"}
    assert any(n.toll_free_sms_verification == "VERIFIED" for n in numbers)
    assert any(n.alias for n in numbers)
    assert sum(1 for n in numbers if n.sub_account) == 50
    assert all(", " in n.region or n.region.isupper() for n in numbers)


def test_applications_include_phlo_and_credentialed_urls(seeded: Sandbox) -> None:
    apps = sdk(seeded).applications.list()
    urls = [a.answer_url for a in apps] + [a.message_url for a in apps if a.message_url]
    hosts = {urlsplit(u).hostname for u in urls}
    assert "phlo-runner-service.plivo.com" in hosts
    assert any(urlsplit(u).password for u in urls)
    assert sum(1 for a in apps if a.default_app) == 1
    assert sum(1 for a in apps if a.sub_account) == 1


def test_carrier_record_for_porting(seeded: Sandbox) -> None:
    with seeded.state.lock:
        source = next(a for a in seeded.state.accounts.of_vendor("plivo") if a.role == "source")
        record = source.extra["carrier_record"]
    assert set(record) == {
        "customer_name",
        "account_number",
        "pin",
        "billing_telephone_number",
        "address",
    }
    assert set(record["address"]) == {"street", "city", "state", "zip", "country"}
    assert record["billing_telephone_number"].startswith("+1")
    assert len(record["pin"]) == 4 and record["pin"].isdigit()


def test_seeding_is_deterministic() -> None:
    def snapshot() -> tuple[list[str], list[str], dict[str, str]]:
        with Sandbox(apis={"plivo": PlivoApi()}) as running:
            running.seed({"plivo": 120})
            client = sdk(running)
            return (
                [n.number for n in client.numbers],
                [a.answer_url for a in client.applications.list()],
                running.credentials("plivo"),
            )

    assert snapshot() == snapshot()


def test_a_completed_port_moves_a_number_between_accounts() -> None:
    with Sandbox(apis={"plivo": PlivoApi()}) as running:
        running.seed({"plivo": 30})
        source, target = sdk(running), sdk(running, "target")
        number = source.numbers.list(limit=1)[0]
        with running.state.lock:
            gaining = running.state.accounts.get(
                "plivo", running.credentials("plivo", "target")["auth_id"]
            )
            assert gaining is not None
            moved = running.state.move_number("+" + number.number, "plivo", gaining)
        assert moved.e164 == "+" + number.number
        assert [n.number for n in target.numbers.list()] == [number.number]
        ported = target.numbers.get(number.number)
        assert ported.application is None
        assert ported.sms_enabled == number.sms_enabled
        assert number.number not in {n.number for n in source.numbers}
