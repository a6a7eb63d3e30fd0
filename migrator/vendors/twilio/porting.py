"""Twilio's Porting API through the twilio SDK's numbers.v1 porting resources.

Calls: `porting_portabilities(e164).fetch()`, `porting_port_ins.create(...)` with a
NumbersV1PortingPortInCreate, `porting_port_ins(kw).fetch() / .delete()`,
`porting_port_in_phone_number(kw, pu).delete()` and `porting_all_port_ins.list()`
(shared/reference/vendors.md section 2.1). SDK exceptions become the core's VendorErrors; reads
are retried on transient faults, a create never is (the service reconciles by listing first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from requests import RequestException
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client
from twilio.rest.numbers.v1.porting_port_in import PortingPortInList

from migrator.model.enums import NumberType
from migrator.vendors.base import VendorAdapter
from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    PermissionDenied,
    RateLimited,
    Transient,
    VendorError,
)
from migrator.vendors.porting import Portability, PortOrder, VendorPortIn, VendorPortNumber
from migrator.vendors.retry import call_idempotent
from migrator.vendors.throttle import Throttle
from migrator.vendors.twilio.transport import twilio_client

VENDOR = "twilio"
T = TypeVar("T")
NUMBER_TYPES = {
    "LOCAL": NumberType.LOCAL,
    "MOBILE": NumberType.MOBILE,
    "TOLL-FREE": NumberType.TOLLFREE,
}
Create = PortingPortInList.NumbersV1PortingPortInCreate


def translate(exc: Exception, doing: str) -> VendorError:
    """The core error for an SDK failure, keeping Twilio's code and message."""
    if isinstance(exc, TwilioRestException):
        status = int(exc.status)
        code = str(exc.code) if exc.code is not None else None
        message = f"Twilio refused to {doing}: {exc.msg}"
        kw: dict[str, Any] = {"vendor": VENDOR, "status": status, "code": code}
        kw["vendor_message"] = str(exc.msg)
        if status == 401:
            return AuthenticationFailed(message, **kw)
        if status == 403:
            return PermissionDenied(message, **kw)
        if status == 404:
            return NotFound(message, **kw)
        if status == 429:
            return RateLimited(message, **kw)
        if status >= 500:
            return Transient(message, **kw)
        return BusinessRule(message, **kw)
    if isinstance(exc, RequestException | TwilioException):
        return Transient(f"could not reach Twilio to {doing}: {exc}", vendor=VENDOR)
    raise exc


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class TwilioPorting:
    """The PortingApi of one Twilio account (the gaining one)."""

    vendor = VENDOR

    def __init__(self, client: Client, throttle: Throttle | None = None) -> None:
        self.client = client
        self.throttle = throttle

    def _read(self, fn: Callable[[], T], doing: str) -> T:
        def once() -> T:
            try:
                return fn()
            except Exception as exc:
                raise translate(exc, doing) from exc

        return call_idempotent(once, throttle=self.throttle)

    def _write(self, fn: Callable[[], T], doing: str) -> T:
        try:
            if self.throttle is None:
                return fn()
            with self.throttle.slot():
                return fn()
        except Exception as exc:
            raise translate(exc, doing) from exc

    # --- calls -----------------------------------------------------------------------------
    def check(self, e164: str) -> Portability:
        found = self._read(
            lambda: self.client.numbers.v1.porting_portabilities(e164).fetch(),
            f"check the portability of {e164}",
        )
        return Portability(
            e164=e164,
            portable=bool(found.portable),
            number_type=NUMBER_TYPES.get(str(found.number_type), NumberType.OTHER),
            country=_text(found.country),
            reason=_text(found.not_portable_reason),
            reason_code=found.not_portable_reason_code,
            pin_and_account_number_required=bool(found.pin_and_account_number_required),
            account_id=_text(found.account_sid),
        )

    def create(self, order: PortOrder) -> VendorPortIn:
        created = self._write(
            lambda: self.client.numbers.v1.porting_port_ins.create(Create(self._payload(order))),
            f"create a port-in request for {len(order.numbers)} numbers",
        )
        return self._snapshot(created)

    def fetch(self, request_id: str) -> VendorPortIn:
        found = self._read(
            lambda: self.client.numbers.v1.porting_port_ins(request_id).fetch(),
            f"read port-in request {request_id}",
        )
        return self._snapshot(found)

    def list_ids(self) -> list[str]:
        """Every port-in request of the account (to reconcile after a lost create answer)."""
        found = self._read(
            lambda: self.client.numbers.v1.porting_all_port_ins.list(page_size=100),
            "list port-in requests",
        )
        return [str(row.port_in_request_sid) for row in found]

    def cancel(self, request_id: str) -> None:
        self._write(
            lambda: self.client.numbers.v1.porting_port_ins(request_id).delete(),
            f"cancel port-in request {request_id}",
        )

    def cancel_number(self, request_id: str, number_id: str) -> None:
        self._write(
            lambda: self.client.numbers.v1.porting_port_in_phone_number(
                request_id, number_id
            ).delete(),
            f"cancel number {number_id} of port-in request {request_id}",
        )

    # --- shapes ----------------------------------------------------------------------------
    @staticmethod
    def _payload(order: PortOrder) -> dict[str, Any]:
        loa = order.loa
        address = loa.address
        carrier: dict[str, Any] = {
            "customer_name": loa.customer_name,
            "customer_type": loa.customer_type,
            "authorized_representative": loa.authorized_representative,
            "authorized_representative_email": loa.authorized_representative_email,
            "address": {
                "street": address.street,
                "city": address.city,
                "state": address.state,
                "zip": address.zip,
                "country": address.country,
                **({"street_2": address.street_2} if address.street_2 else {}),
            },
        }
        if loa.account_number:
            carrier["account_number"] = loa.account_number
        if loa.billing_telephone_number:
            carrier["account_telephone_number"] = loa.billing_telephone_number
        payload: dict[str, Any] = {
            "account_sid": order.target_account,
            "documents": list(loa.document_ids),
            "phone_numbers": [
                {"phone_number": e164, **({"pin": order.pins[e164]} if e164 in order.pins else {})}
                for e164 in order.numbers
            ],
            "losing_carrier_information": carrier,
        }
        if order.target_date:
            payload["target_port_in_date"] = order.target_date
        if loa.notification_emails:
            payload["notification_emails"] = list(loa.notification_emails)
        return payload

    @staticmethod
    def _snapshot(found: Any) -> VendorPortIn:
        numbers = tuple(
            VendorPortNumber(
                e164=_text(n.get("phone_number")),
                number_id=_text(n.get("port_in_phone_number_sid")),
                vendor_status=_text(n.get("port_in_phone_number_status")),
                port_date=_text(n.get("port_date")),
                rejection_code=_text(n.get("rejection_reason_code") or n.get("rejection_reason")),
                rejection_message=_text(n.get("rejection_reason")),
                updated_at=_text(n.get("status_last_time_updated_timestamp")),
            )
            for n in found.phone_numbers or []
            if isinstance(n, dict)
        )
        return VendorPortIn(
            request_id=_text(found.port_in_request_sid),
            vendor_status=_text(found.port_in_request_status),
            numbers=numbers,
            created_at=_text(found.date_created),
            target_date=_text(found.target_port_in_date),
            signature_url=_text(found.signature_request_url),
            cancellation_reason=_text(found.order_cancellation_reason),
            ticket_id=_text(found.support_ticket_id),
        )


def for_adapter(adapter: VendorAdapter) -> TwilioPorting:
    """The porting API of the account a Twilio adapter is connected to."""
    creds = adapter.credentials
    client = twilio_client(creds["account_sid"], creds["auth_token"], adapter.endpoint)
    return TwilioPorting(client, adapter.throttle)
