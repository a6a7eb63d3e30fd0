"""Reading a whole Twilio account tree as fast as Twilio allows.

Twilio pages by token (each page names the next), so one list is read page after page at the
largest page size (1000); what runs in parallel is every list of every account: numbers,
applications, Messaging Services (with their senders), trunks (with origination URLs and
numbers) and SIP domains of the main account and of each subaccount. The throttle keeps all of
it within the account's concurrency limit.

The longest list (usually the main account's numbers) is the critical path, so nothing else
waits on it: as soon as a page arrives the next one is asked for, while a converter thread turns
the page's records into plain data and its numbers into the model with their own webhooks, notes
any TwiML Bin URL among them and fetches that bin's content on the pool at once (with the lists
still being read), so that little is left to do after the last page. Numbers converted before
every account's Messaging Services are known are checked against them at the end (the few in a
service are converted again), and a bin's content goes on its webhooks as soon as it is known.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from migrator.model.inventory import MessagingService, Number, Webhook
from migrator.progress import CancelToken, Progress
from migrator.vendors.twilio import convert
from migrator.vendors.twilio.bins import Bins
from migrator.vendors.twilio.calls import TwilioCalls

PAGE_SIZE = 1000


@dataclass
class ListedNumbers:
    """Numbers in the model as listed, with their own webhooks: `hooks` in the numbers' order,
    `counts[i]` of them for `numbers[i]` (flat, as tens of thousands of small lists would cost
    the garbage collector). `final`: converted knowing every Messaging Service (else as if in
    none), every bin webhook with its content."""

    numbers: list[Number]
    hooks: list[Webhook]
    counts: list[int]
    final: bool

    def each(self) -> Iterator[tuple[Number, list[Webhook]]]:
        """Each number with its webhooks."""
        start = 0
        for number, count in zip(self.numbers, self.counts, strict=True):
            yield number, self.hooks[start : start + count]
            start += count


@dataclass
class AccountRead:
    """What was read from one account: its numbers in the model (settled, so final, once
    read_tree returns), the rest as plain data."""

    sid: str
    numbers: list[ListedNumbers] = field(default_factory=list)
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
        if payloads is not None:
            batch = [convert.payload_record(payload, fields) for payload in payloads]
        else:
            batch = [convert.record(item, fields) for item in page]
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


def services_of(
    reads: dict[str, AccountRead],
) -> tuple[list[MessagingService], dict[str, str]]:
    """Every account's Messaging Services, and the service holding each number (by sid)."""
    services: list[MessagingService] = []
    service_of: dict[str, str] = {}
    for read in reads.values():
        for raw, members in read.services:
            services.append(convert.to_service(raw, tuple(members)))
            service_of.update(dict.fromkeys(members, str(raw["sid"])))
    return services, service_of


class Known:
    """What converting a number needs from the other lists, as it becomes known: TwiML Bin
    content (each bin as it is fetched), and the Messaging Services (once every account's
    services and their senders are read)."""

    def __init__(self, bins: Bins, reads: dict[str, AccountRead]) -> None:
        self.bins = bins
        self._reads = reads
        self._lock = threading.Lock()
        self._reading: set[str] = set()
        self._accounts_known = False
        self._services: tuple[dict[str, str], dict[str, MessagingService]] | None = None

    def reading_services(self, sid: str) -> None:
        with self._lock:
            self._reading.add(sid)

    def services_read(self, sid: str) -> None:
        with self._lock:
            self._reading.discard(sid)
            self._settle()

    def accounts_known(self) -> None:
        with self._lock:
            self._accounts_known = True
            self._settle()

    def _settle(self) -> None:
        if self._accounts_known and not self._reading and self._services is None:
            services, service_of = services_of(self._reads)
            self._services = (service_of, {s.id: s for s in services})

    def services(self) -> tuple[dict[str, str], dict[str, MessagingService]] | None:
        """(service sid of each number sid, services by sid) once all are read, else None."""
        return self._services


NO_SERVICES: dict[str, Any] = {}


def listed_numbers(records: list[dict[str, Any]], known: Known) -> ListedNumbers:
    """Listed numbers in the model with their own webhooks, with what is known so far; each bin
    they point at is asked for."""
    services = known.services()
    service_of, by_id = services or (NO_SERVICES, NO_SERVICES)
    converted = (_with_hooks(convert.to_number(raw, service_of), by_id) for raw in records)
    return _collected(converted, known, final=services is not None)


def settled(listed: ListedNumbers, known: Known) -> ListedNumbers:
    """`listed` with what has become known since it was converted: the numbers in a
    Messaging Service converted again (they were as if in none), bin content on the webhooks.
    Unchanged until every Messaging Service is known."""
    services = known.services()
    if listed.final or services is None:
        return listed
    service_of, by_id = services

    def caught_up(number: Number, hooks: list[Webhook]) -> tuple[Number, list[Webhook]]:
        if number.messaging_service_id is None and number.id in service_of:
            return _with_hooks(convert.to_number(number.config, service_of), by_id)
        return number, hooks

    return _collected((caught_up(*pair) for pair in listed.each()), known, final=True)


