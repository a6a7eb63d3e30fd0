"""Reading a whole Twilio account tree as fast as Twilio allows.

Twilio pages by token (each page names the next), so one list is read page after page at the
largest page size (1000); what runs in parallel is every list of every account: numbers,
applications, Messaging Services (with their senders), trunks (with origination URLs and
numbers) and SIP domains of the main account and of each subaccount, then the content of every
TwiML Bin the URLs point at. The throttle keeps all of it within the account's concurrency limit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from twilio.request_validator import RequestValidator

from migrator.progress import CancelToken, Progress
from migrator.vendors.errors import AuthenticationFailed, NotFound, PermissionDenied
from migrator.vendors.twilio import convert
from migrator.vendors.twilio.calls import TwilioCalls
from migrator.vendors.twilio.errors import error_of_response

PAGE_SIZE = 1000
BIN_HOST = "handler.twilio.com"


@dataclass
class AccountRead:
    """The raw records of one account, as plain data."""

    sid: str
    numbers: list[dict[str, Any]] = field(default_factory=list)
    applications: list[dict[str, Any]] = field(default_factory=list)
    services: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)
    trunks: list[tuple[dict[str, Any], list[dict[str, Any]], list[str]]] = field(
        default_factory=list
    )
    domains: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TreeRead:
    main: dict[str, Any]
    subaccounts: list[dict[str, Any]]
    accounts: dict[str, AccountRead]
    bins: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """(account sid, bin URL) -> the TwiML it serves (None when it could not be read)."""


class _Counter:
    def __init__(self, progress: Progress) -> None:
        self._lock = threading.Lock()
        self._done = 0
        self._progress = progress

    def add(self, count: int, what: str) -> None:
        with self._lock:
            self._done += count
            done = self._done
        self._progress(done, None, f"reading Twilio {what}")


class Reader:
    """Reads lists page by page; stops at the next page once cancelled or aborted."""

    def __init__(
        self, calls: TwilioCalls, counter: _Counter, cancel: CancelToken, abort: CancelToken
    ) -> None:
        self.calls = calls
        self.counter = counter
        self.cancel = cancel
        self.abort = abort

    def all(self, first: Callable[[], Any], fields: tuple[str, ...], what: str) -> list[Any]:
        self.cancel.check()
        page = self.calls.read(first)
        found: list[dict[str, Any]] = []
        while page is not None:
            batch = [convert.record(item, fields) for item in page]
            found += batch
            self.counter.add(len(batch), what)
            self.cancel.check()
            self.abort.check()
            page = self.calls.read(page.next_page)
        return found


def _read_numbers(reader: Reader, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.numbers = reader.all(
        lambda: client.incoming_phone_numbers.page(page_size=PAGE_SIZE),
        convert.NUMBER_FIELDS,
        "numbers",
    )


def _read_applications(reader: Reader, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.applications = reader.all(
        lambda: client.applications.page(page_size=PAGE_SIZE), convert.APP_FIELDS, "applications"
    )


def _read_services(reader: Reader, sid: str, into: AccountRead) -> None:
    services = reader.calls.client(sid).messaging.v1.services
    raws = reader.all(
        lambda: services.page(page_size=PAGE_SIZE), convert.SERVICE_FIELDS, "messaging services"
    )
    for raw in raws:
        senders = services(raw["sid"]).phone_numbers
        members = reader.all(partial(senders.page, page_size=PAGE_SIZE), ("sid",), "senders")
        into.services.append((raw, [m["sid"] for m in members]))


def _read_trunks(reader: Reader, sid: str, into: AccountRead) -> None:
    trunks = reader.calls.client(sid).trunking.v1.trunks
    raws = reader.all(lambda: trunks.page(page_size=PAGE_SIZE), convert.TRUNK_FIELDS, "trunks")
    for raw in raws:
        trunk = trunks(raw["sid"])
        originations = reader.all(
            partial(trunk.origination_urls.page, page_size=PAGE_SIZE),
            convert.ORIGINATION_FIELDS,
            "origination URLs",
        )
        numbers = reader.all(
            partial(trunk.phone_numbers.page, page_size=PAGE_SIZE), ("sid",), "trunk numbers"
        )
        into.trunks.append((raw, originations, [n["sid"] for n in numbers]))


def _read_domains(reader: Reader, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.domains = reader.all(
        lambda: client.sip.domains.page(page_size=PAGE_SIZE), convert.DOMAIN_FIELDS, "SIP domains"
    )


PARTS = (_read_numbers, _read_applications, _read_services, _read_trunks, _read_domains)

ACCOUNT_FIELDS = ("sid", "friendly_name", "owner_account_sid", "status", "auth_token", "type")


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


def _run_all(
    pool: ThreadPoolExecutor, jobs: Sequence[Callable[[], None]], abort: CancelToken
) -> None:
    """Run the jobs in the pool; the first failure stops the others at their next page."""
    futures: list[Future[None]] = [pool.submit(job) for job in jobs]
    done, pending = wait(futures, return_when=FIRST_EXCEPTION)
    failed = next((f for f in done if f.exception() is not None), None)
    if failed is not None:
        abort.cancel("another list failed")
        for future in pending:
            future.cancel()
        wait(pending)
        raise failed.exception()  # type: ignore[misc]


def read_tree(
    calls: TwilioCalls, pool: ThreadPoolExecutor, progress: Progress, cancel: CancelToken
) -> TreeRead:
    """Every account of the tree (the main one and its active subaccounts), then the bins."""
    abort = CancelToken()
    reader = Reader(calls, _Counter(progress), cancel, abort)
    main_sid = calls.account_sid
    accounts = reader.all(
        lambda: calls.client().api.v2010.accounts.page(page_size=PAGE_SIZE),
        ACCOUNT_FIELDS,
        "accounts",
    )
    main = next((a for a in accounts if a["sid"] == main_sid), {"sid": main_sid})
    subaccounts = [
        a for a in accounts if a["sid"] != main_sid and a.get("owner_account_sid") == main_sid
    ]
    reads = {main_sid: AccountRead(main_sid)}
    for sub in subaccounts:
        if sub.get("status") == "active" and sub.get("auth_token"):
            calls.add_account(sub["sid"], sub["auth_token"])
            reads[sub["sid"]] = AccountRead(sub["sid"])
    jobs = [partial(part, reader, sid, reads[sid]) for sid in reads for part in PARTS]
    _run_all(pool, jobs, abort)
    tree = TreeRead(main=main, subaccounts=subaccounts, accounts=reads)
    _read_bins(tree, calls, pool, reader)
    return tree


def _read_bins(
    tree: TreeRead, calls: TwilioCalls, pool: ThreadPoolExecutor, reader: Reader
) -> None:
    wanted: set[tuple[str, str]] = set()
    for sid, read in tree.accounts.items():
        configs = read.numbers + read.applications + [s for s, _ in read.services] + read.domains
        configs += [t for t, _, _ in read.trunks]
        for config in configs:
            for value in config.values():
                if isinstance(value, str) and urlsplit(value).hostname == BIN_HOST:
                    wanted.add((sid, value))

    def fetch(key: tuple[str, str]) -> None:
        reader.cancel.check()
        tree.bins[key] = bin_content(calls, *key)
        reader.counter.add(1, "TwiML Bins")

    _run_all(pool, [partial(fetch, key) for key in sorted(wanted)], reader.abort)
