"""The normalized, vendor-neutral inventory of one account (and its subaccounts).

Adapters build it from the vendor's API; file import builds it from a CSV/JSON export. Every
webhook is its own item with its owner, purpose and whether it is the setting that wins.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from migrator.errors import MigratorError
from migrator.model.enums import (
    Capability,
    HostedBy,
    NumberType,
    OwnerKind,
    Vendor,
    WebhookPurpose,
)
from migrator.model.serialize import from_data, to_data
from migrator.model.urls import hosted_by

INVENTORY_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Webhook:
    """One URL a vendor calls, where it is set, and whether it is the one that applies.

    `effective` is False when a higher-precedence setting wins (Twilio: a linked TwiML App beats
    the number's URLs, a trunk beats both for voice, a messaging service beats the number for SMS
    unless use_inbound_webhook_on_number); `overridden_by` names the winner.
    """

    owner_kind: OwnerKind
    owner_id: str
    purpose: WebhookPurpose
    url: str
    method: str = "POST"
    account_id: str = ""
    effective: bool = True
    overridden_by: str | None = None
    content: str | None = None
    """The document behind a vendor-hosted URL when it could be fetched (TwiML Bin content)."""

    @property
    def hosted_by(self) -> HostedBy:
        return hosted_by(self.url)

    @property
    def key(self) -> str:
        return f"{self.owner_kind}:{self.owner_id}:{self.purpose}"


@dataclass(frozen=True)
class Number:
    """A phone number the account owns. `id` is the vendor's own id (Twilio PN sid; Vonage and
    Plivo use the digits). `config` keeps the vendor's raw settings (the before-state)."""

    id: str
    e164: str
    country: str
    number_type: NumberType
    capabilities: frozenset[Capability]
    account_id: str
    friendly_name: str = ""
    voice_app_id: str | None = None
    sms_app_id: str | None = None
    messaging_service_id: str | None = None
    trunk_id: str | None = None
    emergency_address_id: str | None = None
    tags: frozenset[str] = frozenset()
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Application:
    """A TwiML App, Vonage Application or Plivo Application with its raw configuration."""

    id: str
    name: str
    account_id: str
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MessagingService:
    id: str
    name: str
    account_id: str
    number_ids: tuple[str, ...] = ()
    use_inbound_webhook_on_number: bool = False
    a2p_registered: bool = False
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SipTrunk:
    id: str
    name: str
    account_id: str
    domain_name: str = ""
    origination_urls: tuple[str, ...] = ()
    number_ids: tuple[str, ...] = ()
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SipDomain:
    id: str
    domain_name: str
    account_id: str
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SipEndpoint:
    """A SIP user (Plivo Endpoint) that an application answers for."""

    id: str
    username: str
    account_id: str
    app_id: str | None = None
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Subaccount:
    id: str
    name: str
    parent_id: str
    status: str = "active"


@dataclass(frozen=True)
class Inventory:
    """Everything in one account that a migration must account for."""

    vendor: Vendor
    account_id: str
    account_name: str = ""
    taken_at: str = ""
    numbers: tuple[Number, ...] = ()
    applications: tuple[Application, ...] = ()
    messaging_services: tuple[MessagingService, ...] = ()
    trunks: tuple[SipTrunk, ...] = ()
    sip_domains: tuple[SipDomain, ...] = ()
    endpoints: tuple[SipEndpoint, ...] = ()
    subaccounts: tuple[Subaccount, ...] = ()
    webhooks: tuple[Webhook, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    """Account-wide settings that matter to a migration (Vonage default SMS callbacks, ...)."""
    schema_version: int = INVENTORY_SCHEMA_VERSION

    # --- lookups -------------------------------------------------------------------------
    def number(self, e164: str) -> Number | None:
        return next((n for n in self.numbers if n.e164 == e164), None)

    def application(self, app_id: str) -> Application | None:
        return next((a for a in self.applications if a.id == app_id), None)

    def webhooks_of(self, owner_kind: OwnerKind, owner_id: str) -> tuple[Webhook, ...]:
        return tuple(
            w for w in self.webhooks if w.owner_kind == owner_kind and w.owner_id == owner_id
        )

    def effective_webhooks(self, number: Number) -> tuple[Webhook, ...]:
        """The settings that actually answer this number's calls and messages."""
        owners = {(OwnerKind.NUMBER, number.id)}
        for kind, owner in (
            (OwnerKind.APPLICATION, number.voice_app_id),
            (OwnerKind.APPLICATION, number.sms_app_id),
            (OwnerKind.MESSAGING_SERVICE, number.messaging_service_id),
            (OwnerKind.TRUNK, number.trunk_id),
        ):
            if owner:
                owners.add((kind, owner))
        return tuple(
            w for w in self.webhooks if (w.owner_kind, w.owner_id) in owners and w.effective
        )

    # --- identity ------------------------------------------------------------------------
    def canonical(self) -> dict[str, Any]:
        """The content that identifies the account's state (not when it was read), in a
        stable order so two reads of an unchanged account compare equal."""
        data = to_data(replace(self, taken_at=""))
        for key in (
            "numbers",
            "applications",
            "messaging_services",
            "trunks",
            "sip_domains",
            "endpoints",
            "subaccounts",
        ):
            data[key] = sorted(data[key], key=lambda item: str(item["id"]))
        data["webhooks"] = sorted(
            data["webhooks"], key=lambda w: (w["owner_kind"], w["owner_id"], w["purpose"], w["url"])
        )
        return data  # type: ignore[no-any-return]

    def fingerprint(self) -> str:
        blob = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inventory:
        version = int(data.get("schema_version", 1))
        if version > INVENTORY_SCHEMA_VERSION:
            raise MigratorError(
                f"this inventory was written by a newer migrator (schema {version}); "
                "upgrade migrator to read it"
            )
        return from_data(cls, data)
