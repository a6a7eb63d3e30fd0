"""Next actions and the losing side: SMS lag, the departing vendor's overlap, ticket checklists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from migrator.model.enums import NumberType
from migrator.model.porting import (
    LoaData,
    PortException,
    PortNumber,
    PortRequest,
    PortRoute,
    PortStatus,
    StatusChange,
)
from migrator.services.port_guidance import (
    days_waiting,
    next_action,
    sms_ready_at,
    source_serves_until,
    ticket_checklist,
)

NOW = datetime(2030, 3, 20, 12, 0, tzinfo=UTC)


def _request(
    losing: str = "twilio:AC1", route: PortRoute = PortRoute.API, **number: object
) -> PortRequest:
    entry = PortNumber(
        "+13125550100",
        number.pop("status", PortStatus.COMPLETED),  # type: ignore[arg-type]
        **number,  # type: ignore[arg-type]
    )
    return PortRequest(
        id="port-1",
        target_vendor="plivo" if route is PortRoute.TICKET else "twilio",
        target_account="AC9",
        losing_key=losing,
        route=route,
        status=entry.status,
        numbers=(entry,),
        submitted_at="2030-03-01T10:00:00+00:00",
        loa=LoaData(customer_name="Northwind", authorized_representative_email="d@example.com"),
        history=(StatusChange("2030-03-19T15:10:00+00:00", entry.status),),
    )


def test_after_a_port_sms_is_verified_later_and_twilio_keeps_serving() -> None:
    request = _request(completed_at="2030-03-20T11:00:00+00:00")
    number = request.numbers[0]
    assert sms_ready_at(number) == datetime(2030, 3, 20, 13, 0, tzinfo=UTC)
    assert source_serves_until(request, number) == datetime(2030, 3, 30, 11, 0, tzinfo=UTC)
    action = next_action(request, number, NOW)
    assert "verify SMS after 2030-03-20 13:00" in action
    assert "Twilio keeps serving it until 2030-03-30" in action
    later = next_action(request, number, NOW + timedelta(days=11))
    assert "keeps serving" not in later and "verify SMS" in later


def test_toll_free_sms_lags_longer_and_other_vendors_have_no_documented_overlap() -> None:
    request = _request(
        "vonage:abc", number_type=NumberType.TOLLFREE, completed_at="2030-03-20T11:00:00+00:00"
    )
    number = request.numbers[0]
    assert sms_ready_at(number) == datetime(2030, 3, 22, 11, 0, tzinfo=UTC)
    assert source_serves_until(request, number) is None


def test_next_actions_by_status() -> None:
    signing = replace_status(_request(), PortStatus.AWAITING_DOCUMENTS, "Waiting for Signature")
    assert "sign the LOA e-mailed to d@example.com" in next_action(signing, None, NOW)
    rejected = _request(status=PortStatus.EXCEPTION, exception=PortException.of("INVALID_PIN"))
    assert next_action(rejected, rejected.numbers[0], NOW).startswith("INVALID_PIN: ")
    unknown = _request(status=PortStatus.SUBMITTED, vendor_status="escalated_to_carrier")
    assert "does not know" in next_action(unknown, unknown.numbers[0], NOW)
    ticket = _request(route=PortRoute.TICKET, status=PortStatus.SUBMITTED)
    assert "ports set NUMBER foc" in next_action(ticket, ticket.numbers[0], NOW)
    foc = _request(status=PortStatus.FOC_CONFIRMED, foc_date="2030-03-25T15:00:00Z")
    assert "2030-03-25 15:00 UTC" in next_action(foc, foc.numbers[0], NOW)


def replace_status(request: PortRequest, status: PortStatus, vendor: str) -> PortRequest:
    return request.with_status(StatusChange(NOW.isoformat(), status, vendor))


def test_days_waiting_stop_when_the_port_ends() -> None:
    done = _request()
    assert days_waiting(done, NOW + timedelta(days=30)) == 18
    live = _request(status=PortStatus.SUBMITTED)
    assert days_waiting(live, NOW) == 19


def test_ticket_checklists_name_what_is_missing() -> None:
    request = _request(
        route=PortRoute.TICKET, status=PortStatus.DRAFT, number_type=NumberType.MOBILE
    )
    lines = ticket_checklist(request, "/tmp/LOA-port-1.pdf").lines()
    text = "\n".join(lines)
    assert "(required: there are mobile numbers)" in text
    assert "Losing carrier account number: (missing)" in text
    assert "/tmp/LOA-port-1.pdf" in text
    assert "The e-mail address of your Plivo account" in text
    assert lines[0] == "The ticket must contain:"
