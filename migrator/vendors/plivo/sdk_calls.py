"""Calling the plivo SDK safely from many threads, and turning its failures into core errors.

Why this exists:
- plivo 4.63's client is not thread-safe (its voice fallback keeps `voice_retry_count` on the
  client), so every thread gets its own client.
- The SDK loses what we need to classify a failure: a 429 becomes a bare PlivoRestError, and a
  list call answered with Plivo's `{"api_id", "error"}` body raises AttributeError before the
  status is read. A `requests` response hook on the client's (public) session records every
  answer, so errors are classified by HTTP status and Plivo's own `error` text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import plivo
import requests
from plivo import exceptions as plivo_errors

from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import (
    AuthenticationFailed,
    BusinessRule,
    NotFound,
    PermissionDenied,
    RateLimited,
    Transient,
    VendorError,
)
from migrator.vendors.plivo.transport import rest_client
from migrator.vendors.retry import call_idempotent
from migrator.vendors.throttle import Throttle

VENDOR = "plivo"
T = TypeVar("T")
SdkCall = Callable[[plivo.RestClient], T]


@dataclass
class _Answers:
    """The HTTP answers seen by one thread's client during the current call."""

    statuses: list[int] = field(default_factory=list)
    last: requests.Response | None = None

    def reset(self) -> None:
        self.statuses.clear()
        self.last = None


class _ThreadState(threading.local):
    client: plivo.RestClient | None = None
    answers: _Answers | None = None


class PlivoCalls:
    """One Plivo account's SDK calls: throttled, retried where safe, errors translated."""

    def __init__(self, auth_id: str, auth_token: str, endpoint: Endpoint, throttle: Throttle):
        self.auth_id = auth_id
        self._auth_token = auth_token
        self.endpoint = endpoint
        self.throttle = throttle
        self.read_attempts = 6
        """Attempts of a repeatable call before its error is raised."""
        self._local = _ThreadState()

    # --- clients ---------------------------------------------------------------------------
    def _client(self) -> tuple[plivo.RestClient, _Answers]:
        local = self._local
        if local.client is None or local.answers is None:
            answers = _Answers()
            try:
                client = rest_client(self.auth_id, self._auth_token, self.endpoint)
            except plivo_errors.AuthenticationError as exc:
                raise AuthenticationFailed(
                    "the Plivo Auth ID is not valid (MA or SA followed by 18 letters and digits)",
                    vendor=VENDOR,
                    vendor_message=str(exc),
                ) from None

            def record(response: requests.Response, *args: Any, **kwargs: Any) -> None:
                answers.statuses.append(response.status_code)
                answers.last = response

            client.session.hooks["response"].append(record)
            local.client, local.answers = client, answers
        return local.client, local.answers

    @property
    def sdk_retried(self) -> bool:
        """Whether the SDK's own voice fallback resent the last call of this thread."""
        answers = self._local.answers
        return answers is not None and len(answers.statuses) > 1

    # --- calling ---------------------------------------------------------------------------
    def once(self, fn: SdkCall[T]) -> T:
        """One SDK call (the SDK may itself resend a voice request after a 5xx)."""
        client, answers = self._client()
        answers.reset()
        try:
            return fn(client)
        except VendorError:
            raise
        except (plivo_errors.PlivoRestError, AttributeError, requests.RequestException) as exc:
            raise translate(exc, answers.last) from exc

    def read(self, fn: SdkCall[T]) -> T:
        """A call safe to repeat: throttled, and retried on rate limits and transient faults."""
        return call_idempotent(
            lambda: self.once(fn), attempts=self.read_attempts, throttle=self.throttle
        )

    def write(self, fn: SdkCall[T], attempts: int = 6) -> T:
        """A call not safe to repeat blindly: throttled, retried only after a 429 (which Plivo
        never processed). Transient faults are raised for the caller to reconcile."""
        for attempt in range(attempts):
            with self.throttle.slot():
                try:
                    return self.once(fn)
                except RateLimited as exc:
                    self.throttle.back_off(exc.retry_after or 0.5 * (attempt + 1))
                    if attempt == attempts - 1:
                        raise
        raise AssertionError("unreachable")  # pragma: no cover


def _error_text(response: requests.Response | None) -> str | None:
    if response is None:
        return None
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300] or None
    if isinstance(body, dict) and body.get("error"):
        return str(body["error"])
    return None


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def translate(exc: BaseException, response: requests.Response | None) -> VendorError:
    """The core error for an SDK failure, given the last HTTP answer (if any)."""
    if isinstance(exc, requests.exceptions.SSLError):
        return VendorError(
            "the TLS certificate of the Plivo endpoint could not be verified",
            vendor=VENDOR,
            vendor_message=str(exc),
        )
    if isinstance(exc, requests.RequestException):
        return Transient(
            "Plivo could not be reached (connection failed or timed out)",
            vendor=VENDOR,
            vendor_message=str(exc),
        )
    status = response.status_code if response is not None and response.status_code >= 400 else None
    said = _error_text(response) if status is not None else None
    vendor_message = said or str(exc)
    common: dict[str, Any] = {"vendor": VENDOR, "status": status, "vendor_message": vendor_message}
    if status is None:
        if isinstance(exc, AttributeError):
            raise exc  # not a vendor answer: a bug to surface, not to classify
        if isinstance(exc, plivo_errors.AuthenticationError):
            return AuthenticationFailed("Plivo refused the credentials", **common)
        return BusinessRule(f"the Plivo SDK refused the request: {vendor_message}", **common)
    if status == 401:
        return AuthenticationFailed(
            "Plivo refused the Auth ID and Auth Token (check them in the Plivo console)", **common
        )
    if status == 403:
        return PermissionDenied(f"Plivo does not allow this: {vendor_message}", **common)
    if status == 404:
        return NotFound(f"not found at Plivo: {vendor_message}", **common)
    if status == 429:
        assert response is not None
        return RateLimited("over Plivo's rate limit", retry_after=_retry_after(response), **common)
    if status >= 500:
        return Transient(f"Plivo had a server error (HTTP {status})", **common)
    return BusinessRule(f"Plivo refused the request: {vendor_message}", **common)
