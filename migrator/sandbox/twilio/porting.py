"""Twilio's Porting API on numbers.twilio.com: portability checks and port-in requests.

Paths and fields follow twilio-oai's `twilio_numbers_v1.json`. A request's state is derived from
its creation time and the sandbox clock, so advancing the clock (POST /_sandbox/clock) is all a
test needs:

  created           request "In Review",            numbers in_review
  + 1 hour          "Waiting for Signature"          waiting_for_signature (LOA e-mailed)
  + 1 day           "In Progress"                    port_submitted (LOA signed, sent on)
  + 3 days          the losing carrier answers:      port_pending with port_date (the FOC), or
                    "Action Required"                port_rejected with Twilio's reason code
  port_date         "Completed"                      completed: the number moves from its
                                                     losing account (any vendor) to the gaining one

The losing carrier compares the LOA with the seeded record of the account that owns the number
(`migrator.sandbox.carrier`), and a number nobody owns is "inactive or disconnected". A test can
also force a rejection: POST /_sandbox/twilio/ports {"phone_number": E164, "reject": CODE}.
Cancelling (DELETE) moves numbers through canceling to canceled within an hour; a request whose
live numbers all stay rejected for 30 days is "Expired".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

import phonenumbers

from migrator.sandbox import control
from migrator.sandbox.accounts import Account
from migrator.sandbox.carrier import LoaClaim, carrier_record, rejection_for
from migrator.sandbox.http import Request, Response
from migrator.sandbox.numbers import country_of, number_type
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio.errors import authenticate, bad_request, not_found
from migrator.sandbox.twilio.sids import SID_PATTERN, iso8601
from migrator.sandbox.vendor_api import Call, Router

HOST_URL = "https://numbers.twilio.com"
PORT_IN_PATH = "/v1/Porting/PortIn"

REVIEW = timedelta(hours=1)
SIGNED = timedelta(days=1)
CARRIER_ANSWER = timedelta(days=3)
CANCEL_DELAY = timedelta(hours=1)
EXPIRY = timedelta(days=30)
MIN_NOTICE_DAYS = 7
MAX_NUMBERS = 1000
DEFAULT_PORT_TIME = time(15, 0, tzinfo=UTC)  # 11:00 US Eastern, a usual activation hour

INVALID_PARAMETER = 20001
INVALID_PHONE_NUMBER = 22102
MISSING_REQUIRED_FIELDS = 22171
MULTIPLE_COUNTRIES = 22172
PORT_IN_PROGRESS = 22137

# Not-portable reasons: (name, Twilio error code); the codes are Twilio's 221xx errors.
UNSUPPORTED = ("UNSUPPORTED", 22130)
ALREADY_IN_TARGET = ("ALREADY_IN_THE_TARGET_ACCOUNT", 22131)
ALREADY_IN_TWILIO = ("ALREADY_IN_TWILIO_DIFFERENT_OWNER", 22132)
MANUAL_PORTING = ("MANUAL_PORTING_AVAILABLE", 22133)
ALREADY_IN_YOURS = ("ALREADY_IN_ONE_OF_YOUR_TWILIO_ACCOUNTS", 22136)

# Carrier rejection reasons (the spec's enum) with their Twilio error codes.
REJECTIONS: dict[str, int] = {
    "CONTACT_SUPPORT_REQUIRED": 22150,
    "PHONE_NUMBER_WITH_CARRIER_RESTRICTION": 22151,
    "PHONE_NUMBER_INACTIVE_OR_DISCONNECTED": 22152,
    "INVALID_END_USER_NAME": 22153,
    "INVALID_ADDRESS": 22154,
    "INVALID_PIN": 22155,
    "INVALID_ACCOUNT_NUMBER": 22156,
}

IN_REVIEW = "in_review"
WAITING = "waiting_for_signature"
SUBMITTED = "port_submitted"
PENDING = "port_pending"
REJECTED = "port_rejected"
CANCELING = "canceling"
CANCELED = "canceled"
COMPLETED = "completed"
FINAL = (COMPLETED, CANCELED)

TYPE_NAMES = {"local": "LOCAL", "mobile": "MOBILE", "tollfree": "TOLL-FREE"}
_STORE_KEY = "twilio_port_ins"
_FORCED_KEY = "forced_port_rejections"


# --- state ---------------------------------------------------------------------------------
@dataclass
class PortInNumber:
    sid: str
    phone_number: str
    number_type: str
    """LOCAL, MOBILE (the portability API's names)."""
    pin: str | None
    losing: tuple[str, str] | None
    """(vendor, account key) that owned the number when the request was made."""
    loa_rejection: str | None
    forced: tuple[str, datetime] | None = None
    canceled_at: datetime | None = None
    moved: bool = False


@dataclass
class PortIn:
    sid: str
    account_sid: str
    created: datetime
    port_date: datetime
    body: dict[str, Any]
    numbers: list[PortInNumber]
    support_ticket_id: int
    canceled_at: datetime | None = None


@dataclass
class PortStore:
    """The port-in requests of one gaining account (in `account.extra`)."""

    rng: random.Random
    port_ins: dict[str, PortIn] = field(default_factory=dict)


def _store(account: Account) -> PortStore:
    store = account.extra.get(_STORE_KEY)
    if not isinstance(store, PortStore):
        store = PortStore(random.Random(f"twilio-porting:{account.key}"))
        account.extra[_STORE_KEY] = store
    return store


def _family(state: SandboxState, account: Account) -> list[Account]:
    """The account, its parent and every subaccount of that parent: 'your Twilio accounts'."""
    root = account
    if account.parent_key is not None:
        root = state.accounts.get("twilio", account.parent_key) or account
    return [root, *state.accounts.children(root)]


def _visible(call: Call) -> list[Account]:
    """Accounts whose port-ins the caller may read: itself and its subaccounts."""
    return [call.account, *call.state.accounts.children(call.account)]


# --- timeline ------------------------------------------------------------------------------
@dataclass(frozen=True)
class NumberState:
    status: str
    since: datetime
    port_date: datetime | None
    rejection: str | None


def _events(port: PortIn, number: PortInNumber) -> tuple[list[tuple[datetime, str]], str | None]:
    t0 = port.created
    events = [(t0, IN_REVIEW), (t0 + REVIEW, WAITING), (t0 + SIGNED, SUBMITTED)]
    decided = t0 + CARRIER_ANSWER
    rejection = number.loa_rejection
    rejected_at = decided if rejection else None
    if number.forced is not None:
        code, told = number.forced
        forced_at = max(told, decided)
        if forced_at < port.port_date and (rejected_at is None or forced_at <= rejected_at):
            rejection, rejected_at = code, forced_at
    if rejected_at is not None:
        events.append((rejected_at, REJECTED))
    else:
        rejection = None
        events += [(decided, PENDING), (port.port_date, COMPLETED)]
    if number.canceled_at is not None:
        events = [e for e in events if e[0] <= number.canceled_at]
        events += [
            (number.canceled_at, CANCELING),
            (number.canceled_at + CANCEL_DELAY, CANCELED),
        ]
    return events, rejection


def number_state(port: PortIn, number: PortInNumber, now: datetime) -> NumberState:
    events, rejection = _events(port, number)
    since, status = events[0]
    seen_rejection = False
    for at, name in events:
        if at > now:
            break
        since, status = at, name
        seen_rejection = seen_rejection or name == REJECTED
    port_date = port.port_date if status in (PENDING, COMPLETED) else None
    return NumberState(status, since, port_date, rejection if seen_rejection else None)


def request_status(port: PortIn, now: datetime) -> tuple[str, datetime]:
    """Twilio's request-level display status, and since when."""
    states = [number_state(port, n, now) for n in port.numbers]
    since = max(s.since for s in states)
    names = {s.status for s in states}
    if port.canceled_at is not None and COMPLETED not in names:
        return "Canceled", port.canceled_at
    if names <= set(FINAL):
        return ("Completed" if COMPLETED in names else "Canceled"), since
    if REJECTED in names:
        live = [s for s in states if s.status not in FINAL]
        if all(s.status == REJECTED for s in live) and now - since >= EXPIRY:
            return "Expired", since + EXPIRY
        return "Action Required", since
    if IN_REVIEW in names:
        return "In Review", since
    if WAITING in names:
        return "Waiting for Signature", since
    return "In Progress", since


def _suggested_action(status: str) -> str | None:
    return {
        "Waiting for Signature": "Sign the letter of authorization sent to the authorized "
        "representative",
        "Action Required": "Fix the rejected phone numbers and submit them again",
    }.get(status)


def settle(state: SandboxState) -> None:
    """Complete every port whose date has come: move its numbers to the gaining account."""
    now = state.clock.now()
    for account in state.accounts.of_vendor("twilio"):
        store = account.extra.get(_STORE_KEY)
        if not isinstance(store, PortStore):
            continue
        for port in store.port_ins.values():
            for number in port.numbers:
                if number.moved or number_state(port, number, now).status != COMPLETED:
                    continue
                state.move_number(number.phone_number, "twilio", account)
                number.moved = True


# --- portability ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Portability:
    phone_number: str
    number_type: str
    country: str | None
    account_sid: str | None = None
    reason: tuple[str, int] | None = None
    porting: bool = False
    """True when the number is already on its way into one of your accounts."""

    @property
    def portable(self) -> bool:
        return self.reason is None


def _parse_e164(text: str) -> str | None:
    try:
        parsed = phonenumbers.parse(text)
    except phonenumbers.NumberParseException:
        return None
    if not text.startswith("+") or not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _type_of(state: SandboxState, e164: str) -> str:
    owner = state.owner_of(e164)
    kind = None
    if owner is not None:
        found = owner[0].find_number(owner[1], e164)
        kind = found.number_type if found is not None else None
    return TYPE_NAMES.get(kind or number_type(e164), "UNKNOWN")


def _porting_into(state: SandboxState, family: list[Account], e164: str) -> Account | None:
    """The account of yours a live port-in is bringing this number into, if any."""
    now = state.clock.now()
    for account in family:
        store = account.extra.get(_STORE_KEY)
        if not isinstance(store, PortStore):
            continue
        for port in store.port_ins.values():
            for number in port.numbers:
                if number.phone_number != e164:
                    continue
                if number_state(port, number, now).status not in (*FINAL, REJECTED, CANCELING):
                    return account
    return None


def portability(state: SandboxState, target: Account, e164: str) -> Portability:
    kind = _type_of(state, e164)
    country = country_of(e164)
    family = _family(state, target)
    owner = state.owner_of(e164)
    if owner is not None and owner[1].vendor == "twilio":
        holder = owner[1]
        if holder.key == target.key:
            return Portability(e164, kind, country, holder.key, ALREADY_IN_TARGET)
        if any(a.key == holder.key for a in family):
            return Portability(e164, kind, country, holder.key, ALREADY_IN_YOURS)
        return Portability(e164, kind, country, None, ALREADY_IN_TWILIO)
    porting = _porting_into(state, family, e164)
    if porting is not None:
        reason = ALREADY_IN_TARGET if porting.key == target.key else ALREADY_IN_YOURS
        return Portability(e164, kind, country, porting.key, reason, porting=True)
    if country != "US" or kind == "TOLL-FREE":
        return Portability(e164, kind, country, None, MANUAL_PORTING)
    if kind == "UNKNOWN":
        return Portability(e164, kind, country, None, UNSUPPORTED)
    return Portability(e164, kind, country)


def _portability(call: Call) -> Response:
    e164 = _parse_e164(call.params["phone_number"])
    if e164 is None:
        raise bad_request(INVALID_PHONE_NUMBER, "The phone number must be in E.164 format")
    target = call.account
    target_sid = call.request.param("TargetAccountSid")
    if target_sid:
        target = _own_account(call, target_sid)
    settle(call.state)
    result = portability(call.state, target, e164)
    return Response.json(
        {
            "phone_number": e164,
            "account_sid": result.account_sid,
            "portable": result.portable,
            "pin_and_account_number_required": result.number_type == "MOBILE",
            "not_portable_reason": result.reason[0] if result.reason else None,
            "not_portable_reason_code": result.reason[1] if result.reason else None,
            "number_type": result.number_type,
            "country": result.country,
            "url": f"{HOST_URL}/v1/Porting/Portability/PhoneNumber/{e164}",
        }
    )


def _own_account(call: Call, sid: str) -> Account:
    for account in _visible(call):
        if account.key == sid:
            return account
    raise authenticate()


# --- creating ------------------------------------------------------------------------------
def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _required(data: dict[str, Any], names: tuple[str, ...], where: str) -> None:
    missing = [name for name in names if not _text(data.get(name))]
    if missing:
        raise bad_request(
            MISSING_REQUIRED_FIELDS,
            f"Missing required fields: {', '.join(where + m for m in missing)}",
        )


def _port_date(body: dict[str, Any], now: datetime) -> datetime:
    """The FOC the losing carrier will give: the target date at the start of the requested
    window (UTC), at least a day after its answer."""
    earliest = now + CARRIER_ANSWER + timedelta(days=1)
    wanted = _text(body.get("target_port_in_date"))
    if not wanted:
        day = (now + timedelta(days=MIN_NOTICE_DAYS + 3)).date()
    else:
        try:
            day = date.fromisoformat(wanted)
        except ValueError:
            raise bad_request(
                INVALID_PARAMETER, "target_port_in_date must be an ISO date such as 2025-05-20"
            ) from None
        if day < (now + timedelta(days=MIN_NOTICE_DAYS)).date():
            raise bad_request(
                INVALID_PARAMETER,
                f"target_port_in_date must be at least {MIN_NOTICE_DAYS} days in the future "
                "for US ports",
            )
    at = DEFAULT_PORT_TIME
    start = _text(body.get("target_port_in_time_range_start"))
    if start:
        try:
            at = time.fromisoformat(start)
        except ValueError:
            raise bad_request(
                INVALID_PARAMETER,
                "target_port_in_time_range_start must be a time such as 10:15:00-08:00",
            ) from None
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
    return max(datetime.combine(day, at).astimezone(UTC), earliest)


def _claim(carrier: dict[str, Any], pin: str | None) -> LoaClaim:
    address = carrier.get("address")
    return LoaClaim(
        customer_name=_text(carrier.get("customer_name")),
        account_number=_text(carrier.get("account_number")),
        billing_telephone_number=_text(carrier.get("account_telephone_number")),
        pin=_text(pin),
        address={k: _text(v) for k, v in address.items()} if isinstance(address, dict) else {},
        address_given=isinstance(address, dict),
    )


def _carrier_info(body: dict[str, Any]) -> dict[str, Any]:
    carrier = body.get("losing_carrier_information")
    if not isinstance(carrier, dict):
        raise bad_request(
            MISSING_REQUIRED_FIELDS, "Missing required fields: losing_carrier_information"
        )
    _required(
        carrier,
        ("customer_name", "authorized_representative", "authorized_representative_email"),
        "losing_carrier_information.",
    )
    address = carrier.get("address")
    if isinstance(address, dict):
        _required(
            address,
            ("street", "city", "state", "zip", "country"),
            "losing_carrier_information.address.",
        )
    elif not _text(carrier.get("address_sid")):
        raise bad_request(
            MISSING_REQUIRED_FIELDS,
            "Missing required fields: losing_carrier_information.address or address_sid",
        )
    customer_type = carrier.get("customer_type")
    if customer_type is not None and customer_type not in ("Business", "Individual"):
        raise bad_request(INVALID_PARAMETER, "customer_type must be Business or Individual")
    return carrier


def _requested_numbers(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    entries = body.get("phone_numbers")
    if not isinstance(entries, list) or not entries:
        raise bad_request(MISSING_REQUIRED_FIELDS, "Missing required fields: phone_numbers")
    if len(entries) > MAX_NUMBERS:
        raise bad_request(
            INVALID_PARAMETER,
            f"A port in request can contain at most {MAX_NUMBERS} phone numbers "
            f"({len(entries)} given)",
        )
    found: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for entry in entries:
        raw = _text(entry.get("phone_number")) if isinstance(entry, dict) else ""
        e164 = _parse_e164(raw)
        if e164 is None:
            raise bad_request(
                MULTIPLE_COUNTRIES,
                f"Port in request contains numbers that are not in E.164 format: {raw!r}",
            )
        if e164 in seen:
            raise bad_request(INVALID_PARAMETER, f"{e164} appears more than once")
        seen.add(e164)
        pin = _text(entry.get("pin")) or None
        found.append((e164, pin))
    if len({country_of(e164) for e164, _ in found}) > 1:
        raise bad_request(
            MULTIPLE_COUNTRIES, "Port in request contains numbers for multiple countries"
        )
    return found


def _refuse_unportable(result: Portability) -> None:
    if result.portable:
        return
    assert result.reason is not None
    name, code = result.reason
    if result.porting:
        raise bad_request(
            PORT_IN_PROGRESS,
            f"A port request for {result.phone_number} is already in progress with one of your "
            "Twilio accounts",
        )
    raise bad_request(code, f"{result.phone_number} cannot be ported with the Porting API ({name})")


def _new_number(
    state: SandboxState,
    store: PortStore,
    carrier: dict[str, Any],
    e164: str,
    pin: str | None,
    kind: str,
    now: datetime,
) -> PortInNumber:
    """A number of a new request, with the losing carrier's answer already decided."""
    owner = state.owner_of(e164)
    forced = None
    losing: tuple[str, str] | None = None
    loa_rejection: str | None = "PHONE_NUMBER_INACTIVE_OR_DISCONNECTED"
    if owner is not None:
        losing = (owner[1].vendor, owner[1].key)
        record = carrier_record(state, owner[1])
        loa_rejection = rejection_for(_claim(carrier, pin), record, kind == "MOBILE")
        code = owner[1].extra.get(_FORCED_KEY, {}).pop(e164, None)
        forced = (code, now) if code else None
    return PortInNumber(
        sid=f"PU{store.rng.getrandbits(128):032x}",
        phone_number=e164,
        number_type=kind,
        pin=pin,
        losing=losing,
        loa_rejection=loa_rejection,
        forced=forced,
    )


def _create(call: Call) -> Response:
    body = call.request.json()
    if not isinstance(body, dict):
        raise bad_request(INVALID_PARAMETER, "The request body must be a JSON object")
    _required(body, ("account_sid",), "")
    gaining = _own_account(call, _text(body["account_sid"]))
    documents = body.get("documents")
    if not isinstance(documents, list) or not documents:
        raise bad_request(
            MISSING_REQUIRED_FIELDS,
            "Missing required fields: documents (at least one utility bill document SID)",
        )
    carrier = _carrier_info(body)
    requested = _requested_numbers(body)
    state = call.state
    settle(state)
    now = state.clock.now()
    port_date = _port_date(body, now)
    store = _store(gaining)
    checked = []
    for e164, pin in requested:
        result = portability(state, gaining, e164)
        _refuse_unportable(result)
        mobile = result.number_type == "MOBILE"
        if mobile and not (pin and _text(carrier.get("account_number"))):
            raise bad_request(
                MISSING_REQUIRED_FIELDS,
                f"Missing required fields: a PIN and account number are required for the US "
                f"mobile number {e164}",
            )
        checked.append((e164, pin, result.number_type))
    numbers = [
        _new_number(state, store, carrier, e164, pin, kind, now) for e164, pin, kind in checked
    ]
    port = PortIn(
        sid=f"KW{store.rng.getrandbits(128):032x}",
        account_sid=gaining.key,
        created=now,
        port_date=port_date,
        body=body,
        numbers=numbers,
        support_ticket_id=store.rng.randrange(10**6, 10**7),
    )
    store.port_ins[port.sid] = port
    return Response.json(_port_in_json(port, now), 202)


# --- reading and cancelling ----------------------------------------------------------------
def _find(call: Call, sid: str) -> tuple[Account, PortIn]:
    for account in _visible(call):
        store = account.extra.get(_STORE_KEY)
        if isinstance(store, PortStore) and sid in store.port_ins:
            return account, store.port_ins[sid]
    raise not_found(call.request.path)


def _find_number(call: Call) -> tuple[PortIn, PortInNumber]:
    _, port = _find(call, call.params["sid"])
    for number in port.numbers:
        if number.sid == call.params["number_sid"]:
            return port, number
    raise not_found(call.request.path)


def _fetch(call: Call) -> Response:
    settle(call.state)
    _, port = _find(call, call.params["sid"])
    return Response.json(_port_in_json(port, call.state.clock.now()))


def _cancel_number(port: PortIn, number: PortInNumber, now: datetime) -> None:
    current = number_state(port, number, now).status
    if current in (COMPLETED, CANCELED, CANCELING):
        raise bad_request(
            INVALID_PARAMETER,
            f"The phone number {number.phone_number} cannot be canceled: it is {current}",
        )
    number.canceled_at = now


def _delete(call: Call) -> Response:
    settle(call.state)
    _, port = _find(call, call.params["sid"])
    now = call.state.clock.now()
    status, _ = request_status(port, now)
    if status in ("Completed", "Canceled", "Expired"):
        raise bad_request(
            INVALID_PARAMETER, f"The port in request {port.sid} cannot be canceled: it is {status}"
        )
    for number in port.numbers:
        if number_state(port, number, now).status not in (COMPLETED, CANCELED, CANCELING):
            number.canceled_at = now
    port.canceled_at = now
    return Response.empty()


def _fetch_number(call: Call) -> Response:
    settle(call.state)
    port, number = _find_number(call)
    return Response.json(_phone_number_json(port, number, call.state.clock.now()))


def _delete_number(call: Call) -> Response:
    settle(call.state)
    port, number = _find_number(call)
    _cancel_number(port, number, call.state.clock.now())
    return Response.empty()


def _list(call: Call) -> Response:
    settle(call.state)
    request = call.request
    now = call.state.clock.now()
    size = _size(request)
    ports = [
        port
        for account in _visible(call)
        if isinstance(store := account.extra.get(_STORE_KEY), PortStore)
        for port in store.port_ins.values()
    ]
    ports.sort(key=lambda p: (p.created, p.sid))
    filters = {
        name: value
        for name in ("PortInRequestSid", "PortInRequestStatus", "CreatedBefore", "CreatedAfter")
        if (value := request.param(name))
    }
    if "PortInRequestSid" in filters:
        wanted = {s.strip() for s in filters["PortInRequestSid"].split(",")}
        ports = [p for p in ports if p.sid in wanted]
    if "PortInRequestStatus" in filters:
        status = filters["PortInRequestStatus"].casefold()
        ports = [p for p in ports if request_status(p, now)[0].casefold() == status]
    if "CreatedBefore" in filters:
        before = _date_param(filters, "CreatedBefore")
        ports = [p for p in ports if p.created.date() < before]
    if "CreatedAfter" in filters:
        after = _date_param(filters, "CreatedAfter")
        ports = [p for p in ports if p.created.date() > after]
    start = 0
    token = request.param("Token")
    if token:
        position = {p.sid: i for i, p in enumerate(ports)}
        if token not in position:
            raise bad_request(INVALID_PARAMETER, f"Invalid Token: {token}")
        start = position[token]
    page = ports[start : start + size]
    next_token = ports[start + size].sid if start + size < len(ports) else None
    previous_token = ports[max(start - size, 0)].sid if start > 0 else None
    base = f"{HOST_URL}{PORT_IN_PATH}/PortInRequests"

    def link(token: str | None) -> str:
        query = dict(filters, Size=str(size))
        if token:
            query["Token"] = token
        return f"{base}?{urlencode(query)}"

    return Response.json(
        {
            "port_in_requests": [_summary_json(p, now) for p in page],
            # Twilio's documented meta has only the two tokens; the SDK's Page also needs `key`
            # and the page URLs of every v1 list to read the records and follow the pages.
            "meta": {
                "next_token": next_token,
                "previous_token": previous_token,
                "key": "port_in_requests",
                "page_size": size,
                "url": link(token),
                "first_page_url": link(None),
                "next_page_url": link(next_token) if next_token else None,
                "previous_page_url": link(previous_token) if previous_token else None,
            },
        }
    )


def _date_param(filters: dict[str, str], name: str) -> date:
    try:
        return date.fromisoformat(filters[name][:10])
    except ValueError:
        raise bad_request(INVALID_PARAMETER, f"{name} must be a date such as 2025-05-05") from None


def _size(request: Request) -> int:
    raw = request.param("Size") or request.param("PageSize") or "20"
    try:
        size = int(raw)
    except ValueError:
        raise bad_request(INVALID_PARAMETER, "Size must be an integer") from None
    if not 1 <= size <= 100:
        raise bad_request(INVALID_PARAMETER, "Size must be between 1 and 100")
    return size


# --- rendering -----------------------------------------------------------------------------
def _clean(data: Any) -> Any:
    """The losing carrier information as sent, without the nulls the SDK sends for unset
    fields (the schema's fields are non-null strings)."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v is not None}
    return data


def _rejection(state: NumberState) -> tuple[str | None, int | None]:
    if state.rejection is None:
        return None, None
    return state.rejection, REJECTIONS.get(state.rejection, REJECTIONS["CONTACT_SUPPORT_REQUIRED"])


def _result_json(port: PortIn, number: PortInNumber, now: datetime) -> dict[str, Any]:
    state = number_state(port, number, now)
    reason, code = _rejection(state)
    return {
        "phone_number": number.phone_number,
        "port_in_phone_number_sid": number.sid,
        "port_in_phone_number_status": state.status,
        "portable": True,
        "not_portability_reason": None,
        "not_portability_reason_code": None,
        "number_type": number.number_type,
        "port_date": iso8601(state.port_date) if state.port_date else None,
        "rejection_reason": reason,
        "rejection_reason_code": str(code) if code else None,
        "status_last_time_updated_timestamp": iso8601(state.since),
        "external_porting_vendor_phone_number_id": None,
    }


def _port_in_json(port: PortIn, now: datetime) -> dict[str, Any]:
    body = port.body
    status, _ = request_status(port, now)
    signing = now >= port.created + REVIEW
    return {
        "port_in_request_sid": port.sid,
        "url": f"{HOST_URL}{PORT_IN_PATH}/{port.sid}",
        "account_sid": port.account_sid,
        "notification_emails": body.get("notification_emails"),
        "target_port_in_date": body.get("target_port_in_date") or port.port_date.date().isoformat(),
        "target_port_in_time_range_start": body.get("target_port_in_time_range_start"),
        "target_port_in_time_range_end": body.get("target_port_in_time_range_end"),
        "port_in_request_status": status,
        "order_cancellation_reason": "Canceled by the customer" if port.canceled_at else None,
        "losing_carrier_information": _clean(body.get("losing_carrier_information")),
        "phone_numbers": [_result_json(port, n, now) for n in port.numbers],
        "bundle_sid": body.get("bundle_sid"),
        "portability_advance_carrier": None,
        "auto_cancel_approval_numbers": None,
        "documents": [str(d) for d in body.get("documents") or []],
        "date_created": iso8601(port.created),
        "support_ticket_id": port.support_ticket_id,
        # A reserved .invalid host: the sandbox sends no e-mail and has no signing page.
        "signature_request_url": (
            f"https://loa-signing.sandbox.invalid/{port.sid}" if signing else None
        ),
    }


def _phone_number_json(port: PortIn, number: PortInNumber, now: datetime) -> dict[str, Any]:
    state = number_state(port, number, now)
    reason, code = _rejection(state)
    pin = number.pin if number.pin and number.pin.isdigit() else None
    return {
        "port_in_request_sid": port.sid,
        "phone_number_sid": number.sid,
        "url": f"{HOST_URL}{PORT_IN_PATH}/{port.sid}/PhoneNumber/{number.sid}",
        "account_sid": port.account_sid,
        "phone_number_type": number.number_type,
        "date_created": iso8601(port.created),
        "country": country_of(number.phone_number),
        "missing_required_fields": False,
        "last_updated": iso8601(state.since),
        "phone_number": number.phone_number,
        "portable": True,
        "not_portability_reason": None,
        "not_portability_reason_code": None,
        "port_in_phone_number_status": state.status,
        "port_out_pin": int(pin) if pin else None,
        "rejection_reason": reason,
        "rejection_reason_code": code,
        "port_date": iso8601(state.port_date) if state.port_date else None,
    }


def _summary_json(port: PortIn, now: datetime) -> dict[str, Any]:
    status, since = request_status(port, now)
    ported = sum(1 for n in port.numbers if number_state(port, n, now).status == COMPLETED)
    return {
        "port_in_request_sid": port.sid,
        "port_in_request_status": status,
        "status_last_updated_timestamp": iso8601(since),
        "phone_numbers_requested": len(port.numbers),
        "phone_numbers_ported": ported,
        "suggested_action": _suggested_action(status),
    }


# --- control API ---------------------------------------------------------------------------
def _control(state: SandboxState, request: Request, body: dict[str, Any]) -> Response:
    """GET: every port-in of every Twilio account. POST {"phone_number" | "port_in_request_sid",
    "reject": CODE or null}: make the losing carrier reject (or stop rejecting)."""
    with state.lock:
        settle(state)
        now = state.clock.now()
        if request.method == "GET":
            ports = [
                _port_in_json(port, now)
                for account in state.accounts.of_vendor("twilio")
                if isinstance(store := account.extra.get(_STORE_KEY), PortStore)
                for port in store.port_ins.values()
            ]
            return Response.json({"port_ins": ports})
        if request.method != "POST":
            return Response.json({"error": "use GET or POST"}, 405)
        code = body.get("reject")
        if code is not None and code not in REJECTIONS:
            return Response.json(
                {"error": f"reject must be one of {', '.join(REJECTIONS)} or null"}, 400
            )
        if body.get("port_in_request_sid"):
            return _force_request(state, str(body["port_in_request_sid"]), code, now)
        if body.get("phone_number"):
            return _force_number(state, str(body["phone_number"]), code, now)
        return Response.json({"error": "give phone_number or port_in_request_sid"}, 400)


def _live_numbers(state: SandboxState, e164: str | None, sid: str | None) -> list[PortInNumber]:
    now = state.clock.now()
    found = []
    for account in state.accounts.of_vendor("twilio"):
        store = account.extra.get(_STORE_KEY)
        if not isinstance(store, PortStore):
            continue
        for port in store.port_ins.values():
            if sid is not None and port.sid != sid:
                continue
            for number in port.numbers:
                if e164 is not None and number.phone_number != e164:
                    continue
                if number_state(port, number, now).status not in (*FINAL, CANCELING):
                    found.append(number)
    return found


def _force(numbers: list[PortInNumber], code: str | None, now: datetime) -> None:
    for number in numbers:
        number.forced = (code, now) if code else None


def _force_request(state: SandboxState, sid: str, code: str | None, now: datetime) -> Response:
    numbers = _live_numbers(state, None, sid)
    if not numbers:
        return Response.json({"error": f"no live port-in request {sid}"}, 404)
    _force(numbers, code, now)
    return Response.json({"port_in_request_sid": sid, "reject": code, "numbers": len(numbers)})


def _force_number(state: SandboxState, raw: str, code: str | None, now: datetime) -> Response:
    e164 = _parse_e164(raw)
    if e164 is None:
        return Response.json({"error": f"{raw!r} is not an E.164 number"}, 400)
    numbers = _live_numbers(state, e164, None)
    if numbers:
        _force(numbers, code, now)
        return Response.json({"phone_number": e164, "reject": code, "applies_to": "current"})
    owner = state.owner_of(e164)
    if owner is None:
        return Response.json({"error": f"{e164} is not in any sandbox account"}, 404)
    forced = owner[1].extra.setdefault(_FORCED_KEY, {})
    if code:
        forced[e164] = code
    else:
        forced.pop(e164, None)
    return Response.json({"phone_number": e164, "reject": code, "applies_to": "next"})


# --- wiring --------------------------------------------------------------------------------
def register(router: Router) -> None:
    """Add the Porting API routes to the numbers.twilio.com router, and the porting control
    endpoint and clock hook to the sandbox's control API."""
    kw = rf"(?P<sid>KW{SID_PATTERN})"
    pu = rf"(?P<number_sid>PU{SID_PATTERN})"
    router.add("GET", r"/v1/Porting/Portability/PhoneNumber/(?P<phone_number>[^/]+)", _portability)
    router.add("POST", PORT_IN_PATH, _create)
    router.add("GET", f"{PORT_IN_PATH}/PortInRequests", _list)
    router.add("GET", f"{PORT_IN_PATH}/{kw}", _fetch)
    router.add("DELETE", f"{PORT_IN_PATH}/{kw}", _delete)
    router.add("GET", f"{PORT_IN_PATH}/{kw}/PhoneNumber/{pu}", _fetch_number)
    router.add("DELETE", f"{PORT_IN_PATH}/{kw}/PhoneNumber/{pu}", _delete_number)
    control.add_endpoint("twilio/ports", _control)
    control.on_clock_advanced("twilio/ports", settle)


def counts(account: Account) -> dict[str, int]:
    """Port-in requests the account has made, and its numbers still on their way in."""
    store = account.extra.get(_STORE_KEY)
    if not isinstance(store, PortStore):
        return {"port_in_requests": 0}
    return {"port_in_requests": len(store.port_ins)}
