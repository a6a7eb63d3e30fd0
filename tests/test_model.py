"""The inventory model: serialisation round-trip, fingerprints, URL recognition and redaction."""

from __future__ import annotations

from dataclasses import replace

import pytest

from migrator.errors import MigratorError
from migrator.model.enums import (
    Capability,
    HostedBy,
    NumberType,
    OwnerKind,
    Vendor,
    WebhookPurpose,
)
from migrator.model.inventory import Application, Inventory, Number, Webhook
from migrator.model.urls import has_credentials, hosted_by, redact_url


def _inventory() -> Inventory:
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


def test_round_trip_keeps_every_field() -> None:
    inventory = _inventory()
    again = Inventory.from_dict(inventory.to_dict())
    assert again == inventory
    assert isinstance(again.numbers[0].capabilities, frozenset)
    assert again.numbers[0].number_type is NumberType.LOCAL


def test_fingerprint_ignores_read_time_and_order_but_not_content() -> None:
    inventory = _inventory()
    later = replace(inventory, taken_at="2026-12-01T00:00:00+00:00")
    reordered = replace(inventory, webhooks=tuple(reversed(inventory.webhooks)))
    changed = replace(inventory, numbers=(replace(inventory.numbers[0], friendly_name="renamed"),))
    assert inventory.fingerprint() == later.fingerprint() == reordered.fingerprint()
    assert inventory.fingerprint() != changed.fingerprint()


def test_effective_webhooks_follow_precedence() -> None:
    inventory = _inventory()
    effective = inventory.effective_webhooks(inventory.numbers[0])
    assert [w.owner_kind for w in effective] == [OwnerKind.APPLICATION]


def test_newer_schema_is_refused_clearly() -> None:
    data = _inventory().to_dict()
    data["schema_version"] = 99
    with pytest.raises(MigratorError, match="newer migrator"):
        Inventory.from_dict(data)


@pytest.mark.parametrize(
    ("url", "hosted"),
    [
        ("https://handler.twilio.com/twiml/EH123", HostedBy.TWIML_BIN),
        ("https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1", HostedBy.STUDIO),
        ("https://shop-1234-dev.twil.io/voice", HostedBy.FUNCTION),
        ("https://phlo-runner-service.plivo.com/account/MA1/phlo/abc", HostedBy.PHLO),
        ("https://ivr.example.com/answer", HostedBy.CUSTOMER),
        ("sip:pbx@example.com", HostedBy.SIP),
    ],
)
def test_vendor_hosted_urls_are_recognised(url: str, hosted: HostedBy) -> None:
    assert hosted_by(url) is hosted


def test_credentials_in_urls_are_found_and_redacted() -> None:
    url = "https://admin:hunter2@ivr.example.com/answer?token=abc123&lang=en"
    assert has_credentials(url)
    redacted = redact_url(url)
    assert "hunter2" not in redacted and "abc123" not in redacted and "admin" not in redacted
    assert "lang=en" in redacted and "ivr.example.com/answer" in redacted
    assert not has_credentials("https://ivr.example.com/answer?lang=en")
    assert redact_url("https://ivr.example.com/a") == "https://ivr.example.com/a"
