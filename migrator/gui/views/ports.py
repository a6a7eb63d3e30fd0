"""The ports board: every number in a port, its status, FOC date, days waiting and history.

Ports through a vendor's porting API (Twilio) are refreshed from the vendor; ports by support
ticket (Vonage, Plivo) are tracked with statuses the admin sets here. All work goes through
migrator.services.ports on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.session import MigrationSession
from migrator.gui.tables.ports import PortRow, PortsModel
from migrator.gui.tables.view import FilterTable
from migrator.gui.views.common import Banner, ProgressStrip, heading
from migrator.gui.workers import TaskHandle, bound
from migrator.model.porting import PortStatus
from migrator.progress import CancelToken, Progress
from migrator.services.port_guidance import days_waiting
from migrator.services.ports import PortService


def board(service: PortService) -> tuple[list[PortRow], str]:
    """The rows of the board and when the vendor was last asked."""
    now = service.clock()
    rows = []
    for request in service.requests():
        waited = days_waiting(request, now)
        for number in request.numbers:
            rows.append(PortRow(request, number, waited, service.next_action(request, number)))
    return rows, service.store.last_refresh()


class StatusDialog(QDialog):
    """Record what the vendor's support said about a ticket-tracked port."""

    def __init__(self, e164: str, current: PortStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("port-status-dialog")
        self.setWindowTitle(self.tr("Port status of %1").replace("%1", e164))
        self.status = QComboBox(self)
        self.status.setObjectName("port-status")
        for status in PortStatus:
            self.status.addItem(status.value, status.value)
        self.status.setCurrentIndex(max(0, self.status.findData(current.value)))
        self.foc = QDateEdit(QDate.currentDate(), self)
        self.foc.setObjectName("port-foc")
        self.foc.setCalendarPopup(True)
        self.foc.setDisplayFormat("yyyy-MM-dd")
        self.ticket = QLineEdit(self)
        self.ticket.setObjectName("port-ticket")
        self.ticket.setPlaceholderText(self.tr("the vendor's ticket number"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("port-reason")
        self.reason.setPlaceholderText("INVALID_PIN, INVALID_ADDRESS, INVALID_END_USER_NAME, …")
        self.reason.setToolTip(self.tr("The rejection code the vendor gave (exception only)"))
        self.note = QLineEdit(self)
        self.note.setObjectName("port-note")
        self.note.setPlaceholderText(self.tr("kept in the history"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("&FOC date:"), self.foc)
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("&Ticket:"), self.ticket)
        form.addRow(self.tr("&Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.reason.textChanged.connect(self._status_changed)
        self._status_changed()

    def _status_changed(self) -> None:
        exception = self.chosen() is PortStatus.EXCEPTION
        self.foc.setEnabled(self.chosen() is PortStatus.FOC_CONFIRMED)
        self.reason.setEnabled(exception)
        self.ok_button.setEnabled(not exception or bool(self.reason.text().strip()))
        self.ok_button.setToolTip(
            self.tr("Say why the port was rejected (the vendor's reason code)") if exception else ""
        )

    def chosen(self) -> PortStatus:
        return PortStatus(str(self.status.currentData()))

    def values(self) -> dict[str, Any]:
        foc = self.foc.date().toString("yyyy-MM-dd") if self.foc.isEnabled() else None
        return {
            "status": self.chosen(),
            "foc": foc,
            "reason": self.reason.text().strip() or None if self.reason.isEnabled() else None,
            "ticket": self.ticket.text().strip() or None,
            "note": self.note.text().strip() or None,
        }


class PortsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: MigrationSession | None = None
        self.exec_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()
        self.banner = Banner(self)
        self.progress = ProgressStrip(self)
        self.table = FilterTable(
            PortsModel(), name="ports", placeholder=self.tr("Filter ports (Ctrl+F)")
        )
        self.history = QPlainTextEdit(self)
        self.history.setObjectName("port-history")
        self.history.setReadOnly(True)
        self.history.setPlaceholderText(self.tr("Select a number to see its history."))
        self.check_button = QPushButton(self.tr("&Check portability"), self)
        self.check_button.setToolTip(
            self.tr("Ask the target which numbers it can port in, and check the LOA data")
        )
        self.submit_button = QPushButton(self.tr("&Submit ports…"), self)
        self.submit_button.setToolTip(
            self.tr("Create the port requests (API) or prepare the support tickets")
        )
        self.loa_button = QPushButton(self.tr("&LOA data…"), self)
        self.loa_button.setObjectName("ports-loa")
        self.loa_button.setToolTip(
            self.tr("What the losing carrier compares: enter it and check it before submitting")
        )
        self.refresh_button = QPushButton(self.tr("&Refresh statuses"), self)
        self.refresh_button.setObjectName("ports-refresh")
        self.refresh_button.setToolTip(self.tr("Ask the vendor what changed since last time"))
        self.set_button = QPushButton(self.tr("Set s&tatus…"), self)
        self.set_button.setObjectName("ports-set")
        self.set_button.setToolTip(self.tr("Record what the vendor's support said (ticket ports)"))
        self.cancel_button = QPushButton(self.tr("Cancel &port…"), self)
        self.cancel_button.setToolTip(self.tr("Cancel the selected number's port while allowed"))
        for button, slot in (
            (self.check_button, self.check),
            (self.loa_button, self.edit_loa),
            (self.submit_button, self.submit),
            (self.refresh_button, self.refresh_statuses),
            (self.set_button, self.set_status),
            (self.cancel_button, self.cancel_port),
        ):
            button.clicked.connect(slot)
        self.table.current_changed.connect(self._show_history)
        buttons = QHBoxLayout()
        for button in (
            self.check_button,
            self.loa_button,
            self.submit_button,
            self.refresh_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.cancel_button)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(heading(self.tr("History"), bottom))
        bottom_layout.addWidget(self.history)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._task: TaskHandle | None = None
        self._update_buttons()

    # --- session ----------------------------------------------------------------------------
    def set_session(self, session: MigrationSession | None) -> None:
        self.session = session
        self.refresh()

    def refresh(self) -> TaskHandle | None:
        """Read the board from the migration file (no vendor call)."""
        return self._run("ports", lambda service, progress, cancel: None, quiet=True)

    def _run(
        self,
        name: str,
        work: Callable[[PortService, Progress, CancelToken], Any],
        quiet: bool = False,
        done: Callable[[Any], str] | None = None,
    ) -> TaskHandle | None:
        session = self.session
        if session is None:
            self.banner.show_text(self.tr("Open a migration to track its ports."))
            return None
        if self._task is not None and self._task.running:
            return None
        file = session.file

        def task(progress: Progress, cancel: CancelToken) -> tuple[Any, list[PortRow], str]:
            service = PortService(file)
            outcome = work(service, progress, cancel)
            rows, last = board(service)
            return outcome, rows, last

        handle = session.runner.start(name, task)
        self._task = handle
        if not quiet:
            self.progress.track(handle)
        handle.succeeded.connect(bound(self, lambda result: self._show(result, done)))
        handle.failed.connect(bound(self, self.banner.show_error))
        handle.finished.connect(bound(self, self._update_buttons))
        self._update_buttons()
        return handle

    def _show(
        self, result: tuple[Any, list[PortRow], str], done: Callable[[Any], str] | None
    ) -> None:
        outcome, rows, last = result
        self.table.model.set_rows(rows)
        if done is not None:
            self.banner.show_text(done(outcome), "ok")
        else:
            self.banner.show_text(self._summary(rows, last), "muted")
        self._update_buttons()

    def _summary(self, rows: list[PortRow], last: str) -> str:
        if not rows:
            return self.tr(
                "No port requests yet. Numbers with the 'port' strategy are submitted by the "
                "acquire stage, or here with Submit ports."
            )
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.number.status.value] = counts.get(row.number.status.value, 0) + 1
        text = ", ".join(f"{n:,} {s}" for s, n in sorted(counts.items()))
        requests = len({row.request.id for row in rows})
        summary = self.tr("%1 numbers in %2 request(s): %3.").replace("%1", f"{len(rows):,}")
        summary = summary.replace("%2", str(requests)).replace("%3", text)
        if last:
            summary += " " + self.tr("Last refresh %1.").replace("%1", last.replace("T", " ")[:16])
        return summary

    def _update_buttons(self) -> None:
        idle = self.session is not None and not (self._task is not None and self._task.running)
        row = self.table.current_object()
        for button in (
            self.check_button,
            self.loa_button,
            self.submit_button,
            self.refresh_button,
        ):
            button.setEnabled(idle)
        self.set_button.setEnabled(idle and row is not None)
        self.cancel_button.setEnabled(idle and row is not None and row.number.status.cancellable)

    def _show_history(self, row: PortRow | None) -> None:
        self._update_buttons()
        if row is None:
            self.history.clear()
            return
        lines = []
        for change in (*row.request.history, *row.number.history):
            line = f"{change.seen_at.replace('T', ' ')[:16]}  {change.status.value}"
            if change.vendor_status:
                line += f" ({change.vendor_status})"
            if change.foc_date:
                line += "  " + self.tr("port date %1").replace("%1", change.foc_date[:10])
            if change.detail:
                line += f"  {change.detail}"
            lines.append(line)
        lines.sort()
        if row.number.exception:
            exception = row.number.exception
            lines.append(
                self.tr("exception %1: %2 → %3")
                .replace("%1", exception.code)
                .replace("%2", exception.message)
                .replace("%3", exception.fix)
            )
        self.history.setPlainText("\n".join(lines) or self.tr("No changes seen yet."))

    # --- actions ----------------------------------------------------------------------------
    def check(self) -> TaskHandle | None:
        def done(report: Any) -> str:
            portable = sum(1 for p in report.portability if p.portable)
            text = self.tr("%1 of %2 numbers can be ported through the API; %3 by ticket.")
            return (
                text.replace("%1", str(portable))
                .replace("%2", str(len(report.portability)))
                .replace("%3", str(len(report.by_ticket)))
            )

        return self._run(
            "ports:check", lambda s, progress, cancel: s.check(None, progress, cancel), done=done
        )

    def edit_loa(self) -> None:
        from migrator.gui.views.ports_loa import LoaDialog

        if self.session is None:
            return
        dialog = LoaDialog(self.session.file, self.session.runner, self)
        self.exec_dialog(dialog)
        self.refresh()

    def submit(self, confirm: bool = True, force: bool = False) -> TaskHandle | None:
        if not confirm:
            return self._submit(force)
        answer = QMessageBox.question(
            self,
            self.tr("Submit ports"),
            self.tr(
                "Create the port requests for the numbers whose strategy is 'port'? Requests "
                "through an API are sent to the vendor; the others become support tickets for "
                "you to file."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self._submit(force)

    def _submit(self, force: bool) -> TaskHandle | None:
        def done(report: Any) -> str:
            text = self.tr("%1 request(s) made.").replace("%1", str(len(report.requests)))
            if report.skipped:
                text += " " + self.tr("%1 number(s) skipped (see the history).").replace(
                    "%1", str(len(report.skipped))
                )
            return text

        handle = self._run(
            "ports:submit", lambda s, progress, cancel: s.submit(force=force), done=done
        )
        if handle is not None:
            handle.failed.connect(bound(self, self._submit_failed))
        return handle

    def _submit_failed(self, exc: BaseException) -> None:
        if "LOA" in str(exc):
            self.banner.show_text(
                self.banner.text() + " " + self.tr("Press 'LOA data…' to enter or fix it."), "bad"
            )

    def refresh_statuses(self) -> TaskHandle | None:
        def done(changes: Any) -> str:
            if not changes:
                return self.tr("Nothing changed since the last refresh.")
            return "; ".join(change.line() for change in changes[:5]) + (
                " …" if len(changes) > 5 else ""
            )

        return self._run(
            "ports:refresh", lambda s, progress, cancel: s.refresh(progress, cancel), done=done
        )

    def set_status(self) -> TaskHandle | None:
        row = self.table.current_object()
        if row is None:
            return None
        dialog = StatusDialog(row.number.e164, row.number.status, self)
        if self.exec_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        values = dialog.values()
        e164 = row.number.e164
        return self._run(
            "ports:set",
            lambda s, progress, cancel: s.set_status(e164, **values),
            done=lambda change: change.line(),
        )

    def cancel_port(self) -> TaskHandle | None:
        row = self.table.current_object()
        if row is None:
            return None
        answer = QMessageBox.question(
            self,
            self.tr("Cancel port"),
            self.tr("Cancel the port of %1? The number stays with the losing carrier.").replace(
                "%1", row.number.e164
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        e164 = row.number.e164
        return self._run(
            "ports:cancel",
            lambda s, progress, cancel: s.cancel(e164),
            done=lambda changes: "; ".join(c.line() for c in changes),
        )
