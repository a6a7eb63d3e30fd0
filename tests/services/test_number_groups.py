"""NumberGroups counts what StrategyRule.matches would, one number at a time, for every rule
built from the inventory's own values (and a few that match nothing)."""

from __future__ import annotations

import itertools

import pytest

from migrator.model.enums import NumberType
from migrator.model.inventory import Inventory
from migrator.model.mapping import Strategy, StrategyRule
from migrator.services.number_groups import NumberGroups
from tests.rules.inventories import plivo_source, twilio_source, vonage_source


@pytest.mark.parametrize("source", [twilio_source, vonage_source, plivo_source])
def test_counts_agree_with_matching_each_number(source) -> None:  # type: ignore[no-untyped-def]
    inventory: Inventory = source()
    groups = NumberGroups.of(inventory)
    assert groups.total == len(inventory.numbers) and len(groups.samples) <= groups.total
    countries = [None, "ZZ", *groups.countries]
    types = [None, NumberType.NATIONAL, *groups.types]
    tags = [None, "nobody", *groups.tags]
    apps = [None, "AP-none", *groups.apps]
    for country, kind, tag, app in itertools.product(countries, types, tags, apps):
        rule = StrategyRule(Strategy.KEEP, country, kind, tag, app)
        expected = sum(1 for n in inventory.numbers if rule.matches(n))
        assert groups.count(rule) == expected, rule
    for number in inventory.numbers:
        rules = [StrategyRule(Strategy.PORT, country=number.country), StrategyRule(Strategy.KEEP)]
        assert groups.matching(number.e164, rules) == [0, 1]
    assert groups.matching("+10000000000", [StrategyRule(Strategy.KEEP)]) == []


def test_values_offered_with_their_counts() -> None:
    groups = NumberGroups.of(twilio_source())
    assert groups.countries == {"US": 8, "GB": 1}
    assert groups.types[NumberType.LOCAL] == 7 and groups.tags == {"sales": 1}
    assert groups.apps == {"AP1": 1} and groups.app_names["AP1"] == "Main IVR"
