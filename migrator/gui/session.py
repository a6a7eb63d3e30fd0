"""One open migration file, as the views see it.

The session is the GUI's only door to a migration: every read and write goes through
`migrator.services` on a worker thread (TaskRunner), and the results are cached here for the
views, which listen to `changed`. Nothing is written to the file except by the explicit calls
below (refresh, plan, decisions, apply, rollback), each of which the admin starts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from migrator.engine.executor import ApplyOptions
from migrator.engine.migration_file import MigrationFile
from migrator.errors import MigratorError, UsageError
from migrator.gcpause import gc_paused
from migrator.gui.workers import TaskHandle, TaskRunner
from migrator.model.assessment import Assessment
from migrator.model.inventory import Inventory
from migrator.model.mapping import Decisions, Mapping
from migrator.model.plan import Action, Plan, Side, Stage
from migrator.progress import CancelToken, Progress
from migrator.services import execution, migrations, planning
from migrator.services.inventory_summary import summarize

PAUSED = "paused"


@dataclass
class SessionData:
    """Everything the views show, read in one go off the GUI thread."""

    meta: dict[str, Any] = field(default_factory=dict)
    source: Inventory | None = None
    target: Inventory | None = None
    mapping: Mapping | None = None
    assessment: Assessment | None = None
    plan: Plan | None = None
    status: dict[str, Any] | None = None
    journal: list[dict[str, Any]] = field(default_factory=list)


def read_all(file: MigrationFile, progress: Progress, cancel: CancelToken) -> SessionData:
    with gc_paused():  # large snapshots build millions of objects; see migrator.gcpause
        return _read_all(file, progress, cancel)


def _read_all(file: MigrationFile, progress: Progress, cancel: CancelToken) -> SessionData:
    data = SessionData(meta=file.meta())
    progress(0, 5, QCoreApplication.translate("Session", "reading the inventories"))
    data.source = file.latest_snapshot("source")
    data.target = file.latest_snapshot("target")
    cancel.check()
    progress(2, 5, QCoreApplication.translate("Session", "reading the mapping and the assessment"))
    data.mapping = planning.load_mapping(file)
    data.assessment = planning.load_assessment(file)
    cancel.check()
    progress(3, 5, QCoreApplication.translate("Session", "reading the plan and the journal"))
    data.plan = planning.load_plan(file)
    if data.plan is not None:
        data.status = execution.status(file)
        data.journal = execution.journal_rows(file)
    progress(5, 5, QCoreApplication.translate("Session", "ready"))
    return data


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _identity(found: os.stat_result | None) -> tuple[int, int] | None:
    return (found.st_dev, found.st_ino) if found else None


class MigrationSession(QObject):
    """An open migration: cached documents plus the long operations on it."""

    changed = Signal(str)
    """What changed: 'all', 'inventory', 'plan', 'status' or 'journal'."""
    busy_changed = Signal(bool)
    operation_started = Signal(str, object)
    """(name, TaskHandle): views show progress and offer cancel/pause."""

    def __init__(self, file: MigrationFile, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.file = file
        self.path = file.path
        self.runner = runner or TaskRunner()
        self.data = SessionData()
        self.operation: TaskHandle | None = None
        self.last_stage: Stage | None = None
        self.summaries: dict[str, dict[str, Any]] = {}
        """services.inventory_summary facts per role, computed off the GUI thread."""
        self.identity = _identity(_stat(self.path))
        """The file's (device, inode) when opened: a write checks it is still the file there."""

    # --- opening ----------------------------------------------------------------------------
    @staticmethod
    def open_task(path: Path, runner: TaskRunner) -> TaskHandle:
        """Open the file and read everything on a worker; the result is (file, SessionData)."""

        def work(progress: Progress, cancel: CancelToken) -> tuple[MigrationFile, SessionData]:
            file = migrations.open_migration(path)
            try:
                return file, read_all(file, progress, cancel)
            except BaseException:
                file.close()
                raise

        return runner.start("open", work)

    @classmethod
    def from_opened(
        cls, opened: tuple[MigrationFile, SessionData], runner: TaskRunner
    ) -> MigrationSession:
        session = cls(opened[0], runner)
        session.data = opened[1]
        return session

    def close(self) -> None:
        if self.operation is not None and self.operation.running:
            self.operation.cancel("the migration was closed")
        self.file.close()

    # --- facts ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    @property
    def title(self) -> str:
        return self.path.stem

    def account_label(self, role: str) -> str:
        origin = self.data.meta.get(role) or {}
        if not isinstance(origin, dict):
            return ""
        if origin.get("kind") == "file":
            return Path(str(origin.get("path", ""))).name
        name = origin.get("account_name") or origin.get("account_id") or ""
        return f"{str(origin.get('vendor', '')).capitalize()} · {name}"

    def account_names(self) -> set[str]:
        """What the admin may type at the decommission gate (the source's id or name)."""
        if self.data.plan is None:
            return set()
        return set(execution.account_names(self.file, self.data.plan)[Side.SOURCE])

    def statuses(self) -> dict[str, str]:
        if not self.data.status:
            return {}
        return {a["id"]: a["status"] for a in self.data.status["actions"]}

    def stage_summary(self) -> dict[str, dict[str, Any]]:
        if not self.data.status:
            return {}
        return {s["stage"]: s for s in self.data.status["stages"]}

    # --- running operations -----------------------------------------------------------------
    def _run(
        self,
        name: str,
        fn: Callable[[Progress, CancelToken], Any],
        after: Callable[[Any], None] | None = None,
        exclusive: bool = True,
    ) -> TaskHandle:
        if exclusive and self.busy:
            raise UsageError(
                QCoreApplication.translate("Session", "Wait for '%1' to finish first.").replace(
                    "%1",
                    self.operation.name,  # type: ignore[union-attr]
                )
            )
        handle = self.runner.start(name, fn)
        if after is not None:
            handle.succeeded.connect(after)
        if exclusive:
            self.operation = handle
            handle.finished.connect(lambda: self.busy_changed.emit(False))
            self.busy_changed.emit(True)
            self.operation_started.emit(name, handle)
        return handle

    def reload(self) -> TaskHandle:
        return self._run(
            "reload",
            lambda progress, cancel: read_all(self.file, progress, cancel),
            self._replace_data,
            False,
        )

    def summarize(self, role: str = "source") -> TaskHandle | None:
        """Compute the inventory facts (slow on large accounts) on a worker thread."""
        inventory = self.data.source if role == "source" else self.data.target
        if inventory is None:
            return None

        def work(progress: Progress, cancel: CancelToken) -> dict[str, Any]:
            with gc_paused():
                return summarize(inventory)

        def done(facts: dict[str, Any]) -> None:
            if (self.data.source if role == "source" else self.data.target) is inventory:
                self.summaries[role] = facts
                self.changed.emit("summary")

        return self._run(f"summary:{role}", work, done, exclusive=False)

    def refresh_status(self) -> TaskHandle:
        def work(progress: Progress, cancel: CancelToken) -> tuple[Any, list[dict[str, Any]]]:
            return execution.status(self.file), execution.journal_rows(self.file)

        def done(result: tuple[Any, list[dict[str, Any]]]) -> None:
            self.data.status, self.data.journal = result
            self.changed.emit("status")

        return self._run("status", work, done, exclusive=False)

    def refresh_inventory(self) -> TaskHandle:
        def work(progress: Progress, cancel: CancelToken) -> SessionData:
            migrations.refresh_inventory(self.file, progress=progress, cancel=cancel)
            return read_all(self.file, progress, cancel)

        return self._run("discover", work, self._replace_data)

    def build_plan(self, numbers: str | None = None) -> TaskHandle:
        def work(progress: Progress, cancel: CancelToken) -> SessionData:
            self.check_writable()
            progress(
                0, None, QCoreApplication.translate("Session", "mapping, assessing and planning")
            )
            planning.build_plan(self.file, numbers)
            return read_all(self.file, progress, cancel)

        return self._run("plan", work, self._replace_data)

    def check_writable(self) -> None:
        """Refuse to write when the file on disk is no longer the one open (replaced, moved or
        deleted) or was made read-only: SQLite would still write to the open file, where the
        admin will not find the change. Call it on the worker, before the write."""
        name = self.path.name
        found = _stat(self.path)
        if self.identity is None or _identity(found) != self.identity:
            raise MigratorError(
                QCoreApplication.translate(
                    "Session",
                    "Nothing was saved: %1 was replaced, moved or deleted since it was opened. "
                    "Open it again to go on with what is in it now.",
                ).replace("%1", name)
            )
        assert found is not None
        if not found.st_mode & 0o222 or not os.access(self.path, os.W_OK):
            raise MigratorError(
                QCoreApplication.translate(
                    "Session",
                    "Nothing was saved: %1 is read-only. Make it writable again, then save.",
                ).replace("%1", name)
            )

    def set_decisions(self, decisions: Decisions) -> TaskHandle:
        """Store the admin's decisions, then map, assess and plan again."""

        def work(progress: Progress, cancel: CancelToken) -> SessionData:
            self.check_writable()
            planning.set_decisions(self.file, decisions)
            planning.build_plan(self.file)
            return read_all(self.file, progress, cancel)

        return self._run("plan", work, self._replace_data)

    def _replace_data(self, data: SessionData) -> None:
        if data.source is not self.data.source:
            self.summaries.clear()
        self.data = data
        self.changed.emit("all")

    def apply(
        self,
        stage: Stage | None,
        confirm_account: str | None = None,
        manual_done: set[str] | frozenset[str] = frozenset(),
    ) -> TaskHandle:
        """Run one stage (or all); manual steps in `manual_done` count as done by hand."""
        confirmed = frozenset(manual_done)

        def confirm_manual(action: Action) -> bool:
            return action.id in confirmed

        options = ApplyOptions(
            stage=stage, confirm_account=confirm_account, confirm_manual=confirm_manual
        )
        self.last_stage = stage

        def work(progress: Progress, cancel: CancelToken) -> Any:
            return execution.apply(self.file, options, progress=progress, cancel=cancel)

        handle = self._run(f"apply:{stage.value if stage else 'all'}", work)
        handle.finished.connect(self.refresh_status)
        return handle

    def pause(self) -> bool:
        """Ask the running apply or rollback to stop after the action in flight."""
        if self.busy and self.operation is not None:
            self.operation.cancel(PAUSED)
            return True
        return False

    def resume(self, confirm_account: str | None = None) -> TaskHandle:
        """Run the last stage again: done actions stay done, the rest continue."""
        return self.apply(self.last_stage, confirm_account)

    def rollback(self) -> TaskHandle:
        def work(progress: Progress, cancel: CancelToken) -> Any:
            return execution.rollback(self.file, progress=progress, cancel=cancel)

        handle = self._run("rollback", work)
        handle.finished.connect(self.refresh_status)
        return handle

    def pending_decommission(self) -> int:
        return execution.pending_decommission(self.file)

    # --- exports ----------------------------------------------------------------------------
    def export(self, what: str, fmt: str, out: Path) -> TaskHandle:
        """what: 'plan' (json/csv/xlsx/html/pdf), 'journal' (json/csv) or 'bundle'."""

        def work(progress: Progress, cancel: CancelToken) -> Path:
            from migrator.services import exports  # openpyxl and friends: only when exporting

            progress(
                0, None, QCoreApplication.translate("Session", "writing %1").replace("%1", out.name)
            )
            if what == "plan":
                return exports.export_plan(self.file, fmt, out)
            if what == "journal":
                return exports.export_journal(self.file, fmt, out)
            return exports.export_bundle(self.file, out)

        # PDF uses Qt's document classes, which belong on the GUI thread.
        runner = TaskRunner(inline=True) if fmt == "pdf" else self.runner
        return runner.start(f"export:{what}:{fmt}", work)
