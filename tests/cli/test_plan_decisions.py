"""`migrator plan` / `migrator assess` with --rule, --set and --clear-rules, run for real over
a migration file: what is stored in its decisions, and what each number's strategy becomes.

The source (tests.rules.inventories.twilio_source) has eight US numbers (one toll-free, one
mobile, one tagged 'sales', one on application AP1) and one GB number.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.cli.decisions import parse_override, parse_rule
from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.enums import NumberType
from migrator.model.mapping import Mapping, Strategy, StrategyRule
from migrator.services.planning import load_mapping, load_plan
from tests.rules.inventories import (
    GB,
    MOBILE,
    ON_AP1,
    SALES,
    TOLLFREE,
    stored_mapping,
    twilio_source,
)


def _strategies(mapping: Mapping) -> dict[str, Strategy]:
    return {n.e164: n.strategy for n in mapping.numbers}


def test_rules_and_overrides_are_stored_and_decide_the_strategies(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "plan",
            str(migration),
            "--rule",
            "country=US:replace",
            "--rule",
            "tag=sales:release",
            "--set",
            "+44 20 7183 8750=keep",  # normalised to E.164
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    mapping = stored_mapping(migration)
    assert mapping.decisions.rules == (
        StrategyRule(Strategy.REPLACE, country="US"),
        StrategyRule(Strategy.RELEASE, tag="sales"),
    )
    assert mapping.decisions.overrides == {GB: Strategy.KEEP}
    strategies = _strategies(mapping)
    assert strategies[SALES] is Strategy.RELEASE  # the later rule wins
    assert strategies[GB] is Strategy.KEEP
    assert {s for e164, s in strategies.items() if e164 not in (SALES, GB)} == {Strategy.REPLACE}
    assert mapping.number(SALES).decided_by == "rule 2"
    assert mapping.number(GB).decided_by == "override"
    # the plan follows: seven replacements bought, one release, the kept number untouched
    assert "Numbers: replace 7, keep 1, release 1" in out
    assert "Decisions: recommended strategy per number;" in out
    assert "  rule 1: country US -> replace  (7 numbers)" in out
    assert "  rule 2: tag sales -> release  (1 number)" in out
    assert "  overrides: 1 number set one by one" in out
    with MigrationFile.open(migration) as file:
        plan = load_plan(file)
    assert plan is not None and plan.options["strategies"] == {
        "replace": 7,
        "keep": 1,
        "release": 1,
    }


def test_rules_append_in_order_and_survive_a_refresh(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(migration), "--rule", "type=tollfree:keep"]) == 0
    assert main(["plan", str(migration), "--rule", "country=US:replace"]) == 0
    mapping = stored_mapping(migration)
    assert [r.strategy for r in mapping.decisions.rules] == [Strategy.KEEP, Strategy.REPLACE]
    assert _strategies(mapping)[TOLLFREE] is Strategy.REPLACE  # appended after: it wins
    out = capsys.readouterr().out
    assert "rule 1: type tollfree -> keep  (0 numbers - none: no number matches" in out

    with MigrationFile.open(migration) as file:  # the accounts are read again
        file.save_snapshot("source", twilio_source())
    assert main(["plan", str(migration), "--numbers", "port"]) == 0
    again = stored_mapping(migration)
    assert again.decisions.rules == mapping.decisions.rules
    assert again.decisions.default_strategy is Strategy.PORT
    assert _strategies(again)[GB] is Strategy.PORT  # not US: the default decides
    assert "Decisions: default port;" in capsys.readouterr().out


def test_clear_rules_drops_rules_and_overrides_but_keeps_the_default(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["plan", str(migration), "--numbers", "replace"]
    assert main([*args, "--rule", "country=GB:keep", "--set", f"{MOBILE}=release"]) == 0
    assert _strategies(stored_mapping(migration))[MOBILE] is Strategy.RELEASE
    assert main(["plan", str(migration), "--clear-rules", "--rule", "app=AP1:keep"]) == 0
    mapping = stored_mapping(migration)
    assert mapping.decisions.rules == (StrategyRule(Strategy.KEEP, app="AP1"),)
    assert mapping.decisions.overrides == {}
    assert mapping.decisions.default_strategy is Strategy.REPLACE
    strategies = _strategies(mapping)
    assert strategies[ON_AP1] is Strategy.KEEP
    assert strategies[MOBILE] is Strategy.REPLACE and strategies[GB] is Strategy.REPLACE
    capsys.readouterr()
    assert main(["plan", str(migration), "--clear-rules"]) == 0
    assert "Decisions: default replace (no bulk rules, no per-number overrides)" in (
        capsys.readouterr().out
    )


def test_json_shows_the_decisions_and_what_each_decided(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plan", str(migration), "--json", "--rule", "country=us,type=Toll-Free:keep"]
    assert main([*argv, "--set", f"{SALES}=port"]) == 0
    document = json.loads(capsys.readouterr().out)
    decisions = document["mapping"]["decisions"]
    assert decisions["rules"] == [
        {"strategy": "keep", "country": "US", "number_type": "tollfree", "tag": None, "app": None}
    ]
    assert decisions["overrides"] == {SALES: "port"}
    decided = document["mapping"]["decided_by"]
    assert decided["rule 1"] == 1 and decided["override"] == 1
    assert sum(decided.values()) == 9


def test_assess_takes_the_same_options(migration: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(migration), "--rule", "country=GB:release"]) == 0
    assert "Checklist" in capsys.readouterr().out
    mapping = stored_mapping(migration)
    assert mapping.decisions.rules == (StrategyRule(Strategy.RELEASE, country="GB"),)
    assert _strategies(mapping)[GB] is Strategy.RELEASE


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--rule", "county=US:keep", "unknown field 'county'"),
        ("--rule", "country=UK:keep", "country 'UK' is not a two-letter country code"),
        ("--rule", "type=tollfre:keep", "type 'tollfre' is not one of local, mobile"),
        ("--rule", "country=US", "end it with :STRATEGY"),
        ("--rule", "country=US:move", "strategy 'move' is not one of port, replace"),
        ("--rule", "US:keep", "'US' is not FIELD=VALUE"),
        ("--rule", "tag=a,tag=b:keep", "'tag' is given twice"),
        ("--rule", "tag=:keep", "'tag=' needs a value"),
        ("--rule", ":keep", "give at least one of country=, type=, tag=, app="),
        ("--set", "4155550100=keep", "'4155550100' is not a valid number in E.164 form"),
        ("--set", "+14155550100", "write it as E164=STRATEGY"),
        ("--set", f"{SALES}=teleport", "strategy 'teleport' is not one of"),
    ],
)
def test_bad_syntax_is_one_clear_usage_error_and_changes_nothing(
    migration: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, says: str
) -> None:
    assert main(["plan", str(migration), option, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"migrator: {option} '{value}': ")
    assert says in err and err.count("\n") == 1
    with MigrationFile.open(migration) as file:
        assert load_mapping(file) is None and load_plan(file) is None


def test_an_override_for_a_number_not_in_the_inventory_is_refused(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(migration), "--rule", "country=GB:keep"]) == 0
    before = stored_mapping(migration).decisions
    assert main(["plan", str(migration), "--set", "+14155550199=keep"]) == 2
    assert "not a number of the source inventory: +14155550199" in capsys.readouterr().err
    assert stored_mapping(migration).decisions == before


def test_parsing_normalises_what_it_accepts() -> None:
    assert parse_rule(" Country = ca , TYPE=Toll-Free , tag=vip team , app=AP9 : Replace ") == (
        StrategyRule(Strategy.REPLACE, "CA", NumberType.TOLLFREE, "vip team", "AP9")
    )
    assert parse_rule("number_type=mobile:keep") == StrategyRule(
        Strategy.KEEP, number_type=NumberType.MOBILE
    )
    assert parse_rule("app=urn:vonage:app:1:port").app == "urn:vonage:app:1"
    assert parse_override("+1 (415) 555-0100=PORT") == (SALES, Strategy.PORT)
    with pytest.raises(UsageError, match=r"--set 'x=keep'"):
        parse_override("x=keep")


def test_public_key_is_stored_shown_and_cleared(
    migration: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from migrator.model.public_key import fingerprint
    from tests.public_keys import public_pem

    key_file = tmp_path / "public.pem"
    key_file.write_text(public_pem())
    assert main(["plan", str(migration), "--public-key", str(key_file)]) == 0
    out = capsys.readouterr().out
    assert f"public key for new applications: {fingerprint(public_pem())}" in out
    assert stored_mapping(migration).decisions.application_public_key == public_pem()
    with MigrationFile.open(migration) as file:
        plan = load_plan(file)
    assert plan is not None
    specs = [a.params["spec"] for a in plan.actions if a.kind == "create_application"]
    assert specs and all(spec["public_key"] == public_pem() for spec in specs)

    # later edits keep it; assess takes the option too
    assert main(["assess", str(migration), "--rule", "country=GB:keep"]) == 0
    assert stored_mapping(migration).decisions.application_public_key == public_pem()
    assert "app-new-key-pair" not in capsys.readouterr().out

    assert main(["assess", str(migration), "--public-key", "none"]) == 0
    assert stored_mapping(migration).decisions.application_public_key is None
    assert "app-new-key-pair" in capsys.readouterr().out
    assert stored_mapping(migration).decisions.rules  # clearing the key keeps the rules


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("private", "that is a private key: give the public key instead"),
        ("garbage", "not a PEM public key"),
        ("missing", "cannot read it"),
    ],
)
def test_a_private_key_or_garbage_is_refused_without_echoing_it(
    migration: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, says: str
) -> None:
    from tests.public_keys import private_pem

    key_file = tmp_path / "key.pem"
    text = {"private": private_pem(), "garbage": "-----BEGIN PUBLIC KEY-----\nnope\n"}
    if content in text:
        key_file.write_text(text[content])
    assert main(["plan", str(migration), "--public-key", str(key_file)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"migrator: --public-key '{key_file}': ") and says in err
    assert "nope" not in err and private_pem().splitlines()[1] not in err
    with MigrationFile.open(migration) as file:
        assert load_mapping(file) is None and load_plan(file) is None
