"""Applications (TwiML Apps): voice and messaging URLs that numbers link to by SID."""

from __future__ import annotations

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.twilio.errors import not_found
from migrator.sandbox.twilio.paging import v2010_list
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import account_uri, application_json
from migrator.sandbox.twilio.resources import Application, store_of
from migrator.sandbox.twilio.scope import (
    ACCOUNT_PATH,
    FieldTable,
    apply_fields,
    path_account,
    read_fields,
    sid_group,
)
from migrator.sandbox.vendor_api import Call, Router

APPLICATION_FIELDS: FieldTable = (
    ("FriendlyName", "friendly_name", Params.friendly_name),
    ("ApiVersion", "api_version", Params.text),
    ("VoiceUrl", "voice_url", Params.url),
    ("VoiceMethod", "voice_method", Params.method),
    ("VoiceFallbackUrl", "voice_fallback_url", Params.url),
    ("VoiceFallbackMethod", "voice_fallback_method", Params.method),
    ("VoiceCallerIdLookup", "voice_caller_id_lookup", Params.boolean),
    ("StatusCallback", "status_callback", Params.url),
    ("StatusCallbackMethod", "status_callback_method", Params.method),
    ("SmsUrl", "sms_url", Params.url),
    ("SmsMethod", "sms_method", Params.method),
    ("SmsFallbackUrl", "sms_fallback_url", Params.url),
    ("SmsFallbackMethod", "sms_fallback_method", Params.method),
    ("SmsStatusCallback", "sms_status_callback", Params.url),
    ("MessageStatusCallback", "message_status_callback", Params.url),
    ("PublicApplicationConnectEnabled", "public_application_connect_enabled", Params.boolean),
)


def _list(call: Call) -> Response:
    account = path_account(call)
    params = Params(call.request)
    apps = list(store_of(account).applications.values())
    filters: dict[str, str] = {}
    name = params.text("FriendlyName")
    if name:
        apps = [a for a in apps if a.friendly_name == name]
        filters["FriendlyName"] = name
    body = v2010_list(
        params,
        apps,
        "applications",
        lambda a: application_json(account.key, a),
        f"{account_uri(account.key)}/Applications.json",
        filters,
    )
    return Response.json(body)


def _create(call: Call) -> Response:
    account = path_account(call)
    store = store_of(account)
    values = read_fields(Params(call.request), APPLICATION_FIELDS)
    now = store.now()
    app = Application(
        sid=f"AP{store.rng.getrandbits(128):032x}",
        friendly_name="",
        date_created=now,
        date_updated=now,
    )
    apply_fields(app, values)
    store.applications[app.sid] = app
    return Response.json(application_json(account.key, app), 201)


def _owned(call: Call) -> tuple[Account, Application]:
    account = path_account(call)
    app = store_of(account).applications.get(call.params["sid"])
    if app is None:
        raise not_found(call.request.path)
    return account, app


def _fetch(call: Call) -> Response:
    account, app = _owned(call)
    return Response.json(application_json(account.key, app))


def _update(call: Call) -> Response:
    account, app = _owned(call)
    apply_fields(app, read_fields(Params(call.request), APPLICATION_FIELDS))
    app.date_updated = store_of(account).now()
    return Response.json(application_json(account.key, app))


def _delete(call: Call) -> Response:
    account, app = _owned(call)
    store = store_of(account)
    del store.applications[app.sid]
    for number in store.numbers.values():
        if number.voice_application_sid == app.sid:
            number.voice_application_sid = None
        if number.sms_application_sid == app.sid:
            number.sms_application_sid = None
    return Response.empty()


def register(router: Router) -> None:
    base = rf"{ACCOUNT_PATH}/Applications"
    sid = sid_group("sid", "AP")
    router.add("GET", rf"{base}\.json", _list)
    router.add("POST", rf"{base}\.json", _create)
    router.add("GET", rf"{base}/{sid}\.json", _fetch)
    router.add("POST", rf"{base}/{sid}\.json", _update)
    router.add("DELETE", rf"{base}/{sid}\.json", _delete)
