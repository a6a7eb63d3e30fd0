"""The normalized port model: Twilio's strings, hand-entered statuses, history, persistence."""

from __future__ import annotations

import pytest

from migrator.errors import MigratorError
from migrator.model.porting import (
    LoaData,
    PortException,
    PortNumber,
    PortRequest,
    PortRoute,
    PortStatus,
    ServiceAddress,
    StatusChange,
    from_twilio,
    rejection_reason,
    summarize_status,
)


@pytest.mark.parametrize(
    ("vendor", "expected"),
    [
        ("In Review", PortStatus.AWAITING_DOCUMENTS),
        ("WAITING FOR SIGNATURE", PortStatus.AWAITING_DOCUMENTS),
        ("waiting_for_signature", PortStatus.AWAITING_DOCUMENTS),
        ("In progress", PortStatus.SUBMITTED),
        ("pending", PortStatus.SUBMITTED),
        ("port_submitted", PortStatus.SUBMITTED),
        ("Action Required", PortStatus.EXCEPTION),
        ("port_rejected", PortStatus.EXCEPTION),
        ("canceling", PortStatus.CANCELLING),
        ("Canceled", PortStatus.CANCELLED),
        ("Expired", PortStatus.CANCELLED),
        ("Completed", PortStatus.COMPLETED),
    ],
)
def test_twilio_strings_map_case_insensitively(vendor: str, expected: PortStatus) -> None:
    assert from_twilio(vendor) is expected


def test_port_pending_is_foc_only_with_a_date() -> None:
    assert from_twilio("port_pending", "2030-01-02T15:00:00Z") is PortStatus.FOC_CONFIRMED
    assert from_twilio("port_pending") is PortStatus.SUBMITTED


def test_unknown_twilio_strings_are_not_guessed() -> None:
    assert from_twilio("Escalated To Carrier") is None
    assert from_twilio(None) is None


def test_hand_entered_statuses_and_aliases() -> None:
    assert PortStatus.parse("foc") is PortStatus.FOC_CONFIRMED
    assert PortStatus.parse("Awaiting documents") is PortStatus.AWAITING_DOCUMENTS
    assert PortStatus.parse("rejected") is PortStatus.EXCEPTION
    assert PortStatus.parse("canceled") is PortStatus.CANCELLED
    with pytest.raises(MigratorError, match="unknown port status"):
        PortStatus.parse("somewhere")


def test_rejection_reasons_by_name_or_twilio_code() -> None:
    assert rejection_reason("INVALID_PIN").loa_field == "pin"
    assert rejection_reason(22154).code == "INVALID_ADDRESS"
    assert rejection_reason("22156").code == "INVALID_ACCOUNT_NUMBER"
    unknown = rejection_reason("SOMETHING_NEW", "The carrier said no")
    assert (unknown.code, unknown.title) == ("SOMETHING_NEW", "The carrier said no")
    exception = PortException.of("INVALID_END_USER_NAME")
    assert "exactly" in exception.fix


def test_history_records_each_change_once() -> None:
    number = PortNumber("+13125550100", PortStatus.DRAFT)
    seen = StatusChange("2030-01-01T00:00:00+00:00", PortStatus.SUBMITTED, "port_submitted")
    number = number.with_status(seen)
    number = number.with_status(
        StatusChange("2030-01-02T00:00:00+00:00", PortStatus.SUBMITTED, "port_submitted")
    )
    assert [c.status for c in number.history] == [PortStatus.SUBMITTED]
    number = number.with_status(
        StatusChange(
            "2030-01-03T00:00:00+00:00",
            PortStatus.FOC_CONFIRMED,
            "port_pending",
            foc_date="2030-01-09T15:00:00Z",
        ),
        foc_date="2030-01-09T15:00:00Z",
    )
    assert [c.status for c in number.history] == [PortStatus.SUBMITTED, PortStatus.FOC_CONFIRMED]
    assert number.foc_date == "2030-01-09T15:00:00Z"


def test_a_request_sums_up_its_numbers() -> None:
    def n(status: PortStatus) -> PortNumber:
        return PortNumber("+13125550100", status)

    assert summarize_status(()) is PortStatus.DRAFT
    both = (n(PortStatus.SUBMITTED), n(PortStatus.FOC_CONFIRMED))
    assert summarize_status(both) is PortStatus.SUBMITTED
    assert summarize_status((n(PortStatus.EXCEPTION), n(PortStatus.FOC_CONFIRMED))) is (
        PortStatus.EXCEPTION
    )
    done = (n(PortStatus.COMPLETED), n(PortStatus.CANCELLED))
    assert summarize_status(done) is PortStatus.COMPLETED
    assert summarize_status((n(PortStatus.CANCELLED),)) is PortStatus.CANCELLED


def test_a_request_round_trips_through_plain_data() -> None:
    loa = LoaData(
        customer_name="Northwind Traders Inc.",
        account_number="VN-1",
        address=ServiceAddress("1200 Market Street", "Suite 400", "San Francisco", "CA", "94102"),
        has_pin=True,
        document_ids=("RD" + "a" * 32,),
    )
    request = PortRequest(
        id="port-1",
        target_vendor="twilio",
        target_account="AC1",
        losing_key="vonage:abc",
        route=PortRoute.API,
        status=PortStatus.EXCEPTION,
        numbers=(
            PortNumber(
                "+13125550100",
                PortStatus.EXCEPTION,
                exception=PortException.of("INVALID_PIN"),
                history=(StatusChange("2030-01-01T00:00:00+00:00", PortStatus.EXCEPTION),),
            ),
        ),
        loa=loa,
    )
    again = PortRequest.from_dict(request.to_dict())
    assert again == request
    assert "pin" not in str(request.to_dict()["loa"]).replace("has_pin", "")
    with pytest.raises(MigratorError, match="newer"):
        PortRequest.from_dict({**request.to_dict(), "schema_version": 99})


def test_status_properties() -> None:
    assert PortStatus.FOC_CONFIRMED.in_port
    assert not PortStatus.COMPLETED.in_port
    assert PortStatus.EXCEPTION.cancellable
    assert not PortStatus.CANCELLING.cancellable
    assert ServiceAddress("1 Main St", "", "Austin", "TX", "78701").lines() == [
        "1 Main St",
        "Austin, TX 78701",
        "US",
    ]
