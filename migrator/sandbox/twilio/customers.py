"""Fictional customers for seeding: their web hosts, TwiML Apps and TwiML Bin content.

Everything a seeded account's URLs point at comes from here, so seeded inventories read like a
real company's: its own hosts (a few with credentials embedded in the URL), plus logic hosted by
Twilio itself (TwiML Bins, Studio flows, Functions).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Company:
    name: str
    legal_name: str
    domain: str
    slug: str
    street: str
    city: str
    state: str
    zip: str
    country: str = "US"
    eu_city: str = "London"


COMPANIES = (
    Company(
        "Northwind Logistics",
        "Northwind Logistics Inc.",
        "northwind-logistics.com",
        "northwind",
        "1200 Harbor Blvd",
        "Oakland",
        "CA",
        "94607",
    ),
    Company(
        "Contoso Health",
        "Contoso Health Partners LLC",
        "contoso-health.net",
        "contoso",
        "77 Franklin St",
        "Boston",
        "MA",
        "02110",
    ),
    Company(
        "Fabrikam Retail",
        "Fabrikam Retail Group Corp.",
        "fabrikam-retail.com",
        "fabrikam",
        "400 N Michigan Ave",
        "Chicago",
        "IL",
        "60611",
    ),
    Company(
        "Tailspin Travel",
        "Tailspin Travel Co.",
        "tailspin-travel.com",
        "tailspin",
        "2200 Ross Ave",
        "Dallas",
        "TX",
        "75201",
    ),
)


@dataclass(frozen=True)
class AppTemplate:
    """A TwiML App; `{d}` in a URL is the company's domain."""

    name: str
    urls: dict[str, str] = field(default_factory=dict)
    methods: dict[str, str] = field(default_factory=dict)


APP_TEMPLATES = (
    AppTemplate(
        "Main IVR",
        {
            "voice_url": "https://ivr.{d}/twilio/voice/answer",
            "voice_fallback_url": "https://ivr-backup.{d}/twilio/voice/fallback",
            "status_callback": "https://ivr.{d}/twilio/voice/status",
            "sms_url": "https://api.{d}/twilio/sms/inbound",
            "sms_status_callback": "https://api.{d}/twilio/sms/status",
        },
    ),
    AppTemplate(
        "Sales hotline",
        {
            "voice_url": "https://sales.{d}/calls/incoming",
            "status_callback": "https://sales.{d}/calls/status",
        },
    ),
    AppTemplate(
        "Support queue",
        {
            "voice_url": "https://support.{d}/twilio/queue/enter",
            "voice_fallback_url": "https://support.{d}/twilio/queue/fallback",
            "sms_url": "https://support.{d}/twilio/sms",
            "message_status_callback": "https://support.{d}/twilio/sms/status",
        },
    ),
    AppTemplate(
        "After-hours voicemail",
        {"voice_url": "https://ivr.{d}/twilio/voicemail?mode=after-hours"},
        {"voice_method": "GET"},
    ),
    AppTemplate(
        "SMS notifications",
        {
            "sms_url": "https://notify.{d}/hooks/sms",
            "sms_fallback_url": "https://notify-dr.{d}/hooks/sms",
            "message_status_callback": "https://notify.{d}/hooks/sms-status",
        },
    ),
    AppTemplate(
        "Appointment reminders",
        {
            "sms_url": "https://reminders.{d}/twilio/inbound-sms",
            "sms_status_callback": "https://reminders.{d}/twilio/sms-status",
        },
        {"sms_method": "GET"},
    ),
    AppTemplate(
        "Call tracking",
        {
            "voice_url": "https://tracker:Tr4ck-2019x@calls.{d}/twilio/track",
            "status_callback": "https://tracker:Tr4ck-2019x@calls.{d}/twilio/status",
        },
    ),
    AppTemplate(
        "Legacy PBX bridge",
        {
            "voice_url": "https://pbxadmin:vQ7-legacy-44@pbx.{d}/twiml/route",
            "voice_fallback_url": "https://pbx-dr.{d}/twiml/route",
        },
    ),
    AppTemplate(
        "Conference bridge",
        {
            "voice_url": "https://conf.{d}/api/v2/conference/join",
            "status_callback": "https://conf.{d}/api/v2/conference/events",
        },
    ),
    AppTemplate(
        "Two-factor verification",
        {
            "sms_url": "https://auth.{d}/sms/2fa/inbound",
            "message_status_callback": "https://auth.{d}/sms/2fa/status",
        },
    ),
)

SUBACCOUNT_APP = AppTemplate(
    "EU support line",
    {
        "voice_url": "https://eu.{d}/twilio/voice/answer",
        "status_callback": "https://eu.{d}/twilio/voice/status",
        "sms_url": "https://eu.{d}/twilio/sms",
    },
)

DEPARTMENTS = (
    "Sales",
    "Support",
    "Billing",
    "Dispatch",
    "Front desk",
    "Marketing",
    "Claims",
    "Reservations",
)


def ivr_menu(company: Company) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Gather input="dtmf speech" numDigits="1" timeout="6" action="https://ivr.{company.domain}/menu/choice" method="POST">
    <Say voice="Polly.Joanna" language="en-US">Thank you for calling {company.name}. For sales, press 1. For support, press 2. For billing, press 3. To hear these options again, press 9.</Say>
  </Gather>
  <Say voice="Polly.Joanna">We did not receive a selection. Goodbye.</Say>
  <Hangup/>
</Response>
"""  # noqa: E501


def forward_to(company: Company, on_call: str, caller_id: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Say>Please hold while we connect you to the {company.name} on-call engineer.</Say>
  <Dial callerId="{caller_id}" timeout="25" record="record-from-answer-dual">
    <Number>{on_call}</Number>
  </Dial>
  <Say>The on-call engineer is not available. Please try again later.</Say>
</Response>
"""


def voicemail(company: Company) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Say voice="alice">You have reached {company.name}. Our office is closed. Please leave a message after the tone.</Say>
  <Record maxLength="120" playBeep="true" transcribe="true" transcribeCallback="https://ivr.{company.domain}/voicemail/transcription" action="https://ivr.{company.domain}/voicemail/done"/>
  <Say voice="alice">We did not receive a recording. Goodbye.</Say>
</Response>
"""  # noqa: E501


def conference(company: Company) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Say>Joining the {company.name} operations bridge.</Say>
  <Dial>
    <Conference startConferenceOnEnter="true" endConferenceOnExit="false" waitUrl="http://twimlets.com/holdmusic?Bucket=com.twilio.music.classical" record="record-from-start">{company.slug}-ops-bridge</Conference>
  </Dial>
</Response>
"""  # noqa: E501


def sms_auto_reply(company: Company) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Message>Thanks for texting {company.name}! We have received your message and will reply during business hours (Mon-Fri 8am-6pm). Reply STOP to opt out.</Message>
</Response>
"""  # noqa: E501
