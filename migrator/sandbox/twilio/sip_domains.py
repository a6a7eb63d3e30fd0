"""SIP Domains (Programmable Voice): `<name>.sip.twilio.com` with the URLs that answer it."""

from __future__ import annotations

import re

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio.errors import bad_request, not_found
from migrator.sandbox.twilio.paging import v2010_list
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import account_uri, domain_json
from migrator.sandbox.twilio.resources import SipDomain, store_of
from migrator.sandbox.twilio.scope import (
    ACCOUNT_PATH,
    FieldTable,
    apply_fields,
    path_account,
    read_fields,
    sid_group,
    sid_or_none,
)
from migrator.sandbox.vendor_api import Call, Router

DOMAIN_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.sip\.twilio\.com")

DOMAIN_FIELDS: FieldTable = (
    ("FriendlyName", "friendly_name", Params.friendly_name),
    ("VoiceUrl", "voice_url", Params.url),
    ("VoiceMethod", "voice_method", Params.method),
    ("VoiceFallbackUrl", "voice_fallback_url", Params.url),
    ("VoiceFallbackMethod", "voice_fallback_method", Params.method),
    ("VoiceStatusCallbackUrl", "voice_status_callback_url", Params.url),
    ("VoiceStatusCallbackMethod", "voice_status_callback_method", Params.method),
    ("SipRegistration", "sip_registration", Params.boolean),
    ("EmergencyCallingEnabled", "emergency_calling_enabled", Params.boolean),
    ("Secure", "secure", Params.boolean),
    ("ByocTrunkSid", "byoc_trunk_sid", sid_or_none("BY")),
    ("EmergencyCallerSid", "emergency_caller_sid", sid_or_none("PN")),
)


def domain_name_taken(state: SandboxState, name: str) -> bool:
    """SIP domain names are unique across all of Twilio."""
    return any(
        d.domain_name == name
        for account in state.accounts.of_vendor("twilio")
        for d in store_of(account).domains.values()
    )


def _checked_name(call: Call, name: str) -> str:
    name = name.lower()
    if not DOMAIN_NAME.fullmatch(name):
        raise bad_request(20001, f"DomainName must end with .sip.twilio.com: {name}")
    if domain_name_taken(call.state, name):
        raise bad_request(21232, f"DomainName {name} is already in use")
    return name


def _list(call: Call) -> Response:
    account = path_account(call)
    body = v2010_list(
        Params(call.request),
        list(store_of(account).domains.values()),
        "domains",
        lambda d: domain_json(account.key, d),
        f"{account_uri(account.key)}/SIP/Domains.json",
    )
    return Response.json(body)


def _create(call: Call) -> Response:
    account = path_account(call)
    store = store_of(account)
    params = Params(call.request)
    name = _checked_name(call, params.required("DomainName"))
    values = read_fields(params, DOMAIN_FIELDS)
    now = store.now()
    domain = SipDomain(
        sid=f"SD{store.rng.getrandbits(128):032x}",
        domain_name=name,
        friendly_name=name,
        date_created=now,
        date_updated=now,
    )
    apply_fields(domain, values)
    store.domains[domain.sid] = domain
    return Response.json(domain_json(account.key, domain), 201)


def _owned(call: Call) -> tuple[Account, SipDomain]:
    account = path_account(call)
    domain = store_of(account).domains.get(call.params["sid"])
    if domain is None:
        raise not_found(call.request.path)
    return account, domain


def _fetch(call: Call) -> Response:
    account, domain = _owned(call)
    return Response.json(domain_json(account.key, domain))


def _update(call: Call) -> Response:
    account, domain = _owned(call)
    params = Params(call.request)
    values = read_fields(params, DOMAIN_FIELDS)
    new_name = params.text("DomainName")
    if new_name and new_name.lower() != domain.domain_name:
        domain.domain_name = _checked_name(call, new_name)
    apply_fields(domain, values)
    domain.date_updated = store_of(account).now()
    return Response.json(domain_json(account.key, domain))


def _delete(call: Call) -> Response:
    account, domain = _owned(call)
    del store_of(account).domains[domain.sid]
    return Response.empty()


def register(router: Router) -> None:
    base = rf"{ACCOUNT_PATH}/SIP/Domains"
    sid = sid_group("sid", "SD")
    router.add("GET", rf"{base}\.json", _list)
    router.add("POST", rf"{base}\.json", _create)
    router.add("GET", rf"{base}/{sid}\.json", _fetch)
    router.add("POST", rf"{base}/{sid}\.json", _update)
    router.add("DELETE", rf"{base}/{sid}\.json", _delete)
