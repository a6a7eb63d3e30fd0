"""The resources one Plivo main account holds, and how the API renders them.

A main account and its subaccounts share one `PlivoStore`; every record names the subaccount it
belongs to (None: the main account). The main account sees everything, a subaccount only its own.
Numbers are kept as the API writes them, digits without '+'. Rendering follows Plivo's documented
objects (docs.plivo.com: AccountPhoneNumber, Application, Endpoint); `sub_account` is the auth_id
on numbers and the account URI on applications and endpoints, as Plivo's own samples show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from migrator.sandbox.stock import Shelf


@dataclass
class PlivoNumber:
    number: str
    number_type: str  # local | fixed | tollfree | mobile | national
    region: str
    added_on: str
    renewal_date: str
    voice_enabled: bool
    sms_enabled: bool
    mms_enabled: bool
    monthly_rental_rate: str
    voice_rate: str = "0.00850"
    sms_rate: str = "0.00000"
    mms_rate: str = "0.00000"
    carrier: str = "Plivo"
    alias: str | None = None
    sub_account: str | None = None
    app_id: str | None = None
    cnam_lookup: str | None = None
    tendlc_campaign_id: str | None = None
    tendlc_registration_status: str | None = None
    toll_free_sms_verification: str | None = None
    compliance_status: str | None = None  # "pending" until documents are accepted

    @property
    def e164(self) -> str:
        return "+" + self.number


@dataclass
class PlivoApplication:
    app_id: str
    app_name: str
    answer_url: str
    answer_method: str = "POST"
    hangup_url: str = ""
    hangup_method: str = "POST"
    fallback_answer_url: str = ""
    fallback_method: str = "POST"
    message_url: str = ""
    message_method: str = "POST"
    default_number_app: bool = False
    default_endpoint_app: bool = False
    enabled: bool = True
    public_uri: bool = False
    log_incoming_messages: bool = True
    sub_account: str | None = None


@dataclass
class PlivoEndpoint:
    endpoint_id: str
    username: str
    alias: str
    password_md5: str
    app_id: str | None = None
    sub_account: str | None = None


@dataclass
class CatalogueEntry:
    """A number Plivo would sell this account."""

    number: str
    country_iso: str
    country_name: str
    prefix: str
    number_type: str
    region: str
    city: str | None
    voice_enabled: bool
    sms_enabled: bool
    mms_enabled: bool
    monthly_rental_rate: str
    restriction: str | None = None

    @property
    def e164(self) -> str:
        return "+" + self.number


@dataclass
class PlivoStore:
    main_key: str
    numbers: dict[str, PlivoNumber] = field(default_factory=dict)
    applications: dict[str, PlivoApplication] = field(default_factory=dict)
    endpoints: dict[str, PlivoEndpoint] = field(default_factory=dict)
    catalogue: Shelf[CatalogueEntry] = field(default_factory=Shelf)
    subaccounts: set[str] = field(default_factory=set)
    """Auth IDs of the main account's subaccounts (they share this store)."""
    rng: random.Random = field(default_factory=random.Random)
    """Ids of resources created through the API (seeded from the account key)."""

    @classmethod
    def for_account(cls, main_key: str) -> PlivoStore:
        return cls(main_key, rng=random.Random(f"plivo-store:{main_key}"))

    def new_app_id(self) -> str:
        while True:
            candidate = str(self.rng.randrange(10**16, 10**17))
            if candidate not in self.applications:
                return candidate

    def new_endpoint_id(self) -> str:
        while True:
            candidate = str(self.rng.randrange(10**13, 10**14))
            if candidate not in self.endpoints:
                return candidate


def visible(record_owner: str | None, viewer: str | None) -> bool:
    """Whether a record owned by `record_owner` (a subaccount id or None) is seen by `viewer`
    (None: the main account, which sees all)."""
    return viewer is None or record_owner == viewer


# --- rendering --------------------------------------------------------------------------
def account_uri(auth_id: str) -> str:
    return f"/v1/Account/{auth_id}/"


