"""Vonage's wire shapes <-> migrator's neutral model.

Where Vonage keeps URLs (shared/reference/vendors.md section 1.2):
- the Application: voice answer / fallback answer / event URLs, messages inbound / status URLs;
- the number: its own inbound-SMS URL (`moHttpUrl`), call-status URL (`voiceStatusCallback`) and
  a SIP or phone forward (`voiceCallbackType` sip|tel) that answers calls instead of the app;
- the account: default inbound-SMS and delivery-receipt URLs (`mo-callback-url`,
  `dr-callback-url`), used by numbers with no URL of their own.
"""

from __future__ import annotations

import copy
from typing import Any

from vonage_application import Keys

from migrator.model.enums import Capability, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Application, Number, Subaccount, Webhook
from migrator.vendors.base import ApplicationSpec, NumberConfig, WebhookTarget

P = WebhookPurpose

NUMBER_TYPE_BY_VONAGE = {
    "landline": NumberType.LOCAL,
    "mobile-lvn": NumberType.MOBILE,
    "landline-toll-free": NumberType.TOLLFREE,
}
VONAGE_TYPE_BY_NUMBER_TYPE = {kind: vonage for vonage, kind in NUMBER_TYPE_BY_VONAGE.items()}
CAPABILITY_BY_FEATURE = {"VOICE": Capability.VOICE, "SMS": Capability.SMS, "MMS": Capability.MMS}

# neutral purpose -> (capability, webhook name) on a Vonage application
APP_HOOKS: dict[WebhookPurpose, tuple[str, str]] = {
    P.VOICE_ANSWER: ("voice", "answer_url"),
    P.VOICE_FALLBACK: ("voice", "fallback_answer_url"),
    P.CALL_STATUS: ("voice", "event_url"),
    P.SMS_INBOUND: ("messages", "inbound_url"),
    P.MESSAGE_STATUS: ("messages", "status_url"),
}
DEFAULT_METHOD = {P.VOICE_ANSWER: "GET", P.VOICE_FALLBACK: "GET"}
"""Vonage fetches answer URLs with GET and posts events and messages unless told otherwise."""
POST_ONLY_CAPABILITIES = frozenset({"messages"})

# neutral purpose -> number field
NUMBER_HOOKS: dict[WebhookPurpose, str] = {
    P.SMS_INBOUND: "moHttpUrl",
    P.CALL_STATUS: "voiceStatusCallback",
}
FORWARD_TYPES = ("sip", "tel")
SPEC_SHORTCUTS = {
    "region": ("capabilities", "voice", "region"),
    "signed_callbacks": ("capabilities", "voice", "signed_callbacks"),
    "improve_ai": ("privacy", "improve_ai"),
    "public_key": ("keys", "public_key"),
}
"""ApplicationSpec.extra keys that stand for one setting inside the application's config."""


def e164(msisdn: str) -> str:
    return "+" + msisdn.lstrip("+")


def msisdn(e164_number: str) -> str:
    return e164_number.lstrip("+")


# --- numbers ---------------------------------------------------------------------------------
def forward_of(raw: dict[str, Any]) -> tuple[str, str] | None:
    """(type, value) of a number's SIP/phone forward, if it has one."""
    kind = raw.get("voiceCallbackType")
    value = raw.get("voiceCallbackValue")
    if kind in FORWARD_TYPES and value:
        return str(kind), str(value)
    return None


def forward_url(kind: str, value: str) -> str:
    """A forward as a URI (sip:... as given, tel:+digits for phone numbers)."""
    if kind == "sip":
        return value
    return "tel:" + e164(value)


def number_from(raw: dict[str, Any], account_id: str) -> Number:
    """A listed number (GET /account/numbers item) in the neutral model; `config` keeps it raw."""
    digits = str(raw["msisdn"])
    app_id = raw.get("app_id") or raw.get("messagesCallbackValue") or None
    return Number(
        id=digits,
        e164=e164(digits),
        country=str(raw.get("country", "")),
        number_type=NUMBER_TYPE_BY_VONAGE.get(str(raw.get("type")), NumberType.OTHER),
        capabilities=frozenset(
            CAPABILITY_BY_FEATURE[f]
            for f in raw.get("features") or ()
            if f in CAPABILITY_BY_FEATURE
        ),
        account_id=account_id,
        # A SIP/phone forward answers calls instead of the app, so voice is not the app's.
        voice_app_id=None if forward_of(raw) else app_id,
        sms_app_id=app_id,
        config=dict(raw),
    )


def number_webhooks(raw: dict[str, Any], account_id: str) -> list[Webhook]:
    """The URLs set on the number itself (and its forward, which wins over the app for voice)."""
    hooks = []
    owner = str(raw["msisdn"])
    for purpose, field in NUMBER_HOOKS.items():
        if raw.get(field):
            hooks.append(
                Webhook(OwnerKind.NUMBER, owner, purpose, str(raw[field]), "POST", account_id)
            )
    forward = forward_of(raw)
    if forward is not None:
        hooks.append(
            Webhook(
                OwnerKind.NUMBER,
                owner,
                P.VOICE_ANSWER,
                forward_url(*forward),
                "",
                account_id,
            )
        )
    return hooks


