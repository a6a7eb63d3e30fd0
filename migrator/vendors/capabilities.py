"""What each vendor can do, as data (shared/reference/vendors.md sections 0-3).

Adapters expose these as `VendorAdapter.capabilities`; the planner and the assessment read them
(through `capabilities_of`) without importing any SDK.
"""

from __future__ import annotations

from migrator.model.enums import WebhookPurpose as P
from migrator.vendors.base import Capabilities, Markup, PagingStyle, WebhookHome
from migrator.vendors.throttle import Limit

TWILIO = Capabilities(
    porting_api=True,
    webhook_home=WebhookHome.NUMBER_OR_APPLICATION,
    number_format="e164",
    paging=PagingStyle.TOKEN,
    max_page_size=1000,
    subaccounts=True,
    markup=Markup.TWIML,
    app_webhooks=frozenset(
        {
            P.VOICE_ANSWER,
            P.VOICE_FALLBACK,
            P.CALL_STATUS,
            P.SMS_INBOUND,
            P.SMS_FALLBACK,
            P.MESSAGE_STATUS,
        }
    ),
    number_webhooks=frozenset(
        {P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS, P.SMS_INBOUND, P.SMS_FALLBACK}
    ),
    messaging_services=True,
    sip_trunks=True,
    default_limit=Limit(concurrency=100),
)

VONAGE = Capabilities(
    porting_api=False,
    webhook_home=WebhookHome.APPLICATION,
    number_format="digits",
    paging=PagingStyle.INDEX,
    max_page_size=100,
    subaccounts=True,
    markup=Markup.NCCO,
    app_webhooks=frozenset(
        {P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS, P.SMS_INBOUND, P.MESSAGE_STATUS}
    ),
    number_webhooks=frozenset({P.SMS_INBOUND, P.CALL_STATUS}),
    messaging_services=False,
    sip_trunks=False,
    default_limit=Limit(rate=30, per=1.0),
    app_key_pairs=True,
)

PLIVO = Capabilities(
    porting_api=False,
    webhook_home=WebhookHome.APPLICATION,
    number_format="digits",
    paging=PagingStyle.OFFSET,
    max_page_size=20,
    subaccounts=True,
    markup=Markup.PLIVO,
    app_webhooks=frozenset({P.VOICE_ANSWER, P.VOICE_FALLBACK, P.CALL_STATUS, P.SMS_INBOUND}),
    number_webhooks=frozenset(),
    messaging_services=False,
    sip_trunks=False,
    default_limit=Limit(rate=300, per=5.0),
)

CAPABILITIES: dict[str, Capabilities] = {"twilio": TWILIO, "vonage": VONAGE, "plivo": PLIVO}


def capabilities_of(vendor: str) -> Capabilities:
    try:
        return CAPABILITIES[vendor]
    except KeyError:
        from migrator.errors import UsageError

        raise UsageError(f"unknown vendor '{vendor}'") from None
