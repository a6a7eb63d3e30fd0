"""The one typed interface every vendor adapter implements (Twilio, Vonage, Plivo).

The engine and the planner use adapters only through this interface and branch on
`Capabilities`, never on vendor names. Every call goes through the vendor's official SDK; SDK
exceptions are translated into `migrator.vendors.errors`. Numbers are always +E.164 here; an
adapter converts to its vendor's wire format (Vonage/Plivo: digits without '+').

Idempotency: every application the engine creates carries a marker (see `ApplicationSpec.marker`)
in its name, so after a crash `find_application(marker)` tells whether the create happened. A
bought number is its own marker: `get_number(e164)` tells whether the purchase happened.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from migrator.model.enums import Capability, NumberType, WebhookPurpose
from migrator.model.inventory import Application, Inventory, Number
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.throttle import Limit, Throttle

Credentials = dict[str, str]
"""Keyed as the SDK's constructor names them (twilio: account_sid/auth_token, vonage:
api_key/api_secret, plivo: auth_id/auth_token)."""


class WebhookHome(StrEnum):
    """Where a vendor keeps the URLs that answer a number."""

    NUMBER_OR_APPLICATION = "number_or_application"
    """Twilio: per-number URLs, or a TwiML App linked to the number."""
    APPLICATION = "application"
    """Vonage and Plivo: on the Application the number links to."""


class PagingStyle(StrEnum):
    TOKEN = "token"  # noqa: S105 (a paging style, not a secret)
    """Follow next-page links one after another (Twilio)."""
    INDEX = "index"
    """1-based page index (Vonage): pages can be fetched in parallel."""
    OFFSET = "offset"
    """Offset/limit (Plivo): pages can be fetched in parallel."""


class Markup(StrEnum):
    TWIML = "twiml"
    NCCO = "ncco"
    PLIVO = "plivo"


@dataclass(frozen=True)
class Capabilities:
    """What a vendor can do, as data the planner and the assessment read."""

    porting_api: bool
    """True when port-in requests can be created and tracked through the API (Twilio)."""
    webhook_home: WebhookHome
    number_format: str
    """'e164' (+ sign) or 'digits'."""
    paging: PagingStyle
    max_page_size: int
    subaccounts: bool
    markup: Markup
    app_webhooks: frozenset[WebhookPurpose]
    """Webhook purposes an application can hold."""
    number_webhooks: frozenset[WebhookPurpose]
    """Webhook purposes a number can hold by itself (empty for Plivo)."""
    messaging_services: bool
    sip_trunks: bool
    default_limit: Limit
    """The account's documented default rate limit."""
    app_key_pairs: bool = False
    """True when the vendor's applications hold a key pair that signs their API calls (Vonage:
    a JWT from the application's private key) and take the admin's own public key on create."""


@dataclass(frozen=True)
class AccountInfo:
    vendor: str
    account_id: str
    name: str
    status: str = "active"


@dataclass(frozen=True)
class WebhookTarget:
    url: str
    method: str = "POST"


@dataclass(frozen=True)
class ApplicationSpec:
    """An application to create or the complete configuration to set on one.

    `marker` is the idempotency key; adapters put it in the vendor's name field as
    f"{name} [{marker}]" (trimmed to the vendor's length limit, marker kept whole).
    `extra` holds vendor-specific settings the neutral fields do not cover.
    """

    name: str
    webhooks: dict[WebhookPurpose, WebhookTarget] = field(default_factory=dict)
    marker: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    public_key: str | None = None
    """The admin's PEM public key for the application (vendors with Capabilities.app_key_pairs;
    the others ignore it)."""


