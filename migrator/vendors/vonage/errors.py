"""Vonage SDK exceptions translated into migrator's vendor error hierarchy.

The SDK raises by HTTP status (401 AuthenticationError, 403 ForbiddenError, 404 NotFoundError,
429 RateLimitedError, 500 ServerError, anything else HttpRequestError) and NumbersError when a
Numbers envelope says `error-code` != 200. The vendor's own code and words are kept: the
`error-code` / `error-code-label` of rest.nexmo.com, or the RFC 7807 `type`, `title`, `detail`
(and `invalid_parameters`) of api.nexmo.com. HTTP 420 is Vonage's "action refused" (not for sale,
not yours): a business rule, never retried.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import requests
from pydantic import ValidationError
from vonage_http_client import (
    AuthenticationError,
    ForbiddenError,
    HttpRequestError,
    NotFoundError,
    RateLimitedError,
)
from vonage_numbers import NumbersError
from vonage_utils import VonageError

from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    PermissionDenied,
    RateLimited,
    Transient,
    VendorError,
)

VENDOR = "vonage"
T = TypeVar("T")


def vendor_words(response: requests.Response) -> tuple[str | None, str]:
    """(code, message) from a Vonage error body of either family."""
    try:
        body: Any = response.json()
    except ValueError:
        return None, (response.text or response.reason or "").strip()
    if not isinstance(body, dict):
        return None, str(body)
    if "error-code" in body:
        return str(body["error-code"]), str(body.get("error-code-label", ""))
    code = str(body.get("type", "")).rsplit("#", 1)[-1].rsplit("/", 1)[-1] or None
    message = ": ".join(str(body[k]) for k in ("title", "detail") if body.get(k))
    invalid = body.get("invalid_parameters")
    if isinstance(invalid, list) and invalid:
        reasons = ", ".join(f"{p.get('name')} {p.get('reason')}" for p in invalid)
        message = f"{message} ({reasons})"
    return code, message or json.dumps(body)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def translate(exc: Exception, doing: str) -> VendorError:
    """The core error for an SDK exception raised while `doing` something (for the message)."""
    if isinstance(exc, HttpRequestError):
        response = exc.response
        status = response.status_code
        code, words = vendor_words(response)
        kw: dict[str, Any] = {
            "vendor": VENDOR,
            "status": status,
            "code": code,
            "vendor_message": words,
        }
        if isinstance(exc, AuthenticationError):
            return AuthenticationFailed(
                f"Vonage refused the API key and secret while {doing}", **kw
            )
        if isinstance(exc, ForbiddenError):
            return PermissionDenied(f"Vonage does not allow this account to {doing}", **kw)
        if isinstance(exc, NotFoundError):
            return NotFound(f"not found while {doing}: {words}", **kw)
        if isinstance(exc, RateLimitedError):
            return RateLimited(
                f"Vonage rate limit reached while {doing}",
                retry_after=_retry_after(response),
                **kw,
            )
        if status >= 500:
            return Transient(f"Vonage had a server error while {doing}", **kw)
        return BusinessRule(f"Vonage refused to {doing}: {words}", **kw)
    if isinstance(exc, NumbersError):
        return BusinessRule(f"Vonage refused to {doing}: {exc}", vendor=VENDOR)
    if isinstance(exc, requests.ConnectionError | requests.Timeout):
        return Transient(f"no answer from Vonage while {doing}: {exc}", vendor=VENDOR)
    if isinstance(exc, VonageError):
        return BusinessRule(f"cannot {doing}: {exc}", vendor=VENDOR)
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        problem = errors[0]["msg"] if errors else str(exc)
        return VendorError(
            f"the Vonage SDK could not handle the data while {doing}: {problem}", vendor=VENDOR
        )
    raise exc


def sdk_call(fn: Callable[[], T], doing: str) -> T:
    """Run one SDK call, raising core VendorErrors instead of SDK exceptions."""
    try:
        return fn()
    except (VonageError, requests.RequestException, ValidationError) as exc:
        raise translate(exc, doing) from exc
