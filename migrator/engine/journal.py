"""The durable journal of a migration's run: what was about to be done, and what came of it.

It lives in the migration file (its own tables). Every vendor call is bracketed by two steps,
each one SQLite transaction: an *intent* (the resolved call and the before-state, on disk before
the call) and an *outcome* (the ids the vendor returned, or its error). After a crash, an action
whose intent has no outcome is `running`: resume reconciles it against the vendor before anything
is retried. Rollback reads only the journal (each row keeps its action), so it works even after
the plan was replaced. `entries` is the append-only rollback log, exportable as JSON and CSV.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from migrator.engine.migration_file import now_iso
from migrator.errors import MigratorError
from migrator.model.plan import Action, ActionKind, Plan, Side, Stage
from migrator.model.serialize import to_data
from migrator.model.urls import redact_url

JOURNAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS journal_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan TEXT NOT NULL,
    kind TEXT NOT NULL,
    stage TEXT,
    pid INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT,
    message TEXT
);
CREATE TABLE IF NOT EXISTS journal_actions (
    plan TEXT NOT NULL,
    action_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    stage TEXT NOT NULL,
    kind TEXT NOT NULL,
    side TEXT NOT NULL,
    item TEXT NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    call TEXT,
    before TEXT,
    outputs TEXT,
    message TEXT,
    done_seq INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (plan, action_id)
);
CREATE TABLE IF NOT EXISTS journal_entries (
    seq INTEGER PRIMARY KEY,
    run INTEGER,
    plan TEXT NOT NULL,
    action_id TEXT NOT NULL,
    event TEXT NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    call TEXT,
    before TEXT,
    outputs TEXT,
    message TEXT
)
"""
# journal_entries is append-only (never deleted from), so its rowid `seq` only grows; no
# AUTOINCREMENT and no index keep each step to the fewest pages written.

EXPORT_COLUMNS = (
    "seq",
    "at",
    "run",
    "action_id",
    "stage",
    "kind",
    "side",
    "item",
    "event",
    "status",
    "call",
    "before",
    "outputs",
    "message",
)


class JournalError(MigratorError):
    """The journal cannot take this run (it holds work of another plan, or is inconsistent)."""


class Status(StrEnum):
    """Where one action stands. `running` and `undoing` mean an intent with no outcome yet."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"
    UNDOING = "undoing"
    ROLLED_BACK = "rolled_back"

    @property
    def in_effect(self) -> bool:
        """The vendor may hold this action's change (rollback must consider it)."""
        return self in (Status.RUNNING, Status.DONE, Status.UNDOING)


class Event(StrEnum):
    INTENT = "intent"
    OUTCOME = "outcome"
    RECONCILED = "reconciled"
    SKIPPED = "skipped"
    UNDO_INTENT = "undo_intent"
    UNDO_OUTCOME = "undo_outcome"


@dataclass(frozen=True)
class ActionRecord:
    """The journal's current word on one action."""

    plan: str
    action: Action
    position: int
    status: Status
    attempts: int
    call: dict[str, Any] | None
    before: dict[str, Any] | None
    outputs: dict[str, Any]
    message: str
    done_seq: int | None
    updated_at: str

    @property
    def action_id(self) -> str:
        return self.action.id


def action_data(action: Action) -> dict[str, Any]:
    """An action as plain data (what Plan.to_dict() gives for it, without reflection: a large
    plan has hundreds of thousands)."""
    return {
        "id": action.id,
        "stage": action.stage.value,
        "kind": action.kind.value,
        "side": action.side.value,
        "item": action.item,
        "item_id": action.item_id,
        "params": action.params,
        "before": action.before,
        "idempotency_key": action.idempotency_key,
        "reversible": action.reversible,
        "depends_on": list(action.depends_on),
        "summary": action.summary,
    }


