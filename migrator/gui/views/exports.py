"""Exports for change approval and audit: the plan, the rollback log, the call-flow bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.i18n import translated
from migrator.gui.session import MigrationSession
from migrator.gui.views.common import Banner, heading, muted
from migrator.gui.workers import TaskHandle, bound

CHOICES = (
    (
        "plan",
        "html",
        QT_TRANSLATE_NOOP("Exports", "Plan report for approval (HTML)"),
        QT_TRANSLATE_NOOP("Exports", "HTML files (*.html)"),
    ),
    (
        "plan",
        "pdf",
        QT_TRANSLATE_NOOP("Exports", "Plan report for approval (PDF)"),
        QT_TRANSLATE_NOOP("Exports", "PDF files (*.pdf)"),
    ),
    (
        "plan",
        "xlsx",
        QT_TRANSLATE_NOOP("Exports", "Plan, one sheet per stage (XLSX)"),
        QT_TRANSLATE_NOOP("Exports", "Excel workbooks (*.xlsx)"),
    ),
    (
        "plan",
        "csv",
        QT_TRANSLATE_NOOP("Exports", "Plan, one row per action (CSV)"),
        QT_TRANSLATE_NOOP("Exports", "CSV files (*.csv)"),
    ),
    (
        "plan",
        "json",
        QT_TRANSLATE_NOOP("Exports", "Complete plan, re-importable (JSON)"),
        QT_TRANSLATE_NOOP("Exports", "JSON files (*.json)"),
    ),
    (
        "journal",
        "csv",
        QT_TRANSLATE_NOOP("Exports", "Rollback log (CSV)"),
        QT_TRANSLATE_NOOP("Exports", "CSV files (*.csv)"),
    ),
    (
        "journal",
        "json",
        QT_TRANSLATE_NOOP("Exports", "Rollback log (JSON)"),
        QT_TRANSLATE_NOOP("Exports", "JSON files (*.json)"),
    ),
    ("bundle", "zip", QT_TRANSLATE_NOOP("Exports", "Translated call-flow documents (folder)"), ""),
)


class ExportsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: MigrationSession | None = None
        self.choice = QComboBox(self)
        self.choice.setObjectName("export-choice")
        for what, fmt, title, _pattern in CHOICES:
            self.choice.addItem(translated("Exports", title), (what, fmt))
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("export-button")
        self.export_button.setToolTip(self.tr("Choose where to save it; secrets are never written"))
        self.export_button.clicked.connect(self._ask_and_export)
        self.banner = Banner(self)
        self.banner.hide()
        self.done = QListWidget(self)
        self.done.setObjectName("exports-done")
        self.done.setToolTip(self.tr("Files exported in this session"))
        self._placeholder()
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.export_button)
        form = QFormLayout()
        what = QLabel(self.tr("&What:"), self)
        what.setBuddy(self.choice)
        form.addRow(what, row)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Exports"), self))
        layout.addWidget(
            muted(
                self.tr(
                    "Send the plan report to your change-approval board; keep the rollback log "
                    "for audit. Credentials and passwords in webhook URLs are always redacted."
                ),
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.done, 1)

    def set_session(self, session: MigrationSession | None) -> None:
        self.session = session
        self.export_button.setEnabled(session is not None)

    def _ask_and_export(self) -> None:
        if self.session is None:
            return
        what, fmt = self.choice.currentData()
        pattern = next(p for w, f, _t, p in CHOICES if (w, f) == (what, fmt))
        default = self.session.path.with_name(
            f"{self.session.title}-{what}" + (f".{fmt}" if what != "bundle" else "")
        )
        if what == "bundle":
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Folder for the call-flow documents"), str(default.parent)
            )
            target = Path(path) / default.name if path else None
        else:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export"), str(default), translated("Exports", pattern)
            )
            target = Path(path) if path else None
        if target is not None:
            self.export_to(what, fmt, target)

    def export_to(self, what: str, fmt: str, out: Path) -> TaskHandle | None:
        if self.session is None:
            return None
        self.export_button.setEnabled(False)
        self.banner.show_text(self.tr("Writing %1…").replace("%1", out.name), "muted")
        handle = self.session.export(what, fmt, out)
        handle.succeeded.connect(bound(self, self._written))
        handle.failed.connect(bound(self, self.banner.show_error))
        handle.finished.connect(bound(self, lambda: self.export_button.setEnabled(True)))
        return handle

    def _placeholder(self) -> None:
        item = QListWidgetItem(self.tr("Nothing exported yet in this session."))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.done.addItem(item)

    def _written(self, path: Path) -> None:
        self.banner.show_text(self.tr("Saved %1").replace("%1", str(path)), "ok")
        if self.done.count() == 1 and not self.done.item(0).flags():
            self.done.clear()
        self.done.insertItem(0, str(path))
        self.done.item(0).setData(Qt.ItemDataRole.UserRole, str(path))
