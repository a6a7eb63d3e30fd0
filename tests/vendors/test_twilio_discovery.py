"""The shortcuts Twilio discovery takes for speed give exactly what the slow way gives.

Numbers are taken from a page's payload instead of SDK instances, which is only right while the
SDK copies every field discovery keeps from the payload unchanged; TwiML Bin URLs are found with
a substring test before the URL is parsed. Both are checked here against the SDK's own classes
(the end-to-end comparison with the sandbox is in test_twilio_adapter.py). Numbers are converted
as pages arrive, before the Messaging Services and bins are all known: the inventory built from
them is the one built knowing everything.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from twilio.http.response import Response
from twilio.rest.api.v2010.account.incoming_phone_number import (
    IncomingPhoneNumberInstance,
    IncomingPhoneNumberPage,
)
from twilio.rest.messaging.v1.service.phone_number import (
    PhoneNumberInstance as MessagingSenderInstance,
)
from twilio.rest.trunking.v1.trunk.phone_number import PhoneNumberInstance as TrunkNumberInstance

from migrator.model.enums import OwnerKind
from migrator.model.enums import WebhookPurpose as P
from migrator.model.inventory import Webhook
from migrator.vendors.twilio import convert
from migrator.vendors.twilio.adapter import build_inventory
from migrator.vendors.twilio.bins import BIN_HOST, Bins
from migrator.vendors.twilio.discovery import (
    AccountRead,
    Known,
    ListedNumbers,
    TreeRead,
    _payload_records,
    listed_numbers,
    settled,
)

ACCOUNT = "AC" + "0" * 32


def listed_number(index: int) -> dict[str, Any]:
    """A number as the API lists it: every field set, in the types Twilio sends."""
    payload: dict[str, Any] = {
        name: f"{name}-{index}" for name in convert.NUMBER_FIELDS if name != "capabilities"
    }
    payload.update(
        capabilities={"voice": True, "SMS": index % 2 == 0, "MMS": False, "fax": False},
        beta=False,
        voice_caller_id_lookup=index % 3 == 0,
        phone_number=f"+1415555{index:04d}",
        date_created="Mon, 06 Jan 2025 10:00:00 +0000",
        date_updated="Tue, 07 Jan 2025 11:30:00 +0000",
        uri=f"/2010-04-01/Accounts/{ACCOUNT}/IncomingPhoneNumbers/PN{index:032d}.json",
        subresource_uris={"assigned_add_ons": "/addons.json"},
        sms_fallback_url=None,
    )
    return payload


def page_of(records: list[dict[str, Any]]) -> IncomingPhoneNumberPage:
    body = {"incoming_phone_numbers": records, "next_page_uri": None, "page": 0}
    return IncomingPhoneNumberPage(None, Response(200, json.dumps(body)), {"account_sid": ACCOUNT})


def test_every_kept_number_field_is_copied_from_the_payload_by_the_sdk() -> None:
    payload = listed_number(7)
    instance = IncomingPhoneNumberInstance(None, payload, account_sid=ACCOUNT)  # type: ignore[arg-type]
    assert convert.payload_record(payload, convert.NUMBER_FIELDS) == convert.record(
        instance, convert.NUMBER_FIELDS
    )


def test_a_pages_records_are_read_from_its_payload_as_the_sdk_would_build_them() -> None:
    listed = [listed_number(i) for i in range(5)]
    records = _payload_records(page_of(listed))
    assert records is not None, "the SDK no longer keeps the page payload: the fast path is lost"
    fast = [convert.payload_record(r, convert.NUMBER_FIELDS) for r in records]
    slow = [convert.record(item, convert.NUMBER_FIELDS) for item in page_of(listed)]
    assert fast == slow
    assert fast[3]["phone_number"] == "+14155550003"


def test_a_page_without_a_payload_falls_back_to_instances() -> None:
    class Odd:
        _payload = ["not", "a", "dict"]

    assert _payload_records(Odd()) is None


class _Recorder(Bins):
    """Bins that note what would be fetched instead of fetching it."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.found: dict[tuple[str, str], str | None] = {}

    def _ask(self, sid: str, url: str) -> None:
        self.asked.append((sid, url))


