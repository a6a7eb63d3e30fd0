"""Shared helpers for the porting tests: a seeded sandbox, SDK clients, the clock, LOA bodies."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import requests
from twilio.rest import Client
from twilio.rest.numbers.v1.porting_port_in import PortingPortInList

from migrator.sandbox import Sandbox
from migrator.sandbox.accounts import Account
from migrator.sandbox.numbers import country_of
from migrator.sandbox.vendor_api import PortableNumber
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.twilio.transport import twilio_client


@pytest.fixture(scope="session")
def _running() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


START_HOUR = time(int(os.environ.get("MIGRATOR_TEST_PORT_HOUR", "18")), tzinfo=UTC)
"""The hour of the day (UTC) each porting test's sandbox clock starts at. Port dates fall at a
set hour (15:00 UTC), so without it whether "ten days later" is before or after a port date
would depend on the hour the suite runs. (MIGRATOR_TEST_PORT_HOUR runs them from another.)"""


@pytest.fixture
def ports(_running: Sandbox) -> Sandbox:
    """Departing Vonage, Plivo and Twilio accounts and an empty Twilio target, freshly seeded
    (seeding resets everything, the clock included), the clock moved on to START_HOUR."""
    _running.seed({"vonage": 20, "plivo": 12, "twilio": 12})
    clock = _running.state.clock
    now = clock.now()
    start = datetime.combine(now.date(), START_HOUR)
    if start < now:
        start += timedelta(days=1)
    clock.advance((start - now).total_seconds())
    return _running


def account(sandbox: Sandbox, vendor: str, role: str = "source") -> Account:
    found = [a for a in sandbox.state.accounts.of_vendor(vendor) if a.role == role]
    assert found, (vendor, role)
    return found[0]


def client(sandbox: Sandbox, role: str = "target") -> Client:
    creds = sandbox.credentials("twilio", role)
    return twilio_client(creds["account_sid"], creds["auth_token"], Endpoint(sandbox.url))


def us_numbers(sandbox: Sandbox, vendor: str, kind: str = "local") -> list[str]:
    """US numbers of that type owned by the vendor's departing account itself."""
    owner = account(sandbox, vendor)
    api = sandbox.state.apis[vendor]
    found = []
    with sandbox.state.lock:
        for item in owner.store.numbers.values():
            e164 = _e164(item)
            number = api.find_number(owner, e164)
            if number is not None and number.number_type == kind and country_of(e164) == "US":
                found.append(e164)
    return sorted(found)


def _e164(item: Any) -> str:
    """The number of any vendor emulation's stored number object."""
    for name in ("e164", "phone_number"):
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return "+" + str(item.number).lstrip("+")


def add_mobile(sandbox: Sandbox, vendor: str, e164: str) -> str:
    """Give the vendor's departing account a US mobile number (none are seeded)."""
    with sandbox.state.lock:
        sandbox.state.numbers.reserve(e164)
        sandbox.state.apis[vendor].add_number(
            account(sandbox, vendor), PortableNumber(e164, "mobile", frozenset({"voice", "sms"}))
        )
    return e164


def record(sandbox: Sandbox, vendor: str) -> dict[str, Any]:
    found: dict[str, Any] = account(sandbox, vendor).extra["carrier_record"]
    return found


def carrier_info(rec: dict[str, Any], **changes: Any) -> dict[str, Any]:
    info: dict[str, Any] = {
        "customer_name": rec["customer_name"],
        "account_number": rec["account_number"],
        "account_telephone_number": rec["billing_telephone_number"],
        "authorized_representative": "Dana Whitfield",
        "authorized_representative_email": "dana.whitfield@example.com",
        "customer_type": "Business",
        "address": dict(rec["address"]),
    }
    info.update(changes)
    return info


def target_date(sandbox: Sandbox, days: int = 10) -> str:
    return (sandbox.state.clock.now() + timedelta(days=days)).date().isoformat()


def port_in_body(
    sandbox: Sandbox,
    numbers: list[str],
    info: dict[str, Any],
    pins: dict[str, str] | None = None,
    days: int = 10,
    **extra: Any,
) -> PortingPortInList.NumbersV1PortingPortInCreate:
    pins = pins or {}
    payload: dict[str, Any] = {
        "account_sid": sandbox.credentials("twilio", "target")["account_sid"],
        "documents": ["RD" + "a" * 32],
        "phone_numbers": [{"phone_number": n, "pin": pins.get(n)} for n in numbers],
        "losing_carrier_information": info,
        "target_port_in_date": target_date(sandbox, days),
        "notification_emails": ["it@example.com"],
    }
    payload.update(extra)
    return PortingPortInList.NumbersV1PortingPortInCreate(payload)


def advance(sandbox: Sandbox, days: float = 0, hours: float = 0) -> None:
    """Move the sandbox clock the way tests and the demo do: through the control API."""
    response = requests.post(
        f"{sandbox.url}/_sandbox/clock",
        json={"advance_days": days, "advance_seconds": hours * 3600},
        timeout=10,
    )
    assert response.status_code == 200
