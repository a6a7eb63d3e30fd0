"""The inventory summary's vendor-hosted logic: each Bin, flow or Function once, with what it
answers and for whom, owners named as an admin knows them (numbers by E.164), URLs redacted."""

from __future__ import annotations

from dataclasses import replace

from migrator.model.enums import OwnerKind, WebhookPurpose
from migrator.model.inventory import Webhook
from migrator.services.inventory_summary import owner_labels, summarize
from tests.samples import BIN, CUSTOMER, hosted_inventory, us_number


def test_each_piece_of_logic_is_listed_once_with_its_owners_and_purposes() -> None:
    logic = summarize(hosted_inventory())["vendor_hosted_logic"]
    assert [group["hosted_by"] for group in logic] == ["twiml_bin", "function"]
    the_bin, function = logic
    assert the_bin["url"] == BIN
    assert the_bin["owners"] == {"number": 5, "application": 1}
    assert the_bin["purposes"] == ["sms_inbound", "voice_answer"]
    assert the_bin["webhooks"] == 7
    assert the_bin["examples"] == ["+14155550000", "+14155550001", "+14155550002"]
    assert function["owners"] == {"messaging_service": 1}
    assert function["examples"] == ["messaging service 'Notifications'"]


def test_every_vendor_hosted_webhook_is_counted_once_and_customer_urls_not_at_all() -> None:
    summary = summarize(hosted_inventory())
    assert sum(group["webhooks"] for group in summary["vendor_hosted_logic"]) == 8
    assert len(summary["vendor_hosted"]) == 8
    assert CUSTOMER not in {row["url"] for row in summary["vendor_hosted"]}


def test_credentials_in_a_hosted_url_are_redacted() -> None:
    summary = summarize(hosted_inventory())
    urls = [group["url"] for group in summary["vendor_hosted_logic"]]
    urls += [row["url"] for row in summary["vendor_hosted"]]
    assert all("hunter2" not in url for url in urls)
    assert "https://***:***@fabrikam-1234.twil.io/sms-reply" in urls


def test_owners_are_named_as_an_admin_knows_them() -> None:
    labels = owner_labels(hosted_inventory())
    assert labels[OwnerKind.NUMBER, "PN3"] == "+14155550003"
    assert labels[OwnerKind.APPLICATION, "AP1"] == "application 'Main IVR'"
    rows = summarize(hosted_inventory())["vendor_hosted"]
    unknown = {row["owner_label"] for row in rows} - set(labels.values())
    assert unknown == set()


def test_numbers_nothing_answers_are_named() -> None:
    inventory = hosted_inventory()
    silent = us_number(7)
    overridden = Webhook(OwnerKind.NUMBER, silent.id, WebhookPurpose.VOICE_ANSWER, CUSTOMER)
    inventory = replace(
        inventory,
        numbers=(*inventory.numbers, silent),
        webhooks=(*inventory.webhooks, replace(overridden, effective=False)),
    )
    summary = summarize(inventory)
    assert summary["numbers_without_webhook"] == 1
    assert summary["numbers_without_webhook_e164"] == [silent.e164]
