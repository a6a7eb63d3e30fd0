"""The vocabularies the inventory, mapping and plan share."""

from __future__ import annotations

from enum import StrEnum


class Vendor(StrEnum):
    TWILIO = "twilio"
    VONAGE = "vonage"
    PLIVO = "plivo"
    FILE = "file"
    """An inventory imported from a file (a vendor with no API left)."""


class Capability(StrEnum):
    VOICE = "voice"
    SMS = "sms"
    MMS = "mms"
    FAX = "fax"


class NumberType(StrEnum):
    LOCAL = "local"
    MOBILE = "mobile"
    TOLLFREE = "tollfree"
    NATIONAL = "national"
    OTHER = "other"


class OwnerKind(StrEnum):
    """What a webhook setting belongs to."""

    NUMBER = "number"
    APPLICATION = "application"
    MESSAGING_SERVICE = "messaging_service"
    TRUNK = "trunk"
    SIP_DOMAIN = "sip_domain"
    ACCOUNT = "account"
    """Account-wide defaults (Vonage's mo/dr callback URLs)."""


class WebhookPurpose(StrEnum):
    VOICE_ANSWER = "voice_answer"
    VOICE_FALLBACK = "voice_fallback"
    CALL_STATUS = "call_status"
    """Twilio status_callback, Vonage event_url, Plivo hangup_url."""
    SMS_INBOUND = "sms_inbound"
    SMS_FALLBACK = "sms_fallback"
    MESSAGE_STATUS = "message_status"
    DISASTER_RECOVERY = "disaster_recovery"
    """A trunk's HTTP fallback."""


class HostedBy(StrEnum):
    """Who runs the code behind a webhook URL."""

    CUSTOMER = "customer"
    TWIML_BIN = "twiml_bin"
    STUDIO = "studio"
    FUNCTION = "function"
    PHLO = "phlo"
    SIP = "sip"
    """Not a URL: a SIP URI or phone number the vendor forwards to."""

    @property
    def vendor_hosted(self) -> bool:
        return self in (HostedBy.TWIML_BIN, HostedBy.STUDIO, HostedBy.FUNCTION, HostedBy.PHLO)
