"""Apply, dry-run, roll back and report on a migration: the seam the GUI and the CLI share.

Writes (apply, rollback) first take the file's writer lock, so a second process gets a clear
error before anything changes; a damaged file is refused the same way. The adapters come from
the file's profiles (keychain) unless the caller passes its own (tests, the demo).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from migrator.engine.executor import ApplyOptions, ApplyReport, Executor, PortDesk
from migrator.engine.journal import Journal, Status, plan_key, stage_status
from migrator.engine.limiter import DEFAULT_RETRY, RetryPolicy
from migrator.engine.migration_file import MigrationFile, MigrationFileError
from migrator.engine.recorder import RecordedCall, rehearse
from migrator.engine.rollback import Rollback, RollbackReport
from migrator.errors import UsageError
from migrator.model.inventory import Inventory
from migrator.model.plan import PLAN_SCHEMA_VERSION, Plan, Side, Stage
from migrator.progress import NEVER, CancelToken, Progress, no_progress
from migrator.services import connections
from migrator.vendors.base import VendorAdapter

PLAN_DOCUMENT = "plan"
Adapters = Mapping[Side, VendorAdapter | None]


@dataclass
class ApplyOutcome:
    report: ApplyReport
    dry_run: bool = False
    calls: list[RecordedCall] = field(default_factory=list)
    """Every vendor call the run would make, in order (dry runs)."""


@contextlib.contextmanager
def _damage_is_a_file_error(file: MigrationFile) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise MigrationFileError(f"{file.path.name} is damaged ({exc})") from exc


def check_intact(file: MigrationFile) -> None:
    """Refuse a file SQLite finds damaged, before anything is written to it."""
    with _damage_is_a_file_error(file):
        problems = [row[0] for row in file.query("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise MigrationFileError(
            f"{file.path.name} is damaged ({'; '.join(problems[:3])}); "
            "restore it from a backup (nothing was changed)"
        )


def load_plan(file: MigrationFile) -> Plan:
    with _damage_is_a_file_error(file):
        rows = file.query("SELECT schema_version FROM documents WHERE name = ?", (PLAN_DOCUMENT,))
        data = file.load_document(PLAN_DOCUMENT)
    if not rows or not isinstance(data, dict):
        raise UsageError(f"{file.path.name} has no plan yet; run `migrator plan` first")
    version = max(int(rows[0]["schema_version"]), int(data.get("schema_version", 1)))
    if version > PLAN_SCHEMA_VERSION:
        raise MigrationFileError(
            f"the plan in {file.path.name} was written by a newer migrator (plan schema "
            f"{version}, this version reads up to {PLAN_SCHEMA_VERSION}); upgrade migrator"
        )
    return Plan.from_dict(data)


def snapshot_of(file: MigrationFile, role: str, fingerprint: str) -> Inventory | None:
    """The snapshot the plan was built from (by fingerprint), else the latest one."""
    rows = file.query(
        "SELECT data FROM snapshots WHERE role = ? AND fingerprint = ? ORDER BY id DESC LIMIT 1",
        (role, fingerprint),
    )
    if rows:
        return Inventory.from_dict(json.loads(rows[0]["data"]))
    return file.latest_snapshot(role)


def _snapshots(file: MigrationFile, plan: Plan) -> dict[Side, Inventory | None]:
    return {
        Side.SOURCE: snapshot_of(file, "source", plan.source_fingerprint),
        Side.TARGET: snapshot_of(file, "target", plan.target_fingerprint),
    }


def _connected(file: MigrationFile, role: str) -> bool:
    try:
        return connections.has_adapter(file, role)
    except UsageError:
        return False


def connect(file: MigrationFile) -> dict[Side, VendorAdapter | None]:
    """Adapters for the file's accounts (None for a source imported from a file)."""
    return {
        side: connections.adapter_for(file, side.value) if _connected(file, side.value) else None
        for side in Side
    }


def account_names(file: MigrationFile, plan: Plan) -> dict[Side, set[str]]:
    """What the admin may type to name an account (its id or its name)."""
    names: dict[Side, set[str]] = {
        Side.SOURCE: {plan.source_account},
        Side.TARGET: {plan.target_account},
    }
    meta = file.meta()
    for side in Side:
        origin = meta.get(side.value)
        if isinstance(origin, dict):
            names[side] |= {str(origin[k]) for k in ("account_id", "account_name") if origin.get(k)}
    return names


def port_desk_for(file: MigrationFile, adapters: Adapters) -> PortDesk | None:
    """The porting desk of this file (port records, submit, cancel), when it has a target."""
    from migrator.services.ports import port_desk

    try:
        desk = port_desk(file)
    except UsageError:  # the file does not say which account is the target
        return None
    target = adapters.get(Side.TARGET)
    if target is not None and target.capabilities.porting_api:
        desk.service.use_adapter(target)
    return desk