def plan_key(plan: Plan) -> str:
    """plan.fingerprint(), computed from `action_data` (the same data, the same hash) in a
    fraction of the time: it keys the journal's rows, so every run computes it."""
    data = {
        "source_vendor": plan.source_vendor,
        "source_account": plan.source_account,
        "target_vendor": plan.target_vendor,
        "target_account": plan.target_account,
        "source_fingerprint": plan.source_fingerprint,
        "target_fingerprint": plan.target_fingerprint,
        "actions": [action_data(action) for action in plan.actions],
        "options": plan.options,
        "schema_version": plan.schema_version,
    }
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), default=to_data)
    return hashlib.sha256(blob.encode()).hexdigest()


def action_from(data: dict[str, Any]) -> Action:
    return Action(
        id=str(data["id"]),
        stage=Stage(data["stage"]),
        kind=ActionKind(data["kind"]),
        side=Side(data["side"]),
        item=str(data.get("item", "")),
        item_id=str(data.get("item_id", "")),
        params=dict(data.get("params") or {}),
        before=data.get("before"),
        idempotency_key=str(data.get("idempotency_key", "")),
        reversible=bool(data.get("reversible", True)),
        depends_on=tuple(data.get("depends_on") or ()),
        summary=str(data.get("summary", "")),
    )


def stage_status(of: Iterable[Status]) -> str:
    """One word for a stage from its actions' statuses."""
    statuses = set(of)
    if not statuses:
        return "empty"
    if statuses == {Status.ROLLED_BACK}:
        return "rolled_back"
    if Status.FAILED in statuses:
        return "failed"
    if statuses & {Status.RUNNING, Status.UNDOING}:
        return "interrupted"
    if statuses <= {Status.DONE, Status.SKIPPED}:
        return "done"
    if statuses <= {Status.PENDING, Status.ROLLED_BACK}:
        return "pending"
    return "partial"


class JournalStore(Protocol):
    """What the journal needs of its database (a MigrationFile, or a scratch copy)."""

    def transaction(self, durable: bool = True) -> AbstractContextManager[sqlite3.Connection]: ...

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]: ...

    def ensure_schema(self, name: str, ddl: str) -> None: ...


