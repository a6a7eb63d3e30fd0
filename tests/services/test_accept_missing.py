"""DecisionChanges accepting (accept_missing) and withdrawing (unaccept) the capabilities a
number's replacement may lack: the order of application, the refusals, plan_with_changes over a
real migration file (tests.rules.inventories.core_gap_file: a GB landline that texts, whose
Vonage replacement can only be voice), and services.replacement_gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.enums import Capability, NumberType
from migrator.model.mapping import Decisions, Strategy
from migrator.model.plan import ActionKind
from migrator.services.decision_changes import DecisionChanges, plan_with_changes
from migrator.services.planning import load_assessment, load_mapping, load_plan
from migrator.services.replacement_gaps import core_gaps
from tests.rules.inventories import GB, GB_TEXTS, SALES, US_KEEP, core_gap_file, number

SMS = frozenset({Capability.SMS})
VOICE = frozenset({Capability.VOICE})
STORED = Decisions(
    default_strategy=Strategy.REPLACE,
    rules=(US_KEEP,),
    overrides={SALES: Strategy.PORT},
    accepted_missing={GB: VOICE},
)


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    return core_gap_file(tmp_path / "acme.migration")


def test_accepting_adds_to_what_is_accepted_and_keeps_the_rest() -> None:
    after = DecisionChanges(accept_missing={GB_TEXTS: SMS, GB: SMS}).applied_to(STORED)
    assert after.accepted_missing == {GB_TEXTS: SMS, GB: VOICE | SMS}
    assert (after.rules, after.overrides) == (STORED.rules, STORED.overrides)
    assert STORED.accepted_missing == {GB: VOICE}  # not mutated


def test_unaccept_applies_before_accept_and_clear_keeps_acceptances() -> None:
    after = DecisionChanges(unaccept=(GB,), accept_missing={GB: SMS}).applied_to(STORED)
    assert after.accepted_missing == {GB: SMS}  # withdrawn first, then accepted anew
    assert DecisionChanges(unaccept=(GB,)).applied_to(STORED).accepted_missing == {}
    cleared = DecisionChanges(clear=True).applied_to(STORED)
    assert cleared.rules == () and cleared.overrides == {}
    assert cleared.accepted_missing == {GB: VOICE}
    assert not DecisionChanges(unaccept=(GB,)).empty
    assert not DecisionChanges(accept_missing={GB: SMS}).empty


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        (
            DecisionChanges(unaccept=(SALES,)),
            f"no accepted missing capability to withdraw for {SALES}",
        ),
        (
            DecisionChanges(unaccept=("+14155550199",)),
            "not a number of the source inventory: +14155550199",
        ),
    ],
)
def test_withdrawing_what_is_not_accepted_is_refused(changes: DecisionChanges, says: str) -> None:
    with pytest.raises(UsageError) as refused:
        changes.applied_to(STORED, {SALES, GB, GB_TEXTS})
    assert says in str(refused.value)


def test_plan_with_changes_buys_the_replacement_once_accepted_and_blocks_it_again(
    migration: Path,
) -> None:
    with MigrationFile.open(migration) as file:
        _, assessment, plan = plan_with_changes(file, DecisionChanges(), "replace")
        assert assessment.item("number", GB_TEXTS).verdict == "blocker"
        assert GB_TEXTS in {s["e164"] for s in plan.options["skipped"]}

        plan_with_changes(file, DecisionChanges(accept_missing={GB_TEXTS: SMS}))
        stored, plan = load_mapping(file), load_plan(file)
        assessment = load_assessment(file)
        assert stored is not None and plan is not None and assessment is not None
        assert stored.decisions.accepted_missing == {GB_TEXTS: SMS}
        item = assessment.item("number", GB_TEXTS)
        assert item.verdict == "attention"
        assert "replace-core-capability-accepted" in {f.rule for f in item.findings}
        (buy,) = [
            a
            for a in plan.actions
            if a.kind is ActionKind.BUY_NUMBER and a.params["replaces"] == GB_TEXTS
        ]
        assert buy.params["accepted_missing"] == ["sms"]
        assert buy.params["search"]["capabilities"] == ["voice"]
        assert GB_TEXTS not in json.dumps(plan.options["skipped"])

        plan_with_changes(file, DecisionChanges(unaccept=(GB_TEXTS,)))
        stored, plan = load_mapping(file), load_plan(file)
        assert stored is not None and plan is not None
        assert stored.decisions.accepted_missing == {}
        assert GB_TEXTS in {s["e164"] for s in plan.options["skipped"]}


def test_an_acceptance_must_name_a_number_of_the_inventory(migration: Path) -> None:
    with MigrationFile.open(migration) as file:
        plan_with_changes(file, DecisionChanges(), "replace")
        before = load_mapping(file)
        changes = DecisionChanges(
            accept_missing={"+14155550177": SMS}, overrides={SALES: Strategy.KEEP}
        )
        with pytest.raises(
            UsageError, match=r"not a number of the source inventory: \+14155550177"
        ):
            plan_with_changes(file, changes)
        assert load_mapping(file) == before  # refused as a whole: the override is not saved


def test_core_gaps_are_the_core_capabilities_the_target_sells_no_replacement_with() -> None:
    texts = number("PN1", GB_TEXTS, country="GB")
    assert core_gaps("vonage", texts) == SMS
    assert core_gaps("vonage", number("PN2", SALES)) == frozenset()  # US landlines text
    fax = number("PN3", GB_TEXTS, country="GB", caps=frozenset({Capability.FAX, *VOICE}))
    assert core_gaps("vonage", fax) == frozenset()  # fax is not core
    national = number("PN4", GB_TEXTS, country="US", kind=NumberType.NATIONAL)
    assert core_gaps("vonage", national) == frozenset()  # not sold at all: nothing to accept
