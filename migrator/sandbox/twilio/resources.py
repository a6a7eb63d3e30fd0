"""The resources one emulated Twilio account holds, and the account's store.

Field names are Twilio's own (snake_case as in the JSON), so rendering and updating stay literal.
On api.twilio.com an unset URL is "" and an unset SID is null; on the v1 APIs an unset URL is null.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from migrator.sandbox.accounts import Account
from migrator.sandbox.clock import Clock
from migrator.sandbox.twilio.catalogue import Catalogue

NUMBER_TYPES = ("local", "mobile", "tollfree")


@dataclass
class IncomingNumber:
    sid: str
    phone_number: str
    number_type: str
    capabilities: dict[str, bool]
    friendly_name: str
    date_created: datetime
    date_updated: datetime
    voice_url: str = ""
    voice_method: str = "POST"
    voice_fallback_url: str = ""
    voice_fallback_method: str = "POST"
    voice_caller_id_lookup: bool = False
    voice_application_sid: str | None = None
    voice_receive_mode: str = "voice"
    sms_url: str = ""
    sms_method: str = "POST"
    sms_fallback_url: str = ""
    sms_fallback_method: str = "POST"
    sms_application_sid: str | None = None
    status_callback: str = ""
    status_callback_method: str = "POST"
    trunk_sid: str | None = None
    emergency_status: str = "Inactive"
    emergency_address_sid: str | None = None
    emergency_address_status: str = "unregistered"
    address_sid: str | None = None
    identity_sid: str | None = None
    bundle_sid: str | None = None
    address_requirements: str = "none"
    origin: str = "twilio"
    api_version: str = "2010-04-01"
    beta: bool = False
    status: str = "in-use"


@dataclass
class Application:
    sid: str
    friendly_name: str
    date_created: datetime
    date_updated: datetime
    api_version: str = "2010-04-01"
    voice_url: str = ""
    voice_method: str = "POST"
    voice_fallback_url: str = ""
    voice_fallback_method: str = "POST"
    voice_caller_id_lookup: bool = False
    status_callback: str = ""
    status_callback_method: str = "POST"
    sms_url: str = ""
    sms_method: str = "POST"
    sms_fallback_url: str = ""
    sms_fallback_method: str = "POST"
    sms_status_callback: str = ""
    message_status_callback: str = ""
    public_application_connect_enabled: bool = False


@dataclass
class MessagingService:
    sid: str
    friendly_name: str
    date_created: datetime
    date_updated: datetime
    inbound_request_url: str | None = None
    inbound_method: str = "POST"
    fallback_url: str | None = None
    fallback_method: str = "POST"
    status_callback: str | None = None
    sticky_sender: bool = True
    mms_converter: bool = True
    smart_encoding: bool = True
    scan_message_content: str = "inherit"
    fallback_to_long_code: bool = False
    area_code_geomatch: bool = True
    synchronous_validation: bool = False
    validity_period: int = 14400
    usecase: str = "undeclared"
    us_app_to_person_registered: bool = False
    use_inbound_webhook_on_number: bool = False
    phone_numbers: dict[str, datetime] = field(default_factory=dict)
    """Sender pool: PN sid -> when it was added."""


@dataclass
class OriginationUrl:
    sid: str
    trunk_sid: str
    friendly_name: str
    sip_url: str
    priority: int
    weight: int
    enabled: bool
    date_created: datetime
    date_updated: datetime


@dataclass
class Trunk:
    sid: str
    friendly_name: str
    domain_name: str | None
    date_created: datetime
    date_updated: datetime
    disaster_recovery_url: str | None = None
    disaster_recovery_method: str = "POST"
    secure: bool = False
    cnam_lookup_enabled: bool = False
    symmetric_rtp_enabled: bool = False
    transfer_mode: str = "disable-all"
    transfer_caller_id: str = "from-transferee"
    recording: dict[str, str] = field(
        default_factory=lambda: {"mode": "do-not-record", "trim": "do-not-trim"}
    )
    origination_urls: dict[str, OriginationUrl] = field(default_factory=dict)


@dataclass
class SipDomain:
    sid: str
    domain_name: str
    friendly_name: str
    date_created: datetime
    date_updated: datetime
    api_version: str = "2010-04-01"
    auth_type: str = ""
    voice_url: str = ""
    voice_method: str = "POST"
    voice_fallback_url: str = ""
    voice_fallback_method: str = "POST"
    voice_status_callback_url: str = ""
    voice_status_callback_method: str = "POST"
    sip_registration: bool = False
    emergency_calling_enabled: bool = False
    secure: bool = False
    byoc_trunk_sid: str | None = None
    emergency_caller_sid: str | None = None


@dataclass
class TwimlBin:
    """A TwiML Bin: TwiML hosted by Twilio at https://handler.twilio.com/twiml/EH..."""

    sid: str
    friendly_name: str
    twiml: str
    date_created: datetime

    @property
    def url(self) -> str:
        return f"https://handler.twilio.com/twiml/{self.sid}"


@dataclass
class AccountProfile:
    friendly_name: str
    date_created: datetime
    date_updated: datetime
    status: str = "active"
    type: str = "Full"


@dataclass
class TwilioStore:
    """Everything one Twilio account (or subaccount) owns. Callers hold the sandbox lock."""

    rng: random.Random
    """Draws the SIDs of resources created through the API (deterministic per account)."""
    clock: Clock
    profile: AccountProfile
    catalogue: Catalogue
    numbers: dict[str, IncomingNumber] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    services: dict[str, MessagingService] = field(default_factory=dict)
    trunks: dict[str, Trunk] = field(default_factory=dict)
    domains: dict[str, SipDomain] = field(default_factory=dict)
    bins: dict[str, TwimlBin] = field(default_factory=dict)
    by_e164: dict[str, str] = field(default_factory=dict)
    subaccounts: list[Account] = field(default_factory=list)

    def now(self) -> datetime:
        return self.clock.now()

    def add_number(self, number: IncomingNumber) -> IncomingNumber:
        self.numbers[number.sid] = number
        self.by_e164[number.phone_number] = number.sid
        return number

    def number_by_e164(self, e164: str) -> IncomingNumber | None:
        sid = self.by_e164.get(e164)
        return None if sid is None else self.numbers.get(sid)

    def remove_number(self, sid: str) -> IncomingNumber | None:
        """Take a number out of the account and out of every sender pool."""
        number = self.numbers.pop(sid, None)
        if number is None:
            return None
        self.by_e164.pop(number.phone_number, None)
        for service in self.services.values():
            service.phone_numbers.pop(sid, None)
        return number

    def service_of(self, number_sid: str) -> MessagingService | None:
        for service in self.services.values():
            if number_sid in service.phone_numbers:
                return service
        return None


def store_of(account: Account) -> TwilioStore:
    store = account.store
    if not isinstance(store, TwilioStore):
        raise TypeError(f"account {account.key} is not a Twilio account")
    return store
