"""trunking.twilio.com v1: Elastic SIP Trunks, their origination URLs and phone numbers.

A number associated with a trunk carries the trunk's SID (and loses any voice application), as
on Twilio; calls to it then ignore the number's own voice URLs.
"""

from __future__ import annotations

import re

from migrator.sandbox.http import Response
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio.errors import bad_request, not_found
from migrator.sandbox.twilio.paging import v1_list
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import (
    TRUNKING,
    origination_json,
    trunk_json,
    trunk_number_json,
)
from migrator.sandbox.twilio.resources import OriginationUrl, Trunk, TwilioStore, store_of
from migrator.sandbox.twilio.scope import (
    FieldTable,
    apply_fields,
    choice,
    read_fields,
    sid_group,
    url_or_none,
)
from migrator.sandbox.vendor_api import Call, Router

DOMAIN_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.pstn\.twilio\.com")
RECORDING_MODES = (
    "do-not-record",
    "record-from-ringing",
    "record-from-answer",
    "record-from-ringing-dual",
    "record-from-answer-dual",
)

TRUNK_FIELDS: FieldTable = (
    ("FriendlyName", "friendly_name", Params.friendly_name),
    ("DisasterRecoveryUrl", "disaster_recovery_url", url_or_none),
    ("DisasterRecoveryMethod", "disaster_recovery_method", Params.method),
    ("TransferMode", "transfer_mode", choice("disable-all", "enable-all", "sip-only")),
    ("Secure", "secure", Params.boolean),
    ("CnamLookupEnabled", "cnam_lookup_enabled", Params.boolean),
    ("TransferCallerId", "transfer_caller_id", choice("from-transferee", "from-transferor")),
)

ORIGINATION_FIELDS: FieldTable = (
    ("FriendlyName", "friendly_name", Params.friendly_name),
    ("SipUrl", "sip_url", Params.sip_url),
    ("Priority", "priority", lambda p, n: p.integer(n, 0, 65535)),
    ("Weight", "weight", lambda p, n: p.integer(n, 0, 65535)),
    ("Enabled", "enabled", Params.boolean),
)


def _domain_taken(state: SandboxState, name: str, except_sid: str) -> bool:
    return any(
        t.domain_name == name and t.sid != except_sid
        for account in state.accounts.of_vendor("twilio")
        for t in store_of(account).trunks.values()
    )


def _domain_name(call: Call, params: Params, trunk_sid: str) -> str | None:
    name = params.text("DomainName")
    if not name:
        return None
    name = name.lower()
    if not DOMAIN_NAME.fullmatch(name):
        raise bad_request(20001, f"DomainName must end with pstn.twilio.com: {name}")
    if _domain_taken(call.state, name, trunk_sid):
        raise bad_request(20001, f"DomainName {name} is already in use")
    return name


def _trunk(call: Call, store: TwilioStore) -> Trunk:
    trunk = store.trunks.get(call.params["trunk_sid"])
    if trunk is None:
        raise not_found(call.request.path)
    return trunk


def _list(call: Call) -> Response:
    account = call.account
    body = v1_list(
        Params(call.request),
        list(store_of(account).trunks.values()),
        "trunks",
        lambda t: trunk_json(account.key, t),
        f"{TRUNKING}/Trunks",
    )
    return Response.json(body)


def _create(call: Call) -> Response:
    store = store_of(call.account)
    params = Params(call.request)
    sid = f"TK{store.rng.getrandbits(128):032x}"
    values = read_fields(params, TRUNK_FIELDS)
    now = store.now()
    trunk = Trunk(
        sid=sid,
        friendly_name="",
        domain_name=_domain_name(call, params, sid),
        date_created=now,
        date_updated=now,
    )
    apply_fields(trunk, values)
    store.trunks[sid] = trunk
    return Response.json(trunk_json(call.account.key, trunk), 201)


def _fetch(call: Call) -> Response:
    return Response.json(trunk_json(call.account.key, _trunk(call, store_of(call.account))))


def _update(call: Call) -> Response:
    store = store_of(call.account)
    trunk = _trunk(call, store)
    params = Params(call.request)
    values = read_fields(params, TRUNK_FIELDS)
    name = _domain_name(call, params, trunk.sid)
    if name is not None:
        trunk.domain_name = name
    apply_fields(trunk, values)
    trunk.date_updated = store.now()
    return Response.json(trunk_json(call.account.key, trunk))


def _delete(call: Call) -> Response:
    store = store_of(call.account)
    trunk = _trunk(call, store)
    del store.trunks[trunk.sid]
    for number in store.numbers.values():
        if number.trunk_sid == trunk.sid:
            number.trunk_sid = None
    return Response.empty()


# --- origination URLs ---------------------------------------------------------------------
def _originations(call: Call) -> Response:
    trunk = _trunk(call, store_of(call.account))
    body = v1_list(
        Params(call.request),
        list(trunk.origination_urls.values()),
        "origination_urls",
        lambda o: origination_json(call.account.key, o),
        f"{TRUNKING}/Trunks/{trunk.sid}/OriginationUrls",
    )
    return Response.json(body)


