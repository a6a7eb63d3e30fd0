"""The journal: one transaction per step, statuses, kept before-states, exports, scratch copies."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from migrator.engine.journal import Event, Journal, JournalError, Status, plan_key, stage_status
from migrator.engine.migration_file import MigrationFile
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage


def _plan() -> Plan:
    return Plan(
        "twilio",
        "AC1",
        "vonage",
        "k1",
        "f1",
        "f2",
        actions=(
            Action("a1", Stage.PREPARE, ActionKind.CREATE_APPLICATION, Side.TARGET, "app", "a1"),
            Action("n1", Stage.CONFIGURE, ActionKind.CONFIGURE_NUMBER, Side.TARGET, "+1415", "n1"),
            Action("r1", Stage.DECOMMISSION, ActionKind.RELEASE_NUMBER, Side.SOURCE, "+1", "r1"),
        ),
    )


@pytest.fixture
def file(tmp_path: Path) -> MigrationFile:
    return MigrationFile.create(tmp_path / "j.migration", {})


def test_steps_survive_reopening_and_keep_the_first_before_state(file: MigrationFile) -> None:
    journal = Journal(file)
    key = journal.bind(_plan())
    journal.start_run(key, "apply")
    journal.intent(key, "n1", {"method": "configure_number", "e164": "+1415"}, {"app_id": "old"})
    journal.outcome(key, "n1", Status.PENDING, message="interrupted", event=Event.RECONCILED)
    journal.intent(key, "n1", {"method": "configure_number", "e164": "+1415"}, {"app_id": "ours"})
    file.close()
    with MigrationFile.open(file.path) as reopened:
        record = Journal(reopened).record(key, "n1")
        assert record.status is Status.RUNNING  # intent without outcome
        assert record.attempts == 2
        assert record.before == {"app_id": "old"}  # a re-read could have seen our own change
        assert [e["event"] for e in Journal(reopened).entries(key)] == [
            "intent",
            "reconciled",
            "intent",
        ]


def test_each_step_is_one_transaction(file: MigrationFile) -> None:
    journal = Journal(file)
    key = journal.bind(_plan())

    class Boom(Exception):
        pass

    with pytest.raises(Boom), file.transaction() as db:
        db.execute("UPDATE journal_actions SET status = 'done' WHERE action_id = 'a1'")
        raise Boom
    assert journal.record(key, "a1").status is Status.PENDING
    with pytest.raises(JournalError):
        journal.intent(key, "missing", {"method": "x"}, None)  # nothing half-written
    assert journal.entries(key) == []


def test_outcomes_statuses_and_stage_summaries(file: MigrationFile) -> None:
    journal = Journal(file)
    key = journal.bind(_plan())
    journal.intent(key, "a1", {"method": "create_application"}, None)
    journal.outcome(key, "a1", Status.DONE, {"app_id": "AP9"})
    journal.outcome(key, "n1", Status.FAILED, message="Vonage HTTP 420: bad number")
    journal.skip(key, "r1", "ported away")
    records = {r.action_id: r for r in journal.records(key)}
    assert records["a1"].outputs == {"app_id": "AP9"} and records["a1"].done_seq
    assert records["n1"].message == "Vonage HTTP 420: bad number"
    assert [stage_status([records[i].status]) for i in ("a1", "n1", "r1")] == [
        "done",
        "failed",
        "done",
    ]
    assert stage_status([]) == "empty"
    assert [r.action_id for r in journal.in_effect()] == ["a1"]
    journal.undo_intent(key, "a1", {"method": "delete_application", "app_id": "AP9"})
    assert stage_status([journal.record(key, "a1").status]) == "interrupted"
    journal.undo_outcome(key, "a1", True)
    rolled = journal.record(key, "a1")
    assert rolled.status is Status.ROLLED_BACK and rolled.outputs == {} and rolled.before is None
    assert stage_status([rolled.status, Status.ROLLED_BACK]) == "rolled_back"
    assert stage_status([Status.DONE, Status.PENDING]) == "partial"


def test_binding_a_second_plan_while_the_first_is_in_effect_is_refused(file: MigrationFile) -> None:
    journal = Journal(file)
    key = journal.bind(_plan())
    journal.outcome(key, "a1", Status.DONE, {"app_id": "AP9"})
    with pytest.raises(JournalError, match="earlier plan"):
        journal.bind(Plan("twilio", "AC1", "vonage", "k1", "f1", "other"))
    assert journal.bind(_plan()) == key  # the same plan binds again (resume)


def test_exports_are_the_rollback_log_without_credentials(file: MigrationFile) -> None:
    journal = Journal(file)
    key = journal.bind(_plan())
    url = "https://user:hunter2@hooks.example.com/answer?token=s3cret&x=1"
    journal.intent(key, "n1", {"method": "configure_number", "url": url}, {"url": url})
    journal.outcome(key, "n1", Status.DONE, {})
    exported = journal.export_json(key)
    assert "hunter2" not in exported and "s3cret" not in exported
    document = json.loads(exported)
    assert document["format"] == "migrator/journal" and document["schema_version"] == 1
    assert [e["event"] for e in document["entries"]] == ["intent", "outcome"]
    assert document["actions"][1]["status"] == "done"
    rows = list(csv.DictReader(io.StringIO(journal.export_csv(key))))
    assert [r["event"] for r in rows] == ["intent", "outcome"]
    assert rows[0]["kind"] == "configure_number" and rows[0]["stage"] == "configure"
    assert "hunter2" not in rows[0]["call"] and "***" in rows[0]["before"]


def test_a_scratch_copy_never_writes_to_the_file(file: MigrationFile) -> None:
    journal = Journal(file)
    key = journal.bind(_plan())
    journal.outcome(key, "a1", Status.DONE, {"app_id": "AP9"})
    copy = journal.scratch_copy()
    copy.outcome(key, "n1", Status.DONE, {})
    assert copy.record(key, "a1").outputs == {"app_id": "AP9"}
    assert journal.record(key, "n1").status is Status.PENDING
    with sqlite3.connect(file.path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM journal_entries").fetchone()[0] == 1


def test_the_fast_plan_key_is_the_plans_fingerprint() -> None:
    base = _plan()
    action = Action(
        "b1",
        Stage.ACQUIRE,
        ActionKind.BUY_NUMBER,
        Side.TARGET,
        "replacement for +14155550100",
        "PN1",
        {"search": {"country": "US", "capabilities": ["voice"]}, "label": "x", "n": [1, 2]},
        before={"config": {"voice_url": "https://a.example/x", "nested": {"z": 1, "a": None}}},
        idempotency_key="mig-0123456789ab",
        reversible=False,
        depends_on=("a1", "n1"),
        summary="+ buy",
    )
    plan = replace(
        base,
        actions=(*base.actions, action),
        options={"strategies": {"replace": 3}, "skipped": [{"e164": "+1"}]},
        created_at="2026-01-01",
    )
    assert plan_key(plan) == plan.fingerprint()
    assert plan_key(base) == base.fingerprint() != plan_key(plan)
