"""Plivo's Number (numbers the account rents) and PhoneNumber (search and buy) resources.

Docs: docs.plivo.com/docs/numbers/api/account-phone-number and .../phone-number. Update answers
202 `{"message": "changed"}`, unrent 204, buy 201 with a `numbers[].status` of "Success", or
"pending" when the number needs documents (a `restriction`) and none were given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from migrator.sandbox.http import Response
from migrator.sandbox.plivo import catalogue
from migrator.sandbox.plivo.geography import pool_kind
from migrator.sandbox.plivo.protocol import (
    ACCOUNT_PREFIX,
    ROUTER,
    ApiError,
    body,
    page,
    query,
    reply,
    text,
    window,
)
from migrator.sandbox.plivo.resources import (
    PlivoNumber,
    PlivoStore,
    render_number,
    render_offer,
    visible,
)
from migrator.sandbox.plivo.scope import Scope
from migrator.sandbox.vendor_api import Call

_NUMBER = ACCOUNT_PREFIX + r"/Number/(?P<number>[0-9]+)/"
_OFFER = ACCOUNT_PREFIX + r"/PhoneNumber/(?P<number>[0-9]+)/"
_SERVICES = ("voice", "sms", "mms")


def _services(raw: str | None) -> frozenset[str]:
    if not raw:
        return frozenset()
    wanted = frozenset(part.strip().lower() for part in raw.split(",") if part.strip())
    unknown = wanted - set(_SERVICES)
    if unknown:
        raise ApiError(400, f"services must be a comma-separated list of {', '.join(_SERVICES)}")
    return wanted


def _enabled(record: PlivoNumber) -> set[str]:
    flags = (
        ("voice", record.voice_enabled),
        ("sms", record.sms_enabled),
        ("mms", record.mms_enabled),
    )
    return {name for name, on in flags if on}


def _owned(scope: Scope, number: str) -> PlivoNumber:
    record = scope.store.numbers.get(number)
    if record is None or not visible(record.sub_account, scope.viewer):
        raise ApiError(404, "not found")
    return record


def _field_is(name: str, value: str) -> Callable[[PlivoNumber], bool]:
    return lambda record: bool(getattr(record, name) == value)


@ROUTER.route("GET", ACCOUNT_PREFIX + r"/Number/")
def list_numbers(call: Call) -> Response:
    scope = Scope.of(call)
    params = query(call.request)
    wanted = _services(params.get("services"))
    exact = {
        name: params[name]
        for name in (
            "alias",
            "tendlc_campaign_id",
            "tendlc_registration_status",
            "toll_free_sms_verification",
            "cnam_lookup",
        )
        if params.get(name)
    }
    number_type = params.get("type")
    startswith = params.get("number_startswith", "")
    subaccount = params.get("subaccount")
    if subaccount and scope.viewer is not None and subaccount != scope.viewer:
        raise ApiError(403, "a subaccount can only list its own numbers")
    tests: list[Callable[[PlivoNumber], bool]] = []
    if scope.viewer is not None:
        tests.append(lambda r: r.sub_account == scope.viewer)
    if subaccount:
        tests.append(lambda r: r.sub_account == subaccount)
    if number_type:
        tests.append(lambda r: r.number_type == number_type)
    if startswith:
        tests.append(lambda r: r.number.startswith(startswith))
    if wanted:
        tests.append(lambda r: wanted <= _enabled(r))
    for name, value in exact.items():
        tests.append(_field_is(name, value))
    records = list(scope.store.numbers.values())
    if tests:  # the unfiltered walk of a large account stays O(page), not O(account) per page
        records = [r for r in records if all(test(r) for test in tests)]
    chosen, meta = page(call.request, records)
    objects = [render_number(r, scope.auth_id) for r in chosen]
    return reply({"meta": meta, "objects": objects})


@ROUTER.route("GET", _NUMBER)
def get_number(call: Call) -> Response:
    scope = Scope.of(call)
    return reply(render_number(_owned(scope, call.params["number"]), scope.auth_id))


@ROUTER.route("POST", _NUMBER)
def update_number(call: Call) -> Response:
    scope = Scope.of(call)
    record = _owned(scope, call.params["number"])
    params = body(call.request)
    app_id = text(params, "app_id")
    subaccount = text(params, "subaccount")
    alias = text(params, "alias")
    cnam_lookup = text(params, "cnam_lookup")
    if app_id:
        scope.application(app_id, "app_id")
    if subaccount is not None:
        scope.require_main("move numbers between subaccounts")
        if subaccount and scope.subaccount(subaccount) is None:
            raise ApiError(400, f"subaccount {subaccount} does not belong to this account")
    if cnam_lookup is not None and cnam_lookup not in ("enabled", "disabled"):
        raise ApiError(400, "cnam_lookup must be enabled or disabled")
    if cnam_lookup is not None and record.cnam_lookup is None:
        raise ApiError(400, "CNAM lookup is available only on US local and toll-free numbers")
    if app_id is not None:
        record.app_id = app_id or None
    if subaccount is not None:
        record.sub_account = subaccount or None
    if alias is not None:
        record.alias = alias or None
    if cnam_lookup is not None:
        record.cnam_lookup = cnam_lookup
    return reply({"message": "changed"}, 202)


@ROUTER.route("DELETE", _NUMBER)
def unrent_number(call: Call) -> Response:
    scope = Scope.of(call)
    record = _owned(scope, call.params["number"])
    release(scope.store, record)
    return Response.empty(204)


def release(store: PlivoStore, record: PlivoNumber) -> None:
    """The number leaves the account and goes back on sale to it."""
    del store.numbers[record.number]
    kind = pool_kind(record.number_type)
    store.catalogue.put_back(catalogue.entry_for(record.e164, kind))


@ROUTER.route("GET", ACCOUNT_PREFIX + r"/PhoneNumber/")
def search_numbers(call: Call) -> Response:
    scope = Scope.of(call)
    params = query(call.request)
    country = (params.get("country_iso") or "").upper()
    if len(country) != 2 or not country.isalpha():
        raise ApiError(400, "country_iso is required: a two-letter ISO country code")
    number_type = (params.get("type") or "any").lower()
    if not catalogue.is_search_type(number_type):
        raise ApiError(400, "type must be one of local, fixed, mobile, national, tollfree, any")
    search = catalogue.Query(
        country_iso=country,
        number_type=number_type,
        pattern=params.get("pattern", ""),
        services=_services(params.get("services")),
        region=params.get("region", ""),
        npanxx=params.get("npanxx", ""),
        city=params.get("city", ""),
    )
    limit, offset = window(call.request)
    found = catalogue.search(scope.store, call.state.numbers, search, offset + 2 * limit)
    chosen, meta = page(call.request, found)
    return reply({"meta": meta, "objects": [render_offer(e, scope.auth_id) for e in chosen]})


@ROUTER.route("POST", _OFFER)
def buy_number(call: Call) -> Response:
    scope = Scope.of(call)
    number = call.params["number"]
    entry = scope.store.catalogue.get("+" + number)
    if entry is None:
        raise ApiError(404, f"Phone number {number} is not available for purchase")
    params = body(call.request)
    app_id = text(params, "app_id")
    if app_id:
        scope.application(app_id, "app_id")
    else:
        app_id = scope.default_number_app()
    compliance = text(params, "compliance_application_id")
    pending = entry.restriction is not None and not compliance
    today = call.state.clock.now().date()
    is_us_voice = entry.country_iso in ("US", "CA") and entry.number_type in ("local", "tollfree")
    record = PlivoNumber(
        number=number,
        number_type=entry.number_type,
        region=entry.region,
        added_on=today.isoformat(),
        renewal_date=(today + timedelta(days=30)).isoformat(),
        voice_enabled=entry.voice_enabled,
        sms_enabled=entry.sms_enabled,
        mms_enabled=entry.mms_enabled,
        monthly_rental_rate=entry.monthly_rental_rate,
        sub_account=scope.viewer,
        app_id=app_id,
        cnam_lookup=(text(params, "cnam_lookup") or "disabled") if is_us_voice else None,
        tendlc_registration_status=(
            "UNREGISTERED"
            if entry.country_iso == "US" and entry.number_type == "local" and entry.sms_enabled
            else None
        ),
        toll_free_sms_verification=(
            "UNVERIFIED" if entry.number_type == "tollfree" and entry.sms_enabled else None
        ),
        compliance_status="pending" if pending else None,
    )
    scope.store.catalogue.take(entry.e164)
    scope.store.numbers[number] = record
    status = "pending" if pending else "Success"
    return reply(
        {
            "message": "created",
            "numbers": [{"number": number, "status": status}],
            "status": "fulfilled",
        },
        201,
    )