def _create_origination(call: Call) -> Response:
    store = store_of(call.account)
    trunk = _trunk(call, store)
    params = Params(call.request)
    for name in ("Weight", "Priority", "Enabled", "FriendlyName", "SipUrl"):
        params.required(name)
    values = read_fields(params, ORIGINATION_FIELDS)
    now = store.now()
    origination = OriginationUrl(
        sid=f"OU{store.rng.getrandbits(128):032x}",
        trunk_sid=trunk.sid,
        date_created=now,
        date_updated=now,
        **values,
    )
    trunk.origination_urls[origination.sid] = origination
    return Response.json(origination_json(call.account.key, origination), 201)


def _origination(call: Call) -> tuple[Trunk, OriginationUrl]:
    trunk = _trunk(call, store_of(call.account))
    origination = trunk.origination_urls.get(call.params["sid"])
    if origination is None:
        raise not_found(call.request.path)
    return trunk, origination


def _fetch_origination(call: Call) -> Response:
    _, origination = _origination(call)
    return Response.json(origination_json(call.account.key, origination))


def _update_origination(call: Call) -> Response:
    _, origination = _origination(call)
    apply_fields(origination, read_fields(Params(call.request), ORIGINATION_FIELDS))
    origination.date_updated = store_of(call.account).now()
    return Response.json(origination_json(call.account.key, origination))


def _delete_origination(call: Call) -> Response:
    trunk, origination = _origination(call)
    del trunk.origination_urls[origination.sid]
    return Response.empty()


# --- phone numbers ------------------------------------------------------------------------
def _numbers(call: Call) -> Response:
    store = store_of(call.account)
    trunk = _trunk(call, store)
    numbers = [n for n in store.numbers.values() if n.trunk_sid == trunk.sid]
    body = v1_list(
        Params(call.request),
        numbers,
        "phone_numbers",
        lambda n: trunk_number_json(call.account.key, trunk.sid, n),
        f"{TRUNKING}/Trunks/{trunk.sid}/PhoneNumbers",
    )
    return Response.json(body)


def _add_number(call: Call) -> Response:
    store = store_of(call.account)
    trunk = _trunk(call, store)
    sid = Params(call.request).required("PhoneNumberSid", 21421)
    number = store.numbers.get(sid)
    if number is None:
        raise bad_request(21421, f"Phone Number SID {sid} is invalid")
    number.trunk_sid = trunk.sid
    number.voice_application_sid = None
    number.date_updated = store.now()
    return Response.json(trunk_number_json(call.account.key, trunk.sid, number), 201)


def _member(call: Call) -> tuple[TwilioStore, Trunk, str]:
    store = store_of(call.account)
    trunk = _trunk(call, store)
    number = store.numbers.get(call.params["sid"])
    if number is None or number.trunk_sid != trunk.sid:
        raise not_found(call.request.path)
    return store, trunk, number.sid


def _fetch_number(call: Call) -> Response:
    store, trunk, sid = _member(call)
    return Response.json(trunk_number_json(call.account.key, trunk.sid, store.numbers[sid]))


def _remove_number(call: Call) -> Response:
    store, _, sid = _member(call)
    store.numbers[sid].trunk_sid = None
    store.numbers[sid].date_updated = store.now()
    return Response.empty()


# --- recording ----------------------------------------------------------------------------
def _recording(call: Call) -> Response:
    trunk = _trunk(call, store_of(call.account))
    if call.request.method == "POST":
        params = Params(call.request)
        mode = params.choice("Mode", RECORDING_MODES)
        trim = params.choice("Trim", ("trim-silence", "do-not-trim"))
        if mode is not None:
            trunk.recording["mode"] = mode
        if trim is not None:
            trunk.recording["trim"] = trim
    return Response.json(dict(trunk.recording))


def register(router: Router) -> None:
    trunk = rf"/v1/Trunks/{sid_group('trunk_sid', 'TK')}"
    origination = rf"{trunk}/OriginationUrls/{sid_group('sid', 'OU')}"
    number = rf"{trunk}/PhoneNumbers/{sid_group('sid', 'PN')}"
    router.add("GET", r"/v1/Trunks", _list)
    router.add("POST", r"/v1/Trunks", _create)
    router.add("GET", trunk, _fetch)
    router.add("POST", trunk, _update)
    router.add("DELETE", trunk, _delete)
    router.add("GET", rf"{trunk}/OriginationUrls", _originations)
    router.add("POST", rf"{trunk}/OriginationUrls", _create_origination)
    router.add("GET", origination, _fetch_origination)
    router.add("POST", origination, _update_origination)
    router.add("DELETE", origination, _delete_origination)
    router.add("GET", rf"{trunk}/PhoneNumbers", _numbers)
    router.add("POST", rf"{trunk}/PhoneNumbers", _add_number)
    router.add("GET", number, _fetch_number)
    router.add("DELETE", number, _remove_number)
    router.add("GET", rf"{trunk}/Recording", _recording)
    router.add("POST", rf"{trunk}/Recording", _recording)
