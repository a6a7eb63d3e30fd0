"""`migrator plan` / `migrator assess` with --unset (remove one number's override) and
--drop-rule (remove one stored rule), run for real over a migration file: what the stored
decisions and the plan become, what the 'Decisions:' section shows, and the refusals.

The source (tests.rules.inventories.twilio_source) has eight US numbers (one toll-free, one
tagged 'sales', one on application AP1) and one GB number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.cli.decisions import parse_rule_position, parse_unset
from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.mapping import Mapping, Strategy, StrategyRule
from migrator.services.planning import load_mapping, load_plan
from tests.rules.inventories import (
    GB,
    ON_AP1,
    SALES,
    SALES_RELEASE,
    TOLLFREE,
    TOLLFREE_PORT,
    US_KEEP,
    stored_mapping,
)


def _decided(path: Path) -> tuple[Mapping, str]:
    """The stored mapping and the stored plan's fingerprint."""
    with MigrationFile.open(path) as file:
        mapping, plan = load_mapping(file), load_plan(file)
    assert mapping is not None and plan is not None
    return mapping, plan.fingerprint()


@pytest.fixture
def decided(migration: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Three rules and three overrides, stored and planned."""
    argv = ["plan", str(migration), "--numbers", "replace"]
    argv += ["--rule", "country=US:keep", "--rule", "tag=sales:release"]
    argv += ["--rule", "type=tollfree:port"]
    argv += ["--set", f"{SALES}=port", "--set", f"{GB}=release", "--set", f"{TOLLFREE}=keep"]
    assert main(argv) == 0
    capsys.readouterr()
    return migration


def test_decisions_section_numbers_the_rules_and_lists_the_overrides(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plan", str(migration), "--rule", "country=US:keep", "--rule", "tag=sales:release"]
    assert main([*argv, "--set", f"{GB}=release"]) == 0
    out = capsys.readouterr().out
    assert "  rule 1: country US -> keep" in out and "  rule 2: tag sales -> release" in out
    assert f"  overrides: 1 number set one by one\n    {GB} -> release\n" in out


def test_unset_puts_the_number_back_under_its_rule_and_keeps_the_rest(
    decided: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert stored_mapping(decided).number(SALES).strategy is Strategy.PORT
    assert main(["plan", str(decided), "--unset", "+1 (415) 555-0100"]) == 0
    mapping = stored_mapping(decided)
    assert mapping.number(SALES).strategy is Strategy.RELEASE
    assert mapping.number(SALES).decided_by == "rule 2"
    assert mapping.decisions.overrides == {GB: Strategy.RELEASE, TOLLFREE: Strategy.KEEP}
    assert mapping.decisions.rules == (US_KEEP, SALES_RELEASE, TOLLFREE_PORT)
    assert mapping.decisions.default_strategy is Strategy.REPLACE
    with MigrationFile.open(decided) as file:
        plan = load_plan(file)
    assert plan is not None
    assert {a.item for a in plan.actions if a.kind == "release_number"} == {SALES, GB}
    out = capsys.readouterr().out
    assert "  overrides: 2 numbers set one by one" in out and f"{SALES} -> " not in out


def test_drop_rule_removes_one_rule_numbered_as_listed(
    decided: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(decided), "--drop-rule", "2"]) == 0
    mapping = stored_mapping(decided)
    assert mapping.decisions.rules == (US_KEEP, TOLLFREE_PORT)
    assert len(mapping.decisions.overrides) == 3
    assert mapping.number(SALES).strategy is Strategy.PORT  # its override still wins
    assert main(["plan", str(decided), "--unset", SALES]) == 0
    assert stored_mapping(decided).number(SALES).strategy is Strategy.KEEP  # rule 1 now
    out = capsys.readouterr().out
    assert "  rule 2: type tollfree -> port" in out  # renumbered in the next listing


def test_several_removals_and_additions_apply_in_the_documented_order(decided: Path) -> None:
    argv = ["plan", str(decided), "--drop-rule", "1", "--drop-rule", "3", "--unset", GB]
    argv += ["--rule", "country=GB:keep", "--unset", TOLLFREE, "--set", f"{TOLLFREE}=release"]
    assert main(argv) == 0
    mapping = stored_mapping(decided)
    # rules 1 and 3 as numbered before the change; the new rule is appended after
    assert mapping.decisions.rules == (SALES_RELEASE, StrategyRule(Strategy.KEEP, country="GB"))
    assert mapping.decisions.overrides == {SALES: Strategy.PORT, TOLLFREE: Strategy.RELEASE}
    assert mapping.number(GB).strategy is Strategy.KEEP and mapping.number(GB).decided_by == (
        "rule 2"
    )
    assert mapping.number(ON_AP1).strategy is Strategy.REPLACE  # the default again


def test_the_help_documents_the_order(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["plan", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "apply in this order: --clear-rules; then --drop-rule and --unset" in text
    assert "then --rule and --set" in text and "--unset E164" in text and "--drop-rule N" in text


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--unset", "+14155550199"], "not a number of the source inventory: +14155550199"),
        (["--unset", ON_AP1], f"no override to remove for {ON_AP1}"),
        (["--drop-rule", "4"], "no rule 4 to drop: there are 3 stored rules"),
        (["--unset", SALES, "--drop-rule", "7"], "no rule 7 to drop"),
        (["--clear-rules", "--unset", GB], "clearing drops every rule and override first"),
        (["--set", f"{ON_AP1}=keep", "--unset", ON_AP1], f"no override to remove for {ON_AP1}"),
        (["--drop-rule", "0"], "--drop-rule '0': give the rule's number"),
        (["--drop-rule", "two"], "--drop-rule 'two': give the rule's number"),
        (["--unset", "4155550100"], "--unset '4155550100': '4155550100' is not a valid number"),
    ],
)
def test_an_invalid_removal_is_one_usage_error_and_saves_nothing(
    decided: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    before = _decided(decided)
    assert main(["plan", str(decided), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("migrator: ") and says in err and err.count("\n") == 1
    assert _decided(decided) == before


def test_unset_on_a_file_never_planned_is_refused_before_planning(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(migration), "--unset", SALES]) == 2
    assert f"no override to remove for {SALES}" in capsys.readouterr().err
    with MigrationFile.open(migration) as file:
        assert load_mapping(file) is None and load_plan(file) is None


def test_parsing_normalises_what_it_accepts() -> None:
    assert parse_unset(" +44 20 7183 8750 ") == GB
    assert parse_rule_position(" 12 ") == 12
    with pytest.raises(UsageError, match=r"--drop-rule '-1'"):
        parse_rule_position("-1")


def test_decisions_section_lists_the_first_overrides_and_marks_stale_ones() -> None:
    from migrator.cli.decisions import SHOWN_OVERRIDES, decisions_lines
    from migrator.model.mapping import Decisions, NumberMapping

    overrides = {f"+1415555{i:04d}": Strategy.KEEP for i in range(SHOWN_OVERRIDES + 2)}
    first = min(overrides)
    kept = NumberMapping("PN0", first, Strategy.KEEP, "override", "set by the admin")
    mapping = Mapping("twilio", "AC1", "vonage", "k", "fp", Decisions(overrides=overrides), (kept,))
    lines = decisions_lines(mapping)
    assert (
        lines[1]
        == f"  overrides: {SHOWN_OVERRIDES + 2} numbers set one by one (11 no longer in the inventory)"
    )
    assert lines[2] == f"    {first} -> keep"
    assert lines[3].endswith("-> keep  (not in the inventory)")
    assert len(lines) == 2 + SHOWN_OVERRIDES + 1
    assert lines[-1] == "    ... and 2 more (--json lists them all)"
