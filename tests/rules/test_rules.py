"""Every assessment rule in the table fires on an item built to trigger it, with its verdict.

CASES names, per rule id, the scenario and the item; a rule added to the table without a case
here fails test_every_rule_has_a_case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

from migrator.engine.assessor import find_translator
from migrator.model.assessment import Verdict
from migrator.model.enums import Capability, NumberType, OwnerKind, Vendor, WebhookPurpose
from migrator.model.inventory import Inventory, MessagingService
from migrator.model.mapping import Decisions, Strategy
from migrator.rules.table import load_table
from tests.public_keys import public_pem
from tests.rules.inventories import (
    BIN_URL,
    VS,
    Run,
    file_source,
    hook,
    number,
    plivo_source,
    run,
    twilio_source,
    vonage_source,
)


@dataclass
class FakeTranslation:
    output: str
    report: list[Any]
    complete: bool
    source: str = "twiml"


@dataclass
class FakeItem:
    severity: str
    what: str

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "path": "/Response/Pay", "what": self.what, "why": ""}


def translator_returning(complete: bool) -> Callable[[str, str, str | None], FakeTranslation]:
    def translate(document: str, target: str, source: str | None) -> FakeTranslation:
        lost = [] if complete else [FakeItem("lost", "<Pay> has no equivalent")]
        return FakeTranslation('[{"action": "talk"}]', lost, complete)

    return translate


def failing_translator(document: str, target: str, source: str | None) -> Any:
    raise ValueError("line 1, column 9: not well-formed")


def override(e164: str, strategy: Strategy) -> Decisions:
    return Decisions(overrides={e164: strategy})


def one_number(kind: NumberType, country: str = "US", caps: Any = VS) -> Inventory:
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        numbers=(number("PN1", "+14155550199", country=country, kind=kind, caps=caps),),
    )


def status_by_get() -> Inventory:
    """A file import whose number posts message status by GET (a target may force POST)."""
    source = file_source()
    status = hook(
        OwnerKind.NUMBER,
        "+14155550400",
        WebhookPurpose.MESSAGE_STATUS,
        "https://legacy.example.com/sms-status",
        "GET",
    )
    return replace(source, webhooks=(*source.webhooks, status))


Case = Callable[[], tuple[Run, str, str]]
TW_PLIVO: Callable[[], Run] = lambda: run(twilio_source(), "plivo")  # noqa: E731
TW_VONAGE: Callable[[], Run] = lambda: run(twilio_source(), "vonage")  # noqa: E731

CASES: dict[str, Case] = {
    # numbers
    "port-by-api": lambda: (run(plivo_source(), "twilio"), "number", "+14155550300"),
    "port-by-hand": lambda: (TW_PLIVO(), "number", "+14155550100"),
    "port-coverage-unconfirmed": lambda: (TW_VONAGE(), "number", "+14155550100"),
    "port-no-path": lambda: (
        run(plivo_source(), "twilio", override("+442071838752", Strategy.PORT)),
        "number",
        "+442071838752",
    ),
    "port-tollfree-loa": lambda: (TW_PLIVO(), "number", "+18005550100"),
    "port-mobile-pin": lambda: (TW_PLIVO(), "number", "+14155550106"),
    "port-out-from-source": lambda: (run(plivo_source(), "twilio"), "number", "+14155550300"),
    "sms-lag-after-port": lambda: (TW_PLIVO(), "number", "+14155550100"),
    "port-capability-lost": lambda: (TW_PLIVO(), "number", "+14155550106"),
    "replace-type-unavailable": lambda: (
        run(one_number(NumberType.NATIONAL), "vonage", Decisions(Strategy.REPLACE)),
        "number",
        "+14155550199",
    ),
    "replace-core-capability-missing": lambda: (
        run(one_number(NumberType.LOCAL, "GB"), "vonage", Decisions(Strategy.REPLACE)),
        "number",
        "+14155550199",
    ),
    "replace-core-capability-accepted": lambda: (
        run(
            one_number(NumberType.LOCAL, "GB"),
            "vonage",
            Decisions(
                Strategy.REPLACE, accepted_missing={"+14155550199": frozenset({Capability.SMS})}
            ),
        ),
        "number",
        "+14155550199",
    ),
    "replace-extra-capability-missing": lambda: (
        run(twilio_source(), "plivo", override("+14155550106", Strategy.REPLACE)),
        "number",
        "+14155550106",
    ),
    "replace-changes-number": lambda: (
        run(plivo_source(), "twilio", Decisions(Strategy.REPLACE)),
        "number",
        "+14155550300",
    ),
    "keep-on-source": lambda: (
        run(twilio_source(), "plivo", override("+14155550100", Strategy.KEEP)),
        "number",
        "+14155550100",
    ),
    "release-without-replacement": lambda: (
        run(twilio_source(), "plivo", override("+14155550100", Strategy.RELEASE)),
        "number",
        "+14155550100",
    ),
    "no-webhook": lambda: (TW_PLIVO(), "number", "+14155550104"),
    "vendor-hosted-route": lambda: (TW_PLIVO(), "number", "+18005550100"),
    "vendor-hosted-route-rebuilt": lambda: (
        run(twilio_source(), "plivo", Decisions(urls={BIN_URL: "https://ours.example.com/bin"})),
        "number",
        "+18005550100",
    ),
    "number-settings-not-carried": lambda: (TW_PLIVO(), "number", "+14155550102"),
    "sip-forward": lambda: (run(vonage_source(), "twilio"), "number", "+442071838751"),
    "in-messaging-service": lambda: (TW_PLIVO(), "number", "+14155550102"),
    "in-trunk": lambda: (TW_PLIVO(), "number", "+14155550103"),
    "e911-address": lambda: (TW_PLIVO(), "number", "+14155550104"),
    "cnam": lambda: (TW_PLIVO(), "number", "+14155550100"),
    "tendlc": lambda: (TW_PLIVO(), "number", "+14155550100"),
    "tollfree-verification": lambda: (TW_PLIVO(), "number", "+18005550100"),
    "from-subaccount": lambda: (TW_PLIVO(), "number", "+14155550105"),
    # webhook URLs
    "vendor-hosted-logic": lambda: (TW_PLIVO(), "webhook", BIN_URL),
    "vendor-hosted-rebuilt": lambda: (
        run(twilio_source(), "plivo", Decisions(urls={BIN_URL: "https://ours.example.com/bin"})),
        "webhook",
        BIN_URL,
    ),
    "hosted-content-translated": lambda: (
        run(twilio_source(), "vonage", translator=translator_returning(True)),
        "webhook",
        BIN_URL,
    ),
    "hosted-content-lossy": lambda: (
        run(twilio_source(), "vonage", translator=translator_returning(False)),
        "webhook",
        BIN_URL,
    ),
    "hosted-content-untranslatable": lambda: (
        run(twilio_source(), "vonage", translator=failing_translator),
        "webhook",
        BIN_URL,
    ),
    "markup-change": lambda: (TW_PLIVO(), "webhook", "https://api.example.com/voice"),
    "markup-unknown": lambda: (
        run(file_source(), "plivo"),
        "webhook",
        "https://legacy.example.com/voice",
    ),
    "payload-change": lambda: (TW_VONAGE(), "webhook", "https://api.example.com/voice"),
    "param-names-change": lambda: (TW_PLIVO(), "webhook", "https://api.example.com/voice"),
    "signature-change": lambda: (TW_PLIVO(), "webhook", "https://api.example.com/voice"),
    "credentials-in-url": lambda: (
        TW_PLIVO(),
        "webhook",
        "https://***:***@hooks.example.com/voice",
    ),
    "sms-reply-inline-lost": lambda: (TW_VONAGE(), "webhook", "https://api.example.com/sms"),
    "sms-request-change": lambda: (TW_VONAGE(), "webhook", "https://api.example.com/sms"),
    "sms-account-setting": lambda: (TW_VONAGE(), "webhook", "https://api.example.com/sms"),
    "method-forced": lambda: (
        run(status_by_get(), "vonage"),
        "webhook",
        "https://legacy.example.com/sms-status",
    ),
    "sip-address": lambda: (
        run(vonage_source(), "twilio"),
        "webhook",
        "sip:reception@pbx.example.com",
    ),
    # applications
    "app-settings-not-carried": lambda: (TW_PLIVO(), "application", "app:AP1"),
    "app-shape": lambda: (TW_PLIVO(), "application", "app:AP1"),
    "app-required-setting-filled": lambda: (TW_PLIVO(), "application", "app:AP2"),
    "app-new-key-pair": lambda: (TW_VONAGE(), "application", "app:AP1"),
    "app-own-public-key": lambda: (
        run(twilio_source(), "vonage", Decisions(application_public_key=public_pem())),
        "application",
        "app:AP1",
    ),
    "app-not-needed": lambda: (
        run(twilio_source(), "plivo", override("+14155550101", Strategy.KEEP)),
        "application",
        "app:AP1",
    ),
    # other items
    "manual-item": lambda: (TW_PLIVO(), "other", "trunk:TK1"),
    "folded-item": lambda: (TW_PLIVO(), "other", "messaging_service:MG1"),
    "a2p-registration": lambda: (TW_PLIVO(), "other", "messaging_service:MG1"),
}


def test_every_rule_has_a_case() -> None:
    assert {rule.id for rule in load_table().rules} == set(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_with_its_verdict(rule_id: str) -> None:
    result, kind, item_id = CASES[rule_id]()
    rule = next(r for r in load_table().rules if r.id == rule_id)
    item = result.assessment.item(kind, item_id)
    fired = {f.rule: f for f in item.findings}
    assert rule_id in fired, f"{rule_id} did not fire on {kind} {item_id}: {sorted(fired)}"
    finding = fired[rule_id]
    assert finding.verdict is rule.verdict
    assert finding.reason and "{" not in finding.reason and "{" not in finding.fix
    assert finding.sources == rule.sources
    assert item.verdict.rank >= finding.verdict.rank


def test_no_rule_fires_on_a_clean_same_vendor_application() -> None:
    result = run(vonage_source(), "vonage")
    fired = {
        f.rule for f in result.assessment.item("webhook", "https://vg.example.com/answer").findings
    }
    assert fired == set()
    assert result.assessment.item("webhook", "https://vg.example.com/answer").verdict is Verdict.OK


def test_blocker_reasons_name_the_fix() -> None:
    result = run(twilio_source(), "plivo")
    blockers = result.assessment.with_verdict(Verdict.BLOCKER)
    assert {b.id for b in blockers} >= {BIN_URL, "+18005550100", "+14155550102", "+442071838750"}
    for item in blockers:
        for finding in item.findings:
            if finding.verdict is Verdict.BLOCKER:
                assert finding.fix


def test_rebuilt_url_removes_the_blocker() -> None:
    decisions = Decisions(urls={BIN_URL: "https://ours.example.com/bin"})
    result = run(twilio_source(), "plivo", decisions)
    assert result.assessment.item("webhook", BIN_URL).verdict is Verdict.ATTENTION
    assert result.assessment.item("number", "+18005550100").verdict is Verdict.ATTENTION


def test_unconfirmed_coverage_is_quiet_where_there_is_no_path() -> None:
    result = run(plivo_source(), "twilio", override("+442071838752", Strategy.PORT))
    fired = result.findings("number", "+442071838752")
    assert "port-no-path" in fired and "port-coverage-unconfirmed" not in fired


def test_replacement_core_rule_does_not_double_up_with_type_unavailable() -> None:
    result = run(one_number(NumberType.NATIONAL), "vonage", Decisions(Strategy.REPLACE))
    fired = result.findings("number", "+14155550199")
    assert "replace-type-unavailable" in fired
    assert "replace-core-capability-missing" not in fired


def test_real_translator_translates_the_bin_when_available() -> None:
    translator = find_translator()
    if translator is None:
        pytest.skip("migrator.markup does not provide translate yet")
    result = run(twilio_source(), "vonage", translator=translator)
    fired = result.findings("webhook", BIN_URL)
    assert fired.keys() & {"hosted-content-translated", "hosted-content-lossy"}
    (document,) = result.assessment.translations
    assert document.target_format == "ncco"
    assert "Thanks for calling" in document.output


def test_checklist_counts_items_per_entry() -> None:
    result = run(twilio_source(), "plivo")
    counts = {c.key: c.count for c in result.assessment.checklist}
    assert counts["e911"] == 1
    assert counts["tollfree_verification"] == 1
    assert counts["vendor_hosted"] >= 6  # three URLs and the three numbers they answer
    assert counts["signature_validation"] > 0
    same = run(replace(vonage_source(), subaccounts=()), "vonage")
    same_counts = {c.key: c.count for c in same.assessment.checklist}
    assert same_counts["signature_validation"] == 0
    # the one format change: the account-wide SMS URL (SMS API) becomes an application's
    # inbound URL (Messages API)
    markup = [
        i.id for i in same.assessment.items if any(f.checklist == "markup" for f in i.findings)
    ]
    assert markup == ["https://vg.example.com/default-mo"]


def test_membership_listed_only_by_the_service_is_not_shared_with_a_twin() -> None:
    """Two numbers alike in every field but one is a member through the service's own list:
    only that one is in the messaging service (the assessment's per-number cache must tell
    them apart)."""
    twins = (
        number("PN1", "+14155550110", messaging_service_id=None),
        number("PN2", "+14155550111", messaging_service_id=None),
    )
    source = Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        numbers=twins,
        messaging_services=(MessagingService("MG1", "Alerts", "AC1", ("PN2",)),),
    )
    result = run(source, "plivo")
    assert "in-messaging-service" not in result.findings("number", "+14155550110")
    assert "in-messaging-service" in result.findings("number", "+14155550111")


def test_new_key_pair_rule_fires_only_without_the_admins_public_key() -> None:
    def fired(decisions: Decisions | None) -> set[str]:
        result = run(twilio_source(), "vonage", decisions)
        created = [a.key for a in result.mapping.applications if a.create]
        assert created
        return {
            f.rule for key in created for f in result.assessment.item("application", key).findings
        }

    without = fired(None)
    assert "app-new-key-pair" in without and "app-own-public-key" not in without
    given = fired(Decisions(application_public_key=public_pem()))
    assert "app-new-key-pair" not in given and "app-own-public-key" in given
    checklist = {e.title: e.count for e in run(twilio_source(), "vonage").assessment.checklist}
    assert checklist["Generate key pairs for the new applications"] > 0


def test_a_public_key_means_nothing_to_a_target_without_key_pairs() -> None:
    result = run(twilio_source(), "plivo", Decisions(application_public_key=public_pem()))
    rules = {f.rule for item in result.assessment.items for f in item.findings}
    assert not rules & {"app-own-public-key", "app-new-key-pair"}
    specs = [a.params["spec"] for a in result.plan.actions if a.kind == "create_application"]
    assert specs and all("public_key" not in spec for spec in specs)
