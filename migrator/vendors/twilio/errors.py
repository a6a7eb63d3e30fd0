"""twilio SDK failures as core errors, keeping Twilio's code and message.

The SDK raises TwilioRestException (status, code, msg) for a refused fetch/create/update/delete,
but a refused *list page* becomes a bare TwilioException("Unable to fetch page", response); both
are classified here by HTTP status, with Twilio's JSON body ({"code", "message"}) kept.
"""

from __future__ import annotations

import json
from typing import Any

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException

from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    PermissionDenied,
    RateLimited,
    Transient,
    VendorError,
)

VENDOR = "twilio"


def _body(text: str) -> dict[str, Any]:
    try:
        body = json.loads(text)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def from_status(status: int, code: Any, message: str) -> VendorError:
    """The core error for a Twilio HTTP error answer."""
    common: dict[str, Any] = {
        "vendor": VENDOR,
        "status": status,
        "code": None if code is None else str(code),
        "vendor_message": message,
    }
    if status == 401:
        return AuthenticationFailed(
            "Twilio refused the Account SID and Auth Token (check them in the Twilio console)",
            **common,
        )
    if status == 403:
        return PermissionDenied(f"Twilio does not allow this: {message}", **common)
    if status == 404:
        return NotFound(f"not found at Twilio: {message}", **common)
    if status == 429:
        return RateLimited("over Twilio's concurrency limit (error 20429)", **common)
    if status >= 500:
        return Transient(f"Twilio had a server error (HTTP {status})", **common)
    return BusinessRule(f"Twilio refused the request: {message}", **common)


def translate(exc: BaseException) -> VendorError:
    """The core error for anything the SDK (or requests beneath it) raised."""
    if isinstance(exc, VendorError):
        return exc
    if isinstance(exc, requests.exceptions.SSLError):
        return VendorError(
            "the TLS certificate of the Twilio endpoint could not be verified",
            vendor=VENDOR,
            vendor_message=str(exc),
        )
    if isinstance(exc, requests.RequestException):
        return Transient(
            "Twilio could not be reached (connection failed or timed out)",
            vendor=VENDOR,
            vendor_message=str(exc),
        )
    if isinstance(exc, TwilioRestException):
        message = str(exc.msg).split(": ", 1)[-1] if exc.msg else str(exc.status)
        return from_status(int(exc.status), exc.code, message)
    if isinstance(exc, TwilioException) and len(exc.args) > 1:
        response = exc.args[1]
        status = int(getattr(response, "status_code", 0) or 0)
        if status:
            body = _body(str(getattr(response, "text", "")))
            return from_status(status, body.get("code"), str(body.get("message") or status))
    return VendorError(f"the twilio SDK failed: {exc}", vendor=VENDOR, vendor_message=str(exc))


def error_of_response(status: int, text: str) -> VendorError:
    """The core error for a raw HTTP answer (requests made with `Client.request`)."""
    body = _body(text)
    return from_status(status, body.get("code"), str(body.get("message") or text[:200]))
