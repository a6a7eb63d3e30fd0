"""Representative departing accounts of each vendor, and helpers to map, assess and plan them.

Each inventory has the shapes its vendor produces (Twilio per-number URLs, TwiML Apps, a
messaging service, a trunk, TwiML Bin/Studio/Function URLs; Vonage applications, account-wide SMS
defaults and SIP forwarding; Plivo applications, a PHLO and SIP endpoints; a file import with
per-number URLs), so the rules, mapping and planner tests exercise every branch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from migrator.engine.assessor import Translator, assess
from migrator.engine.mapper import build_mapping
from migrator.engine.migration_file import MigrationFile
from migrator.engine.planner import build_plan
from migrator.engine.sides import Side
from migrator.model.assessment import Assessment
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import (
    Application,
    Inventory,
    MessagingService,
    Number,
    SipDomain,
    SipEndpoint,
    SipTrunk,
    Subaccount,
    Webhook,
)
from migrator.model.mapping import Decisions, Mapping, Strategy, StrategyRule
from migrator.model.plan import Plan
from migrator.rules.table import load_table
from migrator.services.planning import load_mapping

P = WebhookPurpose
W = OwnerKind
C = Capability
VS = frozenset({C.VOICE, C.SMS})
VSM = frozenset({C.VOICE, C.SMS, C.MMS})

TARGET_ACCOUNTS = {"twilio": "ACtarget", "vonage": "tgtkey", "plivo": "MAtarget"}
VENDORS = ("twilio", "vonage", "plivo")
SOURCES = ("twilio", "vonage", "plivo", "file")

BIN_URL = "https://handler.twilio.com/twiml/EH0123456789abcdef"
BIN_CONTENT = '<?xml version="1.0"?><Response><Say>Thanks for calling.</Say><Hangup/></Response>'
STUDIO_URL = "https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW123"
FUNCTION_URL = "https://support-1234-prod.twil.io/answer"
PHLO_URL = "https://phlo-runner-service.plivo.com/account/MA1/phlo/9f0c"
SECRET_URL = "https://admin:s3cret@hooks.example.com/voice"


def number(
    id_: str,
    e164: str,
    country: str = "US",
    kind: NumberType = NumberType.LOCAL,
    caps: frozenset[Capability] = VS,
    account: str = "AC1",
    **fields: object,
) -> Number:
    return Number(id_, e164, country, kind, caps, account, **fields)  # type: ignore[arg-type]


def hook(
    kind: OwnerKind,
    owner: str,
    purpose: WebhookPurpose,
    url: str,
    method: str = "POST",
    **fields: object,
) -> Webhook:
    return Webhook(kind, owner, purpose, url, method, **fields)  # type: ignore[arg-type]


def twilio_source() -> Inventory:
    numbers = (
        number("PN1", "+14155550100", caps=VSM, tags=frozenset({"sales"}), friendly_name="Sales"),
        number("PN2", "+14155550101", voice_app_id="AP1", sms_app_id="AP1"),
        number("PN3", "+18005550100", kind=NumberType.TOLLFREE),
        number("PN4", "+14155550102", messaging_service_id="MG1"),
        number("PN5", "+14155550103", trunk_id="TK1"),
        number("PN6", "+442071838750", country="GB", caps=frozenset({C.VOICE})),
        number("PN7", "+14155550104", emergency_address_id="AD1"),
        number("PN8", "+14155550105", account="AC2"),
        number("PN9", "+14155550106", kind=NumberType.MOBILE, caps=frozenset({C.VOICE, C.FAX})),
    )
    webhooks = (
        hook(W.NUMBER, "PN1", P.VOICE_ANSWER, "https://api.example.com/voice"),
        hook(W.NUMBER, "PN1", P.SMS_INBOUND, "https://api.example.com/sms"),
        hook(W.NUMBER, "PN1", P.CALL_STATUS, "https://api.example.com/status"),
        hook(W.APPLICATION, "AP1", P.VOICE_ANSWER, "https://ivr.example.com/answer"),
        hook(W.APPLICATION, "AP1", P.VOICE_FALLBACK, "https://ivr.example.com/fallback"),
        hook(W.APPLICATION, "AP1", P.CALL_STATUS, "https://ivr.example.com/status"),
        hook(W.APPLICATION, "AP1", P.SMS_INBOUND, "https://ivr.example.com/sms"),
        hook(W.APPLICATION, "AP1", P.MESSAGE_STATUS, "https://ivr.example.com/msg-status"),
        hook(W.NUMBER, "PN2", P.VOICE_ANSWER, "https://old.example.com/x", effective=False),
        hook(W.NUMBER, "PN3", P.VOICE_ANSWER, BIN_URL, "GET", content=BIN_CONTENT),
        hook(W.NUMBER, "PN4", P.VOICE_ANSWER, STUDIO_URL),
        hook(W.NUMBER, "PN4", P.SMS_INBOUND, "https://api.example.com/sms-own", effective=False),
        hook(W.MESSAGING_SERVICE, "MG1", P.SMS_INBOUND, "https://sms.example.com/in"),
        hook(W.MESSAGING_SERVICE, "MG1", P.MESSAGE_STATUS, "https://sms.example.com/status"),
        hook(W.TRUNK, "TK1", P.DISASTER_RECOVERY, "https://dr.example.com/twiml"),
        hook(W.NUMBER, "PN6", P.VOICE_ANSWER, FUNCTION_URL),
        hook(W.NUMBER, "PN8", P.VOICE_ANSWER, SECRET_URL),
        hook(W.NUMBER, "PN9", P.VOICE_ANSWER, "https://api.example.com/voice"),
    )
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        account_name="Acme",
        numbers=numbers,
        applications=(
            Application("AP1", "Main IVR", "AC1", {"voice_url": "https://ivr.example.com/answer"}),
            Application("AP2", "Outbound dialer", "AC1"),
        ),
        messaging_services=(
            MessagingService("MG1", "Notifications", "AC1", ("PN4",), a2p_registered=True),
        ),
        trunks=(SipTrunk("TK1", "PBX trunk", "AC1", "acme.pstn.twilio.com", number_ids=("PN5",)),),
        sip_domains=(SipDomain("SD1", "acme.sip.twilio.com", "AC1"),),
        subaccounts=(Subaccount("AC2", "Support team", "AC1"),),
        webhooks=webhooks,
    )


def vonage_source() -> Inventory:
    app = "0f1e2d3c-aaaa-bbbb-cccc-000000000001"
    numbers = (
        number("14155550200", "+14155550200", account="vkey", voice_app_id=app, sms_app_id=app),
        number(
            "447700900123",
            "+447700900123",
            country="GB",
            kind=NumberType.MOBILE,
            account="vkey",
            voice_app_id=app,
            sms_app_id=app,
        ),
        number("14155550201", "+14155550201", account="vkey"),
        number(
            "442071838751", "+442071838751", country="GB", account="vkey", caps=frozenset({C.VOICE})
        ),
    )
    webhooks = (
        hook(W.APPLICATION, app, P.VOICE_ANSWER, "https://vg.example.com/answer", "GET"),
        hook(W.APPLICATION, app, P.VOICE_FALLBACK, "https://vg.example.com/fallback", "GET"),
        hook(W.APPLICATION, app, P.CALL_STATUS, "https://vg.example.com/event"),
        hook(W.APPLICATION, app, P.SMS_INBOUND, "https://vg.example.com/inbound"),
        hook(W.APPLICATION, app, P.MESSAGE_STATUS, "https://vg.example.com/status"),
        hook(W.NUMBER, "442071838751", P.VOICE_ANSWER, "sip:reception@pbx.example.com"),
        hook(W.ACCOUNT, "vkey", P.SMS_INBOUND, "https://vg.example.com/default-mo"),
    )
    return Inventory(
        vendor=Vendor.VONAGE,
        account_id="vkey",
        numbers=numbers,
        applications=(Application(app, "Contact centre", "vkey"),),
        subaccounts=(Subaccount("vsub1", "EU branch", "vkey"),),
        webhooks=webhooks,
    )


def plivo_source() -> Inventory:
    numbers = (
        number(
            "14155550300", "+14155550300", account="MA1", voice_app_id="1001", sms_app_id="1001"
        ),
        number(
            "16135550100",
            "+16135550100",
            country="CA",
            account="MA1",
            voice_app_id="1001",
            sms_app_id="1001",
        ),
        number(
            "18885550100",
            "+18885550100",
            kind=NumberType.TOLLFREE,
            account="MA1",
            voice_app_id="1002",
            sms_app_id="1002",
        ),
        number(
            "442071838752",
            "+442071838752",
            country="GB",
            caps=frozenset({C.VOICE}),  # Plivo's British landlines do voice only
            account="MA1",
            voice_app_id="1001",
            sms_app_id="1001",
        ),
    )
    webhooks = (
        hook(W.APPLICATION, "1001", P.VOICE_ANSWER, "https://pl.example.com/answer"),
        hook(W.APPLICATION, "1001", P.CALL_STATUS, "https://pl.example.com/hangup"),
        hook(W.APPLICATION, "1001", P.SMS_INBOUND, "https://pl.example.com/message", "GET"),
        hook(W.APPLICATION, "1002", P.VOICE_ANSWER, PHLO_URL),
    )
    return Inventory(
        vendor=Vendor.PLIVO,
        account_id="MA1",
        numbers=numbers,
        applications=(
            Application("1001", "Support", "MA1"),
            Application("1002", "Hotline PHLO", "MA1"),
        ),
        endpoints=(SipEndpoint("EP1", "frontdesk", "MA1", app_id="1001"),),
        webhooks=webhooks,
    )


def file_source() -> Inventory:
    numbers = (
        number("+14155550400", "+14155550400", account="import"),
        number(
            "+14155550401",
            "+14155550401",
            account="import",
            voice_app_id="app-1",
            sms_app_id="app-1",
        ),
        number("+442071838753", "+442071838753", country="GB", account="import"),
    )
    webhooks = (
        hook(W.NUMBER, "+14155550400", P.VOICE_ANSWER, "https://legacy.example.com/voice"),
        hook(W.NUMBER, "+14155550400", P.SMS_INBOUND, "https://legacy.example.com/sms"),
        hook(W.APPLICATION, "app-1", P.VOICE_ANSWER, "https://legacy.example.com/ivr"),
        hook(W.NUMBER, "+442071838753", P.VOICE_ANSWER, "https://legacy.example.com/uk"),
    )
    return Inventory(
        vendor=Vendor.FILE,
        account_id="file:abc",
        numbers=numbers,
        applications=(Application("app-1", "IVR", "import"),),
        webhooks=webhooks,
    )


SOURCE_BUILDERS = {
    "twilio": twilio_source,
    "vonage": vonage_source,
    "plivo": plivo_source,
    "file": file_source,
}


def sides(source: Inventory, target_vendor: str) -> tuple[Side, Side]:
    table = load_table()
    return (
        Side.of(source.vendor.value, source.account_id, table),
        Side.of(target_vendor, TARGET_ACCOUNTS[target_vendor], table),
    )


@dataclass
class Run:
    source: Inventory
    mapping: Mapping
    assessment: Assessment
    plan: Plan

    def findings(self, kind: str, item_id: str) -> dict[str, str]:
        """rule id -> reason for one item."""
        return {f.rule: f.reason for f in self.assessment.item(kind, item_id).findings}

    def rules_fired(self) -> set[str]:
        return {f.rule for item in self.assessment.items for f in item.findings}


def run(
    source: Inventory,
    target_vendor: str,
    decisions: Decisions | None = None,
    translator: Translator | None = None,
    target: Inventory | None = None,
) -> Run:
    """Map, assess and plan `source` onto a target of `target_vendor`. Without a translator the
    assessment does not test-translate hosted documents (tests inject one when they need it)."""
    src, tgt = sides(source, target_vendor)
    mapping = build_mapping(source, tgt, decisions)
    assessment = assess(source, mapping, src, tgt, translator=translator, translate=False)
    plan = build_plan(source, target, mapping, src, tgt)
    return Run(source, mapping, assessment, plan)


def twilio_to_vonage_file(path: Path) -> Path:
    """A migration file at `path` holding twilio_source() and an empty Vonage target."""
    meta = {
        "source": {"kind": "profile", "vendor": "twilio", "account_id": "AC1"},
        "target": {"kind": "profile", "vendor": "vonage", "account_id": "tgtkey"},
    }
    with MigrationFile.create(path, meta) as file:
        file.save_snapshot("source", twilio_source())
        file.save_snapshot("target", Inventory(vendor=Vendor.VONAGE, account_id="tgtkey"))
    return path


# Numbers of twilio_source() that the decision tests (CLI and service) name, and rules over them.
SALES = "+14155550100"
ON_AP1 = "+14155550101"
TOLLFREE = "+18005550100"
GB = "+442071838750"
MOBILE = "+14155550106"
US_KEEP = StrategyRule(Strategy.KEEP, country="US")
SALES_RELEASE = StrategyRule(Strategy.RELEASE, tag="sales")
TOLLFREE_PORT = StrategyRule(Strategy.PORT, number_type=NumberType.TOLLFREE)


def stored_mapping(path: Path) -> Mapping:
    """The mapping stored in the migration file at `path` (it must have one)."""
    with MigrationFile.open(path) as file:
        mapping = load_mapping(file)
    assert mapping is not None
    return mapping


# A British landline that texts: Vonage sells GB landlines with voice only, so its replace is
# blocked unless the admin accepts a replacement without SMS (Decisions.accepted_missing).
GB_TEXTS = "+442071838760"


def core_gap_file(path: Path) -> Path:
    """twilio_to_vonage_file, whose source also has GB_TEXTS (voice and SMS)."""
    twilio_to_vonage_file(path)
    source = twilio_source()
    texts = number("PN10", GB_TEXTS, country="GB", friendly_name="London desk")
    with MigrationFile.open(path) as file:
        file.save_snapshot("source", replace(source, numbers=(*source.numbers, texts)))
    return path
