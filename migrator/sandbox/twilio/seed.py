"""A realistic departing Twilio account, drawn deterministically from a seeded generator.

Mostly US local numbers across many area codes, some US toll-free, Canadian and British local,
British and Australian mobile; ten TwiML Apps; numbers that use apps, their own URLs, TwiML Bins,
Studio flows or Functions (or nothing); two Messaging Services; a SIP trunk; a SIP domain; and a
subaccount whose numbers count toward the requested total. The account also gets the losing
carrier's record (`extra["carrier_record"]`) that port-in documents are checked against.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from migrator.sandbox.accounts import Account
from migrator.sandbox.state import SandboxState
from migrator.sandbox.twilio.catalogue import capabilities_of
from migrator.sandbox.twilio.customers import (
    APP_TEMPLATES,
    COMPANIES,
    DEPARTMENTS,
    SUBACCOUNT_APP,
    AppTemplate,
    Company,
    conference,
    forward_to,
    ivr_menu,
    sms_auto_reply,
    voicemail,
)
from migrator.sandbox.twilio.places import CA_AREAS, GB_AREAS, US_AREAS, US_TOLL_FREE
from migrator.sandbox.twilio.render import default_friendly_name
from migrator.sandbox.twilio.resources import (
    Application,
    IncomingNumber,
    MessagingService,
    OriginationUrl,
    SipDomain,
    Trunk,
    TwilioStore,
    TwimlBin,
    store_of,
)
from migrator.sandbox.twilio.sids import new_sid

AccountFactory = Callable[..., Account]

EPOCH = datetime(2019, 3, 4, 9, 30, tzinfo=UTC)

# (country, kind, share of the numbers); US local takes whatever is left.
NUMBER_MIX = (
    ("US", "tollfree", 0.06),
    ("CA", "local", 0.05),
    ("GB", "local", 0.04),
    ("GB", "mobile", 0.03),
    ("AU", "mobile", 0.02),
)

# How a number is answered, and each way's share; "own" takes whatever is left.
ROUTING_MIX = (
    ("app", 0.34),
    ("app_and_urls", 0.05),
    ("bin", 0.08),
    ("studio", 0.06),
    ("function", 0.06),
    ("trunk", 0.04),
    ("trunk_and_urls", 0.02),
    ("none", 0.05),
    ("mixed", 0.04),
)

SERVICE_SHARES = (0.08, 0.03)
SERVICE_POOL_LIMIT = 400


def _spread(
    rng: random.Random, total: int, mix: tuple[tuple[Any, ...], ...], rest: Any
) -> list[Any]:
    """`total` labels in the given shares (at least one of each once total allows), shuffled."""
    labels: list[Any] = []
    for *label, share in mix:
        count = round(total * share)
        if count == 0 and total >= 2 * len(mix):
            count = 1
        labels += [tuple(label) if len(label) > 1 else label[0]] * count
    labels = labels[:total]
    labels += [rest] * (total - len(labels))
    rng.shuffle(labels)
    return labels


class _Seeder:
    def __init__(
        self, state: SandboxState, account: Account, rng: random.Random, company: Company
    ) -> None:
        self.state = state
        self.account = account
        self.store: TwilioStore = store_of(account)
        self.rng = rng
        self.company = company
        self.url_password = f"{rng.getrandbits(40):010x}"

    def when(self) -> datetime:
        return EPOCH + timedelta(minutes=self.rng.randrange(5 * 365 * 24 * 60))

    def sid(self, prefix: str) -> str:
        return new_sid(self.rng, prefix)

    def url(self, template: str) -> str:
        return template.replace("{d}", self.company.domain)

    # --- resources -----------------------------------------------------------------------
    def application(self, template: AppTemplate) -> Application:
        created = self.when()
        app = Application(
            sid=self.sid("AP"),
            friendly_name=template.name,
            date_created=created,
            date_updated=created,
        )
        for attr, url in template.urls.items():
            setattr(app, attr, self.url(url))
        for attr, method in template.methods.items():
            setattr(app, attr, method)
        app.voice_caller_id_lookup = self.rng.random() < 0.2
        self.store.applications[app.sid] = app
        return app

    def twiml_bins(self, on_call: str, caller_id: str) -> dict[str, TwimlBin]:
        content = {
            "ivr": ("Main menu IVR", ivr_menu(self.company)),
            "forward": ("Forward to on-call", forward_to(self.company, on_call, caller_id)),
            "voicemail": ("After-hours voicemail", voicemail(self.company)),
            "conference": ("Ops bridge conference", conference(self.company)),
            "sms": ("SMS auto-reply", sms_auto_reply(self.company)),
        }
        bins = {}
        for key, (name, twiml) in content.items():
            found = TwimlBin(self.sid("EH"), name, twiml, self.when())
            self.store.bins[found.sid] = found
            bins[key] = found
        return bins

    def trunk(self) -> Trunk:
        created = self.when()
        trunk = Trunk(
            sid=self.sid("TK"),
            friendly_name="Office PBX trunk",
            domain_name=f"{self.company.slug}-{self.rng.randrange(1000, 9999)}.pstn.twilio.com",
            date_created=created,
            date_updated=created,
            disaster_recovery_url=self.url("https://pbx.{d}/twilio/disaster-recovery"),
            disaster_recovery_method="POST",
            cnam_lookup_enabled=True,
            transfer_mode="enable-all",
        )
        for priority, host, extra in ((10, "pbx1", ""), (20, "pbx2", ";transport=tls")):
            origination = OriginationUrl(
                sid=self.sid("OU"),
                trunk_sid=trunk.sid,
                friendly_name=f"{host} ({self.company.name})",
                sip_url=f"sip:{host}.{self.company.domain}:5060{extra}",
                priority=priority,
                weight=10,
                enabled=True,
                date_created=created,
                date_updated=created,
            )
            trunk.origination_urls[origination.sid] = origination
        self.store.trunks[trunk.sid] = trunk
        return trunk

    def sip_domain(self) -> SipDomain:
        created = self.when()
        domain = SipDomain(
            sid=self.sid("SD"),
            domain_name=f"{self.company.slug}-{self.rng.randrange(1000, 9999)}.sip.twilio.com",
            friendly_name=f"{self.company.name} desk phones",
            date_created=created,
            date_updated=created,
            voice_url=self.url("https://pbx.{d}/twilio/sip/inbound"),
            voice_fallback_url=self.url("https://pbx-dr.{d}/twilio/sip/inbound"),
            voice_status_callback_url=self.url("https://pbx.{d}/twilio/sip/status"),
            sip_registration=True,
            emergency_calling_enabled=True,
        )
        self.store.domains[domain.sid] = domain
        return domain

    def services(self) -> list[MessagingService]:
        first, second = self.when(), self.when()
        notifications = MessagingService(
            sid=self.sid("MG"),
            friendly_name="Customer notifications",
            date_created=first,
            date_updated=first,
            inbound_request_url=self.url("https://notify.{d}/twilio/messaging/inbound"),
            fallback_url=self.url("https://notify-dr.{d}/twilio/messaging/inbound"),
            status_callback=self.url("https://notify.{d}/twilio/messaging/status"),
            usecase="notifications",
            us_app_to_person_registered=True,
            use_inbound_webhook_on_number=False,
        )
        marketing = MessagingService(
            sid=self.sid("MG"),
            friendly_name="Marketing campaigns",
            date_created=second,
            date_updated=second,
            status_callback=self.url("https://marketing.{d}/sms/delivery"),
            usecase="marketing",
            us_app_to_person_registered=False,
            use_inbound_webhook_on_number=True,
            sticky_sender=False,
        )
        for service in (notifications, marketing):
            self.store.services[service.sid] = service
        return [notifications, marketing]

    # --- numbers -------------------------------------------------------------------------
    def number(self, country: str, kind: str) -> IncomingNumber:
        area = None
        if kind == "tollfree" and country == "US":
            area = self.rng.choice(US_TOLL_FREE)
        elif kind == "local":
            areas = {"US": US_AREAS, "CA": CA_AREAS, "GB": GB_AREAS}.get(country)
            area = self.rng.choice(sorted(areas)) if areas else None
        e164 = self.state.numbers.allocate(self.rng, country, kind, area)
        created = self.when()
        number = IncomingNumber(
            sid=self.sid("PN"),
            phone_number=e164,
            number_type=kind,
            capabilities=capabilities_of(country, kind),
            friendly_name=default_friendly_name(e164),
            date_created=created,
            date_updated=created + timedelta(days=self.rng.randrange(400)),
        )
        if self.rng.random() < 0.15:
            number.friendly_name = f"{self.rng.choice(DEPARTMENTS)} line {e164[-4:]}"
        if country != "US" and country != "CA":
            number.address_requirements = "local" if kind == "local" else "any"
            number.address_sid = self.sid("AD")
            if kind == "mobile":
                number.bundle_sid = self.sid("BU")
        number.voice_caller_id_lookup = self.rng.random() < 0.1
        return self.store.add_number(number)

    def own_urls(self, number: IncomingNumber) -> None:
        rng = self.rng
        line = number.phone_number[-4:]
        if rng.random() < 0.1:
            number.voice_url = self.url(
                f"https://hooks:{self.url_password}@crm.{{d}}/twilio/inbound-call"
            )
        else:
            host = rng.choice(("api", "voice", "crm", "calls"))
            number.voice_url = self.url(f"https://{host}.{{d}}/webhooks/twilio/voice?line={line}")
        number.voice_method = "GET" if rng.random() < 0.2 else "POST"
        if rng.random() < 0.4:
            number.voice_fallback_url = self.url("https://fallback.{d}/twilio/voice")
        if rng.random() < 0.5:
            number.status_callback = self.url("https://api.{d}/webhooks/twilio/call-status")
        if number.capabilities["sms"]:
            number.sms_url = self.url("https://api.{d}/webhooks/twilio/sms")
            if rng.random() < 0.3:
                number.sms_fallback_url = self.url("https://fallback.{d}/twilio/sms")

    def route(
        self,
        number: IncomingNumber,
        how: str,
        apps: list[Application],
        bins: dict[str, TwimlBin],
        flows: list[str],
        functions: list[str],
        trunk: Trunk,
    ) -> None:
        rng = self.rng
        voice_apps = [a for a in apps if a.voice_url]
        sms_apps = [a for a in apps if a.sms_url]
        sms = number.capabilities["sms"]
        if how in ("app", "app_and_urls"):
            app = rng.choice(voice_apps)
            number.voice_application_sid = app.sid
            if sms:
                pick = rng.random()
                if pick < 0.6 and app.sms_url:
                    number.sms_application_sid = app.sid
                elif pick < 0.8:
                    number.sms_application_sid = rng.choice(sms_apps).sid
                else:
                    number.sms_url = self.url("https://api.{d}/webhooks/twilio/sms")
            if how == "app_and_urls":
                self.own_urls(number)  # left over from before the app; ignored by Twilio
        elif how == "bin":
            voice_bin = bins[rng.choice(("ivr", "forward", "voicemail", "conference"))]
            number.voice_url = voice_bin.url
            if sms:
                number.sms_url = bins["sms"].url
        elif how == "studio":
            flow = rng.choice(flows)
            number.voice_url = flow
            if sms:
                number.sms_url = flow
        elif how == "function":
            base = rng.choice(functions)
            number.voice_url = f"{base}/incoming-call"
            number.status_callback = f"{base}/call-status"
            if sms:
                number.sms_url = f"{base}/sms-reply"
        elif how in ("trunk", "trunk_and_urls"):
            number.trunk_sid = trunk.sid
            if how == "trunk_and_urls":
                number.voice_url = self.url("https://ivr.{d}/twilio/voice/answer")
        elif how == "mixed":
            number.voice_url = bins[rng.choice(("ivr", "voicemail"))].url
            if sms:
                number.sms_url = f"{rng.choice(functions)}/sms-reply"
        elif how == "own":
            self.own_urls(number)

    def emergency(self, number: IncomingNumber) -> None:
        number.emergency_address_sid = self.sid("AD")
        number.emergency_status = "Active"
        number.emergency_address_status = "registered"

    def carrier_record(self, billing_number: str | None, eu: bool = False) -> dict[str, Any]:
        company = self.company
        address = {
            "street": company.street,
            "city": company.city,
            "state": company.state,
            "zip": company.zip,
            "country": company.country,
        }
        if eu:
            address = {
                "street": "30 St Mary Axe",
                "city": company.eu_city,
                "state": "",
                "zip": "EC3A 8BF",
                "country": "GB",
            }
        return {
            "customer_name": company.legal_name,
            "account_number": str(self.rng.randrange(10**9, 10**10)),
            "pin": f"{self.rng.randrange(10_000):04d}",
            "billing_telephone_number": billing_number,
            "address": address,
        }


def seed_account(
    state: SandboxState,
    account: Account,
    total: int,
    rng: random.Random,
    create_account: AccountFactory,
) -> None:
    """Fill `account` (and a new subaccount) with `total` numbers and everything around them."""
    company = rng.choice(COMPANIES)
    seeder = _Seeder(state, account, rng, company)
    account.name = account.name or company.name
    store_of(account).profile.friendly_name = f"{company.name} (production)"
    sub_total = min(max(total // 50, 1), 25) if total >= 4 else 0

    apps = [seeder.application(t) for t in APP_TEMPLATES]
    on_call = state.numbers.allocate(rng, "US", "local", "415")
    trunk = seeder.trunk()
    seeder.sip_domain()
    services = seeder.services()
    flows = [
        f"https://webhooks.twilio.com/v1/Accounts/{account.key}/Flows/{seeder.sid('FW')}"
        for _ in range(2)
    ]
    functions = [
        f"https://{company.slug}-ivr-{rng.randrange(1000, 9999)}.twil.io",
        f"https://{company.slug}-sms-{rng.randrange(1000, 9999)}-dev.twil.io",
    ]

    kinds = _spread(rng, total - sub_total, NUMBER_MIX, ("US", "local"))
    numbers = [seeder.number(country, kind) for country, kind in kinds]
    caller_id = next((n.phone_number for n in numbers if n.phone_number.startswith("+1")), on_call)
    bins = seeder.twiml_bins(on_call, caller_id)
    for number, how in zip(numbers, _spread(rng, len(numbers), ROUTING_MIX, "own"), strict=True):
        seeder.route(number, how, apps, bins, flows, functions, trunk)
        local_us = number.number_type == "local" and number.phone_number.startswith("+1")
        if local_us and rng.random() < 0.05:
            seeder.emergency(number)
    _fill_services(seeder, services, numbers)
    us_numbers = [n.phone_number for n in numbers if n.phone_number.startswith("+1")]
    account.extra["carrier_record"] = seeder.carrier_record(us_numbers[0] if us_numbers else None)

    if total >= 4:
        _seed_subaccount(state, account, sub_total, rng, company, create_account)


def _fill_services(
    seeder: _Seeder, services: list[MessagingService], numbers: list[IncomingNumber]
) -> None:
    candidates = [n for n in numbers if n.capabilities["sms"] and n.phone_number.startswith("+1")]
    seeder.rng.shuffle(candidates)
    start = 0
    for service, share in zip(services, SERVICE_SHARES, strict=True):
        count = min(max(round(len(numbers) * share), 1), SERVICE_POOL_LIMIT)
        for number in candidates[start : start + count]:
            service.phone_numbers[number.sid] = number.date_updated
        start += count


def _seed_subaccount(
    state: SandboxState,
    parent: Account,
    total: int,
    rng: random.Random,
    company: Company,
    create_account: AccountFactory,
) -> None:
    name = f"{company.name} - {company.eu_city} office"
    sub = create_account(state, rng, "subaccount", name, parent)
    seeder = _Seeder(state, sub, rng, company)
    app = seeder.application(SUBACCOUNT_APP)
    kinds = [("GB", "local") if i % 3 else ("GB", "mobile") for i in range(total)]
    numbers = [seeder.number(country, kind) for country, kind in kinds]
    for index, number in enumerate(numbers):
        if index % 2 == 0:
            number.voice_application_sid = app.sid
            if number.capabilities["sms"]:
                number.sms_application_sid = app.sid
        else:
            seeder.own_urls(number)
    billing = numbers[0].phone_number if numbers else None
    sub.extra["carrier_record"] = seeder.carrier_record(billing, eu=True)
