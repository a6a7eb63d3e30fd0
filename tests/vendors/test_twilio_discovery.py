"""The shortcuts Twilio discovery takes for speed give exactly what the slow way gives.

Numbers are taken from a page's payload instead of SDK instances, which is only right while the
SDK copies every field discovery keeps from the payload unchanged; TwiML Bin URLs are found with
a substring test before the URL is parsed. Both are checked here against the SDK's own classes
(the end-to-end comparison with the sandbox is in test_twilio_adapter.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from twilio.http.response import Response
from twilio.rest.api.v2010.account.incoming_phone_number import (
    IncomingPhoneNumberInstance,
    IncomingPhoneNumberPage,
)

from migrator.vendors.twilio import convert
from migrator.vendors.twilio.discovery import BIN_HOST, Bins, _payload_records

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
