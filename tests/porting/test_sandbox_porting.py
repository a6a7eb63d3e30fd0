"""The sandbox's Twilio Porting API through the twilio SDK, unmodified, over loopback HTTP.

Time moves only when the test advances the sandbox clock through the control API.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import requests
from twilio.base.exceptions import TwilioRestException

from migrator.sandbox import Sandbox
from tests.porting import twilio_spec
from tests.porting.conftest import (
    account,
    add_mobile,
    advance,
    carrier_info,
    client,
    port_in_body,
    record,
    us_numbers,
)


def _owner(sandbox: Sandbox, e164: str) -> tuple[str, str]:
    with sandbox.state.lock:
        found = sandbox.state.owner_of(e164)
    assert found is not None
    return found[1].vendor, found[1].role


def _status(sandbox: Sandbox, sid: str) -> tuple[str, list[str]]:
    port = client(sandbox).numbers.v1.porting_port_ins(sid).fetch()
    return str(port.port_in_request_status), [
        n["port_in_phone_number_status"] for n in port.phone_numbers or []
    ]


# --- portability -----------------------------------------------------------------------------
def test_portability_of_a_us_local_number_at_another_vendor(ports: Sandbox) -> None:
    number = us_numbers(ports, "vonage")[0]
    found = client(ports).numbers.v1.porting_portabilities(number).fetch()
    assert found.portable is True
    assert found.number_type == "LOCAL"
    assert found.country == "US"
    assert found.pin_and_account_number_required is False
    assert found.not_portable_reason is None


def test_portability_reasons_for_numbers_the_api_cannot_port(ports: Sandbox) -> None:
    sdk = client(ports)
    toll_free = us_numbers(ports, "vonage", "tollfree")[0]
    in_twilio = us_numbers(ports, "twilio")[0]
    found = sdk.numbers.v1.porting_portabilities(toll_free).fetch()
    assert (found.portable, found.number_type) == (False, "TOLL-FREE")
    assert (found.not_portable_reason, found.not_portable_reason_code) == (
        "MANUAL_PORTING_AVAILABLE",
        22133,
    )
    other = sdk.numbers.v1.porting_portabilities(in_twilio).fetch()
    assert (other.not_portable_reason, other.not_portable_reason_code) == (
        "ALREADY_IN_TWILIO_DIFFERENT_OWNER",
        22132,
    )
    own = client(ports, "source").numbers.v1.porting_portabilities(in_twilio).fetch()
    assert own.not_portable_reason_code == 22131
    assert own.account_sid == account(ports, "twilio").key
    british = "+442079460000"
    abroad = sdk.numbers.v1.porting_portabilities(british).fetch()
    assert (abroad.portable, abroad.country, abroad.not_portable_reason_code) == (
        False,
        "GB",
        22133,
    )


def test_mobile_numbers_need_a_pin_and_account_number(ports: Sandbox) -> None:
    mobile = add_mobile(ports, "vonage", "+13125550199")
    found = client(ports).numbers.v1.porting_portabilities(mobile).fetch()
    assert (found.portable, found.number_type, found.pin_and_account_number_required) == (
        True,
        "MOBILE",
        True,
    )
    body = port_in_body(ports, [mobile], carrier_info(record(ports, "vonage")))
    with pytest.raises(TwilioRestException) as refused:
        client(ports).numbers.v1.porting_port_ins.create(body)
    assert refused.value.code == 22171


def test_an_invalid_number_is_refused(ports: Sandbox) -> None:
    with pytest.raises(TwilioRestException) as refused:
        client(ports).numbers.v1.porting_portabilities("+1555").fetch()
    assert refused.value.status == 400


# --- the life of a request -------------------------------------------------------------------
def test_a_request_moves_through_every_status_and_the_number_changes_hands(
    ports: Sandbox,
) -> None:
    numbers = us_numbers(ports, "vonage")[:2]
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, numbers, carrier_info(record(ports, "vonage")))
    )
    sid = str(created.port_in_request_sid)
    assert sid.startswith("KW")
    assert created.port_in_request_status == "In Review"
    assert created.signature_request_url is None
    seen = [_status(ports, sid)]
    for days, hours in ((0, 2), (1, 0), (2, 0)):
        advance(ports, days, hours)
        seen.append(_status(ports, sid))
    assert seen == [
        ("In Review", ["in_review"] * 2),
        ("Waiting for Signature", ["waiting_for_signature"] * 2),
        ("In Progress", ["port_submitted"] * 2),
        ("In Progress", ["port_pending"] * 2),
    ]
    pending = sdk.numbers.v1.porting_port_ins(sid).fetch()
    assert pending.signature_request_url
    port_date = pending.phone_numbers[0]["port_date"]
    assert port_date.startswith(str(pending.target_port_in_date))
    assert _owner(ports, numbers[0]) == ("vonage", "source")
    due = datetime.fromisoformat(port_date.replace("Z", "+00:00"))
    advance(ports, hours=(due - ports.state.clock.now()).total_seconds() / 3600 - 1)
    assert _status(ports, sid) == ("In Progress", ["port_pending"] * 2), "an hour before"
    advance(ports, hours=2)
    assert _status(ports, sid) == ("Completed", ["completed"] * 2)
    assert [_owner(ports, n) for n in numbers] == [("twilio", "target")] * 2
    vonage = ports.state.apis["vonage"]
    with ports.state.lock:
        assert vonage.find_number(account(ports, "vonage"), numbers[0]) is None
    listed = client(ports).incoming_phone_numbers.list()
    assert set(numbers) <= {n.phone_number for n in listed}
    summary = sdk.numbers.v1.porting_all_port_ins.list()
    assert [
        (s.port_in_request_sid, s.phone_numbers_requested, s.phone_numbers_ported) for s in summary
    ] == [(sid, 2, 2)]


def test_the_port_completes_when_the_clock_passes_the_date_even_unobserved(
    ports: Sandbox,
) -> None:
    number = us_numbers(ports, "plivo")[0]
    client(ports).numbers.v1.porting_port_ins.create(
        port_in_body(ports, [number], carrier_info(record(ports, "plivo")))
    )
    advance(ports, 30)
    assert _owner(ports, number) == ("twilio", "target")
    counts = requests.get(f"{ports.url}/_sandbox/accounts", timeout=10).json()
    target = [a for a in counts["accounts"] if a["vendor"] == "twilio" and a["role"] == "target"]
    assert target[0]["resources"]["port_in_requests"] == 1


def test_one_phone_number_of_a_request(ports: Sandbox) -> None:
    number = us_numbers(ports, "vonage")[0]
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, [number], carrier_info(record(ports, "vonage")))
    )
    pu = created.phone_numbers[0]["port_in_phone_number_sid"]
    advance(ports, 3, 1)
    one = sdk.numbers.v1.porting_port_in_phone_number(created.port_in_request_sid, pu).fetch()
    assert (one.phone_number, one.port_in_phone_number_status, one.phone_number_type) == (
        number,
        "port_pending",
        "LOCAL",
    )
    assert one.port_date is not None
    assert one.rejection_reason is None


# --- rejections ------------------------------------------------------------------------------
LOA_MISMATCHES: list[tuple[str, dict[str, Any], str, int]] = [
    ("name", {"customer_name": "Northwind Traders"}, "INVALID_END_USER_NAME", 22153),
    ("street", {"street": "1200 Market St, Suite 400"}, "INVALID_ADDRESS", 22154),
    ("zip", {"zip": "94103"}, "INVALID_ADDRESS", 22154),
    ("account number", {"account_number": "VN-00000000"}, "INVALID_ACCOUNT_NUMBER", 22156),
    (
        "billing number",
        {"account_telephone_number": "+12025550123"},
        "INVALID_ACCOUNT_NUMBER",
        22156,
    ),
]


@pytest.mark.parametrize(("what", "change", "reason", "code"), LOA_MISMATCHES)
def test_the_losing_carrier_rejects_loa_data_that_does_not_match_its_record(
    ports: Sandbox, what: str, change: dict[str, Any], reason: str, code: int
) -> None:
    rec = record(ports, "vonage")
    info = carrier_info(rec)
    for key, value in change.items():
        if key in ("street", "zip"):
            info["address"][key] = value
        else:
            info[key] = value
    number = us_numbers(ports, "vonage")[0]
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(port_in_body(ports, [number], info))
    advance(ports, 3, 1)
    port = sdk.numbers.v1.porting_port_ins(created.port_in_request_sid).fetch()
    assert port.port_in_request_status == "Action Required"
    result = port.phone_numbers[0]
    assert result["port_in_phone_number_status"] == "port_rejected"
    assert (result["rejection_reason"], result["rejection_reason_code"]) == (reason, str(code))
    assert result["port_date"] is None
    summary = sdk.numbers.v1.porting_all_port_ins.list()[0]
    assert summary.suggested_action
    advance(ports, 20)
    assert _owner(ports, number) == ("vonage", "source"), what


def test_case_spacing_and_punctuation_do_not_matter_to_the_carrier(ports: Sandbox) -> None:
    rec = record(ports, "vonage")
    info = carrier_info(rec, customer_name=rec["customer_name"].upper().replace(".", ""))
    info["address"]["street"] = "1200  market street  suite 400"
    info["address"]["country"] = "USA"
    number = us_numbers(ports, "vonage")[0]
    created = client(ports).numbers.v1.porting_port_ins.create(port_in_body(ports, [number], info))
    advance(ports, 3, 1)
    assert _status(ports, str(created.port_in_request_sid)) == ("In Progress", ["port_pending"])


def test_a_wrong_pin_on_a_mobile_number_is_rejected(ports: Sandbox) -> None:
    mobile = add_mobile(ports, "vonage", "+13125550142")
    rec = record(ports, "vonage")
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, [mobile], carrier_info(rec), pins={mobile: "9999"})
    )
    pu = created.phone_numbers[0]["port_in_phone_number_sid"]
    advance(ports, 3, 1)
    one = sdk.numbers.v1.porting_port_in_phone_number(created.port_in_request_sid, pu).fetch()
    assert (one.rejection_reason, one.rejection_reason_code) == ("INVALID_PIN", 22155)
    assert one.port_out_pin == 9999


def test_a_number_nobody_owns_is_inactive_at_the_carrier(ports: Sandbox) -> None:
    created = client(ports).numbers.v1.porting_port_ins.create(
        port_in_body(ports, ["+13125550177"], carrier_info(record(ports, "vonage")))
    )
    advance(ports, 4)
    port = client(ports).numbers.v1.porting_port_ins(created.port_in_request_sid).fetch()
    assert port.phone_numbers[0]["rejection_reason"] == "PHONE_NUMBER_INACTIVE_OR_DISCONNECTED"


def test_a_rejection_forced_through_the_control_api(ports: Sandbox) -> None:
    first, second = us_numbers(ports, "vonage")[:2]
    told = requests.post(
        f"{ports.url}/_sandbox/twilio/ports",
        json={"phone_number": first, "reject": "PHONE_NUMBER_WITH_CARRIER_RESTRICTION"},
        timeout=10,
    )
    assert told.json()["applies_to"] == "next"
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, [first, second], carrier_info(record(ports, "vonage")))
    )
    sid = str(created.port_in_request_sid)
    advance(ports, 3, 1)
    assert _status(ports, sid) == ("Action Required", ["port_rejected", "port_pending"])
    later = requests.post(
        f"{ports.url}/_sandbox/twilio/ports",
        json={"phone_number": second, "reject": "CONTACT_SUPPORT_REQUIRED"},
        timeout=10,
    )
    assert later.json()["applies_to"] == "current"
    port = sdk.numbers.v1.porting_port_ins(sid).fetch()
    assert [n["rejection_reason_code"] for n in port.phone_numbers] == ["22151", "22150"]
    bad = requests.post(
        f"{ports.url}/_sandbox/twilio/ports",
        json={"phone_number": first, "reject": "NOT_A_REASON"},
        timeout=10,
    )
    assert bad.status_code == 400
    listed = requests.get(f"{ports.url}/_sandbox/twilio/ports", timeout=10).json()
    assert [p["port_in_request_sid"] for p in listed["port_ins"]] == [sid]


def test_a_request_left_rejected_expires(ports: Sandbox) -> None:
    rec = record(ports, "vonage")
    created = client(ports).numbers.v1.porting_port_ins.create(
        port_in_body(ports, us_numbers(ports, "vonage")[:1], carrier_info(rec, customer_name="X"))
    )
    advance(ports, 4)
    assert _status(ports, str(created.port_in_request_sid))[0] == "Action Required"
    advance(ports, 31)
    assert _status(ports, str(created.port_in_request_sid))[0] == "Expired"


# --- cancelling ------------------------------------------------------------------------------
def test_cancelling_a_request(ports: Sandbox) -> None:
    numbers = us_numbers(ports, "vonage")[:2]
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, numbers, carrier_info(record(ports, "vonage")))
    )
    sid = str(created.port_in_request_sid)
    advance(ports, 3, 1)
    assert sdk.numbers.v1.porting_port_ins(sid).delete() is True
    port = sdk.numbers.v1.porting_port_ins(sid).fetch()
    assert port.port_in_request_status == "Canceled"
    assert port.order_cancellation_reason
    assert [n["port_in_phone_number_status"] for n in port.phone_numbers] == ["canceling"] * 2
    advance(ports, 0, 2)
    assert _status(ports, sid) == ("Canceled", ["canceled"] * 2)
    advance(ports, 20)
    assert [_owner(ports, n) for n in numbers] == [("vonage", "source")] * 2
    with pytest.raises(TwilioRestException) as again:
        sdk.numbers.v1.porting_port_ins(sid).delete()
    assert again.value.status == 400
    again_created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, numbers, carrier_info(record(ports, "vonage")))
    )
    assert again_created.port_in_request_status == "In Review"


def test_cancelling_one_number_lets_the_others_complete(ports: Sandbox) -> None:
    keep, drop = us_numbers(ports, "vonage")[:2]
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, [keep, drop], carrier_info(record(ports, "vonage")))
    )
    pu = created.phone_numbers[1]["port_in_phone_number_sid"]
    sdk.numbers.v1.porting_port_in_phone_number(created.port_in_request_sid, pu).delete()
    advance(ports, 20)
    assert _status(ports, str(created.port_in_request_sid)) == (
        "Completed",
        ["completed", "canceled"],
    )
    assert (_owner(ports, keep), _owner(ports, drop)) == (
        ("twilio", "target"),
        ("vonage", "source"),
    )


def test_a_completed_request_cannot_be_cancelled(ports: Sandbox) -> None:
    sdk = client(ports)
    created = sdk.numbers.v1.porting_port_ins.create(
        port_in_body(ports, us_numbers(ports, "vonage")[:1], carrier_info(record(ports, "vonage")))
    )
    advance(ports, 20)
    with pytest.raises(TwilioRestException) as refused:
        sdk.numbers.v1.porting_port_ins(created.port_in_request_sid).delete()
    assert "Completed" in str(refused.value.msg)


# --- what the API refuses --------------------------------------------------------------------
def test_create_refusals_carry_twilio_codes(ports: Sandbox) -> None:
    sdk = client(ports)
    rec = record(ports, "vonage")
    local = us_numbers(ports, "vonage")
    toll_free = us_numbers(ports, "vonage", "tollfree")[0]
    cases: list[tuple[Any, int, str]] = [
        (port_in_body(ports, local[:1], carrier_info(rec), days=3), 20001, "7 days"),
        (port_in_body(ports, [toll_free], carrier_info(rec)), 22133, "MANUAL_PORTING"),
        (port_in_body(ports, [local[0], "+442079460000"], carrier_info(rec)), 22172, "countries"),
        (port_in_body(ports, local[:1], carrier_info(rec), documents=[]), 22171, "documents"),
        (
            port_in_body(ports, local[:1], carrier_info(rec, authorized_representative=None)),
            22171,
            "authorized_representative",
        ),
        (
            port_in_body(ports, [f"+1312555{i:04d}" for i in range(1001)], carrier_info(rec)),
            20001,
            "1000",
        ),
        (port_in_body(ports, us_numbers(ports, "twilio")[:1], carrier_info(rec)), 22132, ""),
    ]
    for body, code, words in cases:
        with pytest.raises(TwilioRestException) as refused:
            sdk.numbers.v1.porting_port_ins.create(body)
        assert (refused.value.status, refused.value.code) == (400, code), words
        assert words in str(refused.value.msg)
    sdk.numbers.v1.porting_port_ins.create(port_in_body(ports, local[:1], carrier_info(rec)))
    with pytest.raises(TwilioRestException) as twice:
        sdk.numbers.v1.porting_port_ins.create(port_in_body(ports, local[:1], carrier_info(rec)))
    assert twice.value.code == 22137


def test_unknown_request_is_twilios_404(ports: Sandbox) -> None:
    with pytest.raises(TwilioRestException) as missing:
        client(ports).numbers.v1.porting_port_ins("KW" + "0" * 32).fetch()
    assert (missing.value.status, missing.value.code) == (404, 20404)


# --- listing ---------------------------------------------------------------------------------
def test_list_pages_and_filters(ports: Sandbox) -> None:
    sdk = client(ports)
    rec = record(ports, "vonage")
    sids = []
    for number in us_numbers(ports, "vonage")[:3]:
        created = sdk.numbers.v1.porting_port_ins.create(
            port_in_body(ports, [number], carrier_info(rec))
        )
        sids.append(str(created.port_in_request_sid))
    paged = sdk.numbers.v1.porting_all_port_ins.list(page_size=2)
    assert [p.port_in_request_sid for p in paged] == sids
    first_page = sdk.numbers.v1.porting_all_port_ins.page(size=2)
    assert first_page.next_page_url is not None
    picked = sdk.numbers.v1.porting_all_port_ins.list(port_in_request_sid=",".join(sids[1:]))
    assert [p.port_in_request_sid for p in picked] == sids[1:]
    sdk.numbers.v1.porting_port_ins(sids[0]).delete()
    canceled = sdk.numbers.v1.porting_all_port_ins.list(port_in_request_status="canceled")
    assert [p.port_in_request_sid for p in canceled] == sids[:1]
    today = ports.state.clock.now().date().isoformat()
    assert sdk.numbers.v1.porting_all_port_ins.list(created_after=today) == []
    assert len(sdk.numbers.v1.porting_all_port_ins.list(created_before="2999-01-01")) == 3
    assert client(ports, "source").numbers.v1.porting_all_port_ins.list() == []


# --- conformance -----------------------------------------------------------------------------
@pytest.mark.skipif(not twilio_spec.available(), reason="Twilio specs not available")
def test_responses_validate_against_twilios_spec(ports: Sandbox) -> None:
    creds = ports.credentials("twilio", "target")
    auth = (creds["account_sid"], creds["auth_token"])
    headers = {"Host": "numbers.twilio.com"}
    base = ports.url + "/v1/Porting"
    number = us_numbers(ports, "vonage")[0]
    portable = requests.get(
        f"{base}/Portability/PhoneNumber/{number}", auth=auth, headers=headers, timeout=10
    )
    twilio_spec.validate(portable.json(), twilio_spec.schema("numbers.v1.porting_portability"))
    body = port_in_body(ports, [number], carrier_info(record(ports, "vonage"))).to_dict()
    created = requests.post(f"{base}/PortIn", json=body, auth=auth, headers=headers, timeout=10)
    assert created.status_code == 202
    port_schema = twilio_spec.schema("numbers.v1.porting_port_in")
    twilio_spec.validate(created.json(), port_schema)
    sid = created.json()["port_in_request_sid"]
    pu = created.json()["phone_numbers"][0]["port_in_phone_number_sid"]
    for days in (0, 2, 3, 10):
        advance(ports, days)
        fetched = requests.get(f"{base}/PortIn/{sid}", auth=auth, headers=headers, timeout=10)
        twilio_spec.validate(fetched.json(), port_schema)
        one = requests.get(
            f"{base}/PortIn/{sid}/PhoneNumber/{pu}", auth=auth, headers=headers, timeout=10
        )
        twilio_spec.validate(
            one.json(), twilio_spec.schema("numbers.v1.porting_port_in_phone_number")
        )
    listed = requests.get(
        f"{base}/PortIn/PortInRequests", auth=auth, headers=headers, timeout=10
    ).json()
    row_schema = twilio_spec.schema("numbers.v1.port_in_request_list")
    for row in listed["port_in_requests"]:
        twilio_spec.validate(row, row_schema)
    assert {"next_token", "previous_token"} <= set(listed["meta"])
