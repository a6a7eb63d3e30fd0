"""Applications API v2 on api.nexmo.com: list (HAL, page/page_size), create, get, replace, delete.

PUT replaces the whole configuration: capabilities or privacy left out of a PUT are gone, which is
why clients must read, modify and write back. Validation errors are RFC 7807 problems with
`invalid_parameters`, as the spec documents.
"""

from __future__ import annotations

import math
import uuid
from typing import Any

from migrator.sandbox.http import Response
from migrator.sandbox.vendor_api import Call
from migrator.sandbox.vonage import keys, wire
from migrator.sandbox.vonage.routes import router
from migrator.sandbox.vonage.store import Application, VonageStore

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10
REGIONS = ("na-east", "na-west", "eu-east", "eu-west", "apac-sng", "apac-australia")
ANY_METHOD = ("GET", "POST")
POST_ONLY = ("POST",)
# capability -> webhook -> (allowed methods, largest socket_timeout or None when not allowed)
WEBHOOKS: dict[str, dict[str, tuple[tuple[str, ...], int | None]]] = {
    "voice": {
        "answer_url": (ANY_METHOD, 5000),
        "fallback_answer_url": (ANY_METHOD, 5000),
        "event_url": (ANY_METHOD, 10000),
    },
    "messages": {"inbound_url": (POST_ONLY, None), "status_url": (POST_ONLY, None)},
    "rtc": {"event_url": (ANY_METHOD, None)},
    "verify": {"status_url": (POST_ONLY, None)},
}
CAPABILITIES = ("voice", "messages", "rtc", "vbc", "verify")
Invalid = list[dict[str, str]]


def _app_path(app_id: str) -> str:
    return rf"/v2/applications/(?P<app_id>{app_id})"


# --- validation ----------------------------------------------------------------------------------
def _check_webhook(
    name: str, hook: Any, methods: tuple[str, ...], socket_max: int | None, invalid: Invalid
) -> None:
    if not isinstance(hook, dict):
        invalid.append({"name": name, "reason": "must be an object"})
        return
    address = hook.get("address")
    if not isinstance(address, str) or not address.startswith(("http://", "https://")):
        invalid.append({"name": f"{name}.address", "reason": "must be an http(s) URL"})
    method = hook.get("http_method")
    if method is not None and method not in methods:
        invalid.append(
            {"name": f"{name}.http_method", "reason": f"must be one of: {', '.join(methods)}"}
        )
    for key in ("connect_timeout", "connection_timeout"):
        if key in hook and not _int_between(hook[key], 300, 1000):
            invalid.append({"name": f"{name}.{key}", "reason": "must be between 300 and 1000"})
    if "socket_timeout" in hook:
        if socket_max is None:
            invalid.append({"name": f"{name}.socket_timeout", "reason": "is not allowed"})
        elif not _int_between(hook["socket_timeout"], 1000, socket_max):
            invalid.append(
                {
                    "name": f"{name}.socket_timeout",
                    "reason": f"must be between 1000 and {socket_max}",
                }
            )


