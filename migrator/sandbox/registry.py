"""The vendor emulations a sandbox serves by default."""

from __future__ import annotations

import importlib

from migrator.sandbox.vendor_api import VendorApi

# module path, class name
EMULATIONS: tuple[tuple[str, str], ...] = (
    ("migrator.sandbox.twilio", "TwilioApi"),
    ("migrator.sandbox.vonage", "VonageApi"),
    ("migrator.sandbox.plivo", "PlivoApi"),
)


def default_apis() -> dict[str, VendorApi]:
    apis: dict[str, VendorApi] = {}
    for module_name, class_name in EMULATIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # an emulation still being built
            if exc.name != module_name:
                raise
            continue
        api: VendorApi = getattr(module, class_name)()
        apis[api.vendor] = api
    return apis
