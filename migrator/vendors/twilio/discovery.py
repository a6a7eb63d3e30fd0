"""Reading a whole Twilio account tree as fast as Twilio allows.

Twilio pages by token (each page names the next), so one list is read page after page at the
largest page size (1000); what runs in parallel is every list of every account: numbers,
applications, Messaging Services (with their senders), trunks (with origination URLs and
numbers) and SIP domains of the main account and of each subaccount. The throttle keeps all of
it within the account's concurrency limit.

The longest list (usually the main account's numbers) is the critical path, so nothing else
waits on it: as soon as a page arrives the next one is asked for, while a converter thread turns
the page's records into plain data, notes any TwiML Bin URL in them and fetches that bin's
content on the pool at once (with the lists still being read), and works out what the inventory
will need from each number (country, type), so that little is left to do after the last page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Sequence
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


Seen = Callable[[list[dict[str, Any]]], None]
"""Told each page's records as plain data, on the converter thread."""
CHUNK = 100
"""Records converted between pauses that let the list readers have the interpreter."""


class Reader:
    """Reads lists page by page; stops at the next page once cancelled or aborted."""

    def __init__(
        self,
        calls: TwilioCalls,
        counter: _Counter,
        cancel: CancelToken,
        abort: CancelToken,
        converter: ThreadPoolExecutor,
    ) -> None:
        self.calls = calls
        self.counter = counter
        self.cancel = cancel
        self.abort = abort
        self.converter = converter

    def all(
        self,
        first: Callable[[], Any],
        fields: tuple[str, ...],
        what: str,
        seen: Seen | None = None,
        copied: bool = False,
    ) -> list[Any]:
        """Every record of one list, as plain data. The SDK builds a page's records lazily, so
        the page goes to the converter and this thread asks for the next one straight away.
        `copied`: the list's SDK instances copy each of `fields` from the payload unchanged,
        so the records can be taken from the payload (see `_payload_records`)."""
        self.cancel.check()
        page = self.calls.read(first)
        batches: list[Future[list[dict[str, Any]]]] = []
        while page is not None:
            work = partial(self._convert, page, fields, what, seen, copied)
            batches.append(self.converter.submit(work))
            self.cancel.check()
            self.abort.check()
            page = self.calls.read(page.next_page)
        found: list[dict[str, Any]] = []
        for batch in batches:
            found += batch.result()
        return found

    def _convert(
        self, page: Any, fields: tuple[str, ...], what: str, seen: Seen | None, copied: bool
    ) -> list[dict[str, Any]]:
        payloads = _payload_records(page) if copied else None
        batch: list[dict[str, Any]] = []
        if payloads is not None:
            batch = [convert.payload_record(payload, fields) for payload in payloads]
        else:
            for item in page:
                batch.append(convert.record(item, fields))
                if len(batch) % CHUNK == 0:
                    time.sleep(0)  # a reader whose page has arrived goes first
        if seen is not None:
            seen(batch)
        self.counter.add(len(batch), what)
        return batch


def _payload_records(page: Any) -> list[dict[str, Any]] | None:
    """A page's records as the API sent them, or None where this SDK keeps them elsewhere.

    Building an SDK instance per record (what iterating a page does) costs more than reading the
    page, and competes with the reader for the interpreter. twilio 9 keeps the parsed body in
    `Page._payload` (private; the SDK is pinned) and finds the records in it with the public
    `load_page`. Should a future SDK drop the attribute, the records are built as instances
    again: slower, same result."""
    payload = getattr(page, "_payload", None)
    if not isinstance(payload, dict):
        return None
    records = page.load_page(payload)
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return None
    return records


class Bins:
    """TwiML Bins named by the records read so far, each fetched once, as soon as it is seen."""

    def __init__(self, calls: TwilioCalls, pool: ThreadPoolExecutor, reader: Reader) -> None:
        self.calls = calls
        self.pool = pool
        self.reader = reader
        self.found: dict[tuple[str, str], str | None] = {}
        self.fetches: list[Future[None]] = []
        self._asked: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def watch(self, sid: str) -> Seen:
        """What to tell about records of account `sid` that may hold bin URLs."""
        return partial(self.look, sid)

    def look(self, sid: str, records: list[dict[str, Any]]) -> None:
        for config in records:
            for value in config.values():
                # Most values are not URLs at all: a substring test first spares the parsing.
                if (
                    isinstance(value, str)
                    and BIN_HOST in value.lower()
                    and urlsplit(value).hostname == BIN_HOST
                ):
                    self._ask(sid, value)

    def _ask(self, sid: str, url: str) -> None:
        key = (sid, url)
        with self._lock:
            if key in self._asked:
                return
            self._asked.add(key)
            self.fetches.append(self.pool.submit(self._fetch, key))

    def _fetch(self, key: tuple[str, str]) -> None:
        self.reader.cancel.check()
        self.reader.abort.check()
        content = bin_content(self.calls, *key)
        with self._lock:
            self.found[key] = content
        self.reader.counter.add(1, "TwiML Bins")


