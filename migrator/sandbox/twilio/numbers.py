"""IncomingPhoneNumbers: the account's own numbers (list, buy, fetch, update, release).

Routing rules kept as Twilio documents them: setting a VoiceApplicationSid clears the TrunkSid and
the other way round; passing AccountSid moves the number between a parent and its subaccounts.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from migrator.sandbox.accounts import Account
from migrator.sandbox.http import Response
from migrator.sandbox.twilio.catalogue import AvailableNumber
from migrator.sandbox.twilio.errors import bad_request, not_found
from migrator.sandbox.twilio.paging import v2010_list
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import account_uri, default_friendly_name, number_json
from migrator.sandbox.twilio.resources import IncomingNumber, TwilioStore, store_of
from migrator.sandbox.twilio.scope import (
    ACCOUNT_PATH,
    FieldTable,
    account_for,
    apply_fields,
    choice,
    path_account,
    read_fields,
    sid_group,
    sid_or_none,
)
from migrator.sandbox.vendor_api import Call, Router

APPLICATION_NOT_ACCESSIBLE = 21420
PHONE_NUMBER_INVALID = 21421
PHONE_NUMBER_NOT_AVAILABLE = 21422
INVALID_AREA_CODE = 21451
NO_NUMBERS_IN_AREA_CODE = 21452

SUBLISTS = {"Local": "local", "Mobile": "mobile", "TollFree": "tollfree"}

NUMBER_FIELDS: FieldTable = (
    ("FriendlyName", "friendly_name", Params.friendly_name),
    ("ApiVersion", "api_version", Params.text),
    ("VoiceUrl", "voice_url", Params.url),
    ("VoiceMethod", "voice_method", Params.method),
    ("VoiceFallbackUrl", "voice_fallback_url", Params.url),
    ("VoiceFallbackMethod", "voice_fallback_method", Params.method),
    ("VoiceCallerIdLookup", "voice_caller_id_lookup", Params.boolean),
    ("VoiceReceiveMode", "voice_receive_mode", choice("voice", "fax")),
    ("SmsUrl", "sms_url", Params.url),
    ("SmsMethod", "sms_method", Params.method),
    ("SmsFallbackUrl", "sms_fallback_url", Params.url),
    ("SmsFallbackMethod", "sms_fallback_method", Params.method),
    ("StatusCallback", "status_callback", Params.url),
    ("StatusCallbackMethod", "status_callback_method", Params.method),
    ("EmergencyStatus", "emergency_status", choice("Active", "Inactive")),
    ("EmergencyAddressSid", "emergency_address_sid", sid_or_none("AD")),
    ("AddressSid", "address_sid", sid_or_none("AD")),
    ("IdentitySid", "identity_sid", sid_or_none("RI")),
    ("BundleSid", "bundle_sid", sid_or_none("BU")),
    ("VoiceApplicationSid", "voice_application_sid", sid_or_none("AP")),
    ("SmsApplicationSid", "sms_application_sid", sid_or_none("AP")),
    ("TrunkSid", "trunk_sid", sid_or_none("TK")),
)


def _routing_fields(params: Params, store: TwilioStore) -> dict[str, Any]:
    """Validated fields, with the app/trunk links checked against the account."""
    values = read_fields(params, NUMBER_FIELDS)
    for attr in ("voice_application_sid", "sms_application_sid"):
        app = values.get(attr)
        if app and app not in store.applications:
            raise bad_request(APPLICATION_NOT_ACCESSIBLE, f"ApplicationSid {app} is not accessible")
    trunk = values.get("trunk_sid")
    if trunk and trunk not in store.trunks:
        raise bad_request(20001, f"TrunkSid {trunk} is not valid")
    if trunk and values.get("voice_application_sid"):
        raise bad_request(20001, "VoiceApplicationSid and TrunkSid cannot both be set")
    if values.get("voice_application_sid"):
        values["trunk_sid"] = None
    if trunk:
        values["voice_application_sid"] = None
    if values.get("emergency_address_sid"):
        values.setdefault("emergency_address_status", "registered")
        values.setdefault("emergency_status", "Active")
    return values


def _phone_pattern(value: str) -> re.Pattern[str]:
    digits = "".join(r"\d" if c == "*" else c for c in value if c.isdigit() or c == "*")
    return re.compile(digits)


def _numbers_in(call: Call, account: Account, kind: str | None) -> Response:
    params = Params(call.request)
    store = store_of(account)
    numbers = list(store.numbers.values())
    filters: dict[str, str] = {}
    if kind is not None:
        numbers = [n for n in numbers if n.number_type == kind]
    phone = params.text("PhoneNumber")
    if phone:
        pattern = _phone_pattern(phone)
        numbers = [n for n in numbers if pattern.search(n.phone_number)]
        filters["PhoneNumber"] = phone
    name = params.text("FriendlyName")
    if name:
        numbers = [n for n in numbers if n.friendly_name == name]
        filters["FriendlyName"] = name
    origin = params.choice("Origin", ("twilio", "hosted"))
    if origin:
        numbers = [n for n in numbers if n.origin == origin]
        filters["Origin"] = origin
    suffix = next((k for k, v in SUBLISTS.items() if v == kind), None)
    path = f"{account_uri(account.key)}/IncomingPhoneNumbers{'/' + suffix if suffix else ''}.json"
    body = v2010_list(
        params,
        numbers,
        "incoming_phone_numbers",
        lambda n: number_json(account.key, n),
        path,
        filters,
    )
    return Response.json(body)


def _list(call: Call) -> Response:
    return _numbers_in(call, path_account(call), None)


def _list_kind(call: Call) -> Response:
    return _numbers_in(call, path_account(call), SUBLISTS[call.params["kind"]])


def _pick_for_sale(
    call: Call, store: TwilioStore, params: Params, kind: str | None
) -> AvailableNumber:
    wanted = params.text("PhoneNumber")
    area_code = params.text("AreaCode")
    if wanted:
        try:
            valid = phonenumbers.is_valid_number(phonenumbers.parse(wanted))
        except phonenumbers.NumberParseException:
            valid = False
        if not valid or not wanted.startswith("+"):
            raise bad_request(PHONE_NUMBER_INVALID, f"Phone Number {wanted} is invalid")
        offer = store.catalogue.get(wanted)
        if offer is None or (kind is not None and offer.kind != kind):
            raise bad_request(PHONE_NUMBER_NOT_AVAILABLE, f"PhoneNumber {wanted} is not available")
        return offer
    if area_code and kind is None:
        if not re.fullmatch(r"[2-9]\d\d", area_code):
            raise bad_request(INVALID_AREA_CODE, f"AreaCode {area_code} is invalid")
        for country in ("US", "CA"):
            found = store.catalogue.search(
                call.state.numbers, country, "local", area_code=area_code, limit=1
            )
            if found:
                return found[0]
        raise bad_request(
            NO_NUMBERS_IN_AREA_CODE, f"No phone numbers found in area code {area_code}"
        )
    raise bad_request(20001, "A PhoneNumber or AreaCode is required")


def _buy(call: Call, kind: str | None) -> Response:
    account = path_account(call)
    store = store_of(account)
    params = Params(call.request)
    values = _routing_fields(params, store)
    offer = _pick_for_sale(call, store, params, kind)
    store.catalogue.take(offer.e164)
    now = store.now()
    number = IncomingNumber(
        sid=f"PN{store.rng.getrandbits(128):032x}",
        phone_number=offer.e164,
        number_type=offer.kind,
        capabilities=dict(offer.capabilities),
        friendly_name=default_friendly_name(offer.e164),
        date_created=now,
        date_updated=now,
    )
    apply_fields(number, values)
    store.add_number(number)
    return Response.json(number_json(account.key, number), 201)


def _create(call: Call) -> Response:
    return _buy(call, None)


def _create_kind(call: Call) -> Response:
    return _buy(call, SUBLISTS[call.params["kind"]])


def _owned(call: Call) -> tuple[Account, IncomingNumber]:
    account = path_account(call)
    number = store_of(account).numbers.get(call.params["sid"])
    if number is None:
        raise not_found(call.request.path)
    return account, number


def _fetch(call: Call) -> Response:
    account, number = _owned(call)
    return Response.json(number_json(account.key, number))


def _update(call: Call) -> Response:
    account, number = _owned(call)
    params = Params(call.request)
    target = account
    new_owner_sid = params.sid("AccountSid", "AC")
    if new_owner_sid and new_owner_sid != account.key:
        if call.account.parent_key is not None:
            raise bad_request(20001, "Only the parent account can move numbers between accounts")
        target = account_for(call, new_owner_sid)
    store = store_of(target)
    values = _routing_fields(params, store)
    if target is not account:
        _move(store_of(account), store, number)
    apply_fields(number, values)
    number.date_updated = store.now()
    return Response.json(number_json(target.key, number))


def _move(old_store: TwilioStore, new_store: TwilioStore, number: IncomingNumber) -> None:
    """Move a number between a parent and a subaccount; links the new owner lacks are cleared."""
    old_store.remove_number(number.sid)
    for attr in ("voice_application_sid", "sms_application_sid"):
        if getattr(number, attr) not in new_store.applications:
            setattr(number, attr, None)
    if number.trunk_sid not in new_store.trunks:
        number.trunk_sid = None
    new_store.add_number(number)


def _delete(call: Call) -> Response:
    account, number = _owned(call)
    store_of(account).remove_number(number.sid)
    call.state.numbers.release(number.phone_number)
    return Response.empty()


def register(router: Router) -> None:
    base = rf"{ACCOUNT_PATH}/IncomingPhoneNumbers"
    kind = r"(?P<kind>Local|Mobile|TollFree)"
    sid = sid_group("sid", "PN")
    router.add("GET", rf"{base}\.json", _list)
    router.add("POST", rf"{base}\.json", _create)
    router.add("GET", rf"{base}/{kind}\.json", _list_kind)
    router.add("POST", rf"{base}/{kind}\.json", _create_kind)
    router.add("GET", rf"{base}/{sid}\.json", _fetch)
    router.add("POST", rf"{base}/{sid}\.json", _update)
    router.add("DELETE", rf"{base}/{sid}\.json", _delete)
