"""Plivo's Account and Subaccount resources.

Docs: docs.plivo.com/docs/account/api/subaccount. A subaccount has its own Auth ID and token and
shares its parent's resources store, seeing only what belongs to it. It is created disabled unless
`enabled` is true, and a disabled subaccount cannot authenticate. Deleting one with `cascade`
deletes its numbers, applications and endpoints; without, they move to the main account.
"""

from __future__ import annotations

from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.plivo.credentials import new_auth_id, new_auth_token
from migrator.sandbox.plivo.protocol import (
    ACCOUNT_PREFIX,
    ROUTER,
    ApiError,
    body,
    flag,
    page,
    reply,
    text,
)
from migrator.sandbox.plivo.resources import account_uri
from migrator.sandbox.plivo.routes_numbers import release
from migrator.sandbox.plivo.scope import Scope
from migrator.sandbox.vendor_api import Call

SUBACCOUNT_ROLE = "subaccount"
_SUBACCOUNT = ACCOUNT_PREFIX + r"/Subaccount/(?P<sub_id>SA[A-Z0-9]{18})/"


def render_subaccount(sub: Account, parent_id: str) -> dict[str, Any]:
    return {
        "account": account_uri(parent_id),
        "auth_id": sub.key,
        "auth_token": sub.secret,
        "created": sub.extra.get("created"),
        "enabled": bool(sub.extra.get("enabled", True)),
        "modified": sub.extra.get("modified"),
        "name": sub.name,
        "resource_uri": f"/v1/Account/{parent_id}/Subaccount/{sub.key}/",
    }


@ROUTER.route("GET", ACCOUNT_PREFIX + r"/")
def get_account(call: Call) -> Response:
    account = call.account
    details = account.extra.get("details", {})
    return reply(
        {
            "account_type": "standard",
            "address": details.get("address", ""),
            "auth_id": account.key,
            "auto_recharge": False,
            "billing_mode": "prepaid",
            "cash_credits": "250.00000",
            "city": details.get("city", ""),
            "name": account.name,
            "resource_uri": account_uri(account.key),
            "state": details.get("state", ""),
            "timezone": "America/New_York",
        }
    )


@ROUTER.route("POST", ACCOUNT_PREFIX + r"/")
def update_account(call: Call) -> Response:
    params = body(call.request)
    details = call.account.extra.setdefault("details", {})
    changed = False
    for name in ("city", "address"):
        value = text(params, name)
        if value is not None:
            details[name] = value
            changed = True
    name_value = text(params, "name")
    if name_value:
        call.account.name = name_value
        changed = True
    if not changed:
        raise ApiError(400, "one of name, city and address is required")
    return reply({"message": "changed"}, 202)


def _subaccount(scope: Scope, sub_id: str) -> Account:
    scope.require_main("manage subaccounts")
    found = scope.subaccount(sub_id)
    if found is None:
        raise ApiError(404, f"Subaccount {sub_id} not found.")
    return found


@ROUTER.route("GET", ACCOUNT_PREFIX + r"/Subaccount/")
def list_subaccounts(call: Call) -> Response:
    scope = Scope.of(call)
    scope.require_main("list subaccounts")
    chosen, meta = page(call.request, scope.subaccounts())
    objects = [render_subaccount(s, scope.auth_id) for s in chosen]
    return reply({"meta": meta, "objects": objects})


@ROUTER.route("POST", ACCOUNT_PREFIX + r"/Subaccount/")
def create_subaccount(call: Call) -> Response:
    scope = Scope.of(call)
    scope.require_main("create subaccounts")
    params = body(call.request)
    name = text(params, "name")
    if not name:
        raise ApiError(400, "name is required")
    rng = scope.store.rng
    while True:
        key = new_auth_id(rng, subaccount=True)
        if call.state.accounts.get("plivo", key) is None:
            break
    sub = Account(
        vendor="plivo",
        key=key,
        secret=new_auth_token(rng),
        role=SUBACCOUNT_ROLE,
        name=name,
        parent_key=call.account.key,
        store=scope.store,
        extra={
            "enabled": bool(flag(params, "enabled")),
            "created": call.state.clock.now().date().isoformat(),
            "modified": None,
        },
    )
    call.state.accounts.add(sub)
    scope.store.subaccounts.add(sub.key)
    created = {"auth_id": sub.key, "auth_token": sub.secret, "message": "created"}
    return reply(created, 201)


@ROUTER.route("GET", _SUBACCOUNT)
def get_subaccount(call: Call) -> Response:
    scope = Scope.of(call)
    return reply(render_subaccount(_subaccount(scope, call.params["sub_id"]), scope.auth_id))


@ROUTER.route("POST", _SUBACCOUNT)
def update_subaccount(call: Call) -> Response:
    scope = Scope.of(call)
    sub = _subaccount(scope, call.params["sub_id"])
    params = body(call.request)
    name = text(params, "name")
    if not name:
        raise ApiError(400, "name is required")
    sub.name = name
    enabled = flag(params, "enabled")
    if enabled is not None:
        sub.extra["enabled"] = enabled
    sub.extra["modified"] = call.state.clock.now().date().isoformat()
    return reply({"message": "changed"}, 202)


@ROUTER.route("DELETE", _SUBACCOUNT)
def delete_subaccount(call: Call) -> Response:
    scope = Scope.of(call)
    sub = _subaccount(scope, call.params["sub_id"])
    cascade = flag(body(call.request), "cascade") or False
    store = scope.store
    for number in [n for n in store.numbers.values() if n.sub_account == sub.key]:
        if cascade:
            release(store, number)
        else:
            number.sub_account = None
    for app in [a for a in store.applications.values() if a.sub_account == sub.key]:
        if cascade:
            del store.applications[app.app_id]
        else:
            app.sub_account = None
    for endpoint in [e for e in store.endpoints.values() if e.sub_account == sub.key]:
        if cascade:
            del store.endpoints[endpoint.endpoint_id]
        else:
            endpoint.sub_account = None
    for number in store.numbers.values():
        if number.app_id is not None and number.app_id not in store.applications:
            number.app_id = None
    for endpoint in store.endpoints.values():
        if endpoint.app_id is not None and endpoint.app_id not in store.applications:
            endpoint.app_id = None
    call.state.accounts.remove(sub)
    store.subaccounts.discard(sub.key)
    return Response.empty(204)
