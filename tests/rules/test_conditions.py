"""The rule condition and template language, and the rule engine's memoisation."""

from __future__ import annotations

from migrator.model.assessment import Verdict
from migrator.rules.conditions import matches, render, template_fields
from migrator.rules.engine import RuleEngine
from migrator.rules.table import load_table


def test_scalar_list_and_boolean_expectations() -> None:
    facts = {"country": "US", "caps": frozenset({"voice", "sms"}), "moves": True, "n": 0}
    assert matches({"country": "US"}, facts)
    assert not matches({"country": "GB"}, facts)
    assert matches({"country": ["GB", "US"]}, facts)
    assert matches({"caps": "sms"}, facts)
    assert matches({"caps": ["fax", "voice"]}, facts)
    assert not matches({"caps": ["fax", "mms"]}, facts)
    assert matches({"moves": True, "n": False}, facts)
    assert not matches({"moves": False}, facts)
    assert not matches({"country": "US", "moves": False}, facts)


def test_templates_print_sets_sorted() -> None:
    facts = {"target": "Plivo", "missing": frozenset({"mms", "fax"}), "none": frozenset()}
    assert template_fields("{target} lacks {missing} on {target}") == ("target", "missing")
    assert render("{target} lacks {missing}", facts) == "Plivo lacks fax, mms"
    assert render("{none}", facts) == "nothing"


def test_engine_shares_findings_between_equal_items() -> None:
    engine = RuleEngine(load_table())
    rule = next(r for r in load_table().rules if r.id == "port-no-path")
    facts = {name: "" for name in ("target", "country", "number_type")}
    facts.update(target="Twilio", country="GB", number_type="local")
    first = engine.finding(rule, facts)
    second = engine.finding(rule, dict(facts))
    assert first is second
    assert first.verdict is Verdict.BLOCKER
    assert "GB local" in first.reason
