"""The vendor emulations a sandbox serves by default."""

from __future__ import annotations

import importlib

from migrator.sandbox.vendor_api import VendorApi

# module path, class name
EMULATIONS: tuple[tuple[str, str], ...] = ()


def default_apis() -> dict[str, VendorApi]:
    apis: dict[str, VendorApi] = {}
    for module_name, class_name in EMULATIONS:
        api: VendorApi = getattr(importlib.import_module(module_name), class_name)()
        apis[api.vendor] = api
    return apis
