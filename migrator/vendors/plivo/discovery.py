"""Reading a whole Plivo list as fast as the account's limit allows.

Plivo pages by `limit` (at most 20) and `offset`, so once the first page gives `total_count`
every other page can be asked for at once; the throttle keeps the account under its limit. Each
page is converted to the model in the worker that fetched it, while others wait on the throttle.
Offsets shift if the account changes while it is read, so the pages are checked to add up to
`total_count` with no repeats, and the list is read again (once) when they do not.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, Generic, TypeVar

import plivo

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

    def page(self, calls: PlivoCalls, offset: int) -> tuple[list[T], int]:
        response = plain(calls.read(lambda client: self.fetch(client, PAGE, offset)))
        meta = response.get("meta") or {}
        objects = response.get("objects") or []
        return [self.convert(raw) for raw in objects], int(meta.get("total_count") or 0)


def read_all(
    calls: PlivoCalls,
    pool: ThreadPoolExecutor,
    listing: PagedList[T],
    cancel: CancelToken,
    tick: Tick,
) -> list[T]:
    """Every record of one list, in the API's order."""
    for _ in range(2):
        records, total = _read_once(calls, pool, listing, cancel, tick)
        ids = [listing.identity(r) for r in records]
        if len(set(ids)) == len(ids) == total:
            return records
    raise Transient("the Plivo account changed while it was being read; try again", vendor=VENDOR)


def _read_once(
    calls: PlivoCalls,
    pool: ThreadPoolExecutor,
    listing: PagedList[T],
    cancel: CancelToken,
    tick: Tick,
) -> tuple[list[T], int]:
    cancel.check()
    first, total = listing.page(calls, 0)
    tick(len(first), total)
    pages: dict[int, list[T]] = {0: first}

    def fetch_page(offset: int) -> tuple[list[T], int]:
        cancel.check()
        return listing.page(calls, offset)

    futures: dict[Future[tuple[list[T], int]], int] = {
        pool.submit(fetch_page, offset): offset for offset in range(PAGE, total, PAGE)
    }
    read = len(first)
    try:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_EXCEPTION)
            for future in done:
                records, _ = future.result()
                pages[futures[future]] = records
                read += len(records)
                tick(read, total)
            cancel.check()
    finally:
        for future in futures:
            future.cancel()
    return [record for offset in sorted(pages) for record in pages[offset]], total
