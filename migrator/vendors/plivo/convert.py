"""Plivo's objects as the neutral inventory model, and neutral specs as Plivo parameters.

Plivo keeps every webhook on the Application (answer, fallback, hangup, message URLs); a number
only names the application it links to, one for both voice and SMS. Numbers travel as digits
without '+'. Application names allow letters, digits, '-' and '_' only, so the idempotency
marker is appended as `<name>__<marker>` with everything else turned into '-'.
"""

from __future__ import annotations

import re
from typing import Any

from migrator.model.enums import Capability, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import Application, Number, SipEndpoint, Subaccount, Webhook
from migrator.vendors import number_facts
from migrator.vendors.base import ApplicationSpec, AvailableNumber, WebhookTarget

# (URL field, method field) of each webhook an application holds.
APP_WEBHOOK_FIELDS: dict[WebhookPurpose, tuple[str, str]] = {
    WebhookPurpose.VOICE_ANSWER: ("answer_url", "answer_method"),
    WebhookPurpose.VOICE_FALLBACK: ("fallback_answer_url", "fallback_method"),
    WebhookPurpose.CALL_STATUS: ("hangup_url", "hangup_method"),
    WebhookPurpose.SMS_INBOUND: ("message_url", "message_method"),
}
APP_FLAGS = ("default_number_app", "default_endpoint_app", "log_incoming_messages", "public_uri")
"""Application settings update() would reset to its defaults unless they are sent."""

_TYPES = {
    "local": NumberType.LOCAL,
    "fixed": NumberType.LOCAL,
    "national": NumberType.NATIONAL,
    "mobile": NumberType.MOBILE,
    "tollfree": NumberType.TOLLFREE,
    "toll-free": NumberType.TOLLFREE,
}
SEARCH_TYPES = {
    NumberType.LOCAL: "local",
    NumberType.MOBILE: "mobile",
    NumberType.TOLLFREE: "tollfree",
    NumberType.NATIONAL: "national",
    NumberType.OTHER: "any",
}
_ACCOUNT_IN_URI = re.compile(r"/Account/(?P<id>[MS]A[A-Z0-9]{18})/?")
_APP_IN_URI = re.compile(r"/Application/(?P<id>[^/]+)/?$")
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")
MARKER_SEPARATOR = "__"
MAX_APP_NAME = 64
_DROPPED = {"client", "_name", "api_id"}
_SECRET_FIELDS = {"password", "auth_token"}


