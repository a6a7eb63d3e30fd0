"""Twilio's objects as the neutral inventory model, and neutral specs as Twilio parameters.

Precedence (twilio-oai field docs, shared/reference/vendors.md 1.1): a number's voice URLs are
ignored when it links a voice application, and both are ignored when it is on a SIP trunk; its
SMS URLs are ignored when it links an SMS application; and inside a Messaging Service the
service's inbound settings beat both, unless the service says `use_inbound_webhook_on_number`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from migrator.model.enums import Capability, NumberType, OwnerKind, WebhookPurpose
from migrator.model.inventory import (
    Application,
    MessagingService,
    Number,
    SipDomain,
    SipTrunk,
    Subaccount,
    Webhook,
)
from migrator.vendors import number_facts
from migrator.vendors.base import ApplicationSpec, AvailableNumber, NumberConfig, WebhookTarget

P = WebhookPurpose
NAME_LIMIT = 64
"""Twilio's FriendlyName limit."""

# purpose -> (URL field, method field or None) on a number, application, and so on.
NUMBER_HOOKS: dict[WebhookPurpose, tuple[str, str | None]] = {
    P.VOICE_ANSWER: ("voice_url", "voice_method"),
    P.VOICE_FALLBACK: ("voice_fallback_url", "voice_fallback_method"),
    P.CALL_STATUS: ("status_callback", "status_callback_method"),
    P.SMS_INBOUND: ("sms_url", "sms_method"),
    P.SMS_FALLBACK: ("sms_fallback_url", "sms_fallback_method"),
}
APP_HOOKS: dict[WebhookPurpose, tuple[str, str | None]] = {
    **NUMBER_HOOKS,
    P.MESSAGE_STATUS: ("message_status_callback", None),
}
SERVICE_HOOKS: dict[WebhookPurpose, tuple[str, str | None]] = {
    P.SMS_INBOUND: ("inbound_request_url", "inbound_method"),
    P.SMS_FALLBACK: ("fallback_url", "fallback_method"),
    P.MESSAGE_STATUS: ("status_callback", None),
}
TRUNK_HOOKS: dict[WebhookPurpose, tuple[str, str | None]] = {
    P.DISASTER_RECOVERY: ("disaster_recovery_url", "disaster_recovery_method"),
}
DOMAIN_HOOKS: dict[WebhookPurpose, tuple[str, str | None]] = {
    P.VOICE_ANSWER: ("voice_url", "voice_method"),
    P.VOICE_FALLBACK: ("voice_fallback_url", "voice_fallback_method"),
    P.CALL_STATUS: ("voice_status_callback_url", "voice_status_callback_method"),
}
VOICE = frozenset({P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS})
SMS = frozenset({P.SMS_INBOUND, P.SMS_FALLBACK})

