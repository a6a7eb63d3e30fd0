"""A deterministic, realistic departing Vonage account.

"Northwind Traders" runs support, sales, notifications, a conference bridge and an after-hours line
on Vonage: five applications with voice and messages webhooks on its own hosts (one URL carries
credentials), numbers in GB, US and DE of every type, most linked to an application, some with their
own inbound-SMS URL or call-status URL, some forwarding calls to SIP or a phone, some unused;
account-level SMS webhooks; an EU branch subaccount with its own app and numbers; and the record a
gaining carrier asks for when the numbers are ported away.
"""

from __future__ import annotations

import copy
import random
import uuid
from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.state import SandboxState
from migrator.sandbox.vonage import catalogue
from migrator.sandbox.vonage.keys import SEED_PUBLIC_KEYS
from migrator.sandbox.vonage.provisioning import open_account
from migrator.sandbox.vonage.store import Application, OwnedNumber, Settings, VonageStore

HOST = "northwind.example.com"

# (country, Vonage type, share of the account's numbers)
NUMBER_MIX: tuple[tuple[str, str, float], ...] = (
    ("GB", "landline", 0.25),
    ("GB", "mobile-lvn", 0.25),
    ("US", "landline", 0.25),
    ("US", "landline-toll-free", 0.10),
    ("DE", "landline", 0.15),
)


def _hook(address: str, method: str, **extra: Any) -> dict[str, Any]:
    return {"address": address, "http_method": method, **extra}


def _app_templates() -> list[tuple[str, dict[str, Any]]]:
    """(name, capabilities) of the departing account's applications, in creation order."""
    return [
        (
            "Northwind Support IVR",
            {
                "voice": {
                    "webhooks": {
                        "answer_url": _hook(f"https://ivr.{HOST}/vonage/answer", "GET"),
                        "fallback_answer_url": _hook(
                            f"https://ivr-backup.{HOST}/vonage/answer", "GET"
                        ),
                        "event_url": _hook(f"https://ivr.{HOST}/vonage/events", "POST"),
                    },
                    "signed_callbacks": True,
                    "region": "eu-west",
                },
                "messages": {
                    "webhooks": {
                        "inbound_url": _hook(f"https://ivr.{HOST}/vonage/inbound-sms", "POST"),
                        "status_url": _hook(f"https://ivr.{HOST}/vonage/message-status", "POST"),
                    },
                    "version": "v1",
                },
            },
        ),
        (
            "Northwind Sales Line",
            {
                "voice": {
                    "webhooks": {
                        "answer_url": _hook(
                            f"https://calls:Wint3rSales2024@sales.{HOST}/vonage/answer", "POST"
                        ),
                        "event_url": _hook(f"https://sales.{HOST}/vonage/events", "POST"),
                    },
                    "region": "na-east",
                },
            },
        ),
        (
            "Northwind SMS Notifications",
            {
                "messages": {
                    "webhooks": {
                        "inbound_url": _hook(f"https://notify.{HOST}/sms/inbound", "POST"),
                        "status_url": _hook(f"https://notify.{HOST}/sms/status", "POST"),
                    },
                    "version": "v1",
                },
            },
        ),
        (
            "Northwind Conference Bridge",
            {
                "voice": {
                    "webhooks": {
                        "answer_url": _hook(
                            f"https://bridge.{HOST}/ncco",
                            "GET",
                            connect_timeout=500,
                            socket_timeout=3000,
                        ),
                        "event_url": _hook(f"https://bridge.{HOST}/events", "GET"),
                    },
                    "conversations_ttl": 48,
                },
                "rtc": {"webhooks": {"event_url": _hook(f"https://bridge.{HOST}/rtc", "POST")}},
            },
        ),
        (
            "Northwind After-hours",
            {
                "voice": {
                    "webhooks": {
                        "answer_url": _hook(f"https://afterhours.{HOST}/answer", "GET"),
                        "fallback_answer_url": _hook(
                            f"https://afterhours-dr.{HOST}/answer", "POST"
                        ),
                        "event_url": _hook(f"https://afterhours.{HOST}/events", "POST"),
                    },
                },
                "vbc": {},
            },
        ),
    ]


