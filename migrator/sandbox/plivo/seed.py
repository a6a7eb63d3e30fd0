"""A realistic departing Plivo account, the same every time for the same random generator.

What a mid-sized customer leaving Plivo tends to have: US local numbers over many area codes, some
US toll-free, Canadian and UK numbers; a handful of XML applications on the customer's own hosts
(one with credentials in its URL) and some on Plivo-hosted PHLO runners; numbers linked to those
apps and some linked to nothing; 10DLC campaigns on US local numbers; SIP endpoints; one
subaccount with its own app, endpoint and numbers; and the losing-carrier record a port needs.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from migrator.sandbox.accounts import Account
from migrator.sandbox.plivo.geography import facts
from migrator.sandbox.plivo.resources import (
    PlivoApplication,
    PlivoEndpoint,
    PlivoNumber,
    PlivoStore,
)
from migrator.sandbox.state import SandboxState

if TYPE_CHECKING:
    from migrator.sandbox.plivo.api import PlivoApi

PHLO_HOST = "phlo-runner-service.plivo.com"


@dataclass(frozen=True)
class Customer:
    name: str
    domain: str
    street: str
    city: str
    state: str
    zip: str


CUSTOMERS = (
    Customer("Northwind Logistics", "northwind-logistics.com", "500 Harbor Blvd", "Oakland", "CA",
             "94607"),
    Customer("Contoso Dental Group", "contosodental.com", "1200 Main St", "Dallas", "TX", "75202"),
    Customer("Fabrikam Realty", "fabrikam-realty.com", "77 Summer St", "Boston", "MA", "02110"),
    Customer("Tailspin Travel", "tailspintravel.com", "845 N Michigan Ave", "Chicago", "IL",
             "60611"),
)  # fmt: skip

# (country, pool kind, area codes or None for any, weight)
NUMBER_MIX: tuple[tuple[str, str, tuple[str, ...] | None, float], ...] = (
    (
        "US",
        "local",
        ("415", "213", "310", "619", "212", "646", "718", "312", "773", "617", "206", "305",
         "407", "512", "214", "713", "303", "404", "702", "602", "503", "612", "215", "202"),
        0.70,
    ),
    ("US", "tollfree", ("800", "833", "844", "855", "866", "877", "888"), 0.08),
    ("CA", "local", ("416", "647", "604", "514", "403"), 0.10),
    ("GB", "local", ("20", "161", "121", "131"), 0.08),
    ("GB", "mobile", None, 0.04),
)  # fmt: skip

ALIAS_LABELS = ("Store", "Sales", "Support", "Dispatch", "Clinic", "Front desk")
FIRST_ADDED = date(2019, 3, 1)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _applications(
    store: PlivoStore, rng: random.Random, account: Account, customer: Customer, sub: Account
) -> dict[str, PlivoApplication]:
    domain = customer.domain
    password = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(12))
    order_flow = f"https://{PHLO_HOST}/account/{account.key}/phlo/{_uuid(rng)}"
    reminder_flow = f"https://{PHLO_HOST}/account/{account.key}/phlo/{_uuid(rng)}"
    apps = {
        "main": PlivoApplication(
            app_id=store.new_app_id(),
            app_name="Main-IVR",
            answer_url=f"https://voice.{domain}/plivo/answer",
            hangup_url=f"https://voice.{domain}/plivo/hangup",
            fallback_answer_url=f"https://backup.{domain}/plivo/answer",
            message_url=f"https://voice.{domain}/plivo/sms",
            default_number_app=True,
        ),
        "support": PlivoApplication(
            app_id=store.new_app_id(),
            app_name="Support-Line",
            answer_url=f"https://ivr:{password}@support.{domain}/plivo/answer",
            answer_method="GET",
            hangup_url=f"https://ivr:{password}@support.{domain}/plivo/hangup",
            default_endpoint_app=True,
        ),
        "order_phlo": PlivoApplication(
            app_id=store.new_app_id(),
            app_name="Order-Status-PHLO",
            answer_url=order_flow,
            hangup_url=order_flow,
        ),
        "sms": PlivoApplication(
            app_id=store.new_app_id(),
            app_name="SMS-Autoresponder",
            answer_url=f"https://sms.{domain}/plivo/noop",
            hangup_url=f"https://sms.{domain}/plivo/noop",
            message_url=f"https://sms.{domain}/plivo/inbound",
            message_method="GET",
            log_incoming_messages=False,
        ),
        "reminder_phlo": PlivoApplication(
            app_id=store.new_app_id(),
            app_name="Reminders-PHLO",
            answer_url=reminder_flow,
            hangup_url=reminder_flow,
            message_url=reminder_flow,
        ),
        "eu": PlivoApplication(
            app_id=store.new_app_id(),
            app_name="EU-Support",
            answer_url=f"https://eu.{domain}/plivo/answer",
            hangup_url=f"https://eu.{domain}/plivo/hangup",
            fallback_answer_url=f"https://eu-backup.{domain}/plivo/answer",
            sub_account=sub.key,
        ),
    }
    for app in apps.values():
        store.applications[app.app_id] = app
    return apps


def _pick_app(
    rng: random.Random, apps: dict[str, PlivoApplication], sms: bool, in_sub: bool
) -> str | None:
    if in_sub:
        return apps["eu"].app_id if rng.random() < 0.8 else None
    choice = rng.choices(
        ["main", "support", "order_phlo", "sms", "reminder_phlo", None],
        weights=[0.50, 0.12, 0.06, 0.10, 0.04, 0.18],
    )[0]
    if choice == "sms" and not sms:
        choice = "main"
    return None if choice is None else apps[choice].app_id


def _number(
    state: SandboxState,
    rng: random.Random,
    index: int,
    campaigns: tuple[str, ...],
) -> PlivoNumber:
    country, kind, areas, _ = rng.choices(NUMBER_MIX, weights=[m[3] for m in NUMBER_MIX])[0]
    area = rng.choice(areas) if areas else None
    e164 = state.numbers.allocate(rng, country, kind, area)
    found = facts(e164, kind)
    added = FIRST_ADDED + timedelta(days=rng.randrange(0, 2000))
    sms = "sms" in found.services
    us_local_sms = country == "US" and kind == "local" and sms
    campaign = rng.choice(campaigns) if us_local_sms and rng.random() < 0.6 else None
    return PlivoNumber(
        number=e164.lstrip("+"),
        number_type=found.number_type,
        region=found.region,
        added_on=added.isoformat(),
        renewal_date=date(2025, 7, added.day if added.day <= 28 else 28).isoformat(),
        voice_enabled="voice" in found.services,
        sms_enabled=sms,
        mms_enabled="mms" in found.services and rng.random() < 0.9,
        monthly_rental_rate=found.monthly_rental_rate,
        alias=f"{rng.choice(ALIAS_LABELS)} {index:04d}" if rng.random() < 0.25 else None,
        cnam_lookup=(
            ("enabled" if rng.random() < 0.2 else "disabled") if country == "US" else None
        ),
        tendlc_campaign_id=campaign,
        tendlc_registration_status=(
            ("COMPLETED" if campaign else "UNREGISTERED") if us_local_sms else None
        ),
        toll_free_sms_verification=(
            ("VERIFIED" if rng.random() < 0.7 else "UNVERIFIED")
            if kind == "tollfree" and sms
            else None
        ),
    )


def _endpoints(
    store: PlivoStore, rng: random.Random, apps: dict[str, PlivoApplication], sub: Account
) -> None:
    plan = (
        ("frontdesk", "Front desk", apps["main"].app_id, None),
        ("warehouse", "Warehouse", apps["support"].app_id, None),
        ("oncall", "On-call", None, None),
        ("eudesk", "EU desk", apps["eu"].app_id, sub.key),
    )
    for base, alias, app_id, owner in plan:
        endpoint = PlivoEndpoint(
            endpoint_id=store.new_endpoint_id(),
            username=base + "".join(str(rng.randrange(10)) for _ in range(12)),
            alias=alias,
            password_md5=f"{rng.getrandbits(128):032x}",
            app_id=app_id,
            sub_account=owner,
        )
        store.endpoints[endpoint.endpoint_id] = endpoint


def seed_account(
    api: PlivoApi, state: SandboxState, account: Account, numbers: int, rng: random.Random
) -> None:
    """Fill a main account with about `numbers` numbers (its subaccount's included)."""
    store: PlivoStore = account.store
    customer = rng.choice(CUSTOMERS)
    sub = api.create_account(state, rng, "subaccount", f"{customer.name} EU", parent=account)
    apps = _applications(store, rng, account, customer, sub)
    campaigns = tuple("C" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
                      for _ in range(2))  # fmt: skip
    in_sub = max(1, numbers // 20) if numbers >= 5 else 0
    for index in range(numbers):
        record = _number(state, rng, index, campaigns)
        owned_by_sub = index >= numbers - in_sub
        record.sub_account = sub.key if owned_by_sub else None
        record.app_id = _pick_app(rng, apps, record.sms_enabled, owned_by_sub)
        store.numbers[record.number] = record
    _endpoints(store, rng, apps, sub)
    billing = next(
        (n.e164 for n in store.numbers.values() if n.number.startswith("1")),
        "+1" + "".join(str(rng.randrange(2, 10)) for _ in range(10)),
    )
    account.extra["details"] = {
        "address": customer.street,
        "city": customer.city,
        "state": customer.state,
    }
    account.extra["carrier_record"] = {
        "customer_name": customer.name,
        "account_number": "".join(str(rng.randrange(10)) for _ in range(9)),
        "pin": "".join(str(rng.randrange(10)) for _ in range(4)),
        "billing_telephone_number": billing,
        "address": {
            "street": customer.street,
            "city": customer.city,
            "state": customer.state,
            "zip": customer.zip,
            "country": "US",
        },
    }
