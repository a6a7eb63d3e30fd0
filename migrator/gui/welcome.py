"""The start page: what migrator does, the three ways in, and recent migrations."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from migrator.gui import settings
from migrator.gui.i18n import translated
from migrator.gui.views.common import heading, muted

JOURNEY = (
    QT_TRANSLATE_NOOP(
        "Welcome",
        "Connect the departing account (credentials in the keychain) or import its export file.",
    ),
    QT_TRANSLATE_NOOP(
        "Welcome",
        "Discover numbers, applications, messaging services, SIP trunks and every webhook URL.",
    ),
    QT_TRANSLATE_NOOP(
        "Welcome",
        "Choose the target account and a strategy per number: port, replace, keep or release.",
    ),
    QT_TRANSLATE_NOOP(
        "Welcome",
        "Read the assessment: blockers, warnings and a checklist of what will not carry over.",
    ),
    QT_TRANSLATE_NOOP("Welcome", "Review the staged plan and export it for change approval."),
    QT_TRANSLATE_NOOP("Welcome", "Run it stage by stage; pause, resume or roll back at any time."),
    QT_TRANSLATE_NOOP(
        "Welcome",
        "Track ports until the last number has moved, verify, then decommission behind a gate.",
    ),
)


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    accounts_requested = Signal()
    recent_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = heading(self.tr("Move a CPaaS account to Twilio, Vonage or Plivo, safely"), self)
        steps = QLabel(
            "<ol>"
            + "".join(f"<li>{translated('Welcome', step)}</li>" for step in JOURNEY)
            + "</ol>",
            self,
        )
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        self.new_button = QPushButton(self.tr("&New migration…"), self)
        self.new_button.setObjectName("welcome-new")
        self.new_button.setToolTip(self.tr("Start the guided wizard (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("&Open migration…"), self)
        self.open_button.setObjectName("welcome-open")
        self.open_button.setToolTip(self.tr("Open a *.migration file (Ctrl+O)"))
        self.accounts_button = QPushButton(self.tr("Vendor &accounts…"), self)
        self.accounts_button.setObjectName("welcome-accounts")
        self.accounts_button.setToolTip(self.tr("Add, test or remove vendor credentials"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.accounts_button.clicked.connect(self.accounts_requested)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.accounts_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent = QListWidget(self)
        self.recent.setObjectName("welcome-recent")
        self.recent.setAccessibleName(self.tr("Recent migrations"))
        self.recent.setToolTip(self.tr("Press Enter or double-click to open"))
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(steps)
        column.addLayout(buttons)
        column.addSpacing(16)
        column.addWidget(heading(self.tr("Recent migrations"), self))
        self.recent.setMaximumHeight(240)
        column.addWidget(self.recent)
        column.addWidget(
            muted(
                self.tr(
                    "New here? Run 'migrator demo' to rehearse a whole migration on the "
                    "built-in sandbox, without any credentials."
                ),
                self,
            )
        )
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in settings.recent_files():
            item = QListWidgetItem(f"{path.stem}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("%1 (no longer there)").replace("%1", str(path)))
            self.recent.addItem(item)
        if not self.recent.count():
            placeholder = QListWidgetItem(self.tr("No migrations opened yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(placeholder)
