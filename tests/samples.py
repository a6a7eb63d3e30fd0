"""Small inventories shared by the model and fingerprint tests."""

from __future__ import annotations

from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number, Webhook


def small_inventory() -> Inventory:
    """One number, its application and two webhooks (one overridden); a fingerprint of it is
    pinned in tests/test_fingerprint.py."""
    number = Number(
        id="PN1",
        e164="+14155550100",
        country="US",
        number_type=NumberType.LOCAL,
        capabilities=frozenset({Capability.VOICE, Capability.SMS}),
        account_id="AC1",
        voice_app_id="AP1",
        config={"voice_url": "https://example.com/a"},
    )
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        taken_at="2026-11-23T10:00:00+00:00",
        numbers=(number,),
        applications=(Application("AP1", "Main IVR", "AC1", {"voice_url": "https://x/y"}),),
        webhooks=(
            Webhook(OwnerKind.APPLICATION, "AP1", WebhookPurpose.VOICE_ANSWER, "https://x/y"),
            Webhook(
                OwnerKind.NUMBER,
                "PN1",
                WebhookPurpose.VOICE_ANSWER,
                "https://example.com/a",
                effective=False,
                overridden_by="application AP1",
            ),
        ),
    )