def _int_between(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _check_capabilities(capabilities: Any, invalid: Invalid) -> None:
    if not isinstance(capabilities, dict):
        invalid.append({"name": "capabilities", "reason": "must be an object"})
        return
    for cap_name, cap in capabilities.items():
        where = f"capabilities.{cap_name}"
        if cap_name not in CAPABILITIES:
            invalid.append({"name": where, "reason": "is not a supported capability"})
            continue
        if not isinstance(cap, dict):
            invalid.append({"name": where, "reason": "must be an object"})
            continue
        if cap_name == "vbc":
            if cap:
                invalid.append({"name": where, "reason": "must be an empty object"})
            continue
        hooks = cap.get("webhooks", {})
        if not isinstance(hooks, dict):
            invalid.append({"name": f"{where}.webhooks", "reason": "must be an object"})
            continue
        allowed = WEBHOOKS[cap_name]
        for hook_name, hook in hooks.items():
            if hook_name not in allowed:
                invalid.append(
                    {"name": f"{where}.webhooks.{hook_name}", "reason": "is not allowed"}
                )
                continue
            methods, socket_max = allowed[hook_name]
            _check_webhook(f"{where}.webhooks.{hook_name}", hook, methods, socket_max, invalid)
        if cap_name == "voice":
            _check_voice(where, cap, invalid)


def _check_voice(where: str, voice: dict[str, Any], invalid: Invalid) -> None:
    region = voice.get("region")
    if region is not None and region not in REGIONS:
        invalid.append(
            {"name": f"{where}.region", "reason": f"must be one of: {', '.join(REGIONS)}"}
        )
    if "signed_callbacks" in voice and not isinstance(voice["signed_callbacks"], bool):
        invalid.append({"name": f"{where}.signed_callbacks", "reason": "must be a boolean"})
    if "conversations_ttl" in voice and not _int_between(voice["conversations_ttl"], 1, 9000):
        invalid.append(
            {"name": f"{where}.conversations_ttl", "reason": "must be between 1 and 9000"}
        )
    if "leg_persistence_time" in voice and not _int_between(voice["leg_persistence_time"], 1, 31):
        invalid.append(
            {"name": f"{where}.leg_persistence_time", "reason": "must be between 1 and 31"}
        )


def _validated(body: dict[str, Any] | None) -> tuple[dict[str, Any], Invalid]:
    """The body and what is wrong with it (an empty list when it is a valid configuration)."""
    invalid: Invalid = []
    if body is None:
        return {}, [{"name": "body", "reason": "must be a JSON object"}]
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        invalid.append({"name": "name", "reason": "is required"})
    _check_capabilities(body.get("capabilities") or {}, invalid)
    privacy = body.get("privacy")
    if privacy is not None and (
        not isinstance(privacy, dict) or not isinstance(privacy.get("improve_ai", True), bool)
    ):
        invalid.append({"name": "privacy.improve_ai", "reason": "must be a boolean"})
    public_key = (
        (body.get("keys") or {}).get("public_key") if isinstance(body.get("keys"), dict) else None
    )
    if public_key is not None and (
        not isinstance(public_key, str) or not keys.is_public_key(public_key)
    ):
        invalid.append({"name": "keys.public_key", "reason": "must be a PEM public key"})
    return body, invalid


def _privacy(body: dict[str, Any]) -> dict[str, Any]:
    privacy = body.get("privacy") or {}
    return {"improve_ai": bool(privacy.get("improve_ai", True))}


def _public_key(body: dict[str, Any]) -> str | None:
    found = body.get("keys")
    key = found.get("public_key") if isinstance(found, dict) else None
    return key if isinstance(key, str) else None


# --- endpoints -----------------------------------------------------------------------------------
@router.route("GET", r"/v2/applications/?")
def list_applications(call: Call) -> Response:
    params = wire.fields(call.request)
    invalid: Invalid = []
    try:
        page_size = int(params.get("page_size") or DEFAULT_PAGE_SIZE)
    except ValueError:
        page_size = 0
    try:
        page = int(params.get("page") or 1)
    except ValueError:
        page = 0
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        invalid.append({"name": "page_size", "reason": f"must be between 1 and {MAX_PAGE_SIZE}"})
    if page < 1:
        invalid.append({"name": "page", "reason": "must be 1 or more"})
    if invalid:
        return wire.validation_failed("/application#list-validation", invalid)
    store: VonageStore = call.account.store
    apps = list(store.applications.values())
    total_pages = math.ceil(len(apps) / page_size)
    chunk = apps[(page - 1) * page_size : page * page_size]

    def href(number: int | None) -> dict[str, str]:
        suffix = f"&page={number}" if number is not None else ""
        return {"href": f"/v2/applications?page_size={page_size}{suffix}"}

    links = {"self": href(page), "first": href(None), "last": href(max(total_pages, 1))}
    if page < total_pages:
        links["next"] = href(page + 1)
    if 1 < page <= total_pages:
        links["prev"] = href(page - 1)
    return Response.json(
        {
            "page_size": page_size,
            "page": page,
            "total_items": len(apps),
            "total_pages": total_pages,
            "_embedded": {"applications": [app.wire() for app in chunk]},
            "_links": links,
        }
    )


@router.route("POST", r"/v2/applications/?")
def create_application(call: Call) -> Response:
    body, invalid = _validated(wire.body_object(call.request))
    if invalid:
        return wire.validation_failed("/application#payload-validation", invalid)
    public_key = _public_key(body)
    private_key = None
    if public_key is None:
        public_key, private_key = keys.new_key_pair()
    app = Application(
        id=str(uuid.uuid4()),
        name=str(body["name"]),
        public_key=public_key,
        capabilities=dict(body.get("capabilities") or {}),
        privacy=_privacy(body),
    )
    store: VonageStore = call.account.store
    store.applications[app.id] = app
    return Response.json(app.wire(private_key), 201)


def _find(call: Call) -> Application | Response:
    store: VonageStore = call.account.store
    app_id = call.params["app_id"]
    app = store.applications.get(app_id)
    if app is None:
        return wire.not_found(
            call.request, f"Application '{app_id}' does not exist, or you do not have access"
        )
    return app


@router.route("GET", _app_path(r"[^/]+"))
def get_application(call: Call) -> Response:
    app = _find(call)
    return app if isinstance(app, Response) else Response.json(app.wire())


@router.route("PUT", _app_path(r"[^/]+"))
def replace_application(call: Call) -> Response:
    app = _find(call)
    if isinstance(app, Response):
        return app
    body, invalid = _validated(wire.body_object(call.request))
    if invalid:
        return wire.validation_failed("/application#payload-validation", invalid)
    app.name = str(body["name"])
    app.capabilities = dict(body.get("capabilities") or {})
    app.privacy = _privacy(body)
    app.public_key = _public_key(body) or app.public_key
    return Response.json(app.wire())


@router.route("DELETE", _app_path(r"[^/]+"))
def delete_application(call: Call) -> Response:
    app = _find(call)
    if isinstance(app, Response):
        return app
    store: VonageStore = call.account.store
    for number in store.numbers_of_app(app.id):
        number.unlink_app()
    del store.applications[app.id]
    return Response.empty(204)
