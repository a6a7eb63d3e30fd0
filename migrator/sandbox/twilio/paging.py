"""Twilio's two list formats.

api.twilio.com (2010-04-01): the records under one key plus `page`, `page_size`, `start`, `end`,
`uri`, `first_page_uri`, `next_page_uri`, `previous_page_uri` (relative). The SDK refuses a list
body with more than one key outside those, so nothing else may be added.
v1 APIs (messaging, trunking, numbers): `{"meta": {..., "key", "next_page_url"}, key: [...]}`
with absolute URLs.

Page tokens name the SID the page starts after (PA...) or ends before (PB...), so a client
following next links never skips or repeats a record when others are deleted meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from migrator.sandbox.twilio.errors import bad_request
from migrator.sandbox.twilio.params import Params

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000


T = TypeVar("T")


def _sid(item: Any) -> str:
    return str(item.sid)


@dataclass(frozen=True)
class PageWindow:
    page: int
    page_size: int
    start: int
    records: list[Any]
    next_token: str | None
    previous_token: str | None


def _window(params: Params, items: Sequence[T], sid_of: Callable[[T], str]) -> PageWindow:
    page_size = params.integer("PageSize", 1, MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    page = params.integer("Page", 0, 10**9) or 0
    token = params.text("PageToken") or ""
    start = page * page_size
    if token[:2] in ("PA", "PB") and len(token) > 2:
        position = {sid_of(item): index for index, item in enumerate(items)}
        anchor = token[2:]
        if anchor not in position:
            raise bad_request(20001, f"Invalid PageToken: {token}")
        if token.startswith("PA"):
            start = position[anchor] + 1
        else:
            start = max(0, position[anchor] - page_size)
    elif token:
        raise bad_request(20001, f"Invalid PageToken: {token}")
    chunk = list(items[start : start + page_size])
    more = start + page_size < len(items)
    return PageWindow(
        page=page,
        page_size=page_size,
        start=start,
        records=chunk,
        next_token=f"PA{sid_of(chunk[-1])}" if chunk and more else None,
        previous_token=f"PB{sid_of(chunk[0])}" if chunk and start > 0 else None,
    )


def _link(base: str, filters: dict[str, str], size: int, page: int, token: str | None) -> str:
    query = dict(filters)
    query.update({"PageSize": str(size), "Page": str(page)})
    if token:
        query["PageToken"] = token
    return f"{base}?{urlencode(query)}"


def v2010_list(
    params: Params,
    items: Sequence[T],
    key: str,
    render: Callable[[T], dict[str, Any]],
    path: str,
    filters: dict[str, str] | None = None,
    sid_of: Callable[[T], str] = _sid,
) -> dict[str, Any]:
    """One page of an api.twilio.com list; `path` is the list's own path (…/Things.json)."""
    filters = filters or {}
    window = _window(params, items, sid_of)
    size, page = window.page_size, window.page
    return {
        key: [render(item) for item in window.records],
        "start": window.start,
        "end": window.start + max(len(window.records) - 1, 0),
        "page": page,
        "page_size": size,
        "uri": _link(path, filters, size, page, params.text("PageToken")),
        "first_page_uri": _link(path, filters, size, 0, None),
        "next_page_uri": (
            _link(path, filters, size, page + 1, window.next_token) if window.next_token else None
        ),
        "previous_page_uri": (
            _link(path, filters, size, max(page - 1, 0), window.previous_token)
            if window.previous_token
            else None
        ),
    }


def v1_list(
    params: Params,
    items: Sequence[T],
    key: str,
    render: Callable[[T], dict[str, Any]],
    url: str,
    sid_of: Callable[[T], str] = _sid,
) -> dict[str, Any]:
    """One page of a v1 list; `url` is the absolute list URL (https://host/v1/Things)."""
    window = _window(params, items, sid_of)
    size, page = window.page_size, window.page
    return {
        "meta": {
            "page": page,
            "page_size": size,
            "first_page_url": _link(url, {}, size, 0, None),
            "previous_page_url": (
                _link(url, {}, size, max(page - 1, 0), window.previous_token)
                if window.previous_token
                else None
            ),
            "url": _link(url, {}, size, page, params.text("PageToken")),
            "next_page_url": (
                _link(url, {}, size, page + 1, window.next_token) if window.next_token else None
            ),
            "key": key,
        },
        key: [render(item) for item in window.records],
    }
