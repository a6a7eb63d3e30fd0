"""TwiML Bins met during discovery: recognised by their host, each fetched once, as soon as a
record names it, and their content put on the webhooks that point at them.

A bin has no REST resource: its content is what Twilio serves to a GET signed as Twilio signs
its own webhook requests (X-Twilio-Signature keyed with the owning account's auth token).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Protocol
from urllib.parse import urlsplit

from twilio.request_validator import RequestValidator

from migrator.model.enums import HostedBy
from migrator.model.inventory import Webhook
from migrator.model.urls import hosted_by
from migrator.progress import CancelToken
from migrator.vendors.errors import AuthenticationFailed, NotFound, PermissionDenied
from migrator.vendors.twilio.calls import TwilioCalls
from migrator.vendors.twilio.errors import error_of_response

BIN_HOST = "handler.twilio.com"


class Counter(Protocol):
    """Told how many of what were read (for progress)."""

    def add(self, count: int, what: str) -> None: ...


class Bins:
    """TwiML Bins named by the records read so far, each fetched once, as soon as it is seen."""

    def __init__(
        self,
        calls: TwilioCalls,
        pool: ThreadPoolExecutor,
        cancel: CancelToken,
        abort: CancelToken,
        counter: Counter,
    ) -> None:
        self.calls = calls
        self.pool = pool
        self.cancel = cancel
        self.abort = abort
        self.counter = counter
        self.found: dict[tuple[str, str], str | None] = {}
        self.fetches: list[Future[None]] = []
        self._asked: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def watch(self, sid: str) -> Callable[[list[dict[str, Any]]], None]:
        """What to tell about records of account `sid` that may hold bin URLs."""
        return partial(self.look, sid)

    def look(self, sid: str, records: list[dict[str, Any]]) -> None:
        for config in records:
            for value in config.values():
                if isinstance(value, str):
                    self._look_at(sid, value)

    def look_at_hooks(self, hooks: list[Webhook]) -> bool:
        """Ask for every bin the hooks point at; put the content of those fetched already on
        them (in place). Whether every hook that points at a bin now carries its content."""
        found = self.found
        complete = True
        for index, hook in enumerate(hooks):
            if is_bin_url(hook.url):
                key = (hook.account_id, hook.url)
                if key in found:
                    hooks[index] = hook.with_content(found[key])
                else:
                    self._ask(*key)
                    complete = complete and key in found
        return complete

    def _look_at(self, sid: str, value: str) -> None:
        if is_bin_url(value):
            self._ask(sid, value)

    def _ask(self, sid: str, url: str) -> None:
        key = (sid, url)
        with self._lock:
            if key in self._asked:
                return
            self._asked.add(key)
            self.fetches.append(self.pool.submit(self._fetch, key))

    def _fetch(self, key: tuple[str, str]) -> None:
        self.cancel.check()
        self.abort.check()
        content = bin_content(self.calls, *key)
        with self._lock:
            self.found[key] = content
        self.counter.add(1, "TwiML Bins")


def is_bin_url(url: str) -> bool:
    """Whether a TwiML Bin serves the URL. Most URLs are not bins at all: a substring test
    first spares the parsing."""
    return BIN_HOST in url.lower() and hosted_by(url) is HostedBy.TWIML_BIN


def with_content(hook: Webhook, bins: dict[tuple[str, str], str | None]) -> Webhook:
    """The webhook with the content of the TwiML Bin it points at (if it does)."""
    if not is_bin_url(hook.url):
        return hook
    return hook.with_content(bins.get((hook.account_id, hook.url)))


def bin_content(calls: TwilioCalls, account_sid: str, url: str) -> str | None:
    """A TwiML Bin's content, by a GET signed as Twilio signs its own webhook requests
    (X-Twilio-Signature keyed with the owning account's auth token)."""
    joiner = "&" if urlsplit(url).query else "?"
    signed = f"{url}{joiner}AccountSid={account_sid}"
    signature = RequestValidator(calls.token(account_sid)).compute_signature(signed, {})
    client = calls.client(account_sid)

    def fetch() -> str:
        response = client.request(
            "GET",
            url,
            params={"AccountSid": account_sid},
            headers={"X-Twilio-Signature": signature, "Accept": "application/xml"},
        )
        if response.status_code != 200:
            raise error_of_response(int(response.status_code), str(response.text))
        return str(response.text)

    try:
        return calls.read(fetch)
    except (NotFound, PermissionDenied, AuthenticationFailed):
        return None  # deleted, or a bin of an account we cannot sign for
