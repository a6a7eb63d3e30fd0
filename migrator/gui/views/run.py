"""Run the plan stage by stage: per-stage progress, pause, resume, roll back, the live journal.

Every stage asks for a confirmation first (and which manual steps are done); decommission asks
the admin to type the source account's name. The run itself is `MigrationSession.apply` on a
worker thread; pause is a cooperative stop after the action in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from migrator.engine.executor import DriftDetected
from migrator.gui.errors import explain
from migrator.gui.i18n import translated
from migrator.gui.session import PAUSED, MigrationSession
from migrator.gui.tables.plan import JournalModel
from migrator.gui.tables.view import FilterTable
from migrator.gui.views.common import Banner, heading
from migrator.gui.views.plan import STAGE_HELP, stage_name
from migrator.gui.views.run_dialogs import DecommissionDialog, RollbackDialog, StageDialog
from migrator.gui.workers import TaskHandle, bound
from migrator.model.plan import Stage

FINISHED = {"done", "skipped"}
POLL_MS = 700


class StageRow:
    """One line of the stages grid."""

    def __init__(self, stage: Stage, parent: QWidget) -> None:
        self.stage = stage
        self.name = QLabel(f"<b>{stage_name(stage, title=True)}</b>", parent)
        self.name.setToolTip(translated("Stages", STAGE_HELP[stage]))
        self.bar = QProgressBar(parent)
        self.bar.setObjectName(f"stage-{stage.value}-bar")
        self.bar.setFormat("%v / %m")
        self.bar.setMinimumWidth(180)
        self.state = QLabel(parent)
        self.state.setObjectName(f"stage-{stage.value}-state")
        self.state.setMinimumWidth(140)
        self.button = QPushButton(QCoreApplication.translate("RunPanel", "Run"), parent)
        self.button.setObjectName(f"run-{stage.value}")
        self.button.setToolTip(
            QCoreApplication.translate(
                "RunPanel", "Run the %1 stage (asks for confirmation)"
            ).replace("%1", stage_name(stage))
        )
        if stage.irreversible:
            self.button.setText(QCoreApplication.translate("RunPanel", "Decommission…"))
            self.button.setToolTip(
                QCoreApplication.translate(
                    "RunPanel", "Irreversible: asks you to type the source account's name"
                )
            )


class RunPanel(QWidget):
    run_finished = Signal(object)
    """The ApplyOutcome or RollbackReport (or the exception) of the last run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: MigrationSession | None = None
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        """How dialogs are shown (tests replace it to drive the dialog)."""
        self.last_outcome: Any = None
        self._confirmation: str | None = None
        self._running_stage: Stage | None = None
        self._paused = False

        self.banner = Banner(self)
        self.banner.show_text(self.tr("Nothing has run yet."), "muted")
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("run-report")
        self.report.setReadOnly(True)
        self.report.setMaximumHeight(110)
        self.report.hide()
        self.message = QLabel(self)
        self.message.setObjectName("run-message")

        grid_box = QWidget(self)
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[Stage, StageRow] = {}
        for position, stage in enumerate(Stage):
            row = StageRow(stage, grid_box)
            row.button.clicked.connect(lambda _=False, s=stage: self.run_stage(s))
            grid.addWidget(row.name, position, 0)
            grid.addWidget(row.bar, position, 1)
            grid.addWidget(row.state, position, 2)
            grid.addWidget(row.button, position, 3)
            self.rows[stage] = row
        grid.setColumnStretch(1, 1)

        self.pause_button = QPushButton(self.tr("&Pause"), self)
        self.pause_button.setObjectName("run-pause")
        self.pause_button.setToolTip(self.tr("Stop after the action in progress; resume later"))
        self.resume_button = QPushButton(self.tr("&Resume"), self)
        self.resume_button.setObjectName("run-resume")
        self.resume_button.setToolTip(self.tr("Continue the stopped stage where it stopped"))
        self.rollback_button = QPushButton(self.tr("Roll &back…"), self)
        self.rollback_button.setObjectName("run-rollback")
        self.rollback_button.setToolTip(self.tr("Undo every completed reversible action"))
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.rollback_button.clicked.connect(self.rollback)
        controls = QHBoxLayout()
        controls.addWidget(self.pause_button)
        controls.addWidget(self.resume_button)
        controls.addStretch(1)
        controls.addWidget(self.rollback_button)

        self.journal = FilterTable(
            JournalModel(), name="journal", placeholder=self.tr("Filter the journal (Ctrl+F)")
        )
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.banner)
        top_layout.addWidget(self.report)
        top_layout.addWidget(grid_box)
        top_layout.addWidget(self.message)
        top_layout.addLayout(controls)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(heading(self.tr("Journal"), bottom))
        bottom_layout.addWidget(self.journal, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)
        self._status_task: TaskHandle | None = None
        self.refresh()

    # --- session ----------------------------------------------------------------------------
    def set_session(self, session: MigrationSession | None) -> None:
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._session_changed)
        self.refresh()

    def _session_changed(self, what: str) -> None:
        self.refresh()

    @property
    def busy(self) -> bool:
        return self.session is not None and self.session.busy

    # --- display ----------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        plan = session.data.plan if session else None
        summary = session.stage_summary() if session else {}
        for stage, row in self.rows.items():
            total = len(plan.stage_actions(stage)) if plan else 0
            facts = summary.get(stage.value, {})
            counts = facts.get("counts", {})
            finished = sum(counts.get(s, 0) for s in FINISHED)
            if not (self.busy and stage is self._running_stage):
                row.bar.setRange(0, max(total, 1))
                row.bar.setValue(finished if total else 0)
            row.state.setText(self._state_text(facts, total))
            row.state.setToolTip(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items()))
            runnable = total > 0 and finished < total
            row.button.setEnabled(bool(plan) and runnable and not self.busy)
            for widget in (row.name, row.bar, row.state, row.button):
                widget.setVisible(total > 0 or plan is None)
        in_effect = self._in_effect()
        self.pause_button.setEnabled(self.busy)
        self.resume_button.setEnabled(
            not self.busy
            and self._paused
            and session is not None
            and session.last_stage is not None
        )
        self.rollback_button.setEnabled(not self.busy and in_effect > 0)
        if session is not None and self.last_outcome is None and not self.busy:
            self._show_last_run(session)
        if session is not None:
            bar = self.journal.view.verticalScrollBar()
            at_end = bar.value() >= bar.maximum() - 2
            self.journal.model.sync(session.data.journal)  # type: ignore[attr-defined]
            if at_end and self.busy:
                self.journal.view.scrollToBottom()

    def _show_last_run(self, session: MigrationSession) -> None:
        last = (session.data.status or {}).get("last_run")
        if not last:
            self.banner.show_text(self.tr("Nothing has run yet."), "muted")
            return
        when = str(last.get("finished_at") or last.get("started_at") or "").replace("T", " ")
        what = str(last.get("kind", "run"))
        if last.get("stage"):
            what += f" {last['stage']}"
        outcome = str(last.get("outcome") or self.tr("did not finish (resume to go on)"))
        self.banner.show_text(
            self.tr("Last run: %1, %2, %3.")
            .replace("%1", what)
            .replace("%2", outcome)
            .replace("%3", when[:19]),
            "ok" if outcome == "completed" else "warn",
        )
        if last.get("message"):
            self.banner.label.setToolTip(str(last["message"]))

    def _state_text(self, facts: dict[str, Any], total: int) -> str:
        if not total:
            return self.tr("nothing to do")
        status = str(facts.get("status", "pending"))
        return {
            "done": self.tr("done"),
            "pending": self.tr("not started"),
            "partial": self.tr("partly done"),
            "failed": self.tr("failed: see journal"),
            "interrupted": self.tr("interrupted: resume"),
            "rolled_back": self.tr("rolled back"),
        }.get(status, status)

    def _in_effect(self) -> int:
        if self.session is None or not self.session.data.status:
            return 0
        return sum(
            1 for a in self.session.data.status["actions"] if a["status"] in ("done", "running")
        )

    # --- running ----------------------------------------------------------------------------
    def run_stage(self, stage: Stage) -> TaskHandle | None:
        session = self.session
        if session is None or session.data.plan is None or self.busy:
            return None
        statuses = session.statuses()
        actions = [
            a
            for a in session.data.plan.stage_actions(stage)
            if statuses.get(a.id, "pending") not in FINISHED
        ]
        confirmation: str | None = None
        manual: set[str] = set()
        if stage.irreversible:
            dialog = DecommissionDialog(
                session.account_label("source"), session.account_names(), len(actions), self
            )
            if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                self.banner.show_text(self.tr("Decommission not confirmed: nothing was released."))
                return None
            confirmation = dialog.typed
        else:
            role = "source" if all(a.side.value == "source" for a in actions) else "target"
            dialog = StageDialog(stage, actions, session.account_label(role), self)
            if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            manual = dialog.manual_done()
        return self._start(stage, confirmation, manual)

    def _start(
        self, stage: Stage | None, confirmation: str | None, manual: set[str]
    ) -> TaskHandle | None:
        assert self.session is not None
        self._confirmation = confirmation
        self._running_stage = stage
        self._paused = False
        try:
            handle = self.session.apply(stage, confirmation, manual)
        except Exception as exc:
            self.banner.show_error(exc)
            return None
        self._track(handle, stage)
        return handle

    def _track(self, handle: TaskHandle, stage: Stage | None) -> None:
        self.report.hide()
        name = stage_name(stage) if stage else self.tr("rollback")
        self.banner.show_text(self.tr("Running %1…").replace("%1", name), "warn")
        handle.progress.connect(bound(self, self._progress))
        handle.succeeded.connect(bound(self, self._succeeded))
        handle.failed.connect(bound(self, self._failed))
        handle.cancelled.connect(bound(self, self._cancelled))
        handle.finished.connect(bound(self, self._finished))
        self.poll.start()
        self.refresh()

    def _progress(self, done: int, total: Any, message: str) -> None:
        self.message.setText(message)
        stage = self._running_stage
        if stage is not None and total:
            row = self.rows[stage]
            row.bar.setRange(0, int(total))
            row.bar.setValue(min(int(done), int(total)))

    def pause(self) -> None:
        if self.session is not None and self.session.pause():
            self._paused = True
            self.pause_button.setEnabled(False)
            self.message.setText(self.tr("Pausing after the action in progress…"))

    def resume(self) -> TaskHandle | None:
        if self.session is None or self.busy:
            return None
        return self._start(self.session.last_stage, self._confirmation, set())

    def rollback(self) -> TaskHandle | None:
        if self.session is None or self.busy:
            return None
        dialog = RollbackDialog(self._in_effect(), self)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        self._running_stage = None
        self._paused = False
        try:
            handle = self.session.rollback()
        except Exception as exc:
            self.banner.show_error(exc)
            return None
        self._track(handle, None)
        return handle

    # --- outcomes ---------------------------------------------------------------------------
    def _succeeded(self, outcome: Any) -> None:
        self.last_outcome = outcome
        report = getattr(outcome, "report", None)
        if report is not None:
            self._show_apply(report)
        else:
            self._show_rollback(outcome)
        self.run_finished.emit(outcome)

    def _show_apply(self, report: Any) -> None:
        counts = report.counts()
        summary = ", ".join(f"{n} {s.replace('_', ' ')}" for s, n in sorted(counts.items()))
        failed = [r for r in report.results if r.status == "failed"]
        if report.stopped and PAUSED in report.stopped:
            self._paused = True
            self.banner.show_text(
                self.tr("Paused (%1). Resume continues where it stopped.").replace(
                    "%1", summary or self.tr("nothing done yet")
                ),
                "warn",
            )
        elif failed or report.stopped:
            self._paused = True
            self.banner.show_text(
                (report.stopped or self.tr("Some actions failed.")) + f" ({summary})", "bad"
            )
        else:
            waiting = [r for r in report.results if r.status == "pending" and r.message]
            self.banner.show_text(
                self.tr("Finished: %1.").replace("%1", summary or self.tr("nothing to do"))
                + (" " + self.tr("Some actions wait (see below).") if waiting else ""),
                "warn" if waiting else "ok",
            )
        lines = [f"{r.line}: {r.message}" for r in failed]
        waiting = [r for r in report.results if r.status == "pending" and r.message]
        lines += [f"{r.line}: {r.message}" for r in waiting[:50]]
        self._show_report(lines)

    def _show_rollback(self, report: Any) -> None:
        undone = len(report.undone)
        if report.complete:
            self.banner.show_text(
                self.tr("Rolled back: %1 action(s) undone.").replace("%1", str(undone)), "ok"
            )
        else:
            self.banner.show_text(
                self.tr("Rolled back %1 action(s); %2 could not be undone (listed below).")
                .replace("%1", str(undone))
                .replace("%2", str(len(report.not_undone))),
                "warn",
            )
        self._show_report([f"{n.line}: {n.reason}" for n in report.not_undone])

    def _show_report(self, lines: list[str]) -> None:
        self.report.setPlainText("\n".join(lines))
        self.report.setVisible(bool(lines))

    def _failed(self, exc: BaseException) -> None:
        self.last_outcome = exc
        self._paused = self._running_stage is not None
        self.banner.show_error(exc)
        if isinstance(exc, DriftDetected):
            self._show_report(str(exc).splitlines())
        else:
            self._show_report([explain(exc).details])
        self.run_finished.emit(exc)

    def _cancelled(self, reason: str) -> None:
        self._paused = True
        self.banner.show_text(self.tr("Stopped: %1").replace("%1", reason), "warn")

    def _finished(self) -> None:
        self.poll.stop()
        self.message.clear()
        self.refresh()

    def _poll(self) -> None:
        if self.session is None:
            return
        if self._status_task is None or not self._status_task.running:
            self._status_task = self.session.refresh_status()
