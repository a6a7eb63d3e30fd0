"""`migrator plan` / `migrator assess` with --accept-missing (replace a number even though its
replacement lacks a core capability) and --unaccept (withdraw that), run for real over a
migration file whose source has a British landline that texts (tests.rules.inventories
.core_gap_file): Vonage sells GB landlines with voice only, so its replace is blocked until SMS
is accepted as missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.cli.decisions import decisions_lines, parse_accept_missing, parse_unaccept
from migrator.cli.main import main
from migrator.engine.migration_file import MigrationFile
from migrator.errors import UsageError
from migrator.model.enums import Capability
from migrator.model.mapping import Decisions, Mapping, NumberMapping, Strategy
from migrator.model.plan import ActionKind, Plan
from migrator.services.planning import load_mapping, load_plan
from tests.rules.inventories import GB, GB_TEXTS, SALES, core_gap_file, stored_mapping

SMS = frozenset({Capability.SMS})


@pytest.fixture
def migration(tmp_path: Path) -> Path:
    return core_gap_file(tmp_path / "acme.migration")


@pytest.fixture
def replaced(migration: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Planned with replace for every number: GB_TEXTS is blocked."""
    assert main(["plan", str(migration), "--numbers", "replace"]) == 0
    capsys.readouterr()
    return migration


def _plan(path: Path) -> Plan:
    with MigrationFile.open(path) as file:
        plan = load_plan(file)
    assert plan is not None
    return plan


def _bought(plan: Plan) -> dict[str, dict[str, object]]:
    return {
        str(a.params["replaces"]): a.params for a in plan.actions if a.kind is ActionKind.BUY_NUMBER
    }


def test_accept_missing_turns_the_blocker_into_a_bought_replacement(
    replaced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert GB_TEXTS not in _bought(_plan(replaced))
    assert main(["assess", str(replaced), "--all"]) == 0
    out = capsys.readouterr().out
    assert "replace-core-capability-missing" in out

    assert main(["plan", str(replaced), "--accept-missing", "+44 20 7183 8760=SMS"]) == 0
    out = capsys.readouterr().out
    assert stored_mapping(replaced).decisions.accepted_missing == {GB_TEXTS: SMS}
    params = _bought(_plan(replaced))[GB_TEXTS]
    assert params["accepted_missing"] == ["sms"]
    assert params["search"] == {
        "country": "GB",
        "number_type": "local",
        "area_code": params["search"]["area_code"],  # type: ignore[index]
        "capabilities": ["voice"],
    }
    assert "accepted missing: 1 number may be replaced without" in out
    assert f"    {GB_TEXTS} without sms\n" in out
    assert GB_TEXTS not in {s["e164"] for s in _plan(replaced).options["skipped"]}


def test_assess_accepts_too_and_reports_a_warning(
    replaced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(replaced), "--accept-missing", f"{GB_TEXTS}=sms", "--json"]) == 0
    out = capsys.readouterr().out
    assert "replace-core-capability-accepted" in out
    assert "replace-core-capability-missing" not in out
    assert stored_mapping(replaced).decisions.accepted_missing == {GB_TEXTS: SMS}


