"""Evaluating the table's rules over an item's facts.

Items with identical facts get identical findings, so results are memoised by the facts
themselves: 100,000 numbers usually reduce to a few dozen distinct fact sets, and each distinct
finding is one shared object.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import Any

from migrator.model.assessment import Finding
from migrator.rules.conditions import matches, render, template_fields
from migrator.rules.table import CompatibilityTable, Rule


class RuleEngine:
    def __init__(self, table: CompatibilityTable) -> None:
        self.table = table
        self._rules: dict[str, tuple[Rule, ...]] = {}
        self._fields: dict[str, tuple[str, ...]] = {}
        for rule in table.rules:
            self._rules.setdefault(rule.item, ())
            self._rules[rule.item] += (rule,)
            self._fields[rule.id] = tuple(
                dict.fromkeys(template_fields(rule.reason) + template_fields(rule.fix))
            )
        self._by_facts: dict[Hashable, tuple[Finding, ...]] = {}
        self._findings: dict[tuple[str, tuple[Any, ...]], Finding] = {}

    def fires(self, rule: Rule, facts: Mapping[str, Any]) -> bool:
        if not matches(rule.when, facts):
            return False
        return rule.unless is None or not matches(rule.unless, facts)

    def finding(self, rule: Rule, facts: Mapping[str, Any]) -> Finding:
        values = tuple(facts[name] for name in self._fields[rule.id])
        key = (rule.id, values)
        found = self._findings.get(key)
        if found is None:
            found = self._findings[key] = Finding(
                rule=rule.id,
                verdict=rule.verdict,
                reason=render(rule.reason, facts),
                fix=render(rule.fix, facts),
                checklist=rule.checklist,
                sources=rule.sources,
            )
        return found

    def evaluate(
        self, item: str, facts: Mapping[str, Any], key: Hashable | None = None
    ) -> tuple[Finding, ...]:
        """The findings of every rule on `item` that fires for these facts, in table order.
        `key` (any hashable that identifies the facts) lets equal items share the work."""
        if key is not None:
            cached = self._by_facts.get((item, key))
            if cached is not None:
                return cached
        result = tuple(
            self.finding(rule, facts)
            for rule in self._rules.get(item, ())
            if self.fires(rule, facts)
        )
        if key is not None:
            self._by_facts[(item, key)] = result
        return result
