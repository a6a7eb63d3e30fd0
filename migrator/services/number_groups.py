"""Numbers grouped by the fields bulk strategy rules look at: country, type, tags and apps.

A rule is tested once per group rather than once per number, so "matches N numbers" stays
instant while the admin edits rules over a 100,000-number account, and the values to pick from
(countries, types, tags, applications) come from the same single pass. Matching is delegated to
StrategyRule.matches on one number of each group, so the counts can never disagree with the
mapper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from migrator.model.enums import NumberType
from migrator.model.inventory import Inventory, Number
from migrator.model.mapping import Mapping, RuleFacts, StrategyRule, rule_facts


@dataclass(frozen=True)
class NumberGroups:
    """Every number of an inventory, counted per (country, type, tags, voice app, SMS app)."""

    samples: tuple[Number, ...] = ()
    """One number of each group (rules are tested on it)."""
    sizes: tuple[int, ...] = ()
    """How many numbers each group holds (same order as `samples`)."""
    group_of: dict[str, int] = field(default_factory=dict)
    """E.164 -> index of its group."""
    countries: dict[str, int] = field(default_factory=dict)
    types: dict[NumberType, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)
    apps: dict[str, int] = field(default_factory=dict)
    """Source application id -> numbers linked to it (voice or SMS)."""
    app_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, inventory: Inventory) -> NumberGroups:
        index: dict[RuleFacts, int] = {}
        samples: list[Number] = []
        sizes: list[int] = []
        group_of: dict[str, int] = {}
        for number in inventory.numbers:
            key = rule_facts(number)
            found = index.get(key)
            if found is None:
                found = index[key] = len(samples)
                samples.append(number)
                sizes.append(0)
            sizes[found] += 1
            group_of[number.e164] = found
        countries: Counter[str] = Counter()
        types: Counter[NumberType] = Counter()
        tags: Counter[str] = Counter()
        apps: Counter[str] = Counter()
        for sample, size in zip(samples, sizes, strict=True):
            countries[sample.country] += size
            types[sample.number_type] += size
            for tag in sample.tags:
                tags[tag] += size
            for app in {sample.voice_app_id, sample.sms_app_id} - {None}:
                apps[str(app)] += size
        return cls(
            tuple(samples),
            tuple(sizes),
            group_of,
            dict(countries.most_common()),
            dict(types.most_common()),
            dict(tags.most_common()),
            dict(apps.most_common()),
            {app.id: app.name for app in inventory.applications},
        )

    @property
    def total(self) -> int:
        return sum(self.sizes)

    def count(self, rule: StrategyRule) -> int:
        """How many numbers the rule matches (before later rules and overrides are applied)."""
        return sum(
            size
            for sample, size in zip(self.samples, self.sizes, strict=True)
            if rule.matches(sample)
        )

    def counts(self, rules: Iterable[StrategyRule]) -> list[int]:
        return [self.count(rule) for rule in rules]

    def matching(self, e164: str, rules: Iterable[StrategyRule]) -> list[int]:
        """0-based positions of the rules that match this number ([] for an unknown one)."""
        found = self.group_of.get(e164)
        if found is None:
            return []
        sample = self.samples[found]
        return [i for i, rule in enumerate(rules) if rule.matches(sample)]


def decided_by_counts(mapping: Mapping) -> dict[str, int]:
    """How many numbers each kind of decision settled: 'table', 'default', 'rule N' (1-based),
    'override'. A rule's count leaves out numbers a later rule or an override took."""
    return dict(Counter(n.decided_by for n in mapping.numbers))
