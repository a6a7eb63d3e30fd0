"""One Twilio account tree's SDK clients, and calling them safely.

Reads are throttled and retried on rate limits and transient faults (all safe to repeat).
Writes that create something (buy, create) are retried only after a 429, which Twilio never
processed; anything else is raised for the engine to reconcile. Updates are idempotent and
retried like reads. Every SDK failure leaves here as a core VendorError.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import requests
from twilio.base.exceptions import TwilioException
from twilio.rest import Client

from migrator.vendors.endpoint import Endpoint
from migrator.vendors.errors import RateLimited
from migrator.vendors.retry import call_idempotent
from migrator.vendors.throttle import Throttle
from migrator.vendors.twilio.errors import translate
from migrator.vendors.twilio.transport import http_client_for, twilio_client

T = TypeVar("T")
WRITE_ATTEMPTS = 6


class TwilioCalls:
    """SDK clients for a main account and its subaccounts, sharing one connection pool."""

    def __init__(self, account_sid: str, auth_token: str, endpoint: Endpoint, throttle: Throttle):
        self.account_sid = account_sid
        self.endpoint = endpoint
        self.throttle = throttle
        self._http = http_client_for(endpoint)
        self._tokens = {account_sid: auth_token}
        self._clients: dict[str, Client] = {}

    def add_account(self, account_sid: str, auth_token: str) -> None:
        """Make a subaccount reachable (its token comes from the parent's Accounts list)."""
        self._tokens[account_sid] = auth_token

    def token(self, account_sid: str | None = None) -> str:
        return self._tokens[account_sid or self.account_sid]

    def client(self, account_sid: str | None = None) -> Client:
        sid = account_sid or self.account_sid
        found = self._clients.get(sid)
        if found is None:
            found = twilio_client(sid, self._tokens[sid], self.endpoint, self._http)
            self._clients[sid] = found
        return found

    # --- calling ---------------------------------------------------------------------------
    @staticmethod
    def once(fn: Callable[[], T]) -> T:
        try:
            return fn()
        except (TwilioException, requests.RequestException) as exc:
            raise translate(exc) from exc

    def read(self, fn: Callable[[], T]) -> T:
        """A call safe to repeat (reads, updates): throttled and retried."""
        return call_idempotent(lambda: self.once(fn), throttle=self.throttle)

    def write(self, fn: Callable[[], T]) -> T:
        """A call not safe to repeat blindly (create, buy, delete): retried only after a 429."""
        for attempt in range(WRITE_ATTEMPTS):
            with self.throttle.slot():
                try:
                    return self.once(fn)
                except RateLimited as exc:
                    self.throttle.back_off(exc.retry_after or 0.5 * (attempt + 1))
                    if attempt == WRITE_ATTEMPTS - 1:
                        raise
        raise AssertionError("unreachable")  # pragma: no cover
