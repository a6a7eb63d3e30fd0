"""The Numbers API on rest.nexmo.com: list owned, search, buy, cancel, update.

Paging is `index` (1-based) and `size` (default 10, at most 100); the list answer is
`{"count", "numbers"}` with `numbers` left out when the page is empty, as the real API does.
Buy, cancel and update answer the `{"error-code", "error-code-label"}` envelope, with HTTP 420
when the action is refused (not for sale, not yours, unknown application).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.numbers import country_of
from migrator.sandbox.vendor_api import Call
from migrator.sandbox.vonage import catalogue, wire
from migrator.sandbox.vonage.routes import router
from migrator.sandbox.vonage.store import KIND_BY_TYPE, OwnedNumber, VonageStore

MAX_SIZE = 100
DEFAULT_SIZE = 10
VOICE_CALLBACK_TYPES = ("sip", "tel", "app")
T = TypeVar("T")


def paging(params: dict[str, str]) -> tuple[int, int] | Response:
    """(index, size) from the query, or the 400 the API answers for bad values."""
    try:
        index = int(params.get("index") or 1)
        size = int(params.get("size") or DEFAULT_SIZE)
    except ValueError:
        return wire.bad_request("index and size must be integers")
    if index < 1:
        return wire.bad_request("index must be 1 or more")
    if not 1 <= size <= MAX_SIZE:
        return wire.bad_request(f"size must be between 1 and {MAX_SIZE}")
    return index, size


def pattern_filter(params: dict[str, str]) -> Callable[[str], bool] | Response:
    """A predicate on msisdn for `pattern` + `search_pattern` (0 starts, 1 contains, 2 ends)."""
    pattern = params.get("pattern") or ""
    mode = params.get("search_pattern") or "0"
    if mode not in ("0", "1", "2"):
        return wire.bad_request("search_pattern must be 0, 1 or 2")
    if not pattern:
        return lambda _msisdn: True
    if mode == "0":
        return lambda msisdn: msisdn.startswith(pattern)
    if mode == "1":
        return lambda msisdn: pattern in msisdn
    return lambda msisdn: msisdn.endswith(pattern)


def page_of(items: Sequence[T], index: int, size: int) -> Sequence[T]:
    return items[(index - 1) * size : index * size]


def _flag(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    return None


@router.route("GET", r"/account/numbers")
def list_owned(call: Call) -> Response:
    params = wire.fields(call.request)
    pages = paging(params)
    if isinstance(pages, Response):
        return pages
    matches = pattern_filter(params)
    if isinstance(matches, Response):
        return matches
    index, size = pages
    store: VonageStore = call.account.store
    numbers: Sequence[OwnedNumber] = store.sorted_numbers()
    app_id = params.get("application_id")
    has_app = _flag(params["has_application"]) if params.get("has_application") else None
    country = (params.get("country") or "").upper()
    if app_id or has_app is not None or country or params.get("pattern"):
        numbers = [
            n
            for n in numbers
            if (not app_id or n.app_id == app_id)
            and (has_app is None or bool(n.app_id) == has_app)
            and (not country or n.country == country)
            and matches(n.msisdn)
        ]
    body: dict[str, object] = {"count": len(numbers)}
    page = page_of(numbers, index, size)
    if page:
        body["numbers"] = [n.wire() for n in page]
    return Response.json(body)


@router.route("GET", r"/number/search")
def search(call: Call) -> Response:
    params = wire.fields(call.request)
    country = (params.get("country") or "").upper()
    if len(country) != 2:
        return wire.bad_request("country is required (2-letter ISO code)")
    vonage_type = params.get("type") or None
    if vonage_type is not None and vonage_type not in KIND_BY_TYPE:
        return wire.bad_request("type must be landline, mobile-lvn or landline-toll-free")
    pages = paging(params)
    if isinstance(pages, Response):
        return pages
    matches = pattern_filter(params)
    if isinstance(matches, Response):
        return matches
    wanted = {f.strip().upper() for f in (params.get("features") or "").split(",") if f.strip()}
    if not wanted <= {"SMS", "VOICE", "MMS"}:
        return wire.bad_request("features must be a combination of SMS, VOICE and MMS")
    index, size = pages
    digits = catalogue.digits_for(
        country, params.get("pattern") or "", params.get("search_pattern") or "0"
    )
    found = (
        []
        if digits is None
        else catalogue.search(
            call.state,
            call.account,
            country,
            vonage_type,
            digits,
            wanted,
            matches,
            (index + 1) * size,
        )
    )
    body: dict[str, object] = {"count": len(found)}
    page = page_of(found, *pages)
    if page:
        body["numbers"] = [n.wire() for n in page]
    return Response.json(body)


def _number_params(call: Call) -> tuple[dict[str, str], str, str] | Response:
    """The request's fields, its country and its number in E.164; or the 400."""
    params = wire.fields(call.request)
    country = (params.get("country") or "").upper()
    msisdn = (params.get("msisdn") or "").strip().lstrip("+")
    if len(country) != 2:
        return wire.bad_request("country is required (2-letter ISO code)")
    if not msisdn.isdigit():
        return wire.bad_request("msisdn is required (digits, international format)")
    return params, country, "+" + msisdn


