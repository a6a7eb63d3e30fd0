"""A replace whose replacement lacks a core capability (voice, SMS), with and without the admin's
recorded acceptance (Decisions.accepted_missing): blocked and skipped without it; a warning and a
replacement bought without the capability with it; still blocked when only some are accepted.

A British landline that texts: Vonage sells GB landlines with voice only (the shipped table).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from importlib import resources

from migrator.engine.assessor import assess
from migrator.engine.mapper import build_mapping
from migrator.engine.planner import build_plan
from migrator.engine.sides import Side
from migrator.model.assessment import Verdict
from migrator.model.enums import Capability, NumberType, Vendor
from migrator.model.inventory import Inventory
from migrator.model.mapping import Decisions, Strategy
from migrator.model.plan import ActionKind
from migrator.rules.table import parse_table
from tests.rules.inventories import VS, Run, number, run

GB_TEXTS = "+442071838760"
SMS = frozenset({Capability.SMS})
MISSING = "replace-core-capability-missing"
ACCEPTED = "replace-core-capability-accepted"


def source(kind: NumberType = NumberType.LOCAL, caps: frozenset[Capability] = VS) -> Inventory:
    return Inventory(
        vendor=Vendor.TWILIO,
        account_id="AC1",
        numbers=(number("PN1", GB_TEXTS, country="GB", kind=kind, caps=caps),),
    )


def replaced(accepted: frozenset[Capability] | None = None) -> Run:
    decisions = Decisions(Strategy.REPLACE, accepted_missing={GB_TEXTS: accepted or frozenset()})
    return run(source(), "vonage", decisions)


def buys(result: Run) -> list[dict[str, object]]:
    return [a.params for a in result.plan.actions if a.kind is ActionKind.BUY_NUMBER]


def test_without_acceptance_the_replace_is_blocked_and_skipped() -> None:
    result = replaced()
    item = result.assessment.item("number", GB_TEXTS)
    assert item.verdict is Verdict.BLOCKER
    findings = {f.rule: f for f in item.findings}
    assert MISSING in findings and ACCEPTED not in findings
    assert "with sms" in findings[MISSING].reason
    assert "accept a replacement without sms" in findings[MISSING].fix
    assert [s["e164"] for s in result.plan.options["skipped"]] == [GB_TEXTS]
    assert not [a for a in result.plan.actions if GB_TEXTS in json.dumps(a.params)]


def test_accepted_sms_is_a_warning_and_the_replacement_is_bought_without_it() -> None:
    result = replaced(SMS)
    item = result.assessment.item("number", GB_TEXTS)
    assert item.verdict is Verdict.ATTENTION
    findings = {f.rule: f for f in item.findings}
    assert MISSING not in findings
    assert findings[ACCEPTED].verdict is Verdict.ATTENTION
    assert "without sms" in findings[ACCEPTED].reason
    assert "the admin accepted" in findings[ACCEPTED].reason
    assert not result.plan.options["skipped"]
    (buy,) = [a for a in result.plan.actions if a.kind is ActionKind.BUY_NUMBER]
    assert buy.params["search"]["capabilities"] == ["voice"]  # type: ignore[index]
    assert buy.params["accepted_missing"] == ["sms"]
    assert buy.params["not_offered"] == ["sms"]
    assert "accepted by the admin: sms" in buy.summary
    kinds = {a.kind for a in result.plan.actions if GB_TEXTS in json.dumps(a.params)}
    assert ActionKind.RELEASE_NUMBER in kinds  # a real replacement: the old number goes


def test_acceptance_of_a_capability_the_replacement_keeps_changes_nothing() -> None:
    """Accepting MMS (not core, not what blocks) leaves it blocked; accepting SMS for a number
    whose replacement keeps it (a US landline) changes neither assessment nor plan."""
    blocked = replaced(frozenset({Capability.MMS, Capability.VOICE}))
    assert blocked.assessment.item("number", GB_TEXTS).verdict is Verdict.BLOCKER
    assert not buys(blocked)

    us = Inventory(vendor=Vendor.TWILIO, account_id="AC1", numbers=(number("PN1", "+14155550199"),))
    plain = run(us, "vonage", Decisions(Strategy.REPLACE))
    accepted = run(
        us, "vonage", Decisions(Strategy.REPLACE, accepted_missing={"+14155550199": SMS})
    )
    assert accepted.plan.fingerprint() == plain.plan.fingerprint()
    assert accepted.findings("number", "+14155550199") == plain.findings("number", "+14155550199")


def _table_without_voice_or_sms_on_gb_national() -> Side:
    """The shipped table plus an offer of GB national numbers with fax only (the shipped table
    sells voice on every type it sells, so no replacement there lacks both voice and SMS)."""
    text = resources.files("migrator.rules").joinpath("compatibility.toml").read_text("utf-8")
    data = tomllib.loads(text)
    data["offers"].append(
        {
            "vendor": "vonage",
            "countries": ["GB"],
            "number_types": ["national"],
            "capabilities": ["fax"],
            "sources": ["vendors.md test offer"],
        }
    )
    return Side.of("vonage", "tgtkey", parse_table(data))


def test_partial_acceptance_stays_blocked_and_names_what_is_still_missing() -> None:
    inventory = source(NumberType.NATIONAL)
    target = _table_without_voice_or_sms_on_gb_national()
    origin = Side.of("twilio", "AC1", target.table)
    decisions = Decisions(Strategy.REPLACE, accepted_missing={GB_TEXTS: SMS})
    mapping = build_mapping(inventory, target, decisions)
    assessment = assess(inventory, mapping, origin, target, translate=False)
    plan = build_plan(inventory, None, mapping, origin, target)

    item = assessment.item("number", GB_TEXTS)
    assert item.verdict is Verdict.BLOCKER
    (finding,) = [f for f in item.findings if f.rule == MISSING]
    assert "with voice:" in finding.reason  # SMS was accepted: only voice is still missing
    assert ACCEPTED not in {f.rule for f in item.findings}
    (skipped,) = plan.options["skipped"]
    assert skipped["e164"] == GB_TEXTS and skipped["reason"].endswith("with voice")
    assert not [a for a in plan.actions if a.kind is ActionKind.BUY_NUMBER]

    both = replace(decisions, accepted_missing={GB_TEXTS: SMS | {Capability.VOICE}})
    mapping = build_mapping(inventory, target, both)
    assessment = assess(inventory, mapping, origin, target, translate=False)
    plan = build_plan(inventory, None, mapping, origin, target)
    assert assessment.item("number", GB_TEXTS).verdict is Verdict.ATTENTION
    (buy,) = [a for a in plan.actions if a.kind is ActionKind.BUY_NUMBER]
    assert buy.params["accepted_missing"] == ["sms", "voice"]
    assert buy.params["search"]["capabilities"] == []  # type: ignore[index]