def test_unaccept_blocks_it_again_and_keeps_the_other_acceptances(
    replaced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["plan", str(replaced), "--accept-missing", f"{GB_TEXTS}=sms"]
    assert main([*argv, "--accept-missing", f"{SALES}=voice,sms"]) == 0
    assert main(["plan", str(replaced), "--unaccept", GB_TEXTS]) == 0
    out = capsys.readouterr().out
    decisions = stored_mapping(replaced).decisions
    assert decisions.accepted_missing == {SALES: frozenset({Capability.VOICE, Capability.SMS})}
    assert GB_TEXTS not in _bought(_plan(replaced))
    assert GB_TEXTS in {s["e164"] for s in _plan(replaced).options["skipped"]}
    # SALES's replacement lacks nothing: its acceptance is harmless, but listed
    assert f"    {SALES} without sms, voice\n" in out


def test_unaccept_then_accept_in_one_command_replaces_the_acceptance(replaced: Path) -> None:
    assert main(["plan", str(replaced), "--accept-missing", f"{GB_TEXTS}=sms,mms"]) == 0
    argv = ["plan", str(replaced), "--accept-missing", f"{GB_TEXTS}=sms", "--unaccept", GB_TEXTS]
    assert main(argv) == 0
    assert stored_mapping(replaced).decisions.accepted_missing == {GB_TEXTS: SMS}


def test_clear_rules_keeps_acceptances(replaced: Path) -> None:
    assert main(["plan", str(replaced), "--accept-missing", f"{GB_TEXTS}=sms"]) == 0
    assert main(["plan", str(replaced), "--clear-rules", "--set", f"{GB}=keep"]) == 0
    decisions = stored_mapping(replaced).decisions
    assert decisions.accepted_missing == {GB_TEXTS: SMS}
    assert decisions.overrides == {GB: Strategy.KEEP}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["--accept-missing", "4155550100=sms"],
            "--accept-missing '4155550100=sms': '4155550100' is not a valid number",
        ),
        (
            ["--accept-missing", "+14155550199=sms"],
            "not a number of the source inventory: +14155550199",
        ),
        (
            ["--accept-missing", f"{GB_TEXTS}=sms,telex"],
            f"--accept-missing '{GB_TEXTS}=sms,telex': 'telex' is not a capability "
            "(use voice, sms, mms, fax)",
        ),
        (["--accept-missing", f"{GB_TEXTS}="], "name the capabilities after '='"),
        (["--accept-missing", GB_TEXTS], "write it as E164=CAPABILITY,..."),
        (["--unaccept", "+14155550199"], "not a number of the source inventory: +14155550199"),
        (["--unaccept", GB_TEXTS], f"no accepted missing capability to withdraw for {GB_TEXTS}"),
        (["--unaccept", "020 7183 8760"], "--unaccept '020 7183 8760': '020 7183 8760' is not"),
        (
            ["--set", f"{SALES}=keep", "--accept-missing", "+14155550199=voice"],
            "not a number of the source inventory: +14155550199",
        ),
    ],
)
def test_a_bad_acceptance_is_one_usage_error_and_saves_nothing(
    replaced: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    with MigrationFile.open(replaced) as file:
        before = load_mapping(file), _plan(replaced).fingerprint()
    assert main(["plan", str(replaced), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("migrator: ") and says in err and err.count("\n") == 1
    with MigrationFile.open(replaced) as file:
        assert (load_mapping(file), _plan(replaced).fingerprint()) == before


def test_the_help_documents_the_options_and_the_order(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["assess", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--accept-missing E164=CAPABILITY,..." in text and "--unaccept E164" in text
    assert "and --unaccept; then --rule and --set, and --accept-missing" in text
    assert "--clear-rules keeps accepted missing capabilities" in text


def test_parsing_normalises_what_it_accepts() -> None:
    assert parse_accept_missing(" +44 20 7183 8760 = Voice , sms ,") == (
        GB_TEXTS,
        frozenset({Capability.VOICE, Capability.SMS}),
    )
    assert parse_unaccept(" +44 20 7183 8760 ") == GB_TEXTS
    with pytest.raises(UsageError, match="'fax2' is not a capability"):
        parse_accept_missing(f"{GB_TEXTS}=fax2")


def test_decisions_section_marks_acceptances_that_do_not_apply() -> None:
    replaced = NumberMapping("PN1", GB_TEXTS, Strategy.REPLACE, "default", "the default")
    kept = NumberMapping("PN2", SALES, Strategy.KEEP, "override", "set by the admin")
    accepted = {GB_TEXTS: SMS, SALES: SMS, "+14155550177": SMS}
    mapping = Mapping(
        "twilio", "AC1", "vonage", "k", "fp", Decisions(accepted_missing=accepted), (replaced, kept)
    )
    lines = decisions_lines(mapping)
    assert lines[0].startswith("Decisions: recommended strategy per number (no bulk rules")
    assert lines[1] == (
        "  accepted missing: 3 numbers may be replaced without capabilities the target does "
        "not sell with them"
    )
    assert lines[2:] == [
        f"    {SALES} without sms  (no effect while its strategy is keep)",
        "    +14155550177 without sms  (not in the inventory)",
        f"    {GB_TEXTS} without sms",
    ]
