"""How the emulated Plivo API talks: request parameters, error bodies and offset paging.

Plivo answers every error with `{"api_id": "<uuid>", "error": "<message>"}` and the SDK raises on
the status code, using the `error` text as the message. Lists are `limit` (1..20) / `offset` pages
with a `meta` block whose `next` is a relative URL carrying the following offset.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from migrator.sandbox.http import Request, Response
from migrator.sandbox.vendor_api import Router

ROUTER = Router()
"""Every Plivo route; the routes_* modules register on it."""

ACCOUNT_PREFIX = r"/v1/Account/(?P<auth_id>[A-Z0-9]+)"
MAX_PAGE = 20
T = TypeVar("T")


class ApiError(Exception):
    """Raised by a handler to answer with Plivo's error body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def api_id() -> str:
    return str(uuid.uuid4())


def error(status: int, message: str) -> Response:
    return Response.json({"api_id": api_id(), "error": message}, status)


def reply(body: dict[str, Any], status: int = 200) -> Response:
    """A success body with Plivo's `api_id` first."""
    return Response.json({"api_id": api_id(), **body}, status)


def body(request: Request) -> dict[str, Any]:
    """POST/DELETE parameters: the SDK sends JSON; plain form bodies are accepted too."""
    data = request.json()
    if isinstance(data, dict):
        return data
    if request.body and data is None and "json" in (request.header("Content-Type") or ""):
        raise ApiError(400, "invalid JSON in the request body")
    return {key: values[0] for key, values in request.form().items() if values}


def query(request: Request) -> dict[str, str]:
    return {key: values[0] for key, values in request.query.items() if values}


def text(params: dict[str, Any], name: str) -> str | None:
    """A string parameter, or None when absent or JSON null."""
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flag(params: dict[str, Any], name: str) -> bool | None:
    """A boolean parameter (JSON true/false or the strings 'true'/'false')."""
    value = params.get(name)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ApiError(400, f"{name} must be true or false")


def method(params: dict[str, Any], name: str) -> str | None:
    value = text(params, name)
    if value is None:
        return None
    if value.upper() not in ("GET", "POST"):
        raise ApiError(400, f"{name} must be GET or POST")
    return value.upper()


def _integer(params: dict[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be an integer") from None


def window(request: Request) -> tuple[int, int]:
    """The (limit, offset) a list request asks for, checked as Plivo checks them."""
    params = query(request)
    limit = _integer(params, "limit", MAX_PAGE)
    offset = _integer(params, "offset", 0)
    if not 0 < limit <= MAX_PAGE:
        raise ApiError(400, f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise ApiError(400, "offset must be 0 or more")
    return limit, offset


def page(request: Request, items: Sequence[T]) -> tuple[Sequence[T], dict[str, Any]]:
    """The requested slice of `items` and Plivo's `meta` block for it."""
    limit, offset = window(request)
    params = query(request)
    total = len(items)

    def link(to_offset: int) -> str:
        linked = {**params, "limit": str(limit), "offset": str(to_offset)}
        return f"{request.path}?{urlencode(linked)}"

    meta = {
        "limit": limit,
        "next": link(offset + limit) if offset + limit < total else None,
        "offset": offset,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "total_count": total,
    }
    return items[offset : offset + limit], meta