@dataclass(frozen=True)
class NumberConfig:
    """The complete routing configuration of one number (setting it replaces the old one).

    app_id links voice (and SMS, unless sms_app_id differs) to an application; webhooks are the
    number's own URLs (only purposes in Capabilities.number_webhooks); vendor_fields keeps
    anything else that routing depends on (Twilio trunk_sid, Vonage voiceCallbackType/Value...),
    so a config read before a change restores the number exactly.
    """

    app_id: str | None = None
    sms_app_id: str | None = None
    webhooks: dict[WebhookPurpose, WebhookTarget] = field(default_factory=dict)
    vendor_fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NumberQuery:
    country: str
    number_type: NumberType = NumberType.LOCAL
    area_code: str | None = None
    contains: str | None = None
    capabilities: frozenset[Capability] = frozenset()
    limit: int = 20


@dataclass(frozen=True)
class AvailableNumber:
    e164: str
    country: str
    number_type: NumberType
    capabilities: frozenset[Capability]
    locality: str = ""
    region: str = ""


class VendorAdapter(ABC):
    """One vendor account reached through the vendor's official SDK."""

    vendor: ClassVar[str]
    capabilities: ClassVar[Capabilities]

    def __init__(
        self,
        credentials: Credentials,
        endpoint: Endpoint = VENDOR,
        throttle: Throttle | None = None,
    ) -> None:
        self.credentials = dict(credentials)
        self.endpoint = endpoint
        self.throttle = throttle or Throttle(self.capabilities.default_limit)

    @property
    @abstractmethod
    def account_id(self) -> str:
        """The public id of the account (SID, API key, Auth ID)."""

    # --- connection and discovery ---------------------------------------------------------
    @abstractmethod
    def check_credentials(self) -> AccountInfo:
        """One cheap authenticated call; raises AuthenticationFailed if refused."""

    @abstractmethod
    def discover(self, progress: Progress = no_progress, cancel: CancelToken = NEVER) -> Inventory:
        """Read the whole inventory (subaccounts included) as fast as the vendor's limit allows:
        the largest page size, pages in parallel where the paging style permits. Reports
        progress as (items read, total if known, message) and checks `cancel` between pages.
        Raises a VendorError (after retrying transient faults) rather than return a partial one."""

    # --- applications ----------------------------------------------------------------------
    @abstractmethod
    def create_application(self, spec: ApplicationSpec) -> Application:
        """Create it with the marker in its name; return it as the vendor now holds it."""

    @abstractmethod
    def get_application(self, app_id: str) -> Application | None:
        """The application, or None when it does not exist."""

    @abstractmethod
    def find_application(self, marker: str) -> Application | None:
        """The application whose name carries this idempotency marker, if any."""

    @abstractmethod
    def read_application_spec(self, app_id: str) -> ApplicationSpec:
        """The complete current configuration, so it can be restored by update_application."""

    @abstractmethod
    def update_application(self, app_id: str, spec: ApplicationSpec) -> Application:
        """Set the complete configuration (read-modify-write where the vendor replaces)."""

    @abstractmethod
    def delete_application(self, app_id: str) -> None:
        """Delete it; NotFound when already gone."""

    # --- numbers ---------------------------------------------------------------------------
    @abstractmethod
    def search_numbers(self, query: NumberQuery) -> list[AvailableNumber]:
        """Numbers for sale matching the query (may be empty)."""

    @abstractmethod
    def buy_number(self, e164: str, config: NumberConfig | None = None, label: str = "") -> Number:
        """Buy this exact number (from search results), optionally configured in the same step."""

    @abstractmethod
    def get_number(self, e164: str) -> Number | None:
        """The owned number, or None when the account does not own it."""

    @abstractmethod
    def read_number_config(self, e164: str) -> NumberConfig:
        """The number's complete current routing configuration (the before-state)."""

    @abstractmethod
    def configure_number(self, e164: str, config: NumberConfig) -> None:
        """Set the number's complete routing configuration (restoring a read config undoes)."""

    @abstractmethod
    def release_number(self, e164: str) -> None:
        """Give the number back to the vendor (irreversible); NotFound when not owned."""
