"""What one emulated Vonage account holds: numbers, applications, settings, numbers for sale.

Numbers are kept in E.164 with a leading `+`; the wire shows `msisdn` without it. Callers hold the
sandbox lock, so nothing here locks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from migrator.sandbox.stock import Shelf

# Vonage number types and the sandbox's neutral kinds (NumberPool, PortableNumber).
KIND_BY_TYPE = {"landline": "local", "mobile-lvn": "mobile", "landline-toll-free": "tollfree"}
TYPE_BY_KIND = {kind: vonage_type for vonage_type, kind in KIND_BY_TYPE.items()}
FEATURE_ORDER = ("VOICE", "SMS", "MMS")


def ordered_features(features: set[str] | frozenset[str] | list[str]) -> list[str]:
    """Features in the order Vonage lists them (VOICE, SMS, MMS)."""
    wanted = {f.upper() for f in features}
    return [f for f in FEATURE_ORDER if f in wanted]


@dataclass
class OwnedNumber:
    """A number an account rents, with the settings that live on the number itself.

    `app_id` links the number to an application (its voice and messages webhooks);
    `voice_callback_type` is only `sip` or `tel` here, a forward that wins over the app for voice.
    """

    e164: str
    country: str
    type: str
    features: list[str]
    app_id: str | None = None
    mo_http_url: str | None = None
    mo_smpp_sys_type: str | None = None
    voice_callback_type: str | None = None
    voice_callback_value: str | None = None
    voice_status_callback: str | None = None

    @property
    def msisdn(self) -> str:
        return self.e164.lstrip("+")

    def unlink_app(self) -> None:
        self.app_id = None

    def wire(self) -> dict[str, Any]:
        """The number as GET /account/numbers shows it (unset settings are left out)."""
        data: dict[str, Any] = {
            "country": self.country,
            "msisdn": self.msisdn,
            "type": self.type,
            "features": list(self.features),
        }
        if self.mo_http_url:
            data["moHttpUrl"] = self.mo_http_url
        if self.app_id:
            data["messagesCallbackType"] = "app"
            data["messagesCallbackValue"] = self.app_id
        if self.voice_callback_type:
            data["voiceCallbackType"] = self.voice_callback_type
            data["voiceCallbackValue"] = self.voice_callback_value or ""
        elif self.app_id:
            data["voiceCallbackType"] = "app"
            data["voiceCallbackValue"] = self.app_id
        if self.voice_status_callback:
            data["voiceStatusCallback"] = self.voice_status_callback
        if self.app_id:
            data["app_id"] = self.app_id
        return data


@dataclass
class AvailableNumber:
    """A number for sale in the account's catalogue."""

    e164: str
    country: str
    type: str
    features: list[str]
    cost: str

    def wire(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "msisdn": self.e164.lstrip("+"),
            "type": self.type,
            "cost": self.cost,
            "features": list(self.features),
        }


@dataclass
class Application:
    """A Vonage application (v2). `capabilities` and `privacy` are kept as the client sent them."""

    id: str
    name: str
    public_key: str
    capabilities: dict[str, Any] = field(default_factory=dict)
    privacy: dict[str, Any] = field(default_factory=lambda: {"improve_ai": True})

    def wire(self, private_key: str | None = None) -> dict[str, Any]:
        keys = {"public_key": self.public_key}
        if private_key is not None:
            keys["private_key"] = private_key
        return {
            "id": self.id,
            "name": self.name,
            "keys": keys,
            "privacy": dict(self.privacy),
            "capabilities": _copy(self.capabilities),
            "_links": {"self": {"href": f"/v2/applications/{self.id}"}},
        }


@dataclass
class Settings:
    """Account-level SMS defaults and throughput, as /account/settings reports them."""

    mo_callback_url: str = ""
    dr_callback_url: str = ""
    max_outbound_request: int = 30
    max_inbound_request: int = 30


@dataclass
class VonageStore:
    """Everything one account (or subaccount) owns."""

    numbers: dict[str, OwnedNumber] = field(default_factory=dict)
    applications: dict[str, Application] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    catalogue: Shelf[AvailableNumber] = field(default_factory=Shelf)
    balance: float = 0.0
    auto_reload: bool = False
    created_at: str = "2021-03-15T09:30:00.000Z"
    suspended: bool = False
    use_primary_account_balance: bool = True
    credit_limit: float = 0.0
    subaccount_keys: list[str] = field(default_factory=list)
    _sorted: list[OwnedNumber] | None = field(default=None, repr=False)

    # --- numbers ---------------------------------------------------------------------------
    def add(self, number: OwnedNumber) -> None:
        self.numbers[number.e164] = number
        self._sorted = None

    def pop(self, e164: str) -> OwnedNumber | None:
        number = self.numbers.pop(e164, None)
        if number is not None:
            self._sorted = None
        return number

    def sorted_numbers(self) -> list[OwnedNumber]:
        """Owned numbers in msisdn order, the order the list endpoint pages through."""
        if self._sorted is None:
            self._sorted = sorted(self.numbers.values(), key=lambda n: n.msisdn)
        return self._sorted

    def numbers_of_app(self, app_id: str) -> list[OwnedNumber]:
        return [n for n in self.numbers.values() if n.app_id == app_id]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
