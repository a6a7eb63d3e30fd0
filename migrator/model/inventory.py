"""The normalized, vendor-neutral inventory of one account (and its subaccounts).

Adapters build it from the vendor's API; file import builds it from a CSV/JSON export. Every
webhook is its own item with its owner, purpose and whether it is the setting that wins.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import orjson

from migrator.errors import MigratorError
from migrator.gcpause import gc_paused
from migrator.model.enums import (
    Capability,
    HostedBy,
    NumberType,
    OwnerKind,
    Vendor,
    WebhookPurpose,
)
from migrator.model.jsontext import ascii_bytes, ascii_text
from migrator.model.serialize import canonical_data, from_data, to_data
from migrator.model.urls import hosted_by

INVENTORY_SCHEMA_VERSION = 1
_new_object = object.__new__


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

    @classmethod
    def of(
        cls,
        owner_kind: OwnerKind,
        owner_id: str,
        purpose: WebhookPurpose,
        url: str,
        method: str,
        account_id: str,
        effective: bool,
        overridden_by: str | None,
        content: str | None = None,
    ) -> Webhook:
        """Webhook(...) with every field given, in half the time: the frozen dataclass's
        __init__ sets each field through object.__setattr__, and discovery of a large account
        makes tens of thousands of webhooks."""
        hook = _new_object(cls)
        hook.__dict__.update(
            {
                "owner_kind": owner_kind,
                "owner_id": owner_id,
                "purpose": purpose,
                "url": url,
                "method": method,
                "account_id": account_id,
                "effective": effective,
                "overridden_by": overridden_by,
                "content": content,
            }
        )
        return hook

    def with_content(self, content: str | None) -> Webhook:
        """This webhook carrying `content` (dataclasses.replace takes five times as long)."""
        return Webhook.of(
            self.owner_kind,
            self.owner_id,
            self.purpose,
            self.url,
            self.method,
            self.account_id,
            self.effective,
            self.overridden_by,
            content,
        )

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

    @classmethod
    def of(
        cls,
        id: str,
        e164: str,
        country: str,
        number_type: NumberType,
        capabilities: frozenset[Capability],
        account_id: str,
        friendly_name: str,
        voice_app_id: str | None,
        sms_app_id: str | None,
        messaging_service_id: str | None,
        trunk_id: str | None,
        emergency_address_id: str | None,
        tags: frozenset[str],
        config: dict[str, Any],
    ) -> Number:
        """Number(...) with every field given, in half the time (see Webhook.of)."""
        number = _new_object(cls)
        number.__dict__.update(
            {
                "id": id,
                "e164": e164,
                "country": country,
                "number_type": number_type,
                "capabilities": capabilities,
                "account_id": account_id,
                "friendly_name": friendly_name,
                "voice_app_id": voice_app_id,
                "sms_app_id": sms_app_id,
                "messaging_service_id": messaging_service_id,
                "trunk_id": trunk_id,
                "emergency_address_id": emergency_address_id,
                "tags": tags,
                "config": config,
            }
        )
        return number


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
        return _sorted_lists(to_data(replace(self, taken_at="")), _any_id)

    def canonical_json(self) -> bytes:
        """The text a fingerprint hashes: json.dumps(canonical(), sort_keys=True,
        separators=(",", ":")), encoded by orjson (the json module when orjson refuses)."""
        with gc_paused():
            try:
                data = _sorted_lists(canonical_data(replace(self, taken_at="")), _text_id)
                return ascii_bytes(orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
            except TypeError:  # orjson.JSONEncodeError is one; so is a sort over a Fragment
                blob = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
                return blob.encode()

    def stored_json(self) -> tuple[str, str]:
        """(json.dumps(to_dict(), separators=(",", ":")), fingerprint()), from one walk of
        the content: what a migration file stores for a snapshot."""
        with gc_paused():
            try:
                data = canonical_data(self)
                text = ascii_text(orjson.dumps(data))
                found: str | None = self.__dict__.get("_fingerprint")
                if found is None:
                    canonical = _sorted_lists({**data, "taken_at": ""}, _text_id)
                    blob = ascii_bytes(orjson.dumps(canonical, option=orjson.OPT_SORT_KEYS))
                    found = hashlib.sha256(blob).hexdigest()
                    self.remember_fingerprint(found)
                return text, found
            except TypeError:  # orjson.JSONEncodeError is one; see canonical_json
                return json.dumps(self.to_dict(), separators=(",", ":")), self.fingerprint()

    def fingerprint(self) -> str:
        """sha256 of canonical_json(). Kept once computed: an inventory is never changed in
        place (nor are its config dicts), and each fingerprint walks the whole account."""
        found: str | None = self.__dict__.get("_fingerprint")
        if found is None:
            found = hashlib.sha256(self.canonical_json()).hexdigest()
            self.remember_fingerprint(found)
        return found

    def remember_fingerprint(self, fingerprint: str) -> None:
        """Record the fingerprint already known for this content (a migration file checks a
        snapshot's text against the one stored with it, instead of encoding it again)."""
        object.__setattr__(self, "_fingerprint", fingerprint)

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


_LISTS_BY_ID = (
    "numbers",
    "applications",
    "messaging_services",
    "trunks",
    "sip_domains",
    "endpoints",
    "subaccounts",
)


def _any_id(item: dict[str, Any]) -> str:
    return str(item["id"])


def _text_id(item: dict[str, Any]) -> str:
    """The id to sort by, when it is text (canonical_data has turned a float into a Fragment,
    whose str() is not the float's)."""
    found = item["id"]
    if type(found) is not str:
        raise TypeError("an id that is not text")
    return found


def _sorted_lists(data: dict[str, Any], by_id: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """The inventory's lists in a stable order: items by id, webhooks by owner and purpose."""
    for key in _LISTS_BY_ID:
        data[key] = sorted(data[key], key=by_id)
    data["webhooks"] = sorted(
        data["webhooks"], key=lambda w: (w["owner_kind"], w["owner_id"], w["purpose"], w["url"])
    )
    return data
