"""What a vendor's porting API offers the ports service, independent of the vendor.

Only Twilio has one (`migrator.vendors.twilio.porting`); Vonage and Plivo port by support ticket
and are tracked by hand. The service reads vendor snapshots (`VendorPortIn`) and turns them into
the normalized model (`migrator.model.porting`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from migrator.model.enums import NumberType
from migrator.model.porting import LoaData
from migrator.vendors.base import VendorAdapter


@dataclass(frozen=True)
class Portability:
    """Whether the gaining vendor can take a number through its porting API."""

    e164: str
    portable: bool
    number_type: NumberType
    country: str
    reason: str = ""
    reason_code: int | None = None
    pin_and_account_number_required: bool = False
    account_id: str = ""
    """Set when the number already belongs to one of the gaining vendor's accounts."""


@dataclass(frozen=True)
class PortOrder:
    """One port-in request to create. `pins` holds secrets read from the keychain just before
    the call; they are never stored."""

    target_account: str
    numbers: tuple[str, ...]
    loa: LoaData
    target_date: str = ""
    pins: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VendorPortNumber:
    e164: str
    number_id: str
    vendor_status: str
    port_date: str = ""
    rejection_code: str = ""
    rejection_message: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class VendorPortIn:
    """A port-in request as the vendor reports it right now."""

    request_id: str
    vendor_status: str
    numbers: tuple[VendorPortNumber, ...] = ()
    created_at: str = ""
    target_date: str = ""
    signature_url: str = ""
    cancellation_reason: str = ""
    ticket_id: str = ""


class PortingApi(Protocol):
    vendor: str

    def check(self, e164: str) -> Portability: ...

    def create(self, order: PortOrder) -> VendorPortIn: ...

    def fetch(self, request_id: str) -> VendorPortIn: ...

    def cancel(self, request_id: str) -> None: ...

    def cancel_number(self, request_id: str, number_id: str) -> None: ...


PORTING_APIS: dict[str, str] = {"twilio": "migrator.vendors.twilio.porting"}
"""Vendor -> module whose `for_adapter(adapter)` returns its PortingApi."""


def porting_api_for(adapter: VendorAdapter) -> PortingApi | None:
    """The porting API of the adapter's vendor, or None when it ports by ticket."""
    if not adapter.capabilities.porting_api or adapter.vendor not in PORTING_APIS:
        return None
    module = importlib.import_module(PORTING_APIS[adapter.vendor])
    api: PortingApi = module.for_adapter(adapter)
    return api
