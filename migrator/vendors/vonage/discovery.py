"""Reading a whole Vonage account (and its subaccounts) as fast as its rate limit allows.

Owned numbers page by `index` at the largest `size` (100) and applications by `page` at the
largest `page_size` (100). The first page of each says how many there are, so every other page is
fetched at once on a thread pool, each call taking a slot from the account's Throttle and retrying
rate limits and transient faults. Subaccounts are read with their own API key and the primary's
secret.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from migrator.progress import CancelToken, Progress
from migrator.vendors.errors import AuthenticationFailed, PermissionDenied
from migrator.vendors.retry import call_idempotent
from migrator.vendors.throttle import Throttle
from migrator.vendors.vonage.errors import sdk_call
from migrator.vendors.vonage.rest import VonageRest

PAGE = 100
T = TypeVar("T")


@dataclass
class AccountRead:
    """Everything read from one account (the primary or a subaccount)."""

    account_id: str
    settings: dict[str, Any] = field(default_factory=dict)
    numbers: list[dict[str, Any]] = field(default_factory=list)
    applications: list[dict[str, Any]] = field(default_factory=list)


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

    def submit(self, fn: Callable[[], T], doing: str) -> Future[T]:
        def run() -> T:
            self.cancel.check()
            return call_idempotent(lambda: sdk_call(fn, doing), throttle=self.throttle)

        return self.pool.submit(run)

    def result(self, future: Future[T]) -> T:
        """The future's value, checking for cancellation while waiting."""
        while True:
            done, _ = wait([future], timeout=0.2)
            if done:
                return future.result()
            self.cancel.check()

    def counted(self, future: Future[dict[str, Any]]) -> dict[str, Any]:
        body = self.result(future)
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
        self.number_pages: list[Future[dict[str, Any]]] = []
        self.app_pages: list[Future[dict[str, Any]]] = []

    def expand(self) -> None:
        """Wait for the first pages, count, and ask for every other page."""
        reader, client = self.reader, self.client
        body = reader.result(self.first_numbers)
        count = int(body.get("count") or 0)
        reader.numbers_total += count
        self.read.numbers = list(body.get("numbers") or [])
        reader.numbers_read += len(self.read.numbers)
        self.number_pages = [
            reader.submit(partial(client.numbers_page, i, PAGE), "list numbers")
            for i in range(2, math.ceil(count / PAGE) + 1)
        ]
        apps = reader.result(self.first_apps)
        self.read.applications = list(apps.get("_embedded", {}).get("applications") or [])
        self.app_pages = [
            reader.submit(partial(client.applications_page, i, PAGE), "list applications")
            for i in range(2, int(apps.get("total_pages") or 0) + 1)
        ]

    def collect(self) -> AccountRead:
        for future in self.number_pages:
            self.read.numbers.extend(self.reader.counted(future).get("numbers") or [])
        for app_future in self.app_pages:
            page = self.reader.result(app_future)
            self.read.applications.extend(page.get("_embedded", {}).get("applications") or [])
        self.read.settings = self.reader.result(self.settings)
        return self.read