SUB_APP = (
    "EU Branch Reception",
    {
        "voice": {
            "webhooks": {
                "answer_url": _hook(f"https://eu.{HOST}/reception/answer", "GET"),
                "event_url": _hook(f"https://eu.{HOST}/reception/events", "POST"),
            },
            "region": "eu-east",
        },
    },
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _add_apps(
    store: VonageStore, rng: random.Random, templates: list[tuple[str, dict[str, Any]]], first: int
) -> list[Application]:
    apps = []
    for offset, (name, capabilities) in enumerate(templates):
        key = SEED_PUBLIC_KEYS[(first + offset) % len(SEED_PUBLIC_KEYS)]
        app = Application(_uuid(rng), name, key, copy.deepcopy(capabilities), {"improve_ai": False})
        store.applications[app.id] = app
        apps.append(app)
    return apps


def _shares(total: int) -> list[int]:
    """How many numbers of each NUMBER_MIX entry, summing exactly to `total`."""
    raw = [total * share for _, _, share in NUMBER_MIX]
    counts = [int(x) for x in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _configure(number: OwnedNumber, rng: random.Random, apps: list[Application]) -> None:
    """Give a number the settings a real account accumulates over the years."""
    voice_apps = [a for a in apps if "voice" in a.capabilities]
    sms_apps = [a for a in apps if "messages" in a.capabilities]
    has_sms = "SMS" in number.features
    roll = rng.random()
    if roll < 0.74:
        pool = sms_apps if has_sms and rng.random() < 0.2 else voice_apps
        number.app_id = rng.choice(pool).id
    if has_sms and rng.random() < 0.12:
        number.mo_http_url = f"https://sms.{HOST}/vonage/inbound?line={number.msisdn[-4:]}"
    if rng.random() < 0.10:
        number.voice_status_callback = f"https://calls.{HOST}/vonage/status"
    forward = rng.random()
    if forward < 0.03:
        number.voice_callback_type = "sip"
        number.voice_callback_value = f"sip:{number.msisdn}@pbx.{HOST}"
    elif forward < 0.06:
        number.voice_callback_type = "tel"
        number.voice_callback_value = "442079460" + f"{rng.randrange(1000):03d}"


def _add_numbers(
    state: SandboxState,
    store: VonageStore,
    rng: random.Random,
    plan: list[tuple[str, str, int]],
    apps: list[Application],
) -> None:
    for country, vonage_type, count in plan:
        features = catalogue.features_for(country, vonage_type)
        for _ in range(count):
            e164 = catalogue.allocate(state, rng, country, vonage_type)
            number = OwnedNumber(e164, country, vonage_type, list(features))
            _configure(number, rng, apps)
            store.add(number)


def _carrier_record(store: VonageStore, rng: random.Random) -> dict[str, Any]:
    """What a gaining carrier's port-in form asks about the losing account."""
    us_numbers = sorted(n.e164 for n in store.numbers.values() if n.country == "US")
    return {
        "customer_name": "Northwind Traders Inc.",
        "account_number": f"VN-{rng.randrange(10**7, 10**8)}",
        "pin": f"{rng.randrange(10**4):04d}",
        "billing_telephone_number": us_numbers[0] if us_numbers else "",
        "address": {
            "street": "1200 Market Street, Suite 400",
            "city": "San Francisco",
            "state": "CA",
            "zip": "94102",
            "country": "US",
        },
    }


def seed_account(state: SandboxState, account: Account, numbers: int, rng: random.Random) -> None:
    """Fill a fresh account with the Northwind inventory: `numbers` numbers on the account itself,
    plus a subaccount with a few of its own."""
    store: VonageStore = account.store
    store.balance = 1523.75
    store.created_at = "2019-04-02T10:15:00.000Z"
    store.settings = Settings(
        mo_callback_url=f"https://sms.{HOST}/vonage/default-inbound",
        dr_callback_url=f"https://sms.{HOST}/vonage/delivery-receipts",
    )
    apps = _add_apps(store, rng, _app_templates(), 0)
    plan = [(c, t, n) for (c, t, _), n in zip(NUMBER_MIX, _shares(numbers), strict=True)]
    _add_numbers(state, store, rng, plan, apps)
    account.extra["carrier_record"] = _carrier_record(store, rng)

    sub = open_account(
        state,
        rng,
        "subaccount",
        "Northwind EU Branch",
        parent=account,
        created_at="2022-09-12T08:00:00.000Z",
    )
    sub_store: VonageStore = sub.store
    sub_store.use_primary_account_balance = False
    sub_store.balance = 84.2
    sub_apps = _add_apps(sub_store, rng, [SUB_APP], len(apps))
    sub_plan = [("GB", "landline", 2), ("DE", "landline", 1)] if numbers else []
    _add_numbers(state, sub_store, rng, sub_plan, sub_apps)
