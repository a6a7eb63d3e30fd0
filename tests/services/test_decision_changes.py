"""DecisionChanges removing one override or one rule: the order of application, the checks
that refuse a removal of something not stored, and plan_with_changes over a real migration file
(tests.rules.inventories.twilio_source: eight US numbers, one of them tagged 'sales', one
toll-free, and one GB number)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.mapping import Decisions, Strategy, StrategyRule
from migrator.services.decision_changes import DecisionChanges, plan_with_changes
from migrator.services.planning import load_mapping, load_plan
from tests.rules.inventories import (
    GB,
    ON_AP1,
    SALES,
    SALES_RELEASE,
    TOLLFREE,
    TOLLFREE_PORT,
    US_KEEP,
    twilio_to_vonage_file,
)

STORED = Decisions(
    default_strategy=Strategy.REPLACE,
    rules=(US_KEEP, SALES_RELEASE, TOLLFREE_PORT),
    overrides={SALES: Strategy.PORT, GB: Strategy.RELEASE, TOLLFREE: Strategy.KEEP},
    urls={"https://a.example.com/x": "https://b.example.com/x"},
)


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    return twilio_to_vonage_file(tmp_path / "acme.migration")


def test_unset_removes_only_the_named_overrides() -> None:
    after = DecisionChanges(unset=(SALES, TOLLFREE)).applied_to(STORED)
    assert after.overrides == {GB: Strategy.RELEASE}
    assert after.rules == STORED.rules
    assert (after.default_strategy, after.urls) == (STORED.default_strategy, STORED.urls)
    assert STORED.overrides[SALES] is Strategy.PORT  # the stored decisions are not mutated


def test_drop_rules_numbers_rules_as_stored_before_the_change() -> None:
    after = DecisionChanges(drop_rules=(1, 3, 3)).applied_to(STORED)
    assert after.rules == (SALES_RELEASE,)
    assert after.overrides == STORED.overrides


def test_order_clear_then_removals_then_additions() -> None:
    # dropping rule 1 happens before the new rule is appended, so the new rule is not dropped
    new = StrategyRule(Strategy.KEEP, country="GB")
    after = DecisionChanges(drop_rules=(1,), rules=(new,)).applied_to(STORED)
    assert after.rules == (SALES_RELEASE, TOLLFREE_PORT, new)
    # unset then set: the number ends with the strategy given now
    after = DecisionChanges(unset=(SALES,), overrides={SALES: Strategy.KEEP}).applied_to(STORED)
    assert after.overrides[SALES] is Strategy.KEEP
    # clear first: nothing is left to remove, and the change says why
    with pytest.raises(UsageError, match="clearing drops every rule and override first"):
        DecisionChanges(clear=True, unset=(SALES,)).applied_to(STORED)
    with pytest.raises(UsageError, match=r"no rule 1 to drop: no rules are stored \(clearing"):
        DecisionChanges(clear=True, drop_rules=(1,)).applied_to(STORED)


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        (DecisionChanges(drop_rules=(4,)), "no rule 4 to drop: there are 3 stored rules"),
        (DecisionChanges(drop_rules=(2, 9, 0)), "no rule 0, 9 to drop: there are 3 stored rules"),
        (
            DecisionChanges(unset=(SALES, ON_AP1)),
            f"no override to remove for {ON_AP1}: no strategy is set for it alone",
        ),
        (
            DecisionChanges(unset=("+14155550199",)),
            "not a number of the source inventory: +14155550199",
        ),
    ],
)
def test_a_removal_of_what_is_not_stored_is_refused(changes: DecisionChanges, says: str) -> None:
    known = {SALES, ON_AP1, TOLLFREE, GB}
    with pytest.raises(UsageError) as refused:
        changes.applied_to(STORED, known)
    assert says in str(refused.value)


def test_a_stale_override_of_a_number_gone_from_the_inventory_can_be_removed() -> None:
    gone = "+14155550177"
    stored = Decisions(overrides={gone: Strategy.KEEP, SALES: Strategy.PORT})
    after = DecisionChanges(unset=(gone,)).applied_to(stored, known={SALES})
    assert after.overrides == {SALES: Strategy.PORT}


def test_plan_with_changes_puts_the_number_back_under_its_rule_on_disk(migration: Path) -> None:
    with MigrationFile.open(migration) as file:
        setup = DecisionChanges(
            rules=STORED.rules, overrides={SALES: Strategy.PORT, GB: Strategy.KEEP}
        )
        mapping, _, first = plan_with_changes(file, setup, "replace")
        assert mapping.number(SALES).strategy is Strategy.PORT
        assert not any(a.kind == "release_number" and a.item == SALES for a in first.actions)

        plan_with_changes(file, DecisionChanges(unset=(SALES,)))
        stored = load_mapping(file)
        assert stored is not None
        assert stored.number(SALES).strategy is Strategy.RELEASE  # rule 2 (tag sales) again
        assert stored.number(SALES).decided_by == "rule 2"
        assert stored.decisions.overrides == {GB: Strategy.KEEP}
        assert stored.decisions.rules == STORED.rules
        plan = load_plan(file)
        assert plan is not None
        assert any(a.kind == "release_number" and a.item == SALES for a in plan.actions)

        plan_with_changes(file, DecisionChanges(drop_rules=(2,)))
        stored = load_mapping(file)
        assert stored is not None
        assert stored.decisions.rules == (US_KEEP, TOLLFREE_PORT)
        assert stored.number(SALES).strategy is Strategy.KEEP  # rule 1 (country US) now
        assert stored.number(SALES).decided_by == "rule 1"
        assert stored.number(TOLLFREE).strategy is Strategy.PORT  # former rule 3 still holds
        assert stored.decisions.overrides == {GB: Strategy.KEEP}


def test_a_refused_change_saves_nothing(migration: Path) -> None:
    with MigrationFile.open(migration) as file:
        with pytest.raises(UsageError, match="no override to remove"):
            plan_with_changes(file, DecisionChanges(unset=(SALES,)))
        assert load_mapping(file) is None and load_plan(file) is None  # never planned: untouched

        plan_with_changes(file, DecisionChanges(rules=(US_KEEP,), overrides={GB: Strategy.PORT}))
        before = load_mapping(file)
        plan_before = load_plan(file)
        bad = DecisionChanges(unset=(GB,), drop_rules=(1, 2), overrides={SALES: Strategy.PORT})
        with pytest.raises(UsageError, match="no rule 2 to drop"):
            plan_with_changes(file, bad)
        assert load_mapping(file) == before
        after_plan = load_plan(file)
        assert after_plan is not None and plan_before is not None
        assert after_plan.created_at == plan_before.created_at