def _with_hooks(
    number: Number, services: dict[str, MessagingService]
) -> tuple[Number, list[Webhook]]:
    return number, convert.number_webhooks(number, services)


def _collected(
    converted: Iterator[tuple[Number, list[Webhook]]], known: Known, final: bool
) -> ListedNumbers:
    """Numbers and their webhooks gathered flat, each bin the webhooks point at asked for and
    its content put on them if fetched already; final if `final` and every bin's content is."""
    look_at_hooks = known.bins.look_at_hooks
    numbers: list[Number] = []
    all_hooks: list[Webhook] = []
    counts: list[int] = []
    for number, hooks in converted:
        if hooks:
            final = look_at_hooks(hooks) and final
            all_hooks += hooks
        numbers.append(number)
        counts.append(len(hooks))
    return ListedNumbers(numbers, all_hooks, counts, final)


def _read_numbers(reader: Reader, known: Known, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)

    def seen(records: list[dict[str, Any]]) -> None:
        listed = into.numbers
        listed.append(listed_numbers(records, known))  # pages come in order
        if known.services() is not None:
            # Settle the pages converted before, while the next page is on its way.
            for index, earlier in enumerate(listed):
                if not earlier.final:
                    listed[index] = settled(earlier, known)

    reader.all(
        lambda: client.incoming_phone_numbers.page(page_size=PAGE_SIZE),
        convert.NUMBER_FIELDS,
        "numbers",
        seen,
        copied=True,
    )


def _read_applications(reader: Reader, known: Known, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.applications = reader.all(
        lambda: client.applications.page(page_size=PAGE_SIZE),
        convert.APP_FIELDS,
        "applications",
        known.bins.watch(sid),
    )


def _read_services(reader: Reader, known: Known, sid: str, into: AccountRead) -> None:
    services = reader.calls.client(sid).messaging.v1.services
    raws = reader.all(
        lambda: services.page(page_size=PAGE_SIZE),
        convert.SERVICE_FIELDS,
        "messaging services",
        known.bins.watch(sid),
    )
    for raw in raws:
        senders = services(raw["sid"]).phone_numbers
        members = reader.all(
            partial(senders.page, page_size=PAGE_SIZE), ("sid",), "senders", copied=True
        )
        into.services.append((raw, [m["sid"] for m in members]))
    known.services_read(sid)


def _read_trunks(reader: Reader, known: Known, sid: str, into: AccountRead) -> None:
    trunks = reader.calls.client(sid).trunking.v1.trunks
    raws = reader.all(
        lambda: trunks.page(page_size=PAGE_SIZE),
        convert.TRUNK_FIELDS,
        "trunks",
        known.bins.watch(sid),
    )
    for raw in raws:
        trunk = trunks(raw["sid"])
        originations = reader.all(
            partial(trunk.origination_urls.page, page_size=PAGE_SIZE),
            convert.ORIGINATION_FIELDS,
            "origination URLs",
        )
        numbers = reader.all(
            partial(trunk.phone_numbers.page, page_size=PAGE_SIZE),
            ("sid",),
            "trunk numbers",
            copied=True,
        )
        into.trunks.append((raw, originations, [n["sid"] for n in numbers]))


def _read_domains(reader: Reader, known: Known, sid: str, into: AccountRead) -> None:
    client = reader.calls.client(sid)
    into.domains = reader.all(
        lambda: client.sip.domains.page(page_size=PAGE_SIZE),
        convert.DOMAIN_FIELDS,
        "SIP domains",
        known.bins.watch(sid),
    )


PARTS = (_read_numbers, _read_applications, _read_services, _read_trunks, _read_domains)

ACCOUNT_FIELDS = ("sid", "friendly_name", "owner_account_sid", "status", "auth_token", "type")


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
        bins = Bins(calls, pool, cancel, abort, reader.counter)
        known = Known(bins, reads)

        def start(sid: str) -> list[Future[None]]:
            known.reading_services(sid)
            return [pool.submit(part, reader, known, sid, reads[sid]) for part in PARTS]

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
            known.accounts_known()
            _settle(jobs, abort)
            # Every list is read, so every bin has been asked for.
            _settle(bins.fetches, abort)
            for read in reads.values():
                read.numbers = [settled(listed, known) for listed in read.numbers]
        except BaseException:
            _stop([*jobs, *bins.fetches], abort)
            raise
    return TreeRead(main=main, subaccounts=subaccounts, accounts=reads, bins=bins.found)