# --- apply ------------------------------------------------------------------------------------
def apply(
    file: MigrationFile,
    options: ApplyOptions = ApplyOptions(),  # noqa: B008 (frozen)
    *,
    dry_run: bool = False,
    adapters: Adapters | None = None,
    ports: PortDesk | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER,
    retry: RetryPolicy = DEFAULT_RETRY,
    workers: int | None = None,
) -> ApplyOutcome:
    """Run the plan (or rehearse it with `dry_run`: every call recorded, none made, nothing
    written to the file). Raises DriftDetected when an account changed since planning."""
    plan = load_plan(file)
    snapshots = _snapshots(file, plan)
    if dry_run:
        offline = [side for side in Side if not _connected(file, side.value)]
        if adapters is not None:
            offline = [side for side in Side if adapters.get(side) is None]
        with _damage_is_a_file_error(file):
            journal = Journal.existing(file)
            report, calls = rehearse(plan, snapshots, journal, options.stage, offline)
        return ApplyOutcome(report, dry_run=True, calls=calls)
    check_intact(file)
    file.acquire_writer_lock()
    if adapters is None:
        adapters = connect(file)
    with _damage_is_a_file_error(file):
        if ports is None:
            ports = port_desk_for(file, adapters)
        executor = Executor(
            plan,
            Journal(file),
            adapters,
            snapshots=snapshots,
            account_names=account_names(file, plan),
            ports=ports,
            progress=progress,
            cancel=cancel,
            retry=retry,
            workers=workers,
        )
        return ApplyOutcome(executor.apply(options))


def pending_decommission(file: MigrationFile) -> int:
    """How many decommission actions a run would still have to do (for the gate's prompt)."""
    plan = load_plan(file)
    statuses = action_statuses(file)
    return sum(
        1
        for action in plan.stage_actions(Stage.DECOMMISSION)
        if statuses.get(action.id, Status.PENDING.value) not in ("done", "skipped")
    )


# --- rollback ---------------------------------------------------------------------------------
def rollback(
    file: MigrationFile,
    *,
    adapters: Adapters | None = None,
    ports: PortDesk | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER,
    retry: RetryPolicy = DEFAULT_RETRY,
    workers: int | None = None,
) -> RollbackReport:
    """Undo every completed reversible action, latest first; report what could not be."""
    check_intact(file)
    file.acquire_writer_lock()
    if adapters is None:
        adapters = connect(file)
    with _damage_is_a_file_error(file):
        if ports is None:
            ports = port_desk_for(file, adapters)
        journal = Journal(file)
        try:
            key = plan_key(load_plan(file))
        except UsageError:
            key = "*"
        undo = Rollback(
            journal,
            adapters,
            ports=ports,
            progress=progress,
            cancel=cancel,
            retry=retry,
            workers=workers,
        )
        return undo.run(key)


def in_effect_count(file: MigrationFile) -> int:
    journal = Journal.existing(file)
    return len(journal.in_effect()) if journal else 0


# --- status -----------------------------------------------------------------------------------
def action_statuses(file: MigrationFile) -> dict[str, str]:
    """Action id -> journal status of the file's current plan (pending when never run)."""
    try:
        plan = load_plan(file)
    except UsageError:
        return {}
    journal = Journal.existing(file)
    found = {}
    if journal is not None:
        found = {r.action_id: r.status.value for r in journal.records(plan_key(plan))}
    return {a.id: found.get(a.id, Status.PENDING.value) for a in plan.actions}


def status(file: MigrationFile) -> dict[str, Any]:
    """Per stage and per action: done, pending, failed, rolled back... (JSON-ready)."""
    with _damage_is_a_file_error(file):
        plan = load_plan(file)
        key = plan_key(plan)
        journal = Journal.existing(file)
        records = {r.action_id: r for r in journal.records(key)} if journal else {}
        others = [r for r in journal.in_effect() if r.plan != key] if journal else []
        runs = journal.runs() if journal else []
    actions = []
    for action in plan.actions:
        record = records.get(action.id)
        actions.append(
            {
                "id": action.id,
                "stage": action.stage.value,
                "kind": action.kind.value,
                "side": action.side.value,
                "item": action.item,
                "line": action.line,
                "reversible": action.reversible,
                "status": record.status.value if record else Status.PENDING.value,
                "attempts": record.attempts if record else 0,
                "message": record.message if record else "",
                "outputs": record.outputs if record else {},
                "updated_at": record.updated_at if record else None,
            }
        )
    stages = []
    for stage in Stage:
        statuses = [Status(str(a["status"])) for a in actions if a["stage"] == stage.value]
        if statuses:
            counts = {s.value: n for s, n in sorted(Counter(statuses).items())}
            stages.append(
                {"stage": stage.value, "status": stage_status(statuses), "counts": counts}
            )
    return {
        "format": "migrator/status",
        "schema_version": 1,
        "file": file.path.name,
        "plan": key,
        "source": {"vendor": plan.source_vendor, "account": plan.source_account},
        "target": {"vendor": plan.target_vendor, "account": plan.target_account},
        "stages": stages,
        "actions": actions,
        "other_plans_in_effect": len(others),
        "last_run": runs[-1] if runs else None,
    }


# --- the rollback log -------------------------------------------------------------------------
def journal_rows(file: MigrationFile) -> list[dict[str, Any]]:
    """Every journal step, oldest first (for exports; they redact)."""
    journal = Journal.existing(file)
    return journal.entries() if journal else []


def export_journal(file: MigrationFile, fmt: str) -> str:
    """The rollback log as JSON or CSV text, with credentials in URLs redacted."""
    journal = Journal.existing(file)
    if journal is None:
        raise UsageError(f"{file.path.name} has no journal yet (nothing was applied)")
    if fmt == "json":
        return journal.export_json()
    if fmt == "csv":
        return journal.export_csv()
    raise UsageError("the rollback log exports as json or csv")
