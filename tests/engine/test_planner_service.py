"""The planning seam (services/planning.py) and the `migrator plan` / `migrator assess` commands
over a real migration file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migrator.cli.commands.plan import redact_data, redact_text
from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.mapping import Decisions, Strategy, StrategyRule
from migrator.services.planning import (
    build_plan,
    load_assessment,
    load_mapping,
    load_plan,
    set_decisions,
)
from tests.rules.inventories import BIN_URL, file_source, twilio_source, twilio_to_vonage_file

SECRET = "s3cret"


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    return twilio_to_vonage_file(tmp_path / "acme.migration")


def test_build_plan_saves_three_documents_that_load_back(migration: Path) -> None:
    with MigrationFile.open(migration) as file:
        mapping, assessment, plan = build_plan(file)
        assert load_mapping(file) == mapping
        assert load_assessment(file) == assessment
        loaded = load_plan(file)
    assert loaded is not None and loaded.fingerprint() == plan.fingerprint()
    assert plan.target_vendor == "vonage" and plan.source_account == "AC1"
    assert plan.source_fingerprint == twilio_source().fingerprint()
    assert assessment.source_fingerprint == mapping.source_fingerprint


def test_numbers_option_sets_a_default_that_later_plans_keep(migration: Path) -> None:
    with MigrationFile.open(migration) as file:
        mapping, _, _ = build_plan(file, "replace")
        assert set(mapping.strategy_counts()) == {"replace"}
        again, _, plan = build_plan(file)
    assert again.decisions.default_strategy is Strategy.REPLACE
    assert plan.options["strategies"] == {"replace": 9}


def test_decisions_survive_a_refresh(migration: Path) -> None:
    decisions = Decisions(
        rules=(StrategyRule(Strategy.KEEP, country="GB"),),
        overrides={"+14155550100": Strategy.RELEASE},
        urls={BIN_URL: "https://ours.example.com/bin"},
    )
    with MigrationFile.open(migration) as file:
        build_plan(file)
        set_decisions(file, decisions)
        mapping, _, plan = build_plan(file)
    assert mapping.decisions == decisions
    assert mapping.number("+442071838750").strategy is Strategy.KEEP
    assert plan.options["placeholders"] == 1  # the bin is filled, the Function's number stays


def test_target_comes_from_the_meta_before_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "m.migration"
    meta = {"target": {"kind": "profile", "vendor": "plivo", "account_id": "MAx"}}
    with MigrationFile.create(path, meta) as file:
        file.save_snapshot("source", file_source())
        _, _, plan = build_plan(file)
    assert (plan.target_vendor, plan.target_account, plan.target_fingerprint) == (
        "plivo",
        "MAx",
        "",
    )


def test_clear_errors(tmp_path: Path, migration: Path) -> None:
    with MigrationFile.create(tmp_path / "empty.migration", {}) as file:
        with pytest.raises(UsageError, match="no source inventory"):
            build_plan(file)
        file.save_snapshot("source", twilio_source())
        with pytest.raises(UsageError, match="which account is the target"):
            build_plan(file)
        file.save_snapshot("target", file_source())
        with pytest.raises(UsageError, match="not an import file"):
            build_plan(file)
    with MigrationFile.open(migration) as file, pytest.raises(UsageError, match="--numbers"):
        build_plan(file, "teleport")
    with MigrationFile.create(tmp_path / "new.migration", {}) as file:
        with pytest.raises(UsageError, match="no mapping yet"):
            set_decisions(file, Decisions())
        assert load_plan(file) is None and load_mapping(file) is None


def test_plan_command_lists_stages_diff_style(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(migration)]) == 0
    out = capsys.readouterr().out
    for stage in ("prepare", "acquire", "configure", "verify", "decommission"):
        assert f"\n{stage}" in out
    assert "Assessment: " in out and "blocker" in out
    assert "  + create Vonage Application 'Main IVR'" in out
    assert "  ~ route +14155550101 to Main IVR" in out
    assert "  = check +14155550101 on Vonage" in out
    assert "  ! by hand: port" in out
    assert "placeholders" in out
    assert SECRET not in out


def test_plan_command_json_is_one_redacted_document(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(migration), "--json", "--numbers", "replace"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert set(document) == {"mapping", "assessment", "counts", "plan"}
    assert document["mapping"]["strategies"] == {"replace": 9}
    assert document["counts"]["acquire"] == {"buy_number": 9}
    assert document["assessment"]["blockers"]
    assert len(document["plan"]["actions"]) == sum(
        n for kinds in document["counts"].values() for n in kinds.values()
    )
    assert SECRET not in out
    with MigrationFile.open(migration) as file:
        stored = load_plan(file)
    assert stored is not None
    assert SECRET in json.dumps(stored.to_dict()), "the stored plan keeps what apply needs"


def test_plan_command_release_shows_irreversible_stage(
    migration: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(migration), "--numbers", "release", "--all"]) == 0
    out = capsys.readouterr().out
    assert "(irreversible)" in out
    assert out.count("  - release +") == 9


def test_assess_command(migration: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(migration)]) == 0
    out = capsys.readouterr().out
    assert "BLOCKER" in out and "vendor-hosted-logic" in out
    assert "Checklist" in out and "Re-create E911 addresses" in out
    assert SECRET not in out and "https://***:***@hooks.example.com/voice" in out
    assert main(["assess", str(migration), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["status"] == "blocked"
    assert SECRET not in json.dumps(document)


def test_plan_command_reports_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(tmp_path / "nope.migration")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_redaction_reaches_keys_and_text() -> None:
    data = {
        "https://u:pw1@a.example.com/x": ["see https://b.example.com/y?token=pw2&page=3"],
        "plain": ("sip:alice@pbx.example.com", 3, None),
    }
    shown = json.dumps(redact_data(data))
    assert "pw1" not in shown and "pw2" not in shown
    assert "page=3" in shown and "sip:alice@pbx.example.com" in shown
    assert redact_text("no urls here") == "no urls here"