def app_uri(auth_id: str, app_id: str) -> str:
    return f"/v1/Account/{auth_id}/Application/{app_id}/"


def render_number(record: PlivoNumber, auth_id: str) -> dict[str, Any]:
    return {
        "added_on": record.added_on,
        "alias": record.alias,
        "application": app_uri(auth_id, record.app_id) if record.app_id else None,
        "carrier": record.carrier,
        "cnam_lookup": record.cnam_lookup,
        "compliance_status": record.compliance_status,
        "mms_enabled": record.mms_enabled,
        "mms_rate": record.mms_rate,
        "monthly_rental_rate": record.monthly_rental_rate,
        "number": record.number,
        "number_type": record.number_type,
        "region": record.region,
        "renewal_date": record.renewal_date,
        "resource_uri": f"/v1/Account/{auth_id}/Number/{record.number}/",
        "sms_enabled": record.sms_enabled,
        "sms_rate": record.sms_rate,
        "sub_account": record.sub_account,
        "tendlc_campaign_id": record.tendlc_campaign_id,
        "tendlc_registration_status": record.tendlc_registration_status,
        "toll_free_sms_verification": record.toll_free_sms_verification,
        "voice_enabled": record.voice_enabled,
        "voice_rate": record.voice_rate,
    }


def render_application(record: PlivoApplication, auth_id: str) -> dict[str, Any]:
    return {
        "answer_method": record.answer_method,
        "answer_url": record.answer_url,
        "app_id": record.app_id,
        "app_name": record.app_name,
        "application_type": "XML",
        "default_app": record.default_number_app,
        "default_endpoint_app": record.default_endpoint_app,
        "enabled": record.enabled,
        "fallback_answer_url": record.fallback_answer_url,
        "fallback_method": record.fallback_method,
        "hangup_method": record.hangup_method,
        "hangup_url": record.hangup_url,
        "log_incoming_messages": record.log_incoming_messages,
        "message_method": record.message_method,
        "message_url": record.message_url,
        "public_uri": record.public_uri,
        "resource_uri": app_uri(auth_id, record.app_id),
        "sip_uri": f"sip:{record.app_id}@app.plivo.com",
        "sub_account": account_uri(record.sub_account) if record.sub_account else None,
    }


def render_endpoint(record: PlivoEndpoint, auth_id: str) -> dict[str, Any]:
    return {
        "alias": record.alias,
        "application": app_uri(auth_id, record.app_id) if record.app_id else None,
        "endpoint_id": record.endpoint_id,
        "password": record.password_md5,
        "resource_uri": f"/v1/Account/{auth_id}/Endpoint/{record.endpoint_id}/",
        "sip_registered": "false",
        "sip_uri": f"sip:{record.username}@phone.plivo.com",
        "sub_account": account_uri(record.sub_account) if record.sub_account else None,
        "username": record.username,
    }


def render_offer(entry: CatalogueEntry, auth_id: str) -> dict[str, Any]:
    kind = entry.number_type
    return {
        "city": entry.city,
        "country": entry.country_name,
        "lata": None,
        "mms_enabled": entry.mms_enabled,
        "mms_rate": "0.00000",
        "monthly_rental_rate": entry.monthly_rental_rate,
        "number": entry.number,
        "prefix": entry.prefix,
        "rate_center": None,
        "region": entry.region,
        "resource_uri": f"/v1/Account/{auth_id}/PhoneNumber/{entry.number}/",
        "restriction": entry.restriction,
        "restriction_text": _RESTRICTION_TEXT.get(entry.restriction or ""),
        "setup_rate": "0.00000",
        "sms_enabled": entry.sms_enabled,
        "sms_rate": "0.00000",
        "sub_type": kind,
        "type": "fixed" if kind in ("local", "national", "fixed") else kind,
        "voice_enabled": entry.voice_enabled,
        "voice_rate": "0.00850",
    }


_RESTRICTION_TEXT = {
    "city-address": "A proof of address in the number's city is required to activate it.",
    "country-address": "A proof of address in the number's country is required to activate it.",
}