@pytest.mark.parametrize(
    ("value", "is_bin"),
    [
        (f"https://{BIN_HOST}/EH123", True),
        ("https://Handler.Twilio.COM/EH123?x=1", True),
        (f"https://{BIN_HOST}.example.com/EH123", False),
        (f"https://example.com/next?to={BIN_HOST}", False),
        ("https://example.com/voice", False),
        (f"sip:{BIN_HOST}", False),
    ],
)
def test_bin_urls_are_recognised_by_their_host(value: str, is_bin: bool) -> None:
    bins = _Recorder()
    bins.look("AC1", [{"sid": "PN1", "voice_url": value, "beta": False, "capabilities": {}}])
    assert bins.asked == ([("AC1", value)] if is_bin else [])


@pytest.mark.parametrize(
    "instance_class",
    [MessagingSenderInstance, TrunkNumberInstance],
    ids=["messaging service senders", "trunk numbers"],
)
def test_lists_kept_by_sid_alone_are_copied_from_the_payload_by_the_sdk(
    instance_class: Any,
) -> None:
    payload = {
        "sid": "PN" + "7" * 32,
        "account_sid": ACCOUNT,
        "date_created": "2025-01-06T10:00:00Z",
    }
    instance = instance_class(
        None, payload, "MG1" if "Sender" in instance_class.__name__ else "TK1"
    )
    assert convert.payload_record(payload, ("sid",)) == convert.record(instance, ("sid",))


def test_a_number_hook_on_a_bin_is_asked_for_then_gets_its_content_whatever_the_case() -> None:
    url = "https://Handler.Twilio.COM/twiml/EH" + "2" * 32
    bins = _Recorder()

    def hooks() -> list[Webhook]:
        return [
            Webhook.of(OwnerKind.NUMBER, "PN1", P.VOICE_ANSWER, url, "POST", ACCOUNT, True, None),
            Webhook.of(
                OwnerKind.NUMBER, "PN1", P.SMS_INBOUND, "https://x/sms", "POST", ACCOUNT, True, None
            ),
        ]

    early = hooks()
    assert not bins.look_at_hooks(early), "not fetched yet"
    assert bins.asked == [(ACCOUNT, url)]
    assert early[0].content is None

    bins.found[ACCOUNT, url] = "<Response/>"
    late = hooks()
    assert bins.look_at_hooks(late)
    assert [hook.content for hook in late] == ["<Response/>", None]


def _number_record(index: int, **fields: Any) -> dict[str, Any]:
    record = convert.payload_record(listed_number(index), convert.NUMBER_FIELDS)
    record.update(account_sid=ACCOUNT, trunk_sid=None, voice_application_sid=None, **fields)
    return record


BIN_URL = f"https://{BIN_HOST}/twiml/EH" + "1" * 32


def test_numbers_converted_before_services_and_bins_are_known_end_up_the_same() -> None:
    records = [
        _number_record(0),
        _number_record(1, sms_url="https://example.com/sms"),
        _number_record(2, voice_url=BIN_URL),
    ]
    service = dict.fromkeys(convert.SERVICE_FIELDS)
    service.update(sid="MG" + "1" * 32, account_sid=ACCOUNT, inbound_request_url="https://x/in")
    services = [(service, [records[1]["sid"]])]
    bins: dict[tuple[str, str], str | None] = {
        (ACCOUNT, BIN_URL): "<Response><Say>hi</Say></Response>"
    }

    early_known = Known(_Recorder(), {ACCOUNT: AccountRead(ACCOUNT)})
    early = listed_numbers(records, early_known)

    late_bins = _Recorder()
    late_bins.found.update(bins)
    late_known = Known(late_bins, {ACCOUNT: AccountRead(ACCOUNT, services=services)})
    late_known.reading_services(ACCOUNT)
    late_known.services_read(ACCOUNT)
    late_known.accounts_known()
    late = listed_numbers(records, late_known)

    assert not early.final
    assert late.final
    assert (ACCOUNT, BIN_URL) in early_known.bins.asked  # type: ignore[attr-defined]
    assert settled(early, early_known) is early  # nothing more is known yet
    caught_up = settled(early, late_known)
    assert caught_up.final

    def built(listed: ListedNumbers) -> Any:
        read = AccountRead(ACCOUNT, numbers=[listed], services=services)
        tree = TreeRead(main={"sid": ACCOUNT}, subaccounts=[], accounts={ACCOUNT: read}, bins=bins)
        return replace(build_inventory(tree), taken_at="")

    inventory = built(caught_up)
    assert inventory == built(late)
    assert inventory.numbers[1].messaging_service_id == service["sid"]
    sms = next(w for w in inventory.webhooks if w.url == "https://example.com/sms")
    assert sms.overridden_by == f"messaging_service:{service['sid']}"
    assert next(w for w in inventory.webhooks if w.url == BIN_URL).content == bins[ACCOUNT, BIN_URL]