class MemoryStore:
    """An in-memory journal database: dry runs work on a copy and leave the file untouched."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._db.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    def ensure_schema(self, name: str, ddl: str) -> None:
        with self.transaction() as db:
            for statement in filter(str.strip, ddl.split(";")):
                db.execute(statement)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(to_data(value), separators=(",", ":"))


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _redacted(value: Any) -> Any:
    """Exports never carry credentials embedded in webhook URLs."""
    if isinstance(value, str):
        return redact_url(value) if "://" in value else value
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


class Journal:
    """Reads and writes the journal tables. Thread-safe (the store serializes transactions).

    `write_seconds` / `writes` measure what journaling costs (for the benchmark): the time
    the file is held for journal steps, commits included, waiting for it excluded.
    """

    def __init__(self, store: JournalStore, create: bool = True) -> None:
        self.store = store
        if create:
            store.ensure_schema("journal", JOURNAL_SCHEMA)
        self.run_id: int | None = None
        self._stats_lock = threading.Lock()
        self.write_seconds = 0.0
        self.writes = 0

    @classmethod
    def existing(cls, store: JournalStore) -> Journal | None:
        """The journal of a file, read without writing anything; None if it has none yet."""
        rows = store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'journal_actions'"
        )
        return cls(store, create=False) if rows else None

    # --- writing ------------------------------------------------------------------------
    @contextmanager
    def _step(self, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One journal transaction. Only intents of writes must be on disk before the call
        (`durable`); every other step is made durable by the next one that is, and losing it
        to a power cut leaves at worst an intent without outcome, which resume reconciles."""
        with self.store.transaction(durable) as db:
            started = time.perf_counter()  # the file is ours from here: its busy time
            yield db
        elapsed = time.perf_counter() - started
        with self._stats_lock:
            self.write_seconds += elapsed
            self.writes += 1

    def _entry(
        self,
        db: sqlite3.Connection,
        plan: str,
        action_id: str,
        event: Event,
        status: Status,
        *,
        call: Any = None,
        before: Any = None,
        outputs: Any = None,
        message: str | None = None,
    ) -> int:
        cursor = db.execute(
            "INSERT INTO journal_entries (run, plan, action_id, event, status, at, call, before,"
            " outputs, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.run_id,
                plan,
                action_id,
                event.value,
                status.value,
                now_iso(),
                _dump(call),
                _dump(before),
                _dump(outputs),
                message,
            ),
        )
        return int(cursor.lastrowid or 0)

    def bind(self, plan: Plan, key: str | None = None) -> str:
        """Make sure every action of `plan` has a row (new ones pending); returns the plan's
        fingerprint (`key`, when the caller has it), the key of its rows. Refuses while another
        plan's changes are in effect: they must be rolled back first, or the two plans would
        fight over the same items."""
        key = key or plan_key(plan)
        others = self.store.query(
            "SELECT COUNT(*) AS n FROM journal_actions WHERE plan != ? AND status IN (?, ?, ?)",
            (key, Status.RUNNING.value, Status.DONE.value, Status.UNDOING.value),
        )
        if others and others[0]["n"]:
            raise JournalError(
                f"the journal holds {others[0]['n']} completed action(s) of an earlier plan; "
                "roll them back (migrator rollback) before applying a new plan"
            )
        bound = self.store.query(
            "SELECT COUNT(*) AS n FROM journal_actions WHERE plan = ?", (key,)
        )[0]["n"]
        if bound == len(plan.actions):
            return key  # resuming: nothing to add
        now = now_iso()
        rows = (
            (
                key,
                action.id,
                position,
                action.stage.value,
                action.kind.value,
                action.side.value,
                action.item,
                json.dumps(action_data(action), separators=(",", ":"), default=to_data),
                Status.PENDING.value,
                now,
            )
            for position, action in enumerate(plan.actions)
        )
        with self._step() as db:
            db.executemany(
                "INSERT OR IGNORE INTO journal_actions (plan, action_id, position, stage, kind,"
                " side, item, action, status, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        return key

    def start_run(self, plan: str, kind: str, stage: Stage | None = None) -> int:
        with self._step() as db:
            cursor = db.execute(
                "INSERT INTO journal_runs (plan, kind, stage, pid, started_at) VALUES (?,?,?,?,?)",
                (plan, kind, stage.value if stage else None, os.getpid(), now_iso()),
            )
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def finish_run(self, outcome: str, message: str = "") -> None:
        if self.run_id is None:
            return
        with self._step() as db:
            db.execute(
                "UPDATE journal_runs SET finished_at = ?, outcome = ?, message = ? WHERE id = ?",
                (now_iso(), outcome, message, self.run_id),
            )
        self.run_id = None

    def _set(
        self,
        db: sqlite3.Connection,
        plan: str,
        action_id: str,
        status: Status,
        **columns: Any,
    ) -> None:
        assignments = ["status = ?", "updated_at = ?"]
        values: list[Any] = [status.value, now_iso()]
        for column, value in columns.items():
            if column == "attempts_plus":
                assignments.append("attempts = attempts + 1")
                continue
            assignments.append(f"{column} = ?")
            values.append(_dump(value) if column in ("call", "before", "outputs") else value)
        changed = db.execute(
            f"UPDATE journal_actions SET {', '.join(assignments)}"  # noqa: S608 (fixed columns)
            " WHERE plan = ? AND action_id = ?",
            (*values, plan, action_id),
        )
        if changed.rowcount != 1:
            raise JournalError(f"action {action_id} is not in the journal (bind the plan first)")

    def intent(
        self,
        plan: str,
        action_id: str,
        call: dict[str, Any],
        before: dict[str, Any] | None,
        durable: bool = True,
    ) -> None:
        """Written before the vendor call, and on disk before it is made (`durable`; a read
        has nothing to reconcile and needs no flush). The first before-state is kept across
        retries: a re-read after a crash could see our own change."""
        with self._step(durable) as db:
            row = db.execute(
                "SELECT before FROM journal_actions WHERE plan = ? AND action_id = ?",
                (plan, action_id),
            ).fetchone()
            kept = _load(row[0]) if row and row[0] is not None else before
            self._set(
                db, plan, action_id, Status.RUNNING, call=call, before=kept, attempts_plus=True
            )
            self._entry(db, plan, action_id, Event.INTENT, Status.RUNNING, call=call, before=kept)

    def outcome(
        self,
        plan: str,
        action_id: str,
        status: Status,
        outputs: dict[str, Any] | None = None,
        message: str = "",
        event: Event = Event.OUTCOME,
    ) -> None:
        """Written after the vendor call (or after a reconcile settled what it did)."""
        with self._step() as db:
            seq = self._entry(
                db, plan, action_id, event, status, outputs=outputs, message=message or None
            )
            columns: dict[str, Any] = {"message": message or None}
            if outputs is not None:
                columns["outputs"] = outputs
            if status is Status.DONE:
                columns["done_seq"] = seq
            self._set(db, plan, action_id, status, **columns)

    def skip(self, plan: str, action_id: str, reason: str) -> None:
        self.outcome(plan, action_id, Status.SKIPPED, message=reason, event=Event.SKIPPED)

    def note(self, plan: str, action_id: str, message: str) -> None:
        """Say why an action is still pending (waiting for a port, a failed dependency...)."""
        self.note_many(plan, [(action_id, message)])

    def note_many(self, plan: str, notes: list[tuple[str, str]]) -> None:
        if not notes:
            return
        now = now_iso()
        with self._step() as db:
            db.executemany(
                "UPDATE journal_actions SET message = ?, updated_at = ? "
                "WHERE plan = ? AND action_id = ? AND status = ?",
                [
                    (message, now, plan, action_id, Status.PENDING.value)
                    for action_id, message in notes
                ],
            )

    def undo_intent(self, plan: str, action_id: str, call: dict[str, Any]) -> None:
        with self._step(durable=True) as db:
            self._entry(db, plan, action_id, Event.UNDO_INTENT, Status.UNDOING, call=call)
            self._set(db, plan, action_id, Status.UNDOING)

    def undo_outcome(self, plan: str, action_id: str, undone: bool, message: str = "") -> None:
        """Undone: rolled_back. Not undone: the action's change stays in effect (done)."""
        status = Status.ROLLED_BACK if undone else Status.DONE
        with self._step() as db:
            self._entry(db, plan, action_id, Event.UNDO_OUTCOME, status, message=message or None)
            columns: dict[str, Any] = {"message": message or None}
            if undone:  # a later apply reads the before-state afresh
                columns.update(before=None, call=None, outputs=None, done_seq=None)
            self._set(db, plan, action_id, status, **columns)

    # --- reading ------------------------------------------------------------------------
    @staticmethod
    def _record(row: sqlite3.Row) -> ActionRecord:
        return ActionRecord(
            plan=row["plan"],
            action=action_from(json.loads(row["action"])),
            position=int(row["position"]),
            status=Status(row["status"]),
            attempts=int(row["attempts"]),
            call=_load(row["call"]),
            before=_load(row["before"]),
            outputs=_load(row["outputs"]) or {},
            message=row["message"] or "",
            done_seq=row["done_seq"],
            updated_at=row["updated_at"],
        )

    def records(
        self,
        plan: str | None = None,
        statuses: Collection[Status] = (),
        started: bool = False,
    ) -> list[ActionRecord]:
        """Rows of one plan in plan order, or of every plan; only those in `statuses` when
        given, only those a run has touched when `started`."""
        where, values = [], []
        if plan is not None:
            where.append("plan = ?")
            values.append(plan)
        if statuses:
            where.append(f"status IN ({', '.join('?' for _ in statuses)})")
            values.extend(s.value for s in statuses)
        if started:
            where.append("(status != 'pending' OR attempts > 0)")
        sql = "SELECT * FROM journal_actions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        rows = self.store.query(sql + " ORDER BY plan, position", tuple(values))
        return [self._record(row) for row in rows]

    def record(self, plan: str, action_id: str) -> ActionRecord:
        rows = self.store.query(
            "SELECT * FROM journal_actions WHERE plan = ? AND action_id = ?", (plan, action_id)
        )
        if not rows:
            raise JournalError(f"action {action_id} is not in the journal")
        return self._record(rows[0])

    def in_effect(self) -> list[ActionRecord]:
        """Actions of any plan whose change the vendor may hold, latest done first."""
        rows = self.store.query(
            "SELECT * FROM journal_actions WHERE status IN (?, ?, ?)"
            " ORDER BY COALESCE(done_seq, 1e18) DESC, position DESC",
            (Status.RUNNING.value, Status.DONE.value, Status.UNDOING.value),
        )
        return [self._record(row) for row in rows]

    def plans(self) -> list[str]:
        rows = self.store.query("SELECT DISTINCT plan FROM journal_actions")
        return [row["plan"] for row in rows]

    def entries(self, plan: str | None = None) -> list[dict[str, Any]]:
        """The rollback log: every step, oldest first, with the action it belongs to."""
        sql = (
            "SELECT e.*, a.stage, a.kind, a.side, a.item FROM journal_entries e"
            " LEFT JOIN journal_actions a ON a.plan = e.plan AND a.action_id = e.action_id"
        )
        if plan is None:
            rows = self.store.query(sql + " ORDER BY e.seq")
        else:
            rows = self.store.query(sql + " WHERE e.plan = ? ORDER BY e.seq", (plan,))
        result = []
        for row in rows:
            entry = {column: row[column] for column in EXPORT_COLUMNS}
            for column in ("call", "before", "outputs"):
                entry[column] = _load(entry[column])
            result.append(entry)
        return result

    def runs(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.store.query("SELECT * FROM journal_runs ORDER BY id")]

    # --- export -------------------------------------------------------------------------
    def export_json(self, plan: str | None = None) -> str:
        document = {
            "format": "migrator/journal",
            "schema_version": 1,
            "exported_at": now_iso(),
            "runs": self.runs(),
            "actions": [
                {
                    "action_id": r.action_id,
                    "stage": r.action.stage.value,
                    "kind": r.action.kind.value,
                    "side": r.action.side.value,
                    "item": r.action.item,
                    "status": r.status.value,
                    "attempts": r.attempts,
                    "reversible": r.action.reversible,
                    "before": r.before,
                    "outputs": r.outputs,
                    "message": r.message,
                }
                for r in self.records(plan)
            ],
            "entries": self.entries(plan),
        }
        return json.dumps(_redacted(document), indent=2)

    def export_csv(self, plan: str | None = None) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for entry in self.entries(plan):
            row = _redacted(entry)
            for column in ("call", "before", "outputs"):
                if row[column] is not None:
                    row[column] = json.dumps(row[column], separators=(",", ":"), sort_keys=True)
            writer.writerow(row)
        return out.getvalue()

    # --- copies -------------------------------------------------------------------------
    def scratch_copy(self) -> Journal:
        """An in-memory journal with the same rows (for dry runs)."""
        copy = Journal(MemoryStore())
        with copy.store.transaction() as db:
            for table in ("journal_runs", "journal_actions", "journal_entries"):
                rows = self.store.query(f"SELECT * FROM {table}")  # noqa: S608 (fixed names)
                for row in rows:
                    marks = ", ".join(["?"] * len(row))
                    db.execute(f"INSERT INTO {table} VALUES ({marks})", tuple(row))  # noqa: S608
        return copy