def number_config(raw: dict[str, Any]) -> NumberConfig:
    """A number's complete routing as NumberConfig (one app for voice and messages)."""
    webhooks = {
        purpose: WebhookTarget(str(raw[field]), "POST")
        for purpose, field in NUMBER_HOOKS.items()
        if raw.get(field)
    }
    vendor_fields: dict[str, Any] = {}
    forward = forward_of(raw)
    if forward is not None:
        vendor_fields = {"voiceCallbackType": forward[0], "voiceCallbackValue": forward[1]}
    return NumberConfig(
        app_id=raw.get("app_id") or None, webhooks=webhooks, vendor_fields=vendor_fields
    )


# --- applications ----------------------------------------------------------------------------
def app_config(raw: dict[str, Any]) -> dict[str, Any]:
    """The settable part of an application (what a PUT must send back): capabilities, privacy,
    public key. The private key is never part of it."""
    config: dict[str, Any] = {"capabilities": copy.deepcopy(raw.get("capabilities") or {})}
    if raw.get("privacy") is not None:
        config["privacy"] = copy.deepcopy(raw["privacy"])
    public_key = (raw.get("keys") or {}).get("public_key")
    if public_key:
        config["keys"] = {"public_key": public_key}
    return config


def application_from(raw: dict[str, Any], account_id: str) -> Application:
    config = app_config(raw)
    return Application(
        id=str(raw["id"]), name=str(raw.get("name", "")), account_id=account_id, config=config
    )


def app_webhooks(raw: dict[str, Any], account_id: str) -> list[Webhook]:
    hooks = []
    capabilities = raw.get("capabilities") or {}
    for purpose, (capability, name) in APP_HOOKS.items():
        hook = ((capabilities.get(capability) or {}).get("webhooks") or {}).get(name)
        if isinstance(hook, dict) and hook.get("address"):
            method = str(hook.get("http_method") or DEFAULT_METHOD.get(purpose, "POST"))
            hooks.append(
                Webhook(
                    OwnerKind.APPLICATION,
                    str(raw["id"]),
                    purpose,
                    str(hook["address"]),
                    method,
                    account_id,
                )
            )
    return hooks


def spec_from(raw: dict[str, Any]) -> ApplicationSpec:
    """An application's complete configuration as an ApplicationSpec (extra["config"] is the
    vendor's own shape; the shortcut keys mirror single settings inside it)."""
    config = app_config(raw)
    webhooks = {
        hook.purpose: WebhookTarget(hook.url, hook.method) for hook in app_webhooks(raw, "")
    }
    extra: dict[str, Any] = {"config": config}
    for key, path in SPEC_SHORTCUTS.items():
        value = _dig(config, path)
        if value is not None:
            extra[key] = value
    return ApplicationSpec(
        name=str(raw.get("name", "")),
        webhooks=webhooks,
        extra=extra,
        public_key=_dig(config, ("keys", "public_key")),
    )


def config_for(spec: ApplicationSpec, base: dict[str, Any]) -> dict[str, Any]:
    """The full configuration to send for `spec`, starting from `base` (the current config, or
    spec.extra["config"]): shortcut keys applied, then the neutral webhooks set exactly (hooks
    for purposes the spec leaves out are removed; timeouts on kept hooks are kept)."""
    config = copy.deepcopy(spec.extra.get("config") or base)
    for key, path in SPEC_SHORTCUTS.items():
        if key in spec.extra:
            _put(config, path, spec.extra[key])
    if spec.public_key:  # the SDK's own model of the keys object (keys.public_key)
        keys = Keys(**{**(config.get("keys") or {}), "public_key": spec.public_key})
        config["keys"] = keys.model_dump(exclude_none=True)
    capabilities = config.setdefault("capabilities", {})
    for purpose, (capability, name) in APP_HOOKS.items():
        target = spec.webhooks.get(purpose)
        hooks = (capabilities.get(capability) or {}).get("webhooks") or {}
        if target is None:
            hooks.pop(name, None)
            continue
        method = "POST" if capability in POST_ONLY_CAPABILITIES else target.method.upper()
        hook = {**(hooks.get(name) or {}), "address": target.url, "http_method": method}
        capabilities.setdefault(capability, {}).setdefault("webhooks", {})[name] = hook
    for capability in ("voice", "messages"):
        cap = capabilities.get(capability)
        if isinstance(cap, dict) and cap.get("webhooks") == {} and set(cap) == {"webhooks"}:
            del capabilities[capability]
    return config


def _dig(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = data
    for part in path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


# --- accounts --------------------------------------------------------------------------------
def account_webhooks(settings: dict[str, Any], account_id: str) -> list[Webhook]:
    hooks = []
    for field, purpose in (
        ("mo-callback-url", P.SMS_INBOUND),
        ("dr-callback-url", P.MESSAGE_STATUS),
    ):
        if settings.get(field):
            hooks.append(
                Webhook(
                    OwnerKind.ACCOUNT, account_id, purpose, str(settings[field]), "POST", account_id
                )
            )
    return hooks


def subaccount_from(raw: dict[str, Any]) -> Subaccount:
    return Subaccount(
        id=str(raw["api_key"]),
        name=str(raw.get("name", "")),
        parent_id=str(raw.get("primary_account_api_key", "")),
        status="suspended" if raw.get("suspended") else "active",
    )
