"""Account endpoints on rest.nexmo.com: SMS default webhooks (/account/settings) and balance.

POST /account/settings with no fields changes nothing and answers the current settings, which is
how the SDK reads them. `max-calls-per-second` reports the sandbox's configured request rate for the
account, so a client can pace itself from what the API tells it.
"""

from __future__ import annotations

from migrator.sandbox.http import Response
from migrator.sandbox.vendor_api import Call
from migrator.sandbox.vonage import wire
from migrator.sandbox.vonage.routes import router
from migrator.sandbox.vonage.store import VonageStore

DEFAULT_CALLS_PER_SECOND = 30


def _settings(call: Call) -> Response:
    store: VonageStore = call.account.store
    policy = call.state.limits.policy("vonage", call.account.key)
    rate = DEFAULT_CALLS_PER_SECOND
    if policy.rate is not None and policy.per > 0:
        rate = max(1, int(policy.rate / policy.per))
    settings = store.settings
    return Response.json(
        {
            "mo-callback-url": settings.mo_callback_url,
            "dr-callback-url": settings.dr_callback_url,
            "max-outbound-request": settings.max_outbound_request,
            "max-inbound-request": settings.max_inbound_request,
            "max-calls-per-second": rate,
        }
    )


@router.route("GET", r"/account/settings")
def read_settings(call: Call) -> Response:
    return _settings(call)


@router.route("POST", r"/account/settings")
def change_settings(call: Call) -> Response:
    params = wire.fields(call.request)
    store: VonageStore = call.account.store
    updates: dict[str, str] = {}
    for name in ("moCallBackUrl", "drCallBackUrl"):
        # The spec spells them moCallBackUrl/drCallBackUrl; the SDK sends moCallbackUrl.
        value = params.get(name, params.get(name.replace("BackUrl", "backUrl")))
        if value is None:
            continue
        value = value.strip()
        if value and not value.startswith(("http://", "https://")):
            return wire.bad_request(f"{name} must be an http(s) URL")
        updates[name] = value
    if "moCallBackUrl" in updates:
        store.settings.mo_callback_url = updates["moCallBackUrl"]
    if "drCallBackUrl" in updates:
        store.settings.dr_callback_url = updates["drCallBackUrl"]
    return _settings(call)


@router.route("GET", r"/account/get-balance")
def balance(call: Call) -> Response:
    store: VonageStore = call.account.store
    return Response.json({"value": round(store.balance, 6), "autoReload": store.auto_reload})
