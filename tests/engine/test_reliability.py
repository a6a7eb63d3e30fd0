"""The reliability suite: kills at random points, high fault rates, rollback after a partial
apply. Real adapters over the official SDKs against the sandbox; small plans keep it bounded.

The sandbox lives in this test process, so it survives the apply process being SIGKILLed.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from migrator.engine.executor import ApplyOptions
from migrator.engine.journal import Journal, Status
from migrator.engine.migration_file import MigrationFile
from migrator.engine.rollback import Rollback
from migrator.model.inventory import Inventory
from migrator.model.plan import ActionKind, Plan, Side, Stage
from migrator.progress import CancelToken
from migrator.sandbox import Sandbox
from migrator.services import execution
from migrator.vendors.base import VendorAdapter
from migrator.vendors.endpoint import Endpoint
from migrator.vendors.registry import connect
from migrator.vendors.throttle import Limit, Throttle
from tests.engine.apply_script import FAST
from tests.engine.plans import replacement_plan

ROOT = Path(__file__).resolve().parents[2]
FAST_LIMIT = {"rate": 400, "per": 1.0}
"""Sandbox and client limits raised for the kill runs (limits are not what they test)."""


def control(sandbox: Sandbox, name: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{sandbox.url}/_sandbox/{name}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        result: dict[str, Any] = json.loads(answer.read())
        return result


@dataclass
class Migration:
    path: Path
    plan: Plan
    config: dict[str, Any]
    source: VendorAdapter
    target: VendorAdapter
    source_before: Inventory
    target_before: Inventory

    @property
    def adapters(self) -> dict[Side, VendorAdapter | None]:
        return {Side.SOURCE: self.source, Side.TARGET: self.target}

    def journal(self, file: MigrationFile) -> Journal:
        return Journal(file)


def make_migration(
    sandbox: Sandbox,
    tmp_path: Path,
    source_vendor: str,
    target_vendor: str,
    numbers: int,
    fast: bool = False,
) -> Migration:
    sandbox.seed({source_vendor: numbers + 4})
    if fast:
        control(sandbox, "limits", FAST_LIMIT)
    endpoint = Endpoint(sandbox.url, sandbox.ca_bundle)
    accounts = {}
    for role, vendor in (("source", source_vendor), ("target", target_vendor)):
        accounts[role] = {"vendor": vendor, "credentials": sandbox.credentials(vendor, role)}
    throttle = (lambda: Throttle(Limit(**FAST_LIMIT))) if fast else (lambda: None)
    source = connect(source_vendor, accounts["source"]["credentials"], endpoint, throttle())
    target = connect(target_vendor, accounts["target"]["credentials"], endpoint, throttle())
    source_before, target_before = source.discover(), target.discover()
    plan = replacement_plan(source_before, target_before, numbers, tag="rel")
    path = tmp_path / "reliability.migration"
    with MigrationFile.create(path, {}) as file:
        file.save_snapshot("source", source_before)
        file.save_snapshot("target", target_before)
        file.save_document("plan", plan.to_dict(), plan.schema_version)
    config = {
        "file": str(path),
        "url": sandbox.url,
        "ca": str(sandbox.ca_bundle),
        **accounts,
        "confirm": plan.source_account,
        "client_limit": FAST_LIMIT if fast else None,
    }
    return Migration(path, plan, config, source, target, source_before, target_before)


def assert_intended_state(migration: Migration) -> None:
    """Both accounts hold exactly what the plan intends; the journal accounts for every action
    exactly once."""
    plan = migration.plan
    with MigrationFile.open(migration.path) as file:
        journal = Journal(file)
        key = plan.fingerprint()
        records = {r.action_id: r for r in journal.records(key)}
        entries = journal.entries(key)
    assert {r.status for r in records.values()} == {Status.DONE}
    done_entries = Counter(e["action_id"] for e in entries if e["status"] == "done")
    assert done_entries == Counter({a.id: 1 for a in plan.actions})
    target = migration.target.discover()
    creates = plan.stage_actions(Stage.PREPARE)
    for action in creates:  # exactly one application per create, found by its marker
        carrying = [a for a in target.applications if action.idempotency_key in a.name]
        assert len(carrying) == 1, (action.id, [a.name for a in carrying])
        assert carrying[0].id == records[action.id].outputs["app_id"]
    assert len(target.applications) == len(creates)
    bought = {r.outputs["e164"] for r in records.values() if r.action.kind is ActionKind.BUY_NUMBER}
    assert len(bought) == len(plan.stage_actions(Stage.ACQUIRE))  # no two actions share one
    assert {n.e164 for n in target.numbers} == bought  # nothing extra bought
    for action in plan.stage_actions(Stage.CONFIGURE):
        e164 = records[action.depends_on[0]].outputs["e164"]
        app_action = action.params["config"]["app_id"]["$ref"].rpartition(".")[0]
        config = migration.target.read_number_config(e164)
        assert config.app_id == records[app_action].outputs["app_id"]
    released = {a.params["e164"] for a in plan.stage_actions(Stage.DECOMMISSION)}
    source = migration.source.discover()
    assert {n.e164 for n in source.numbers} == {
        n.e164 for n in migration.source_before.numbers
    } - released


def last_stage(path: Path, plan: Plan) -> str | None:
    with MigrationFile.open(path) as file:
        journal = Journal.existing(file)
        entries = journal.entries(plan.fingerprint()) if journal else []
    return entries[-1]["stage"] if entries else None


def run_apply(config: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.engine.apply_script", json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


KILLS_PER_STAGE = {
    Stage.PREPARE: 3,
    Stage.ACQUIRE: 6,
    Stage.CONFIGURE: 6,
    Stage.VERIFY: 5,
    Stage.DECOMMISSION: 6,
}


def kill_points(plan: Plan, rng: random.Random) -> list[tuple[str, str]]:
    """Random points in every stage: right after an action's intent commits, right after its
    vendor call returns (the journal does not know yet), right after its outcome commits."""
    points = []
    for stage, count in KILLS_PER_STAGE.items():
        actions = plan.stage_actions(stage)
        for action in rng.sample(actions, min(count, len(actions))):
            reads = action.kind in (ActionKind.VERIFY_NUMBER, ActionKind.VERIFY_APPLICATION)
            phases = ("intent", "outcome") if reads else ("intent", "call", "call", "outcome")
            points.append((action.id, rng.choice(phases)))
    return points


@pytest.mark.timeout(300)
def test_killed_at_random_points_resume_converges_without_duplicates(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    migration = make_migration(sandbox, tmp_path, "vonage", "plivo", 12, fast=True)
    points = kill_points(migration.plan, random.Random(11))
    stage_of = {a.id: a.stage.value for a in migration.plan.actions}
    note = tmp_path / "killed-at.json"
    killed: list[tuple[str, str]] = []
    for _ in range(len(points) + 1):
        config = {**migration.config, "workers": 4, "kill": points, "note": str(note)}
        result = run_apply(config)
        if result.returncode == 0:
            break
        assert result.returncode == -9, result.stdout + result.stderr[-3000:]
        point = tuple(json.loads(note.read_text()))
        points.remove(point)  # type: ignore[arg-type]
        killed.append(point)  # type: ignore[arg-type]
    else:
        pytest.fail("the apply never finished")
    assert len(killed) >= 20, killed
    assert {stage_of[action] for action, _ in killed} == {s.value for s in Stage}, killed
    assert sum(1 for _, phase in killed if phase == "call") >= 5, killed
    assert json.loads(result.stdout)["ok"], result.stdout
    assert_intended_state(migration)


@pytest.mark.timeout(240)
def test_high_fault_rates_still_converge_without_duplicates(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    migration = make_migration(sandbox, tmp_path, "twilio", "vonage", 8, fast=True)
    control(
        sandbox,
        "faults",
        {
            "rate_5xx": 0.12,
            "rate_429": 0.1,
            "rate_drop": 0.05,
            "rate_slow": 0.05,
            "slow_seconds": 0.2,
            "seed": 7,
        },
    )
    with MigrationFile.open(migration.path) as file:
        outcome = execution.apply(
            file,
            ApplyOptions(confirm_account=migration.plan.source_account),
            adapters=migration.adapters,
            retry=FAST,
        )
    assert outcome.report.ok, outcome.report.stopped
    injected = dict(sandbox.state.faults.injected)
    assert min(injected.get(kind, 0) for kind in ("5xx", "429", "drop", "slow")) >= 3, injected
    control(sandbox, "faults", {"clear": True})  # the checks below read the accounts cleanly
    assert_intended_state(migration)


def test_rollback_after_a_partial_apply_restores_both_snapshots(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    migration = make_migration(sandbox, tmp_path, "plivo", "twilio", 8)
    token = CancelToken()
    done = Counter[str]()

    def progress(count: int, total: int | None, message: str) -> None:
        done[message.split(":")[0]] += 1
        if done["configure"] >= 4:
            token.cancel("partial apply for the test")

    with MigrationFile.open(migration.path) as file:
        report = execution.apply(
            file, adapters=migration.adapters, progress=progress, cancel=token, retry=FAST
        ).report
        assert "partial apply" in report.stopped
        statuses = Counter(r.status for r in Journal(file).records(migration.plan.fingerprint()))
        assert statuses[Status.DONE] > 0 and statuses[Status.PENDING] > 0
        undo = execution.rollback(file, adapters=migration.adapters, retry=FAST)
    assert undo.complete, undo.not_undone
    assert migration.target.discover().fingerprint() == migration.target_before.fingerprint()
    assert migration.source.discover().fingerprint() == migration.source_before.fingerprint()


def test_rollback_reports_the_irreversible_actions_it_leaves(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    migration = make_migration(sandbox, tmp_path, "vonage", "plivo", 6)
    token = CancelToken()
    releases = Counter[str]()

    def progress(count: int, total: int | None, message: str) -> None:
        if message.startswith("decommission"):
            releases["n"] += 1
            if releases["n"] >= 2:
                token.cancel("stop after two releases")

    with MigrationFile.open(migration.path) as file:
        options = ApplyOptions(confirm_account=migration.plan.source_account)
        execution.apply(
            file,
            options,
            adapters=migration.adapters,
            progress=progress,
            cancel=token,
            retry=FAST,
            workers=1,
        )
        records = Journal(file).records(migration.plan.fingerprint())
        released = {
            r.action.params["e164"]
            for r in records
            if r.action.kind is ActionKind.RELEASE_NUMBER and r.status is Status.DONE
        }
        assert len(released) == 2
        undo = Rollback(Journal(file), migration.adapters, retry=FAST).run()
    assert {n.action_id for n in undo.not_undone} == {
        r.action_id
        for r in records
        if r.action.kind is ActionKind.RELEASE_NUMBER and r.status is Status.DONE
    }
    assert all("released number" in n.reason for n in undo.not_undone)
    assert migration.target.discover().fingerprint() == migration.target_before.fingerprint()
    source = migration.source.discover()
    assert {n.e164 for n in source.numbers} == {
        n.e164 for n in migration.source_before.numbers
    } - released
