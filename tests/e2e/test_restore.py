"""What rollback relies on in each adapter: a configuration read before a change, set again,
gives back exactly what was there, for every number and application of a seeded account,
subaccounts' included (a fresh discovery must have the fingerprint it had before).
"""

from __future__ import annotations

import pytest

from migrator.model.enums import WebhookPurpose
from migrator.model.inventory import Inventory, Number
from migrator.sandbox import Sandbox
from migrator.vendors.base import ApplicationSpec, NumberConfig, VendorAdapter, WebhookTarget
from tests.e2e import journey

CHANGED = "https://changed.example.net"


def _other_config(adapter: VendorAdapter, inventory: Inventory, number: Number) -> NumberConfig:
    """A different routing for the number: another application of its own account (if any)
    and a changed URL for every purpose a number may hold by itself."""
    apps = [a.id for a in inventory.applications if a.account_id == number.account_id]
    others = [a for a in apps if a != number.voice_app_id] or apps
    hooks = {
        purpose: WebhookTarget(f"{CHANGED}/{purpose.value}")
        for purpose in adapter.capabilities.number_webhooks
    }
    return NumberConfig(app_id=others[0] if others else None, webhooks=hooks)


def _other_spec(spec: ApplicationSpec) -> ApplicationSpec:
    purposes = set(spec.webhooks) or {WebhookPurpose.VOICE_ANSWER}
    changed = {p: WebhookTarget(f"{CHANGED}/{p.value}", "GET") for p in purposes}
    return ApplicationSpec(spec.name, changed, extra=spec.extra)


@pytest.mark.parametrize("vendor", ["twilio", "vonage", "plivo"])
def test_every_number_and_application_is_restored_exactly(sandbox: Sandbox, vendor: str) -> None:
    sandbox.seed({vendor: 25})
    adapter = journey.adapter(journey.connect(sandbox, vendor, "source"))
    before = adapter.discover()
    assert {n.account_id for n in before.numbers} - {before.account_id}  # subaccounts too

    changed = 0
    for number in before.numbers:
        kept = adapter.read_number_config(number.e164)
        other = _other_config(adapter, before, number)
        adapter.configure_number(number.e164, other)
        changed += adapter.read_number_config(number.e164) != kept
        adapter.configure_number(number.e164, kept)
    assert changed > len(before.numbers) // 2
    for app in before.applications:
        kept_spec = adapter.read_application_spec(app.id)
        adapter.update_application(app.id, _other_spec(kept_spec))
        adapter.update_application(app.id, kept_spec)

    after = adapter.discover()
    assert after.fingerprint() == before.fingerprint(), journey.differences(before, after)
