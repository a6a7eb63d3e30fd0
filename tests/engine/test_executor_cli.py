"""`migrator apply|status|rollback` end to end: profiles in the (test) keychain, the official SDKs
against the sandbox, and the refusals that must change nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from migrator.cli.main import main
from migrator.engine.journal import Journal
from migrator.engine.migration_file import MigrationFile
from migrator.model.plan import PLAN_SCHEMA_VERSION, Plan, Stage
from migrator.sandbox import Sandbox
from migrator.services.migrations import Source, new_migration
from migrator.services.profiles import add_profile
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.registry import connect
from tests.engine.plans import replacement_plan


def _digest(path: Path) -> str:
    parts = [Path(f"{path}{suffix}") for suffix in ("", "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


@pytest.fixture
def migration(sandbox: Sandbox, tmp_path: Path) -> tuple[Path, Plan]:
    """A migration of 5 numbers from a Vonage account to a Plivo one, planned by hand."""
    sandbox.seed({"vonage": 8})
    endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
    add_profile("cli-old", "vonage", sandbox.credentials("vonage", "source"), endpoint)
    add_profile("cli-new", "plivo", sandbox.credentials("plivo", "target"), endpoint)
    path = new_migration(tmp_path / "cli.migration", Source(profile="cli-old"), "cli-new")
    with MigrationFile.open(path) as file:
        source, target = file.latest_snapshot("source"), file.latest_snapshot("target")
        assert source is not None and target is not None
        plan = replacement_plan(source, target, 5, tag="cli")
        file.save_document("plan", plan.to_dict(), plan.schema_version)
    return path, plan


def test_dry_run_lists_the_calls_and_changes_nothing(
    migration: tuple[Path, Plan], capsys: pytest.CaptureFixture[str]
) -> None:
    path, plan = migration
    before = _digest(path)
    assert main(["apply", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.count("create_application(") == len(plan.stage_actions(plan.actions[0].stage))
    assert out.count("buy_number(") == 5 and out.count("release_number(") == 5
    assert out.index("create_application(") < out.index("buy_number(") < out.index("release_")
    assert _digest(path) == before


def test_apply_status_and_rollback_through_the_cli(
    migration: tuple[Path, Plan], capsys: pytest.CaptureFixture[str]
) -> None:
    path, plan = migration
    assert main(["status", str(path), "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert {a["status"] for a in view["actions"]} == {"pending"}
    assert main(["apply", str(path), "--yes"]) == 1  # no confirmation: decommission waits
    out = capsys.readouterr().out
    assert "decommission is irreversible" in out
    assert main(["status", str(path)]) == 0
    out = capsys.readouterr().out
    assert "verify        done" in out and "decommission  pending" in out
    assert main(["apply", str(path), "--yes", "--confirm-account", plan.source_account]) == 0
    assert "Done" in capsys.readouterr().out
    assert main(["rollback", str(path), "--yes"]) == 1  # releases cannot be undone
    out = capsys.readouterr().out
    assert out.count("a released number cannot be taken back") == 5
    assert main(["status", str(path), "--json"]) == 0
    statuses = {a["id"]: a["status"] for a in json.loads(capsys.readouterr().out)["actions"]}
    assert {statuses[f"release-{i}"] for i in range(1, 6)} == {"done"}
    assert statuses["buy-1"] == "rolled_back" and statuses["app-1"] == "rolled_back"


def test_apply_without_a_terminal_needs_yes(
    migration: tuple[Path, Plan], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = migration
    before = _digest(path)
    assert main(["apply", str(path)]) == 2
    assert "pass --yes" in capsys.readouterr().err
    assert _digest(path) == before


def test_a_plan_from_a_newer_migrator_is_refused(
    migration: tuple[Path, Plan], capsys: pytest.CaptureFixture[str]
) -> None:
    path, plan = migration
    with MigrationFile.open(path) as file:
        data = {**plan.to_dict(), "schema_version": PLAN_SCHEMA_VERSION + 1}
        file.save_document("plan", data, PLAN_SCHEMA_VERSION + 1)
    before = _digest(path)
    assert main(["apply", str(path), "--yes"]) == 2
    assert "newer migrator" in capsys.readouterr().err
    assert _digest(path) == before


def test_a_damaged_file_is_refused(
    migration: tuple[Path, Plan], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = migration
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        pages = db.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(path.read_bytes())
    middle = (pages // 2) * page_size
    data[middle : middle + page_size] = b"\xa5" * page_size  # one page of garbage
    path.write_bytes(bytes(data))
    before = _digest(path)
    assert main(["apply", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err or "not a migration file" in err
    assert _digest(path) == before
    path.write_bytes(bytes(data[: len(data) // 2]))  # and a truncated one
    before = _digest(path)
    assert main(["apply", str(path), "--yes"]) == 2
    assert "damaged" in capsys.readouterr().err
    assert _digest(path) == before


def test_a_file_being_applied_elsewhere_is_refused(migration: tuple[Path, Plan]) -> None:
    path, _ = migration
    with MigrationFile.open(path) as holder:
        holder.acquire_writer_lock()
        before = _digest(path)
        result = subprocess.run(
            [sys.executable, "-m", "migrator", "apply", str(path), "--yes"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2
        assert "another migrator" in result.stderr
        assert _digest(path) == before


def test_an_account_changed_since_planning_stops_the_run_with_the_changes(
    migration: tuple[Path, Plan], sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    path, plan = migration
    with MigrationFile.open(path) as file:
        source = file.latest_snapshot("source")
    assert source is not None
    planned = {a.params["e164"] for a in plan.stage_actions(Stage.DECOMMISSION)}
    untouched = next(
        n for n in source.numbers if n.e164 not in planned and n.account_id == source.account_id
    )
    adapter = connect(
        "vonage", sandbox.credentials("vonage", "source"), Endpoint(sandbox.url, sandbox.ca_bundle)
    )
    adapter.release_number(untouched.e164)  # someone changed the account behind the plan
    assert main(["apply", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert f"- number {untouched.e164} removed" in err and "re-plan" in err
    with MigrationFile.open(path) as file:
        entries = Journal(file).entries()
    assert not [e for e in entries if e["event"] == "intent"]  # no vendor call was made
