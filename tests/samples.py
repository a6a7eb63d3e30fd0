"""Small inventories shared by the model and fingerprint tests."""

from __future__ import annotations

from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Application, Inventory, MessagingService, Number, Webhook


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


BIN = "https://handler.twilio.com/twiml/EH0123456789abcdef0123456789abcdef"
FUNCTION = "https://ops:hunter2@fabrikam-1234.twil.io/sms-reply"
CUSTOMER = "https://calls.example.com/voice"
_VOICE, _SMS = WebhookPurpose.VOICE_ANSWER, WebhookPurpose.SMS_INBOUND


def us_number(index: int) -> Number:
    """+1415555<index>, a US landline with voice and SMS (index below 10,000)."""
    return Number(
        id=f"PN{index}",
        e164=f"+1415555{index:04d}",
        country="US",
        number_type=NumberType.LOCAL,
        capabilities=frozenset({Capability.VOICE, Capability.SMS}),
        account_id="AC1",
    )


def hosted_inventory() -> Inventory:
    """Five numbers, an application and a messaging service: one TwiML Bin set in seven
    webhooks (two purposes on one number), a Function with credentials in its URL, and one
    customer URL."""
    numbers = tuple(us_number(i) for i in range(5))
    hooks = [Webhook(OwnerKind.NUMBER, n.id, _VOICE, BIN) for n in numbers]
    hooks += [Webhook(OwnerKind.NUMBER, "PN0", _SMS, BIN)]  # a second purpose, same owner
    hooks += [Webhook(OwnerKind.APPLICATION, "AP1", _VOICE, BIN)]
    hooks += [Webhook(OwnerKind.MESSAGING_SERVICE, "MG1", _SMS, FUNCTION)]
    hooks += [Webhook(OwnerKind.NUMBER, "PN4", _SMS, CUSTOMER)]
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        taken_at="2026-11-24T10:00:00+00:00",
        numbers=numbers,
        applications=(Application("AP1", "Main IVR", "AC1", {"voice_url": BIN}),),
        messaging_services=(MessagingService("MG1", "Notifications", "AC1"),),
        webhooks=tuple(hooks),
    )