def _prime_numbers(records: list[dict[str, Any]]) -> None:
    for raw in records:
        convert.prime(raw)


def _read_numbers(reader: Reader, bins: Bins, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    look = bins.watch(sid)

    def seen(records: list[dict[str, Any]]) -> None:
        look(records)
        _prime_numbers(records)

    into.numbers = reader.all(
        lambda: client.incoming_phone_numbers.page(page_size=PAGE_SIZE),
        convert.NUMBER_FIELDS,
        "numbers",
        seen,
        copied=True,
    )


def _read_applications(reader: Reader, bins: Bins, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.applications = reader.all(
        lambda: client.applications.page(page_size=PAGE_SIZE),
        convert.APP_FIELDS,
        "applications",
        bins.watch(sid),
    )


def _read_services(reader: Reader, bins: Bins, sid: str, into: AccountRead) -> None:
    services = reader.calls.client(sid).messaging.v1.services
    raws = reader.all(
        lambda: services.page(page_size=PAGE_SIZE),
        convert.SERVICE_FIELDS,
        "messaging services",
        bins.watch(sid),
    )
    for raw in raws:
        senders = services(raw["sid"]).phone_numbers
        members = reader.all(partial(senders.page, page_size=PAGE_SIZE), ("sid",), "senders")
        into.services.append((raw, [m["sid"] for m in members]))


def _read_trunks(reader: Reader, bins: Bins, sid: str, into: AccountRead) -> None:
    trunks = reader.calls.client(sid).trunking.v1.trunks
    raws = reader.all(
        lambda: trunks.page(page_size=PAGE_SIZE),
        convert.TRUNK_FIELDS,
        "trunks",
        bins.watch(sid),
    )
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


def _read_domains(reader: Reader, bins: Bins, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.domains = reader.all(
        lambda: client.sip.domains.page(page_size=PAGE_SIZE),
        convert.DOMAIN_FIELDS,
        "SIP domains",
        bins.watch(sid),
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


def _settle(futures: Sequence[Future[None]], abort: CancelToken) -> None:
    """Wait for the futures; the first failure stops the others at their next page."""
    done, pending = wait(futures, return_when=FIRST_EXCEPTION)
    failed = next((f for f in done if f.exception() is not None), None)
    if failed is not None:
        _stop(pending, abort)
        raise failed.exception()  # type: ignore[misc]


def _stop(futures: Collection[Future[None]], abort: CancelToken) -> None:
    """Stop what has not started, and wait for the rest to stop at their next page."""
    abort.cancel("another list failed")
    for future in futures:
        future.cancel()
    wait(futures)


def read_tree(
    calls: TwilioCalls, pool: ThreadPoolExecutor, progress: Progress, cancel: CancelToken
) -> TreeRead:
    """Every account of the tree (the main one and its active subaccounts), and every bin.

    The main account's lists are read from the start; the Accounts list, read meanwhile,
    names the subaccounts (with their tokens), whose lists follow."""
    abort = CancelToken()
    main_sid = calls.account_sid
    reads = {main_sid: AccountRead(main_sid)}
    with ThreadPoolExecutor(1, "twilio-convert") as converter:
        reader = Reader(calls, _Counter(progress), cancel, abort, converter)
        bins = Bins(calls, pool, reader)

        def start(sid: str) -> list[Future[None]]:
            return [pool.submit(part, reader, bins, sid, reads[sid]) for part in PARTS]

        jobs = start(main_sid)
        try:
            accounts = reader.all(
                lambda: calls.client().api.v2010.accounts.page(page_size=PAGE_SIZE),
                ACCOUNT_FIELDS,
                "accounts",
            )
            main = next((a for a in accounts if a["sid"] == main_sid), {"sid": main_sid})
            subaccounts = [
                a
                for a in accounts
                if a["sid"] != main_sid and a.get("owner_account_sid") == main_sid
            ]
            for sub in subaccounts:
                if sub.get("status") == "active" and sub.get("auth_token"):
                    calls.add_account(sub["sid"], sub["auth_token"])
                    reads[sub["sid"]] = AccountRead(sub["sid"])
                    jobs += start(sub["sid"])
            _settle(jobs, abort)
            # Every list is read, so every bin has been asked for.
            _settle(bins.fetches, abort)
        except BaseException:
            _stop([*jobs, *bins.fetches], abort)
            raise
    return TreeRead(main=main, subaccounts=subaccounts, accounts=reads, bins=bins.found)
