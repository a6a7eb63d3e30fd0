"""Number ports as one model for every vendor: requests, numbers, statuses, history, LOA data.

Twilio reports its own strings (request: "In Review", "Waiting for Signature", "In Progress",
"Action Required", "Completed", "Expired", "Canceled"; number: in_review ... completed); Vonage and
Plivo port by support ticket, so their statuses are entered by hand. Both map onto `PortStatus`.
A vendor string we do not know is kept as it came (`vendor_status`) and never guessed at.
See shared/reference/vendors.md section 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from migrator.errors import MigratorError
from migrator.model.enums import NumberType
from migrator.model.serialize import from_data, to_data

PORTING_SCHEMA_VERSION = 1


class PortStatus(StrEnum):
    DRAFT = "draft"
    """Prepared by migrator, not yet sent (ticket not filed, or API request not created)."""
    AWAITING_DOCUMENTS = "awaiting-documents"
    """The vendor reviews it or waits for the signed LOA / documents."""
    SUBMITTED = "submitted"
    """Sent to the losing carrier; waiting for its answer."""
    FOC_CONFIRMED = "foc-confirmed"
    """The losing carrier accepted; the port date (FOC) is set."""
    EXCEPTION = "exception"
    """Rejected or stuck on something fixable (reason code and fix given)."""
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    COMPLETED = "completed"

    @property
    def final(self) -> bool:
        return self in (PortStatus.CANCELLED, PortStatus.COMPLETED)

    @property
    def in_port(self) -> bool:
        """The number is on its way: it must not be released on the source."""
        return not self.final

    @property
    def cancellable(self) -> bool:
        return self in (
            PortStatus.DRAFT,
            PortStatus.AWAITING_DOCUMENTS,
            PortStatus.SUBMITTED,
            PortStatus.FOC_CONFIRMED,
            PortStatus.EXCEPTION,
        )

    @property
    def rank(self) -> int:
        """How far along a port is, for summing up a request from its numbers."""
        return _RANK[self]

    @classmethod
    def parse(cls, text: str) -> PortStatus:
        """A status as a person types it ('foc', 'rejected', 'Cancelled', 'awaiting_documents')."""
        token = _token(text)
        found = _MANUAL_ALIASES.get(token)
        if found is None:
            names = ", ".join(s.value for s in cls)
            raise MigratorError(f"unknown port status '{text}' (use one of: {names})")
        return found


_RANK = {
    PortStatus.EXCEPTION: 0,
    PortStatus.DRAFT: 1,
    PortStatus.AWAITING_DOCUMENTS: 2,
    PortStatus.SUBMITTED: 3,
    PortStatus.FOC_CONFIRMED: 4,
    PortStatus.CANCELLING: 5,
    PortStatus.COMPLETED: 6,
    PortStatus.CANCELLED: 7,
}


def _token(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


_MANUAL_ALIASES: dict[str, PortStatus] = {
    **{_token(s.value): s for s in PortStatus},
    "awaiting_docs": PortStatus.AWAITING_DOCUMENTS,
    "documents": PortStatus.AWAITING_DOCUMENTS,
    "foc": PortStatus.FOC_CONFIRMED,
    "foc_date_confirmed": PortStatus.FOC_CONFIRMED,
    "rejected": PortStatus.EXCEPTION,
    "canceling": PortStatus.CANCELLING,
    "canceled": PortStatus.CANCELLED,
    "ported": PortStatus.COMPLETED,
    "done": PortStatus.COMPLETED,
}

# Twilio's request-level display strings and number-level enum values, by normalised token.
# "pending" appears in Twilio's own examples right after creation.
_TWILIO_STATUSES: dict[str, PortStatus] = {
    "in_review": PortStatus.AWAITING_DOCUMENTS,
    "waiting_for_signature": PortStatus.AWAITING_DOCUMENTS,
    "in_progress": PortStatus.SUBMITTED,
    "pending": PortStatus.SUBMITTED,
    "port_submitted": PortStatus.SUBMITTED,
    "port_pending": PortStatus.FOC_CONFIRMED,
    "action_required": PortStatus.EXCEPTION,
    "port_rejected": PortStatus.EXCEPTION,
    "canceling": PortStatus.CANCELLING,
    "cancelling": PortStatus.CANCELLING,
    "canceled": PortStatus.CANCELLED,
    "cancelled": PortStatus.CANCELLED,
    "expired": PortStatus.CANCELLED,
    "completed": PortStatus.COMPLETED,
}


def from_twilio(vendor_status: str | None, port_date: str | None = None) -> PortStatus | None:
    """The normalised status of a Twilio request or number status string (any case, spaces or
    underscores); None for a value Twilio may add later. `port_pending` without a port date is
    still only submitted."""
    if not vendor_status:
        return None
    found = _TWILIO_STATUSES.get(_token(vendor_status))
    if found is PortStatus.FOC_CONFIRMED and not port_date:
        return PortStatus.SUBMITTED
    return found


class PortRoute(StrEnum):
    """How a request reaches the gaining vendor."""

    API = "api"
    """Created and tracked through the vendor's porting API (Twilio)."""
    TICKET = "ticket"
    """A support ticket or console form; statuses are entered by hand (Vonage, Plivo, Twilio
    toll-free and non-US numbers)."""


