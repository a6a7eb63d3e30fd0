"""What the admin should do next about a port, and what a support-ticket port must contain.

Facts used (shared/reference/vendors.md section 2 and market.md): Twilio keeps serving a number
for 10 days after it ports away; SMS routing can lag voice by up to 2 hours after a port (1-2
days for toll-free); Plivo ports US/Canada numbers by ticket with name and address matching the
CSR, a PIN for wireless and a signed LOA mandatory for toll-free; Vonage has no porting API.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from migrator.model.enums import NumberType
from migrator.model.porting import (
    PortNumber,
    PortRequest,
    PortRoute,
    PortStatus,
    from_twilio,
    parse_time,
)

SOURCE_OVERLAP = {"twilio": timedelta(days=10)}
"""How long a departing vendor keeps serving a number after it ported away (documented only
for Twilio)."""
SMS_LAG = timedelta(hours=2)
SMS_LAG_TOLL_FREE = timedelta(days=2)
VENDOR_LABELS = {"twilio": "Twilio", "vonage": "Vonage", "plivo": "Plivo", "file": "the source"}


def label(vendor: str) -> str:
    return VENDOR_LABELS.get(vendor, vendor.capitalize())


def losing_vendor(request: PortRequest) -> str:
    return request.losing_key.split(":", 1)[0]


def days_waiting(request: PortRequest, now: datetime) -> int | None:
    """Days since the request was sent (or prepared), until it ended."""
    start = parse_time(request.submitted_at or request.created_at)
    if start is None:
        return None
    end = now
    if request.status.final and request.history:
        end = parse_time(request.history[-1].seen_at) or now
    return max(0, (end - start).days)


def sms_ready_at(number: PortNumber) -> datetime | None:
    """When SMS should follow voice to the new vendor, for a completed port."""
    done = parse_time(number.completed_at)
    if done is None:
        return None
    lag = SMS_LAG_TOLL_FREE if number.number_type is NumberType.TOLLFREE else SMS_LAG
    return done + lag


def source_serves_until(request: PortRequest, number: PortNumber) -> datetime | None:
    """Until when the departing vendor keeps answering a number that ported away."""
    overlap = SOURCE_OVERLAP.get(losing_vendor(request))
    done = parse_time(number.completed_at or number.foc_date)
    if overlap is None or done is None or number.status is not PortStatus.COMPLETED:
        return None
    return done + overlap


def _day(text: str) -> str:
    moment = parse_time(text)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else text


def next_action(request: PortRequest, number: PortNumber | None, now: datetime) -> str:
    """One sentence: what the admin does next (for a request, or one of its numbers)."""
    status = number.status if number is not None else request.status
    vendor = label(request.target_vendor)
    manual = request.route is PortRoute.TICKET
    if (
        number is not None
        and not manual
        and request.target_vendor == "twilio"
        and number.vendor_status
        and from_twilio(number.vendor_status, number.foc_date) is None
    ):
        return (
            f"{vendor} reports '{number.vendor_status}', a status migrator does not know: "
            f"check the request in the {vendor} Console"
        )
    if status is PortStatus.DRAFT:
        where = "the Twilio Console or support" if request.target_vendor == "twilio" else "support"
        return (
            f"file the port with {vendor} ({where}; see `ports FILE checklist`), then "
            "`ports FILE set NUMBER submitted --ticket ID`"
        )
    if status is PortStatus.AWAITING_DOCUMENTS:
        if manual:
            return f"send {vendor} the documents it asked for (signed LOA, recent bill)"
        if (request.vendor_status or "").casefold() == "waiting for signature":
            who = request.loa.authorized_representative_email if request.loa else ""
            return f"the authorized representative must sign the LOA e-mailed to {who or 'them'}"
        return f"{vendor} is reviewing the request; nothing to do yet"
    if status is PortStatus.SUBMITTED:
        return "wait for the losing carrier's answer (the FOC date)" + (
            "; record it with `ports set NUMBER foc --foc DATE`" if manual else ""
        )
    if status is PortStatus.FOC_CONFIRMED:
        foc = number.foc_date if number is not None else request.foc_date
        return (
            f"ports on {_day(foc)}: keep the source number and its webhooks as they are "
            "until then, and have the target configuration ready"
        )
    if status is PortStatus.EXCEPTION:
        if number is not None and number.exception is not None:
            return f"{number.exception.code}: {number.exception.fix}"
        return "some numbers were rejected: fix the LOA data and submit them again"
    if status is PortStatus.CANCELLING:
        return "wait for the cancellation to finish" + (
            f"; confirm with {vendor} support, then `ports set NUMBER cancelled`" if manual else ""
        )
    if status is PortStatus.CANCELLED:
        return "none (cancelled); submit again to port it"
    if number is None:
        return "verify every number on the target (voice now, SMS after the routing delay)"
    return _after_completion(request, number, now)


def _after_completion(request: PortRequest, number: PortNumber, now: datetime) -> str:
    parts = ["verify voice on the target now"]
    sms = sms_ready_at(number)
    if sms is not None and now < sms:
        parts.append(f"SMS routing can lag voice: verify SMS after {sms:%Y-%m-%d %H:%M} UTC")
    else:
        parts.append("verify SMS")
    until = source_serves_until(request, number)
    if until is not None and now < until:
        parts.append(
            f"{label(losing_vendor(request))} keeps serving it until {until:%Y-%m-%d}: leave "
            "its configuration until then"
        )
    return "; ".join(parts)


@dataclass(frozen=True)
class Checklist:
    """What a support-ticket port request must contain, and what to ask for."""

    must_contain: tuple[str, ...]
    ask_for: tuple[str, ...]

    def lines(self) -> list[str]:
        return [
            "The ticket must contain:",
            *(f"  [ ] {item}" for item in self.must_contain),
            "Ask for:",
            *(f"  - {item}" for item in self.ask_for),
        ]


def ticket_checklist(request: PortRequest, loa_pdf: str = "") -> Checklist:
    vendor = label(request.target_vendor)
    loa = request.loa
    kinds = {n.number_type for n in request.numbers}
    countries = sorted({n.country for n in request.numbers})
    address = ", ".join(loa.address.lines()) if loa else ""

    def given(value: str | None) -> str:
        return value or "(missing)"

    representative = ""
    if loa and loa.authorized_representative:
        representative = f"{loa.authorized_representative} <{loa.authorized_representative_email}>"
    contain = [
        f"The {len(request.numbers)} numbers in E.164 ({', '.join(countries)}), all from one "
        f"losing account ({request.losing_carrier or request.losing_key})",
        "Account holder name exactly as on the losing carrier's bill: "
        + given(loa.customer_name if loa else None),
        f"Service address exactly as on the bill: {given(address)}",
        f"Losing carrier account number: {given(loa.account_number if loa else None)}",
        f"Billing telephone number (BTN): {given(loa.billing_telephone_number if loa else None)}",
        "The port-out PIN or passcode"
        + (" (required: there are mobile numbers)" if NumberType.MOBILE in kinds else "")
        + " - type it into the ticket; migrator keeps it only in the keychain",
        f"Authorized representative who signs: {given(representative)}",
        "The signed letter of authorization"
        + (f" ({loa_pdf})" if loa_pdf else " (`migrator ports FILE loa-pdf`)")
        + (" - mandatory for toll-free numbers" if NumberType.TOLLFREE in kinds else ""),
        "A copy of the losing carrier's latest bill (not older than 30 days)",
        f"Your {vendor} account id: {request.target_account}",
        f"The requested port date: {request.target_date or 'as early as possible'}",
    ]
    if request.target_vendor == "plivo":
        contain.append("The e-mail address of your Plivo account")
        if len(request.numbers) >= 100:
            contain.append("Plivo: 100 or more numbers must all come from the same carrier account")
    ask = [
        "The FOC (firm order commitment) date and time as soon as the losing carrier confirms",
        "The ticket or port order number, to record with `ports set NUMBER submitted --ticket ID`",
        "That SMS/messaging is moved with voice (it is routed separately and can lag)",
        "That the numbers arrive on the account above, unconfigured, so migrator can configure "
        "and verify them",
    ]
    if NumberType.TOLLFREE in kinds:
        ask.append("Confirmation of the RespOrg change for the toll-free numbers")
    if request.target_vendor == "vonage":
        ask.append("Vonage: the country of each number (Vonage needs it to update the numbers)")
    return Checklist(tuple(contain), tuple(ask))


def route_note(request: PortRequest) -> str:
    """Why a request is tracked by hand."""
    if request.route is PortRoute.API:
        return ""
    vendor = label(request.target_vendor)
    if request.target_vendor == "twilio":
        return (
            f"{vendor}'s porting API takes US local and mobile numbers only: file these through "
            "the Twilio Console or a support ticket, then record their status here"
        )
    return f"{vendor} ports by support ticket: file it, then record each status change here"
