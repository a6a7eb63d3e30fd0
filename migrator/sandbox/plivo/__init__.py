"""The emulated Plivo API: numbers, number search and purchase, applications, endpoints and
subaccounts, served to the unmodified plivo SDK."""

from migrator.sandbox.plivo.api import PlivoApi

__all__ = ["PlivoApi"]