@dataclass(frozen=True)
class RejectionReason:
    """Why a losing carrier refused a number, and what fixes it."""

    code: str
    title: str
    fix: str
    twilio_error: int | None = None
    loa_field: str | None = None
    """The LOA field to correct before resubmitting; None when the fix is not in the LOA."""


REJECTION_REASONS: dict[str, RejectionReason] = {
    r.code: r
    for r in (
        RejectionReason(
            "INVALID_END_USER_NAME",
            "The name does not match the losing carrier's record",
            "Copy the account holder name exactly as on the losing carrier's bill (legal name, "
            "same abbreviations such as Inc./LLC), then resubmit.",
            22153,
            "customer_name",
        ),
        RejectionReason(
            "INVALID_ADDRESS",
            "The address does not match the losing carrier's record",
            "Use the service address exactly as on the bill or CSR (same street spelling, suite, "
            "state form and ZIP), then resubmit.",
            22154,
            "address",
        ),
        RejectionReason(
            "INVALID_PIN",
            "The PIN or passcode is wrong or missing",
            "Ask the losing carrier for the port-out PIN (wireless carriers issue one on "
            "request), then resubmit with it.",
            22155,
            "pin",
        ),
        RejectionReason(
            "INVALID_ACCOUNT_NUMBER",
            "The account number (or billing number) does not match",
            "Take the account number and billing telephone number from a recent bill of the "
            "losing carrier, then resubmit.",
            22156,
            "account_number",
        ),
        RejectionReason(
            "PHONE_NUMBER_WITH_CARRIER_RESTRICTION",
            "The losing carrier has a restriction (port freeze) on the number",
            "Ask the losing carrier to lift the port freeze or settle the account, then resubmit.",
            22151,
        ),
        RejectionReason(
            "PHONE_NUMBER_INACTIVE_OR_DISCONNECTED",
            "The number is inactive or disconnected at the losing carrier",
            "Have the losing carrier reactivate the number (a disconnected number cannot be "
            "ported), then resubmit.",
            22152,
        ),
        RejectionReason(
            "CONTACT_SUPPORT_REQUIRED",
            "The port needs the gaining vendor's porting team",
            "Contact the gaining vendor's porting support with the request id.",
            22150,
        ),
        RejectionReason(
            "PORT_DATE_REJECTED",
            "The losing carrier refused the requested port date",
            "Resubmit with another target date (not a holiday or weekend).",
            22158,
            "target_date",
        ),
        RejectionReason(
            "NOT_PORTABLE",
            "The losing carrier says the number cannot be ported",
            "Ask the losing carrier which service on the number blocks the port.",
            22159,
        ),
    )
}
_REASON_BY_TWILIO_ERROR = {r.twilio_error: r for r in REJECTION_REASONS.values() if r.twilio_error}


def rejection_reason(code: str | int | None, message: str | None = None) -> RejectionReason:
    """The reason for a vendor's code (the enum name, or Twilio's 221xx error number); an
    unknown code is kept as it came, with a generic fix."""
    if code is not None:
        text = str(code).strip()
        if text.isdigit() and int(text) in _REASON_BY_TWILIO_ERROR:
            return _REASON_BY_TWILIO_ERROR[int(text)]
        found = REJECTION_REASONS.get(text.upper())
        if found is not None:
            return found
    label = str(code) if code is not None else "UNKNOWN"
    return RejectionReason(
        label,
        message or "The port was rejected",
        "Read the vendor's message, correct the request and resubmit, or contact porting support.",
    )


@dataclass(frozen=True)
class PortException:
    """A fixable problem on a number: the vendor's code, its words, and the fix."""

    code: str
    message: str
    fix: str

    @classmethod
    def of(cls, code: str | int | None, message: str | None = None) -> PortException:
        reason = rejection_reason(code, message)
        return cls(reason.code, message or reason.title, reason.fix)


@dataclass(frozen=True)
class StatusChange:
    """One status as migrator first saw it. `seen_at` is when migrator saw it; `vendor_time` is
    when the vendor says it changed, when it says."""

    seen_at: str
    status: PortStatus
    vendor_status: str = ""
    vendor_time: str = ""
    foc_date: str = ""
    detail: str = ""


@dataclass(frozen=True)
class ServiceAddress:
    street: str = ""
    street_2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    country: str = "US"

    def lines(self) -> list[str]:
        first = ", ".join(p for p in (self.street, self.street_2) if p)
        second = " ".join(p for p in (f"{self.city}," if self.city else "", self.state, self.zip))
        return [line.strip(" ,") for line in (first, second.strip(), self.country) if line]


@dataclass(frozen=True)
class CarrierRecord:
    """The losing carrier's customer service record (CSR), when the admin obtained it: what
    the carrier will compare the LOA with (a CSR never shows the PIN)."""

    customer_name: str = ""
    account_number: str = ""
    billing_telephone_number: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""


