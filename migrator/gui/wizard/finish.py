"""Wizard pages 7-9: run stage by stage, track ports, verify (and decommission behind its gate)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWizardPage

from migrator.gui.views.overview import OverviewPanel
from migrator.gui.views.run import RunPanel
from migrator.model.plan import Stage

if TYPE_CHECKING:
    from migrator.gui.wizard.wizard import MigrationWizard


class RunPage(QWizardPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("page-run")
        self.setTitle(self.tr("Run the migration"))
        self.setSubTitle(
            self.tr(
                "Stage by stage, each after your confirmation. Pause at any time; roll back "
                "undoes everything reversible. Decommission comes last and asks for the source "
                "account's name."
            )
        )
        self.run = RunPanel(self)
        self.run.run_finished.connect(lambda _o: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.run)

    def initializePage(self) -> None:
        session = self.owner.session
        self.run.set_session(session)
        if session is not None:
            session.busy_changed.connect(lambda _busy: self.completeChanged.emit())

    def isComplete(self) -> bool:
        return not self.run.busy


class PortsPage(QWizardPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("page-ports")
        self.setTitle(self.tr("Track number ports"))
        self.setSubTitle(
            self.tr(
                "Ports take days or weeks. Check their status here or in the workspace "
                "(File > Open Recent) whenever you come back."
            )
        )
        layout = QVBoxLayout(self)
        try:
            from migrator.gui.views.ports import PortsPanel
        except ImportError:
            self.panel = None
            layout.addWidget(QLabel(self.tr("Port tracking is not available in this build.")))
        else:
            self.panel = PortsPanel(self)
            layout.addWidget(self.panel)

    def initializePage(self) -> None:
        if self.panel is not None:
            self.panel.set_session(self.owner.session)


class VerifyPage(QWizardPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName("page-verify")
        self.setTitle(self.tr("Verify"))
        self.setSubTitle(
            self.tr(
                "Read everything back from the target and compare it with the plan. Finish "
                "opens the migration in the workspace, where you can come back to it."
            )
        )
        self.overview = OverviewPanel(self)
        self.verify_button = QPushButton(self.tr("&Verify what is still pending"), self)
        self.verify_button.setObjectName("verify-again")
        self.verify_button.clicked.connect(self.verify)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.overview, 1)

    def initializePage(self) -> None:
        self.overview.show_session(self.owner.session)
        if self.owner.session is not None:
            self.owner.session.changed.connect(self._changed)

    def _changed(self, _what: str) -> None:
        self.overview.show_session(self.owner.session)

    def verify(self) -> None:
        run = self.owner.run_page.run
        run.run_stage(Stage.VERIFY)
