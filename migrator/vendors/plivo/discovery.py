"""Reading a whole Plivo list as fast as the account's limit allows.

Plivo pages by `limit` (at most 20) and `offset`, so once the first page gives `total_count`
every other page can be asked for at once; the throttle keeps the account under its limit.
Offsets shift if the account changes while it is read, so the pages are checked to add up to
`total_count` with no repeats, and the list is read again (once) when they do not.

What bounds a large list is the rate window: the calls of each window wait for those of the
window before to leave it, so the sooner the first window's calls are answered, the sooner the
last window opens. The pool's threads therefore only fetch; turning pages into the model is done
by the calling thread while the window is full (the fetches are waiting for it anyway) or once
every fetch is under way, so it never slows the calls that the next window waits on.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, Generic, TypeVar

import plivo

from migrator.gcpause import collect_young
from migrator.progress import CancelToken
from migrator.vendors.errors import Transient
from migrator.vendors.plivo.convert import plain
from migrator.vendors.plivo.sdk_calls import VENDOR, PlivoCalls

PAGE = 20
T = TypeVar("T")
ListCall = Callable[[plivo.RestClient, int, int], Any]
"""(client, limit, offset) -> the SDK's list response."""
Tick = Callable[[int, int | None], None]
"""(records read so far, total) after each page."""


class PagedList(Generic[T]):
    """One Plivo list: how to fetch a page, turn a record into the model, and name it."""

    def __init__(
        self,
        fetch: ListCall,
        convert: Callable[[dict[str, Any]], T],
        identity: Callable[[T], str],
    ) -> None:
        self.fetch = fetch
        self.convert = convert
        self.identity = identity

    def answer(self, calls: PlivoCalls, offset: int) -> Any:
        """The SDK's answer for the page at `offset`, as it came."""
        return calls.read(lambda client: self.fetch(client, PAGE, offset))

    def records(self, answer: Any) -> tuple[list[T], int]:
        """A page's records in the model, and the list's `total_count`."""
        response = plain(answer)
        meta = response.get("meta") or {}
        objects = response.get("objects") or []
        return [self.convert(raw) for raw in objects], int(meta.get("total_count") or 0)

    def page(self, calls: PlivoCalls, offset: int) -> tuple[list[T], int]:
        return self.records(self.answer(calls, offset))


def read_all(
    calls: PlivoCalls,
    pool: ThreadPoolExecutor,
    listing: PagedList[T],
    cancel: CancelToken,
    tick: Tick,
    first: Future[Any] | None = None,
) -> list[T]:
    """Every record of one list, in the API's order. `first`: the first page, asked for
    already (see `ask_first`)."""
    for _ in range(2):
        records, total = _read_once(calls, pool, listing, cancel, tick, first)
        first = None
        ids = [listing.identity(r) for r in records]
        if len(set(ids)) == len(ids) == total:
            return records
    raise Transient("the Plivo account changed while it was being read; try again", vendor=VENDOR)


def ask_first(calls: PlivoCalls, pool: ThreadPoolExecutor, listing: PagedList[T]) -> Future[Any]:
    """The list's first page, asked for now: lists read one after another can all start at
    once, and the long list's pages go out as soon as the short lists are read."""
    return pool.submit(listing.answer, calls, 0)


POLL = 0.01
"""Seconds between looks at the window while fetched pages wait to be converted."""


class _Counter:
    """A count several threads add to."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self) -> None:
        with self._lock:
            self.value += 1


def _read_once(
    calls: PlivoCalls,
    pool: ThreadPoolExecutor,
    listing: PagedList[T],
    cancel: CancelToken,
    tick: Tick,
    asked: Future[Any] | None,
) -> tuple[list[T], int]:
    cancel.check()
    answer = asked.result() if asked is not None else listing.answer(calls, 0)
    first, total = listing.records(answer)
    tick(len(first), total)
    pages: dict[int, list[T]] = {0: first}

    offsets = range(PAGE, total, PAGE)
    started = _Counter()
    answered: queue.SimpleQueue[tuple[int, Future[Any]]] = queue.SimpleQueue()

    def fetch_page(offset: int) -> Any:
        started.add()
        cancel.check()
        return listing.answer(calls, offset)

    def on_answer(offset: int, future: Future[Any]) -> None:
        answered.put((offset, future))

    futures = []
    for offset in offsets:
        future = pool.submit(fetch_page, offset)
        future.add_done_callback(partial(on_answer, offset))
        futures.append(future)
    fetched: deque[tuple[int, Any]] = deque()
    read = len(first)
    waiting = len(futures)
    try:
        while waiting or fetched:
            # Each answer is handed over once (no look at every page still to come, which
            # would cost this thread time the fetches need, page after page).
            try:
                item = answered.get(timeout=POLL if fetched else 0.2) if waiting else None
                while item is not None:
                    offset, future = item
                    fetched.append((offset, future.result()))
                    waiting -= 1
                    item = answered.get_nowait() if waiting else None
            except queue.Empty:
                pass
            # Converting now delays no call that a later window waits on when the window is full
            # or every remaining fetch is under way.
            under_way = started.value >= len(futures)
            while fetched and (under_way or calls.throttle.saturated()):
                offset, answer = fetched.popleft()
                pages[offset], _ = listing.records(answer)
                read += len(pages[offset])
                tick(read, total)
                collect_young()
            cancel.check()
    finally:
        for future in futures:
            future.cancel()
    return [record for offset in sorted(pages) for record in pages[offset]], total