@dataclass(frozen=True)
class LoaData:
    """What the losing carrier compares, as the admin entered it.

    The PIN or passcode is a secret: it lives in the keychain, never here (`has_pin` tells
    whether one is stored). `document_ids` are the gaining vendor's ids of uploaded documents
    (Twilio: the RD... SID of a utility bill dated within 30 days).
    """

    customer_name: str = ""
    customer_type: str = "Business"
    authorized_representative: str = ""
    authorized_representative_email: str = ""
    account_number: str = ""
    billing_telephone_number: str = ""
    address: ServiceAddress = field(default_factory=ServiceAddress)
    losing_carrier: str = ""
    has_pin: bool = False
    document_ids: tuple[str, ...] = ()
    notification_emails: tuple[str, ...] = ()
    csr: CarrierRecord | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LoaData:
        return from_data(cls, data)


@dataclass(frozen=True)
class PortNumber:
    """One number in a port request, as last seen."""

    e164: str
    status: PortStatus
    number_type: NumberType = NumberType.LOCAL
    country: str = "US"
    vendor_status: str = ""
    vendor_id: str = ""
    """The vendor's id of this number within the request (Twilio PU...)."""
    foc_date: str = ""
    """The confirmed port date and time (ISO 8601), once the losing carrier gave it."""
    exception: PortException | None = None
    completed_at: str = ""
    history: tuple[StatusChange, ...] = ()

    def with_status(self, change: StatusChange, **fields: Any) -> PortNumber:
        """This number moved to `change.status` (recorded only if something changed)."""
        updated = replace(self, **fields)
        last = self.history[-1] if self.history else None
        if (
            last is not None
            and last.status is change.status
            and last.vendor_status == change.vendor_status
            and last.foc_date == change.foc_date
            and last.detail == change.detail
        ):
            return updated
        return replace(
            updated,
            status=change.status,
            vendor_status=change.vendor_status or updated.vendor_status,
            history=(*self.history, change),
        )


@dataclass(frozen=True)
class PortRequest:
    """One port-in request: one losing carrier account, one gaining account."""

    id: str
    target_vendor: str
    target_account: str
    losing_key: str
    """'vendor:account id' of the departing account the numbers come from."""
    route: PortRoute
    status: PortStatus
    numbers: tuple[PortNumber, ...] = ()
    losing_carrier: str = ""
    vendor_status: str = ""
    vendor_request_id: str = ""
    """The vendor's id (Twilio KW...); empty for a ticket until the admin records one."""
    ticket_id: str = ""
    target_date: str = ""
    created_at: str = ""
    submitted_at: str = ""
    last_refresh: str = ""
    signature_request_url: str = ""
    cancellation_reason: str = ""
    supersedes: str = ""
    """The request this one replaces (a rejected request fixed and resubmitted)."""
    loa: LoaData | None = None
    history: tuple[StatusChange, ...] = ()
    notes: tuple[str, ...] = ()
    schema_version: int = PORTING_SCHEMA_VERSION

    def number(self, e164: str) -> PortNumber | None:
        return next((n for n in self.numbers if n.e164 == e164), None)

    @property
    def foc_date(self) -> str:
        """The earliest confirmed port date among its numbers still waiting for it."""
        dates = sorted(
            n.foc_date for n in self.numbers if n.foc_date and n.status is PortStatus.FOC_CONFIRMED
        )
        return dates[0] if dates else ""

    def with_status(self, change: StatusChange, **fields: Any) -> PortRequest:
        updated = replace(self, **fields)
        last = self.history[-1] if self.history else None
        if (
            last is not None
            and last.status is change.status
            and last.vendor_status == change.vendor_status
        ):
            return updated
        return replace(
            updated,
            status=change.status,
            vendor_status=change.vendor_status or updated.vendor_status,
            history=(*self.history, change),
        )

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PortRequest:
        version = int(data.get("schema_version", 1))
        if version > PORTING_SCHEMA_VERSION:
            raise MigratorError(
                f"this port request was written by a newer migrator (schema {version}); "
                "upgrade migrator to read it"
            )
        return from_data(cls, data)


def summarize_status(numbers: tuple[PortNumber, ...]) -> PortStatus:
    """A request's status from its numbers (for requests tracked by hand): an exception on any
    number needs attention first; otherwise the request is as far as its slowest live number;
    all numbers final means completed if any completed, else cancelled."""
    if not numbers:
        return PortStatus.DRAFT
    live = [n.status for n in numbers if not n.status.final]
    if not live:
        if any(n.status is PortStatus.COMPLETED for n in numbers):
            return PortStatus.COMPLETED
        return PortStatus.CANCELLED
    if PortStatus.EXCEPTION in live:
        return PortStatus.EXCEPTION
    return min(live, key=lambda s: s.rank)


def parse_time(text: str) -> datetime | None:
    """An ISO 8601 time as migrator and Twilio write it ('...Z' or an offset)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