NUMBER_FIELDS = (
    "sid",
    "account_sid",
    "phone_number",
    "friendly_name",
    "type",
    "capabilities",
    "origin",
    "status",
    "api_version",
    "beta",
    "voice_url",
    "voice_method",
    "voice_fallback_url",
    "voice_fallback_method",
    "voice_caller_id_lookup",
    "voice_receive_mode",
    "voice_application_sid",
    "sms_url",
    "sms_method",
    "sms_fallback_url",
    "sms_fallback_method",
    "sms_application_sid",
    "status_callback",
    "status_callback_method",
    "trunk_sid",
    "emergency_status",
    "emergency_address_sid",
    "emergency_address_status",
    "address_sid",
    "address_requirements",
    "identity_sid",
    "bundle_sid",
)
APP_FIELDS = (
    "sid",
    "account_sid",
    "friendly_name",
    "api_version",
    "voice_url",
    "voice_method",
    "voice_fallback_url",
    "voice_fallback_method",
    "voice_caller_id_lookup",
    "status_callback",
    "status_callback_method",
    "sms_url",
    "sms_method",
    "sms_fallback_url",
    "sms_fallback_method",
    "sms_status_callback",
    "message_status_callback",
    "public_application_connect_enabled",
)
SERVICE_FIELDS = (
    "sid",
    "account_sid",
    "friendly_name",
    "inbound_request_url",
    "inbound_method",
    "fallback_url",
    "fallback_method",
    "status_callback",
    "sticky_sender",
    "mms_converter",
    "smart_encoding",
    "scan_message_content",
    "fallback_to_long_code",
    "area_code_geomatch",
    "synchronous_validation",
    "validity_period",
    "usecase",
    "us_app_to_person_registered",
    "use_inbound_webhook_on_number",
)
TRUNK_FIELDS = (
    "sid",
    "account_sid",
    "friendly_name",
    "domain_name",
    "disaster_recovery_url",
    "disaster_recovery_method",
    "secure",
    "recording",
    "transfer_mode",
    "transfer_caller_id",
    "cnam_lookup_enabled",
    "symmetric_rtp_enabled",
    "auth_type",
    "auth_type_set",
)
ORIGINATION_FIELDS = ("sid", "friendly_name", "sip_url", "priority", "weight", "enabled")
DOMAIN_FIELDS = (
    "sid",
    "account_sid",
    "friendly_name",
    "domain_name",
    "auth_type",
    "voice_url",
    "voice_method",
    "voice_fallback_url",
    "voice_fallback_method",
    "voice_status_callback_url",
    "voice_status_callback_method",
    "sip_registration",
    "emergency_calling_enabled",
    "secure",
    "byoc_trunk_sid",
    "emergency_caller_sid",
)
APP_EXTRA = (
    "voice_caller_id_lookup",
    "public_application_connect_enabled",
    "api_version",
    "sms_status_callback",
)
"""Application settings outside the webhooks that update_application restores."""

_TYPES = {
    "local": NumberType.LOCAL,
    "mobile": NumberType.MOBILE,
    "tollfree": NumberType.TOLLFREE,
    "toll-free": NumberType.TOLLFREE,
    "toll_free": NumberType.TOLLFREE,
    "national": NumberType.NATIONAL,
}


# --- plain data -----------------------------------------------------------------------------
_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Types that are plain data already (most fields of most records)."""


def _plain(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record(instance: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of an SDK instance as plain JSON-able data."""
    found = {}
    for name in fields:
        value = getattr(instance, name, None)
        found[name] = value if type(value) in _SCALARS else _plain(value)
    return found