def _target(call: Call, params: dict[str, str]) -> Account | Response:
    """The account acted on: the caller, or a subaccount named by target_api_key."""
    key = params.get("target_api_key")
    if not key or key == call.account.key:
        return call.account
    sub = call.state.accounts.get("vonage", key)
    if sub is None or sub.parent_key != call.account.key:
        return wire.envelope(403, "target_api_key is not a subaccount of this account")
    return sub


@router.route("POST", r"/number/buy")
def buy(call: Call) -> Response:
    parsed = _number_params(call)
    if isinstance(parsed, Response):
        return parsed
    params, country, e164 = parsed
    target = _target(call, params)
    if isinstance(target, Response):
        return target
    store: VonageStore = target.store
    if e164 in store.numbers:
        return wire.method_failed("method failed: you already own this number")
    if country_of(e164) != country:
        return wire.method_failed()
    offer = call.account.store.catalogue.take(e164)
    if offer is None:
        return wire.method_failed("method failed: this number is not available for purchase")
    store.add(OwnedNumber(e164, offer.country, offer.type, list(offer.features)))
    return wire.success()


@router.route("POST", r"/number/cancel")
def cancel(call: Call) -> Response:
    parsed = _number_params(call)
    if isinstance(parsed, Response):
        return parsed
    params, country, e164 = parsed
    target = _target(call, params)
    if isinstance(target, Response):
        return target
    store: VonageStore = target.store
    number = store.numbers.get(e164)
    if number is None or number.country != country:
        return wire.method_failed()
    store.pop(e164)
    call.state.numbers.release(e164)
    return wire.success()


@router.route("POST", r"/number/update")
def update(call: Call) -> Response:
    parsed = _number_params(call)
    if isinstance(parsed, Response):
        return parsed
    params, country, e164 = parsed
    store: VonageStore = call.account.store
    number = store.numbers.get(e164)
    if number is None or number.country != country:
        return wire.method_failed()
    changes = _changes(params, store)
    if isinstance(changes, Response):
        return changes
    for name, value in changes.items():
        setattr(number, name, value)
    return wire.success()


def _changes(params: dict[str, str], store: VonageStore) -> dict[str, str | None] | Response:
    """The number settings an update asks for, all validated before any is applied."""
    changes: dict[str, str | None] = {}

    def app(value: str) -> str | Response | None:
        if not value:
            return None
        if value not in store.applications:
            return wire.method_failed("method failed: unknown application")
        return value

    for url_field, attribute in (
        ("moHttpUrl", "mo_http_url"),
        ("voiceStatusCallback", "voice_status_callback"),
    ):
        if url_field in params:
            url = params[url_field].strip()
            if url and not url.startswith(("http://", "https://")):
                return wire.method_failed(f"method failed: {url_field} must be an http(s) URL")
            changes[attribute] = url or None
    if "moSmppSysType" in params:
        changes["mo_smpp_sys_type"] = params["moSmppSysType"] or None
    for app_field in ("app_id", "messagesCallbackValue"):
        if app_field in params:
            linked = app(params[app_field])
            if isinstance(linked, Response):
                return linked
            changes["app_id"] = linked
    if "voiceCallbackType" in params or "voiceCallbackValue" in params:
        kind = params.get("voiceCallbackType", "")
        value = params.get("voiceCallbackValue", "").strip()
        if kind not in VOICE_CALLBACK_TYPES:
            return wire.bad_request("voiceCallbackType must be sip, tel or app")
        if kind == "app":
            linked = app(value)
            if isinstance(linked, Response):
                return linked
            changes.update(app_id=linked, voice_callback_type=None, voice_callback_value=None)
        elif not value:
            changes.update(voice_callback_type=None, voice_callback_value=None)
        elif kind == "sip" and not value.startswith(("sip:", "sips:")):
            return wire.method_failed("method failed: voiceCallbackValue must be a SIP URI")
        elif kind == "tel" and not value.lstrip("+").isdigit():
            return wire.method_failed("method failed: voiceCallbackValue must be a phone number")
        else:
            changes.update(voice_callback_type=kind, voice_callback_value=value)
    return changes
