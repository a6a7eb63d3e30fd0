"""Adapters by vendor name, imported only when used (each SDK costs import time)."""

from __future__ import annotations

import importlib

from migrator.errors import UsageError
from migrator.vendors.base import Credentials, VendorAdapter
from migrator.vendors.endpoint import VENDOR, Endpoint
from migrator.vendors.throttle import Throttle

ADAPTERS: dict[str, tuple[str, str]] = {
    "twilio": ("migrator.vendors.twilio.adapter", "TwilioAdapter"),
    "vonage": ("migrator.vendors.vonage.adapter", "VonageAdapter"),
    "plivo": ("migrator.vendors.plivo.adapter", "PlivoAdapter"),
}

CREDENTIAL_KEYS: dict[str, tuple[str, str]] = {
    "twilio": ("account_sid", "auth_token"),
    "vonage": ("api_key", "api_secret"),
    "plivo": ("auth_id", "auth_token"),
}
"""(public key, secret key) per vendor, as the SDK constructors name them."""

ENV_VARS: dict[str, tuple[str, str]] = {
    "twilio": ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"),
    "vonage": ("VONAGE_API_KEY", "VONAGE_API_SECRET"),
    "plivo": ("PLIVO_AUTH_ID", "PLIVO_AUTH_TOKEN"),
}


def adapter_class(vendor: str) -> type[VendorAdapter]:
    try:
        module_name, class_name = ADAPTERS[vendor]
    except KeyError:
        raise UsageError(f"unknown vendor '{vendor}' (known: {', '.join(ADAPTERS)})") from None
    cls: type[VendorAdapter] = getattr(importlib.import_module(module_name), class_name)
    return cls


def connect(
    vendor: str,
    credentials: Credentials,
    endpoint: Endpoint = VENDOR,
    throttle: Throttle | None = None,
) -> VendorAdapter:
    return adapter_class(vendor)(credentials, endpoint, throttle)
