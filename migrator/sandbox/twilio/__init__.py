"""Emulated Twilio REST APIs (api, messaging, trunking, numbers and handler hosts).

`TwilioApi` is registered in `migrator.sandbox.registry`; the SDK reaches it unmodified through
`migrator.vendors.twilio.transport`.
"""

from migrator.sandbox.twilio.api import TwilioApi

__all__ = ["TwilioApi"]
