"""messaging.twilio.com v1: Messaging Services and their sender pools of phone numbers.

A number belongs to at most one service. For a number in a service, the service's inbound URL
wins unless `use_inbound_webhook_on_number` is true (the emulation only stores the flags).
"""

from __future__ import annotations

from migrator.sandbox.http import Response
from migrator.sandbox.twilio.errors import bad_request, not_found
from migrator.sandbox.twilio.paging import v1_list
from migrator.sandbox.twilio.params import Params
from migrator.sandbox.twilio.render import MESSAGING, service_json, service_number_json
from migrator.sandbox.twilio.resources import MessagingService, TwilioStore, store_of
from migrator.sandbox.twilio.scope import (
    FieldTable,
    apply_fields,
    choice,
    read_fields,
    sid_group,
    url_or_none,
)
from migrator.sandbox.vendor_api import Call, Router

PHONE_NUMBER_INVALID = 21421
ALREADY_IN_SERVICE = 21710
IN_ANOTHER_SERVICE = 21712
NOT_MESSAGING_CAPABLE = 21715

SERVICE_FIELDS: FieldTable = (
    ("FriendlyName", "friendly_name", Params.friendly_name),
    ("InboundRequestUrl", "inbound_request_url", url_or_none),
    ("InboundMethod", "inbound_method", Params.method),
    ("FallbackUrl", "fallback_url", url_or_none),
    ("FallbackMethod", "fallback_method", Params.method),
    ("StatusCallback", "status_callback", url_or_none),
    ("StickySender", "sticky_sender", Params.boolean),
    ("MmsConverter", "mms_converter", Params.boolean),
    ("SmartEncoding", "smart_encoding", Params.boolean),
    ("ScanMessageContent", "scan_message_content", choice("inherit", "enable", "disable")),
    ("FallbackToLongCode", "fallback_to_long_code", Params.boolean),
    ("AreaCodeGeomatch", "area_code_geomatch", Params.boolean),
    ("ValidityPeriod", "validity_period", lambda p, n: p.integer(n, 1, 36000)),
    ("SynchronousValidation", "synchronous_validation", Params.boolean),
    ("Usecase", "usecase", Params.text),
    ("UseInboundWebhookOnNumber", "use_inbound_webhook_on_number", Params.boolean),
)


def _service(call: Call, store: TwilioStore) -> MessagingService:
    service = store.services.get(call.params["service_sid"])
    if service is None:
        raise not_found(call.request.path)
    return service


def _list(call: Call) -> Response:
    account = call.account
    body = v1_list(
        Params(call.request),
        list(store_of(account).services.values()),
        "services",
        lambda s: service_json(account.key, s),
        f"{MESSAGING}/Services",
    )
    return Response.json(body)


def _create(call: Call) -> Response:
    store = store_of(call.account)
    params = Params(call.request)
    params.required("FriendlyName")
    values = read_fields(params, SERVICE_FIELDS)
    now = store.now()
    service = MessagingService(
        sid=f"MG{store.rng.getrandbits(128):032x}",
        friendly_name="",
        date_created=now,
        date_updated=now,
    )
    apply_fields(service, values)
    store.services[service.sid] = service
    return Response.json(service_json(call.account.key, service), 201)


def _fetch(call: Call) -> Response:
    service = _service(call, store_of(call.account))
    return Response.json(service_json(call.account.key, service))


def _update(call: Call) -> Response:
    store = store_of(call.account)
    service = _service(call, store)
    apply_fields(service, read_fields(Params(call.request), SERVICE_FIELDS))
    service.date_updated = store.now()
    return Response.json(service_json(call.account.key, service))


def _delete(call: Call) -> Response:
    store = store_of(call.account)
    del store.services[_service(call, store).sid]
    return Response.empty()


def _numbers(call: Call) -> Response:
    store = store_of(call.account)
    service = _service(call, store)
    members = [store.numbers[sid] for sid in service.phone_numbers if sid in store.numbers]
    body = v1_list(
        Params(call.request),
        members,
        "phone_numbers",
        lambda n: service_number_json(call.account.key, service, n),
        f"{MESSAGING}/Services/{service.sid}/PhoneNumbers",
    )
    return Response.json(body)


def _add_number(call: Call) -> Response:
    store = store_of(call.account)
    service = _service(call, store)
    sid = Params(call.request).required("PhoneNumberSid", PHONE_NUMBER_INVALID)
    number = store.numbers.get(sid)
    if number is None:
        raise bad_request(PHONE_NUMBER_INVALID, f"Phone Number SID {sid} is invalid")
    current = store.service_of(sid)
    if current is service:
        raise bad_request(ALREADY_IN_SERVICE, "Phone Number is already in the Messaging Service")
    if current is not None:
        raise bad_request(
            IN_ANOTHER_SERVICE,
            "Phone Number or Short Code is associated with another Messaging Service",
        )
    if not (number.capabilities.get("sms") or number.capabilities.get("mms")):
        raise bad_request(
            NOT_MESSAGING_CAPABLE, "Phone Number does not have SMS or MMS capabilities"
        )
    service.phone_numbers[sid] = store.now()
    return Response.json(service_number_json(call.account.key, service, number), 201)


def _member(call: Call, store: TwilioStore, service: MessagingService) -> str:
    sid = call.params["sid"]
    if sid not in service.phone_numbers or sid not in store.numbers:
        raise not_found(call.request.path)
    return sid


def _fetch_number(call: Call) -> Response:
    store = store_of(call.account)
    service = _service(call, store)
    number = store.numbers[_member(call, store, service)]
    return Response.json(service_number_json(call.account.key, service, number))


def _remove_number(call: Call) -> Response:
    store = store_of(call.account)
    service = _service(call, store)
    del service.phone_numbers[_member(call, store, service)]
    return Response.empty()


def register(router: Router) -> None:
    service = rf"/v1/Services/{sid_group('service_sid', 'MG')}"
    number = sid_group("sid", "PN")
    router.add("GET", r"/v1/Services", _list)
    router.add("POST", r"/v1/Services", _create)
    router.add("GET", service, _fetch)
    router.add("POST", service, _update)
    router.add("DELETE", service, _delete)
    router.add("GET", rf"{service}/PhoneNumbers", _numbers)
    router.add("POST", rf"{service}/PhoneNumbers", _add_number)
    router.add("GET", rf"{service}/PhoneNumbers/{number}", _fetch_number)
    router.add("DELETE", rf"{service}/PhoneNumbers/{number}", _remove_number)
