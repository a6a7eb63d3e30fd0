"""Reading a whole Vonage account (and its subaccounts) as fast as its rate limit allows.

Owned numbers page by `index` at the largest `size` (100) and applications by `page` at the
largest `page_size` (100). The first page of each says how many there are, so every other page is
fetched at once on a thread pool, each call taking a slot from the account's Throttle and retrying
rate limits and transient faults. Subaccounts are read with their own API key and the primary's
secret.

What bounds a large account is the rate window: each window's calls wait for those of the window
before to leave it. The pool's threads therefore only fetch, and the calling thread turns number
pages into the model while the window is full (the fetches are waiting for it anyway) or once
every fetch is under way, so that little is left to do after the last page and the conversion
never slows a call a later window waits on.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from migrator.gcpause import collect_young
from migrator.model.inventory import Number, Webhook
from migrator.progress import CancelToken, Progress
from migrator.vendors.errors import AuthenticationFailed, PermissionDenied
from migrator.vendors.retry import call_idempotent
from migrator.vendors.throttle import Throttle
from migrator.vendors.vonage import mapping
from migrator.vendors.vonage.errors import sdk_call
from migrator.vendors.vonage.rest import VonageRest

PAGE = 100
POLL = 0.01
"""Seconds between looks at the window while a fetched page waits to be converted."""
T = TypeVar("T")
NumberRead = tuple[Number, list[Webhook]]
"""A listed number in the model, with the webhooks set on it."""


@dataclass
class AccountRead:
    """Everything read from one account (the primary or a subaccount); numbers in the model,
    in the order listed."""

    account_id: str
    settings: dict[str, Any] = field(default_factory=dict)
    numbers: list[NumberRead] = field(default_factory=list)
    applications: list[dict[str, Any]] = field(default_factory=list)


def numbers_read(raws: list[dict[str, Any]], account_id: str) -> list[NumberRead]:
    return [
        (mapping.number_from(r, account_id), mapping.number_webhooks(r, account_id)) for r in raws
    ]


@dataclass
class AccountTree:
    primary: AccountRead
    primary_name: str
    subaccounts: list[dict[str, Any]]
    reads: list[AccountRead]


class Reader:
    """Runs page reads on a pool, in order of need, within one account family's throttle."""

    def __init__(
        self,
        pool: ThreadPoolExecutor,
        throttle: Throttle,
        progress: Progress,
        cancel: CancelToken,
    ) -> None:
        self.pool = pool
        self.throttle = throttle
        self.progress = progress
        self.cancel = cancel
        self.numbers_read = 0
        self.numbers_total = 0
        self._calls = threading.Condition()
        """Guards the counts below; notified as each call ends."""
        self._submitted = 0
        self._started = 0

    def submit(self, fn: Callable[[], T], doing: str) -> Future[T]:
        def run() -> T:
            with self._calls:
                self._started += 1
            self.cancel.check()
            return call_idempotent(lambda: sdk_call(fn, doing), throttle=self.throttle)

        with self._calls:
            self._submitted += 1
        future = self.pool.submit(run)
        future.add_done_callback(self._ended)
        return future

    def _ended(self, future: Future[Any]) -> None:
        with self._calls:
            if future.cancelled():
                self._started += 1  # it never will: no longer waiting for a thread
            self._calls.notify_all()

    def calls_could_start(self) -> bool:
        """Whether a call is waiting for a thread while the window has room: work on this
        thread now would slow it (and every call a later window waits on)."""
        if self.throttle.saturated():
            return False
        with self._calls:
            return self._started < self._submitted

    def when_idle(self, future: Future[T]) -> T:
        """The future's value, once the calls still to come could not use the time anyway."""
        value = self.result(future)
        while self.calls_could_start():
            with self._calls:
                self._calls.wait(POLL)
            self.cancel.check()
        return value

    def result(self, future: Future[T]) -> T:
        """The future's value, checking for cancellation while waiting."""
        while True:
            done, _ = wait([future], timeout=0.2)
            if done:
                return future.result()
            self.cancel.check()

    def counted(self, body: dict[str, Any]) -> dict[str, Any]:
        self.numbers_read += len(body.get("numbers") or ())
        self.progress(self.numbers_read, self.numbers_total or None, "reading Vonage numbers")
        return body


def read_account_tree(
    primary: VonageRest,
    subaccount_client: Callable[[str], VonageRest],
    reader: Reader,
) -> AccountTree:
    """The primary account and every subaccount it can see, read in parallel: first pages of
    every account, then (with every count known) all remaining pages at once."""
    subs_future = reader.submit(primary.subaccounts, "list subaccounts")
    readings = [AccountReading(primary, reader)]
    listing = reader.result(subs_future)
    subaccounts: list[dict[str, Any]] = listing.get("subaccounts", [])
    readings += [
        AccountReading(subaccount_client(str(sub["api_key"])), reader) for sub in subaccounts
    ]
    for reading, sub in zip(readings, [None, *subaccounts], strict=True):
        try:
            reading.expand()
        except AuthenticationFailed as exc:
            if sub is None:
                raise
            raise PermissionDenied(
                f"Vonage did not let the primary account read subaccount {sub['api_key']} "
                f"({sub.get('name', '')}); add that subaccount as its own profile",
                vendor=exc.vendor,
                status=exc.status,
                code=exc.code,
                vendor_message=exc.vendor_message,
            ) from exc
    for reading in readings:
        reading.convert_numbers()
    reads = [reading.collect() for reading in readings]
    return AccountTree(reads[0], str(listing.get("primary_name", "")), subaccounts, reads)


class AccountReading:
    """One account being read: first pages asked for on creation, the rest on `expand`."""

    def __init__(self, client: VonageRest, reader: Reader) -> None:
        self.client = client
        self.reader = reader
        self.read = AccountRead(client.account_id)
        self.settings = reader.submit(client.settings, "read account settings")
        self.first_numbers = reader.submit(partial(client.numbers_page, 1, PAGE), "list numbers")
        self.first_apps = reader.submit(
            partial(client.applications_page, 1, PAGE), "list applications"
        )
        self.number_pages: list[Future[dict[str, Any]]] = [self.first_numbers]
        self.app_pages: list[Future[dict[str, Any]]] = []

    def expand(self) -> None:
        """Wait for the first pages, count, and ask for every other page."""
        reader, client = self.reader, self.client
        body = reader.result(self.first_numbers)
        count = int(body.get("count") or 0)
        reader.numbers_total += count
        self.number_pages += [
            reader.submit(partial(client.numbers_page, i, PAGE), "list numbers")
            for i in range(2, math.ceil(count / PAGE) + 1)
        ]
        apps = reader.result(self.first_apps)
        self.read.applications = list(apps.get("_embedded", {}).get("applications") or [])
        self.app_pages = [
            reader.submit(partial(client.applications_page, i, PAGE), "list applications")
            for i in range(2, int(apps.get("total_pages") or 0) + 1)
        ]

    def convert_numbers(self) -> None:
        """Every page of numbers in the model, each as soon as that delays no call."""
        for future in self.number_pages:
            body = self.reader.counted(self.reader.when_idle(future))
            self.read.numbers += numbers_read(body.get("numbers") or [], self.read.account_id)
            collect_young()

    def collect(self) -> AccountRead:
        for app_future in self.app_pages:
            page = self.reader.result(app_future)
            self.read.applications.extend(page.get("_embedded", {}).get("applications") or [])
        self.read.settings = self.reader.result(self.settings)
        return self.read