def plain(obj: Any) -> Any:
    """SDK response objects (typed or not, after the SDK's own retry) as plain data."""
    if type(obj) in _SCALARS or obj is None or isinstance(obj, str | int | float):
        return obj
    if isinstance(obj, list | tuple):
        return [plain(v) for v in obj]
    fields = obj if isinstance(obj, dict) else getattr(obj, "__dict__", None)
    if fields is None:
        return obj
    return {
        k: v if type(v) in _SCALARS else plain(v) for k, v in fields.items() if k not in _DROPPED
    }


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Types `plain` keeps as they are (most values of most records), tested before the rest."""


def e164(digits: str) -> str:
    return digits if digits.startswith("+") else "+" + digits


def digits(e164_number: str) -> str:
    return e164_number.lstrip("+")


country_of = number_facts.country_of


def number_type(plivo_type: str | None) -> NumberType:
    return _TYPES.get((plivo_type or "").lower(), NumberType.OTHER)


def app_id_of(uri: str | None) -> str | None:
    """The app id at the end of an `application` URI (None when unlinked)."""
    if not uri:
        return None
    found = _APP_IN_URI.search(uri)
    return found["id"] if found else None


def owner_of(value: str | None, main_id: str) -> str:
    """The account an object belongs to: its `sub_account` (an auth_id or an account URI)."""
    if not value:
        return main_id
    found = _ACCOUNT_IN_URI.search(value)
    return found["id"] if found else value


def subaccount_param(value: str | None) -> str | None:
    """A `sub_account` value as the auth_id the API takes back."""
    if not value:
        return None
    found = _ACCOUNT_IN_URI.search(value)
    return found["id"] if found else value


def capabilities(raw: dict[str, Any]) -> frozenset[Capability]:
    get = raw.get
    return _CAPABILITIES[
        bool(get("voice_enabled")), bool(get("sms_enabled")), bool(get("mms_enabled"))
    ]


_CAPABILITIES = {
    (voice, sms, mms): frozenset(
        cap
        for cap, on in ((Capability.VOICE, voice), (Capability.SMS, sms), (Capability.MMS, mms))
        if on
    )
    for voice in (False, True)
    for sms in (False, True)
    for mms in (False, True)
}
"""Capabilities by (voice_enabled, sms_enabled, mms_enabled)."""
_PENDING = frozenset({"compliance-pending"})
_NO_TAGS: frozenset[str] = frozenset()


def to_number(raw: dict[str, Any], main_id: str) -> Number:
    get = raw.get
    number = e164(str(raw["number"]))
    app_id = app_id_of(get("application"))
    sub_account = get("sub_account")
    return Number(
        id=digits(number),
        e164=number,
        country=country_of(number),
        number_type=number_type(get("number_type")),
        capabilities=capabilities(raw),
        account_id=owner_of(sub_account, main_id) if sub_account else main_id,
        friendly_name=get("alias") or "",
        voice_app_id=app_id,
        sms_app_id=app_id,
        tags=_PENDING if get("compliance_status") == "pending" else _NO_TAGS,
        config=raw,
    )


def to_application(raw: dict[str, Any], main_id: str) -> Application:
    return Application(
        id=str(raw["app_id"]),
        name=str(raw.get("app_name") or ""),
        account_id=owner_of(raw.get("sub_account"), main_id),
        config=raw,
    )


def app_webhooks(app: Application) -> list[Webhook]:
    hooks = []
    for purpose, (url_field, method_field) in APP_WEBHOOK_FIELDS.items():
        url = app.config.get(url_field)
        if url:
            hooks.append(
                Webhook(
                    OwnerKind.APPLICATION,
                    app.id,
                    purpose,
                    str(url),
                    str(app.config.get(method_field) or "POST").upper(),
                    account_id=app.account_id,
                )
            )
    return hooks


def to_endpoint(raw: dict[str, Any], main_id: str) -> SipEndpoint:
    config = {k: v for k, v in raw.items() if k not in _SECRET_FIELDS}
    return SipEndpoint(
        id=str(raw["endpoint_id"]),
        username=str(raw.get("username") or ""),
        account_id=owner_of(raw.get("sub_account"), main_id),
        app_id=app_id_of(raw.get("application")),
        config=config,
    )


def to_subaccount(raw: dict[str, Any], main_id: str) -> Subaccount:
    return Subaccount(
        id=str(raw["auth_id"]),
        name=str(raw.get("name") or ""),
        parent_id=main_id,
        status="active" if raw.get("enabled") else "disabled",
    )


def to_available(raw: dict[str, Any], country: str) -> AvailableNumber:
    number = e164(str(raw["number"]))
    return AvailableNumber(
        e164=number,
        country=country_of(number) if country_of(number) != "ZZ" else country,
        number_type=number_type(raw.get("sub_type") or raw.get("type")),
        capabilities=capabilities(raw),
        locality=str(raw.get("city") or ""),
        region=str(raw.get("region") or ""),
    )


# --- specs ------------------------------------------------------------------------------
def _safe(text: str) -> str:
    return _NOT_IN_NAME.sub("-", text).strip("-")


def app_name(name: str, marker: str) -> str:
    """A name Plivo accepts, ending with the marker whole when there is one."""
    base = _safe(name) or "app"
    if not marker:
        return base[:MAX_APP_NAME]
    suffix = MARKER_SEPARATOR + (_safe(marker) or "marker")
    return base[: max(1, MAX_APP_NAME - len(suffix))] + suffix


def carries_marker(name: str, marker: str) -> bool:
    return bool(marker) and name.endswith(MARKER_SEPARATOR + (_safe(marker) or "marker"))


def spec_of(app: Application) -> ApplicationSpec:
    """The application's complete configuration as a spec (what update_application restores)."""
    config = app.config
    webhooks = {
        purpose: WebhookTarget(str(config[url]), str(config.get(method) or "POST").upper())
        for purpose, (url, method) in APP_WEBHOOK_FIELDS.items()
        if config.get(url)
    }
    extra: dict[str, Any] = {
        "default_number_app": bool(config.get("default_app")),
        "default_endpoint_app": bool(config.get("default_endpoint_app")),
        "log_incoming_messages": bool(config.get("log_incoming_messages", True)),
        "public_uri": bool(config.get("public_uri")),
        "subaccount": subaccount_param(config.get("sub_account")),
    }
    return ApplicationSpec(name=app.name, webhooks=webhooks, extra=extra)


def webhook_params(spec: ApplicationSpec) -> dict[str, str]:
    """answer_url/answer_method... for the spec's webhooks (unsupported purposes raise)."""
    unsupported = sorted(p.value for p in spec.webhooks if p not in APP_WEBHOOK_FIELDS)
    if unsupported:
        raise ValueError(
            f"a Plivo application has no place for these webhooks: {', '.join(unsupported)}"
        )
    params: dict[str, str] = {}
    for purpose, target in spec.webhooks.items():
        url_field, method_field = APP_WEBHOOK_FIELDS[purpose]
        params[url_field] = target.url
        params[method_field] = target.method.upper()
    return params
