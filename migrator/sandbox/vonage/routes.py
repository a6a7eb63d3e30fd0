"""The one router every Vonage resource module registers its endpoints on."""

from __future__ import annotations

from migrator.sandbox.vendor_api import Router

router = Router()
