"""migrator.vendors.twilio.porting: the Porting API client over the twilio SDK, against the
sandbox over loopback HTTP."""

from __future__ import annotations

import pytest

from migrator.model.enums import NumberType
from migrator.model.porting import LoaData, ServiceAddress
from migrator.sandbox import Sandbox
from migrator.vendors.errors import BusinessRule, NotFound
from migrator.vendors.porting import PortOrder
from migrator.vendors.twilio.porting import TwilioPorting
from tests.porting.conftest import add_mobile, advance, client, record, target_date, us_numbers


def _api(sandbox: Sandbox) -> TwilioPorting:
    return TwilioPorting(client(sandbox))


def _loa(sandbox: Sandbox, **changes: str) -> LoaData:
    rec = record(sandbox, "vonage")
    address = rec["address"]
    data = {
        "customer_name": rec["customer_name"],
        "account_number": rec["account_number"],
        "billing_telephone_number": rec["billing_telephone_number"],
        **changes,
    }
    return LoaData(
        customer_name=data["customer_name"],
        authorized_representative="Dana Whitfield",
        authorized_representative_email="dana@example.com",
        account_number=data["account_number"],
        billing_telephone_number=data["billing_telephone_number"],
        address=ServiceAddress(
            address["street"], "", address["city"], address["state"], address["zip"], "US"
        ),
        has_pin=True,
        document_ids=("RD" + "b" * 32,),
        notification_emails=("it@example.com",),
    )


def _order(sandbox: Sandbox, numbers: list[str], **kw: object) -> PortOrder:
    return PortOrder(
        target_account=sandbox.credentials("twilio", "target")["account_sid"],
        numbers=tuple(numbers),
        loa=_loa(sandbox),
        target_date=target_date(sandbox),
        **kw,  # type: ignore[arg-type]
    )


def test_portability(ports: Sandbox) -> None:
    api = _api(ports)
    local = api.check(us_numbers(ports, "vonage")[0])
    assert (local.portable, local.number_type, local.country) == (True, NumberType.LOCAL, "US")
    mobile = api.check(add_mobile(ports, "plivo", "+13125550155"))
    assert (mobile.number_type, mobile.pin_and_account_number_required) == (NumberType.MOBILE, True)
    toll_free = api.check(us_numbers(ports, "vonage", "tollfree")[0])
    assert (toll_free.portable, toll_free.reason, toll_free.reason_code) == (
        False,
        "MANUAL_PORTING_AVAILABLE",
        22133,
    )


def test_create_fetch_and_complete(ports: Sandbox) -> None:
    api = _api(ports)
    numbers = us_numbers(ports, "vonage")[:2]
    created = api.create(_order(ports, numbers))
    assert created.request_id.startswith("KW")
    assert created.vendor_status == "In Review"
    assert [n.e164 for n in created.numbers] == numbers
    assert all(n.number_id.startswith("PU") for n in created.numbers)
    assert created.created_at
    advance(ports, 3, 1)
    pending = api.fetch(created.request_id)
    assert [n.vendor_status for n in pending.numbers] == ["port_pending"] * 2
    assert pending.numbers[0].port_date.startswith(created.target_date)
    assert pending.signature_url
    assert api.list_ids() == [created.request_id]


def test_pins_go_with_their_numbers(ports: Sandbox) -> None:
    mobile = add_mobile(ports, "vonage", "+13125550166")
    rec = record(ports, "vonage")
    api = _api(ports)
    created = api.create(_order(ports, [mobile], pins={mobile: rec["pin"]}))
    advance(ports, 4)
    assert api.fetch(created.request_id).numbers[0].vendor_status == "port_pending"


def test_rejection_codes_come_through(ports: Sandbox) -> None:
    api = _api(ports)
    order = _order(ports, us_numbers(ports, "vonage")[:1])
    order = PortOrder(order.target_account, order.numbers, _loa(ports, account_number="VN-0"))
    created = api.create(order)
    advance(ports, 4)
    rejected = api.fetch(created.request_id).numbers[0]
    assert (rejected.vendor_status, rejected.rejection_code, rejected.rejection_message) == (
        "port_rejected",
        "22156",
        "INVALID_ACCOUNT_NUMBER",
    )


def test_cancel_a_request_and_a_number(ports: Sandbox) -> None:
    api = _api(ports)
    first = api.create(_order(ports, us_numbers(ports, "vonage")[:2]))
    api.cancel_number(first.request_id, first.numbers[1].number_id)
    assert [n.vendor_status for n in api.fetch(first.request_id).numbers] == [
        "in_review",
        "canceling",
    ]
    api.cancel(first.request_id)
    assert api.fetch(first.request_id).vendor_status == "Canceled"


def test_vendor_refusals_become_core_errors(ports: Sandbox) -> None:
    api = _api(ports)
    with pytest.raises(BusinessRule) as refused:
        api.create(_order(ports, us_numbers(ports, "vonage", "tollfree")[:1]))
    assert refused.value.code == "22133"
    assert "Twilio refused" in str(refused.value)
    with pytest.raises(NotFound):
        api.fetch("KW" + "0" * 32)
