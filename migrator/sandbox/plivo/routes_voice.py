"""Plivo's Application and Endpoint resources (the SDK sends both as voice requests).

Docs: docs.plivo.com/docs/account/api/application and /docs/voice/api/endpoints. An application's
name allows letters, digits, '-' and '_' only; answer_url is required on create; hangup_url
defaults to answer_url; an update changes exactly the fields it is sent (the SDK always sends its
method and flag defaults); deleting an app unlinks its numbers and, with `cascade`, deletes its
endpoints.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from migrator.sandbox.http import Response
from migrator.sandbox.plivo.protocol import (
    ACCOUNT_PREFIX,
    ROUTER,
    ApiError,
    body,
    flag,
    method,
    page,
    query,
    reply,
    text,
)
from migrator.sandbox.plivo.resources import (
    PlivoApplication,
    PlivoEndpoint,
    render_application,
    render_endpoint,
    visible,
)
from migrator.sandbox.plivo.scope import Scope
from migrator.sandbox.vendor_api import Call

_APP = ACCOUNT_PREFIX + r"/Application/(?P<app_id>[0-9]+)/"
_ENDPOINT = ACCOUNT_PREFIX + r"/Endpoint/(?P<endpoint_id>[0-9]+)/"
_APP_NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,24}$")
_ALIAS = re.compile(r"^[A-Za-z0-9 _-]{1,255}$")
_URL_FIELDS = ("answer_url", "hangup_url", "fallback_answer_url", "message_url")
_METHOD_FIELDS = ("answer_method", "hangup_method", "fallback_method", "message_method")
_FLAG_FIELDS = ("default_endpoint_app", "log_incoming_messages", "public_uri")


def _url(params: dict[str, Any], name: str) -> str | None:
    value = text(params, name)
    if value and not value.lower().startswith(("http://", "https://")):
        raise ApiError(400, f"{name} must be an http or https URL")
    return value


def _owner(scope: Scope, params: dict[str, Any]) -> str | None:
    """The subaccount a new or updated app belongs to."""
    subaccount = text(params, "subaccount")
    if not subaccount:
        return scope.viewer
    scope.require_main("assign applications to a subaccount")
    if scope.subaccount(subaccount) is None:
        raise ApiError(400, f"subaccount {subaccount} does not belong to this account")
    return subaccount


def _apply(scope: Scope, app: PlivoApplication, params: dict[str, Any]) -> None:
    for name in _URL_FIELDS:
        url = _url(params, name)
        if url is not None:
            setattr(app, name, url)
    for name in _METHOD_FIELDS:
        verb = method(params, name)
        if verb is not None:
            setattr(app, name, verb)
    for name in _FLAG_FIELDS:
        value = flag(params, name)
        if value is not None:
            setattr(app, name, value)
    number_default = flag(params, "default_number_app")
    if number_default is not None:
        app.default_number_app = number_default
    for other in scope.store.applications.values():
        if other is app or other.sub_account != app.sub_account:
            continue
        if app.default_number_app:
            other.default_number_app = False
        if app.default_endpoint_app:
            other.default_endpoint_app = False


@ROUTER.route("GET", ACCOUNT_PREFIX + r"/Application/")
def list_applications(call: Call) -> Response:
    scope = Scope.of(call)
    params = query(call.request)
    name = params.get("app_name")
    subaccount = params.get("subaccount")
    apps = [
        a
        for a in scope.store.applications.values()
        if visible(a.sub_account, scope.viewer)
        and (not name or a.app_name == name)
        and (not subaccount or a.sub_account == subaccount)
    ]
    chosen, meta = page(call.request, apps)
    return reply({"meta": meta, "objects": [render_application(a, scope.auth_id) for a in chosen]})


@ROUTER.route("POST", ACCOUNT_PREFIX + r"/Application/")
def create_application(call: Call) -> Response:
    scope = Scope.of(call)
    params = body(call.request)
    name = text(params, "app_name")
    if not name:
        raise ApiError(400, "app_name is required")
    if not _APP_NAME.match(name):
        raise ApiError(
            400, "app_name may contain only letters, digits, hyphens (-) and underscores (_)"
        )
    answer_url = _url(params, "answer_url")
    if not answer_url:
        raise ApiError(400, "answer_url is required")
    app = PlivoApplication(
        app_id=scope.store.new_app_id(),
        app_name=name,
        answer_url=answer_url,
        hangup_url=answer_url,
        sub_account=_owner(scope, params),
    )
    _apply(scope, app, params)
    scope.store.applications[app.app_id] = app
    return reply({"app_id": app.app_id, "message": "created"}, 201)


@ROUTER.route("GET", _APP)
def get_application(call: Call) -> Response:
    scope = Scope.of(call)
    return reply(render_application(scope.application(call.params["app_id"]), scope.auth_id))


@ROUTER.route("POST", _APP)
def update_application(call: Call) -> Response:
    scope = Scope.of(call)
    app = scope.application(call.params["app_id"])
    params = body(call.request)
    if text(params, "answer_url") == "":
        raise ApiError(400, "answer_url cannot be empty")
    if text(params, "subaccount") is not None:
        app.sub_account = _owner(scope, params)
    _apply(scope, app, params)
    return reply({"message": "changed"}, 202)


@ROUTER.route("DELETE", _APP)
def delete_application(call: Call) -> Response:
    scope = Scope.of(call)
    app = scope.application(call.params["app_id"])
    params = body(call.request)
    cascade = flag(params, "cascade") or False
    successor = text(params, "new_endpoint_application")
    if successor:
        scope.application(successor, "new_endpoint_application")
    store = scope.store
    for number in store.numbers.values():
        if number.app_id == app.app_id:
            number.app_id = None
    for endpoint_id, endpoint in list(store.endpoints.items()):
        if endpoint.app_id != app.app_id:
            continue
        if cascade:
            del store.endpoints[endpoint_id]
        else:
            endpoint.app_id = successor or None
    del store.applications[app.app_id]
    return Response.empty(204)


# --- endpoints ---------------------------------------------------------------------------
def _endpoint(scope: Scope, endpoint_id: str) -> PlivoEndpoint:
    found = scope.store.endpoints.get(endpoint_id)
    if found is None or not visible(found.sub_account, scope.viewer):
        raise ApiError(404, f"Endpoint {endpoint_id} not found.")
    return found


def _md5(password: str) -> str:
    return hashlib.md5(password.encode(), usedforsecurity=False).hexdigest()


def _password(params: dict[str, Any]) -> str | None:
    password = text(params, "password")
    if password is not None and len(password) < 5:
        raise ApiError(400, "password must be at least 5 characters long")
    return password


def _alias(params: dict[str, Any]) -> str | None:
    alias = text(params, "alias")
    if alias is not None and not _ALIAS.match(alias):
        raise ApiError(400, "alias may contain letters, digits, spaces, hyphens and underscores")
    return alias


@ROUTER.route("GET", ACCOUNT_PREFIX + r"/Endpoint/")
def list_endpoints(call: Call) -> Response:
    scope = Scope.of(call)
    found = [e for e in scope.store.endpoints.values() if visible(e.sub_account, scope.viewer)]
    chosen, meta = page(call.request, found)
    return reply({"meta": meta, "objects": [render_endpoint(e, scope.auth_id) for e in chosen]})


@ROUTER.route("POST", ACCOUNT_PREFIX + r"/Endpoint/")
def create_endpoint(call: Call) -> Response:
    scope = Scope.of(call)
    params = body(call.request)
    username = text(params, "username") or ""
    if not _USERNAME.match(username):
        raise ApiError(400, "username must be 1-25 letters and digits, starting with a letter")
    password = _password(params)
    alias = _alias(params)
    if password is None or alias is None:
        raise ApiError(400, "username, password and alias are required")
    app_id = text(params, "app_id")
    if app_id:
        scope.application(app_id, "app_id")
    endpoint = PlivoEndpoint(
        endpoint_id=scope.store.new_endpoint_id(),
        username=username + "".join(str(scope.store.rng.randrange(10)) for _ in range(12)),
        alias=alias,
        password_md5=_md5(password),
        app_id=app_id or scope.default_endpoint_app(),
        sub_account=scope.viewer,
    )
    scope.store.endpoints[endpoint.endpoint_id] = endpoint
    created = {
        "alias": endpoint.alias,
        "endpoint_id": endpoint.endpoint_id,
        "message": "created",
        "username": endpoint.username,
    }
    return reply(created, 201)


@ROUTER.route("GET", _ENDPOINT)
def get_endpoint(call: Call) -> Response:
    scope = Scope.of(call)
    return reply(render_endpoint(_endpoint(scope, call.params["endpoint_id"]), scope.auth_id))


@ROUTER.route("POST", _ENDPOINT)
def update_endpoint(call: Call) -> Response:
    scope = Scope.of(call)
    endpoint = _endpoint(scope, call.params["endpoint_id"])
    params = body(call.request)
    password = _password(params)
    alias = _alias(params)
    app_id = text(params, "app_id")
    if app_id:
        scope.application(app_id, "app_id")
    if password is not None:
        endpoint.password_md5 = _md5(password)
    if alias is not None:
        endpoint.alias = alias
    if app_id is not None:
        endpoint.app_id = app_id or None
    return reply({"message": "changed"}, 202)


@ROUTER.route("DELETE", _ENDPOINT)
def delete_endpoint(call: Call) -> Response:
    scope = Scope.of(call)
    endpoint = _endpoint(scope, call.params["endpoint_id"])
    del scope.store.endpoints[endpoint.endpoint_id]
    return Response.empty(204)
