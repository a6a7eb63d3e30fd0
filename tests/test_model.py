"""The inventory model: serialisation round-trip, fingerprints, URL recognition and redaction."""

from __future__ import annotations

import inspect
from dataclasses import fields, replace
from typing import Any

import pytest

from migrator.errors import MigratorError
from migrator.model.enums import (
    HostedBy,
    NumberType,
    OwnerKind,
)
from migrator.model.inventory import Inventory, Number, Webhook
from migrator.model.urls import has_credentials, hosted_by, redact_url
from tests.samples import small_inventory


def test_round_trip_keeps_every_field() -> None:
    inventory = small_inventory()
    again = Inventory.from_dict(inventory.to_dict())
    assert again == inventory
    assert isinstance(again.numbers[0].capabilities, frozenset)
    assert again.numbers[0].number_type is NumberType.LOCAL


@pytest.mark.parametrize("kind", [Number, Webhook])
def test_fast_constructors_build_what_the_dataclass_builds(kind: Any) -> None:
    """Number.of and Webhook.of skip __init__; they must take every field, in order, and
    give an equal instance with the same instance dict (orjson encodes from it)."""
    names = [f.name for f in fields(kind)]
    assert list(inspect.signature(kind.of).parameters) == names
    inventory = small_inventory()
    for item in (*inventory.numbers, *inventory.webhooks):
        if isinstance(item, kind):
            built = kind.of(*(getattr(item, name) for name in names))
            assert built == item
            assert list(built.__dict__) == names


def test_a_webhook_with_content_differs_only_there() -> None:
    hook = small_inventory().webhooks[1]
    assert hook.with_content("<Response/>") == replace(hook, content="<Response/>")


def test_fingerprint_ignores_read_time_and_order_but_not_content() -> None:
    inventory = small_inventory()
    later = replace(inventory, taken_at="2026-12-01T00:00:00+00:00")
    reordered = replace(inventory, webhooks=tuple(reversed(inventory.webhooks)))
    changed = replace(inventory, numbers=(replace(inventory.numbers[0], friendly_name="renamed"),))
    assert inventory.fingerprint() == later.fingerprint() == reordered.fingerprint()
    assert inventory.fingerprint() != changed.fingerprint()


def test_effective_webhooks_follow_precedence() -> None:
    inventory = small_inventory()
    effective = inventory.effective_webhooks(inventory.numbers[0])
    assert [w.owner_kind for w in effective] == [OwnerKind.APPLICATION]


def test_newer_schema_is_refused_clearly() -> None:
    data = small_inventory().to_dict()
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