def payload_record(payload: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """What `record` gives for an SDK instance built from `payload` (its keys in the payload's
    order), for instance classes that copy each of `fields` from the payload unchanged (twilio
    9's IncomingPhoneNumberInstance with NUMBER_FIELDS), without building the instance. The
    payload is parsed JSON, plain data already, so its values are kept as they are.

    When `fields` are most of the payload (a number: 32 of 36), the payload itself is trimmed
    to them, a third of the time of copying 32 fields one by one: pass a payload nothing else
    uses (a page's records, once read)."""
    if 2 * len(fields) < len(payload):
        get = payload.get
        return {name: get(name) for name in fields}
    wanted = _WANTED.get(fields)
    if wanted is None:
        wanted = _WANTED[fields] = frozenset(fields)
    for name in payload.keys() - wanted:
        del payload[name]
    if len(payload) != len(wanted):
        for name in fields:
            payload.setdefault(name, None)
    return payload


_WANTED: dict[tuple[str, ...], frozenset[str]] = {}


def text(value: Any) -> str:
    return "" if value is None else str(value)


def method(value: Any) -> str:
    known = _METHODS.get(value) if type(value) is str or value is None else None
    return known if known is not None else text(value).upper() or "POST"


_METHODS: dict[str | None, str] = {
    None: "POST",
    "": "POST",
    **{verb: verb for verb in ("GET", "POST")},
    **{verb.lower(): verb for verb in ("GET", "POST")},
}
"""What `method` gives for the values Twilio sends (every other value is worked out)."""


# --- numbers --------------------------------------------------------------------------------
country_of = number_facts.country_of


def number_type(twilio_type: str | None, e164: str) -> NumberType:
    """Twilio's own `type`, else what phonenumbers says."""
    known = _TYPES_AS_SENT.get(twilio_type) if type(twilio_type) is str else None
    if known is None:
        known = _TYPES.get(text(twilio_type).lower())
    if known is not None:
        return known
    return number_facts.number_type(e164)


_TYPES_AS_SENT = {
    **_TYPES,
    **{name.upper(): kind for name, kind in _TYPES.items()},
    **{name.title(): kind for name, kind in _TYPES.items()},
}
"""`_TYPES` keyed by the spellings Twilio sends, so most numbers skip lower-casing."""


_CAPABILITY_NAMES = {cap.value: cap for cap in Capability}
_CAPABILITY_SETS: dict[tuple[tuple[Any, Any], ...], frozenset[Capability]] = {}
"""Capability flags as listed -> the set (accounts repeat a handful of combinations)."""


def capabilities(raw: Any) -> frozenset[Capability]:
    """{'voice': True, 'SMS': True, ...} (Twilio mixes the key case) as capabilities."""
    items = tuple(raw.items() if type(raw) is dict else dict(raw or {}).items())
    try:
        return _CAPABILITY_SETS[items]
    except KeyError:
        pass
    except TypeError:  # an unhashable flag value: not worth caching
        return _capabilities(items)
    found = _capabilities(items)
    if len(_CAPABILITY_SETS) < 1024:
        _CAPABILITY_SETS[items] = found
    return found


def _capabilities(items: tuple[tuple[Any, Any], ...]) -> frozenset[Capability]:
    found = (_CAPABILITY_NAMES.get(str(k).lower()) for k, on in items if on)
    return frozenset(cap for cap in found if cap is not None)


_TAGS = {
    (False, False): frozenset(),
    (True, False): frozenset({"hosted"}),
    (False, True): frozenset({"fax"}),
    (True, True): frozenset({"hosted", "fax"}),
}
"""Tags by (hosted, fax)."""


def to_number(raw: dict[str, Any], service_of: dict[str, str]) -> Number:
    get = raw.get
    e164 = raw["phone_number"]
    if type(e164) is not str:
        e164 = text(e164)
    sid = raw["sid"]
    if type(sid) is not str:
        sid = text(sid)
    account, name = get("account_sid"), get("friendly_name")
    return Number.of(
        sid,
        e164,
        country_of(e164),
        number_type(get("type"), e164),
        capabilities(get("capabilities")),
        account if type(account) is str else text(account),
        name if type(name) is str else text(name),
        get("voice_application_sid") or None,
        get("sms_application_sid") or None,
        service_of.get(sid) if service_of else None,
        get("trunk_sid") or None,
        get("emergency_address_sid") or None,
        _TAGS[get("origin") == "hosted", get("voice_receive_mode") == "fax"],
        raw,
    )


def _hooks(
    owner: OwnerKind,
    owner_id: str,
    account_id: str,
    config: dict[str, Any],
    fields: dict[WebhookPurpose, tuple[str, str | None]],
    overridden: dict[WebhookPurpose, str] | None = None,
) -> list[Webhook]:
    found = []
    get = config.get
    winners = overridden or _NO_WINNERS
    for purpose, (url_field, method_field) in fields.items():
        value = get(url_field)
        if value is None:
            continue
        url = value if type(value) is str else str(value)
        if not url:
            continue
        winner = winners.get(purpose)
        found.append(
            Webhook(
                owner,
                owner_id,
                purpose,
                url,
                method(get(method_field)) if method_field else "POST",
                account_id=account_id,
                effective=winner is None,
                overridden_by=winner,
            )
        )
    return found


_NO_WINNERS: dict[WebhookPurpose, str] = {}


def number_webhooks(number: Number, services: dict[str, MessagingService]) -> list[Webhook]:
    """The number's own URLs, each marked with whether it is the setting that applies.

    What `_hooks` does for NUMBER_HOOKS, unrolled: discovery runs it for every number."""
    voice_winner = sms_winner = None
    if number.trunk_id:
        voice_winner = f"trunk:{number.trunk_id}"
    elif number.voice_app_id:
        voice_winner = f"application:{number.voice_app_id}"
    service = services.get(number.messaging_service_id or "") if services else None
    if service is not None and not service.use_inbound_webhook_on_number:
        sms_winner = f"messaging_service:{service.id}"
    elif number.sms_app_id:
        sms_winner = f"application:{number.sms_app_id}"
    found = []
    get = number.config.get
    owner, account = number.id, number.account_id
    for purpose, url_field, method_field, is_voice in _NUMBER_HOOK_ROWS:
        value = get(url_field)
        if value is None:
            continue
        url = value if type(value) is str else str(value)
        if not url:
            continue
        winner = voice_winner if is_voice else sms_winner
        verb = get(method_field)
        known = _METHODS.get(verb) if type(verb) is str or verb is None else None
        found.append(
            Webhook.of(
                _NUMBER_OWNER,
                owner,
                purpose,
                url,
                known if known is not None else method(verb),
                account,
                winner is None,
                winner,
            )
        )
    return found


_NUMBER_OWNER = OwnerKind.NUMBER


_NUMBER_HOOK_ROWS = tuple(
    (purpose, url_field, method_field or "", purpose in VOICE)
    for purpose, (url_field, method_field) in NUMBER_HOOKS.items()
)
"""(purpose, URL field, method field, whether a voice winner overrides it); a missing method
field reads as None, which `method` turns into POST."""


def number_config(raw: dict[str, Any]) -> NumberConfig:
    """A number's complete routing configuration.

    `sms_app_id` is "" when a voice application is linked but SMS is not (None would mean
    'SMS follows app_id' when the config is set again)."""
    voice_app = raw.get("voice_application_sid") or None
    sms_app = raw.get("sms_application_sid") or None
    webhooks = {
        purpose: WebhookTarget(text(raw.get(url)), method(raw.get(verb) if verb else None))
        for purpose, (url, verb) in NUMBER_HOOKS.items()
        if raw.get(url)
    }
    return NumberConfig(
        app_id=voice_app,
        sms_app_id=sms_app if sms_app or not voice_app else "",
        webhooks=webhooks,
        vendor_fields={
            "trunk_sid": raw.get("trunk_sid") or None,
            "voice_receive_mode": raw.get("voice_receive_mode") or "voice",
        },
    )


def config_params(config: NumberConfig) -> dict[str, Any]:
    """SDK update()/create() keyword arguments setting exactly this configuration.

    Purposes the config leaves out are cleared; SMS follows `app_id` unless `sms_app_id` is
    given ("" unlinks it)."""
    unsupported = sorted(p.value for p in config.webhooks if p not in NUMBER_HOOKS)
    if unsupported:
        raise ValueError(f"a Twilio number has no place for these webhooks: {unsupported}")
    trunk = config.vendor_fields.get("trunk_sid") or ""
    if trunk and config.app_id:
        raise ValueError("a Twilio number cannot use a voice application and a trunk at once")
    sms_app = config.app_id if config.sms_app_id is None else config.sms_app_id
    params: dict[str, Any] = {
        "voice_application_sid": config.app_id or "",
        "sms_application_sid": sms_app or "",
        "trunk_sid": trunk,
    }
    for purpose, (url_field, method_field) in NUMBER_HOOKS.items():
        target = config.webhooks.get(purpose)
        params[url_field] = target.url if target else ""
        if method_field:
            params[method_field] = target.method.upper() if target else "POST"
    mode = config.vendor_fields.get("voice_receive_mode")
    if mode:
        params["voice_receive_mode"] = mode
    return params


# --- applications ---------------------------------------------------------------------------
def with_marker(name: str, marker: str) -> str:
    """`name [marker]` within Twilio's 64 characters, the marker kept whole."""
    if not marker:
        return name[:NAME_LIMIT]
    suffix = f" [{marker}]"
    return name[: max(0, NAME_LIMIT - len(suffix))] + suffix


def carries_marker(name: str, marker: str) -> bool:
    return bool(marker) and name.endswith(f"[{marker}]")


def to_application(raw: dict[str, Any]) -> Application:
    return Application(
        id=text(raw["sid"]),
        name=text(raw.get("friendly_name")),
        account_id=text(raw.get("account_sid")),
        config=raw,
    )


def _app_status_hook(config: dict[str, Any]) -> dict[str, Any]:
    """message_status_callback, or the legacy sms_status_callback when it is the only one."""
    if config.get("message_status_callback") or not config.get("sms_status_callback"):
        return config
    return {**config, "message_status_callback": config["sms_status_callback"]}


def application_webhooks(app: Application) -> list[Webhook]:
    config = _app_status_hook(app.config)
    return _hooks(OwnerKind.APPLICATION, app.id, app.account_id, config, APP_HOOKS)


def spec_of(app: Application) -> ApplicationSpec:
    """The application's complete configuration (what update_application restores)."""
    config = app.config
    webhooks = {
        purpose: WebhookTarget(text(config[url]), method(config.get(verb) if verb else None))
        for purpose, (url, verb) in APP_HOOKS.items()
        if config.get(url)
    }
    extra = {name: config.get(name) for name in APP_EXTRA}
    return ApplicationSpec(name=app.name, webhooks=webhooks, extra=extra)


def spec_params(spec: ApplicationSpec) -> dict[str, Any]:
    """Keyword arguments for applications.create()/update() setting exactly this spec."""
    unsupported = sorted(p.value for p in spec.webhooks if p not in APP_HOOKS)
    if unsupported:
        raise ValueError(f"a TwiML App has no place for these webhooks: {unsupported}")
    params: dict[str, Any] = {"friendly_name": with_marker(spec.name, spec.marker)}
    for purpose, (url_field, method_field) in APP_HOOKS.items():
        target = spec.webhooks.get(purpose)
        params[url_field] = target.url if target else ""
        if method_field:
            params[method_field] = target.method.upper() if target else "POST"
    params["sms_status_callback"] = ""
    for name in APP_EXTRA:
        value = spec.extra.get(name)
        if value is not None:
            params[name] = value
    return params


# --- the rest -------------------------------------------------------------------------------
def to_service(raw: dict[str, Any], number_ids: tuple[str, ...]) -> MessagingService:
    return MessagingService(
        id=text(raw["sid"]),
        name=text(raw.get("friendly_name")),
        account_id=text(raw.get("account_sid")),
        number_ids=number_ids,
        use_inbound_webhook_on_number=bool(raw.get("use_inbound_webhook_on_number")),
        a2p_registered=bool(raw.get("us_app_to_person_registered")),
        config=raw,
    )


def service_webhooks(service: MessagingService) -> list[Webhook]:
    return _hooks(
        OwnerKind.MESSAGING_SERVICE, service.id, service.account_id, service.config, SERVICE_HOOKS
    )


def to_trunk(
    raw: dict[str, Any], originations: list[dict[str, Any]], number_ids: tuple[str, ...]
) -> SipTrunk:
    ordered = sorted(originations, key=lambda o: (o.get("priority") or 0, -(o.get("weight") or 0)))
    return SipTrunk(
        id=text(raw["sid"]),
        name=text(raw.get("friendly_name")),
        account_id=text(raw.get("account_sid")),
        domain_name=text(raw.get("domain_name")),
        origination_urls=tuple(text(o.get("sip_url")) for o in ordered),
        number_ids=number_ids,
        config={**raw, "origination_urls": ordered},
    )


def trunk_webhooks(trunk: SipTrunk) -> list[Webhook]:
    return _hooks(OwnerKind.TRUNK, trunk.id, trunk.account_id, trunk.config, TRUNK_HOOKS)


def to_domain(raw: dict[str, Any]) -> SipDomain:
    return SipDomain(
        id=text(raw["sid"]),
        domain_name=text(raw.get("domain_name")),
        account_id=text(raw.get("account_sid")),
        config=raw,
    )


def domain_webhooks(domain: SipDomain) -> list[Webhook]:
    return _hooks(OwnerKind.SIP_DOMAIN, domain.id, domain.account_id, domain.config, DOMAIN_HOOKS)


def to_subaccount(raw: dict[str, Any]) -> Subaccount:
    return Subaccount(
        id=text(raw["sid"]),
        name=text(raw.get("friendly_name")),
        parent_id=text(raw.get("owner_account_sid")),
        status=text(raw.get("status")) or "active",
    )


def to_available(instance: Any, kind: NumberType) -> AvailableNumber:
    e164 = text(instance.phone_number)
    return AvailableNumber(
        e164=e164,
        country=text(getattr(instance, "iso_country", None)) or country_of(e164),
        number_type=kind,
        capabilities=capabilities(getattr(instance, "capabilities", None)),
        locality=text(getattr(instance, "locality", None)),
        region=text(getattr(instance, "region", None)),
    )
