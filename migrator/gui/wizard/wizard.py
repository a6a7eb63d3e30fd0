"""The New migration wizard (QWizard) over the whole journey in shared/design.md.

Pages edit a `MigrationDraft`; the migration file is created only by 'Discover and save', the
mapping and plan only by 'Assess and plan', and the accounts change only on the Run page, one
confirmed stage at a time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from migrator.gui import settings
from migrator.gui.session import MigrationSession
from migrator.gui.wizard.connect import DiscoverPage, SourcePage, TargetPage
from migrator.gui.wizard.draft import MigrationDraft
from migrator.gui.wizard.finish import PortsPage, RunPage, VerifyPage
from migrator.gui.wizard.review import AssessmentPage, PlanPage, StrategyPage
from migrator.gui.workers import TaskRunner


class MigrationWizard(QWizard):
    session_created = Signal(object)
    """The MigrationSession, as soon as discovery saved the file."""

    def __init__(
        self,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("migration-wizard")
        self.setWindowTitle(self.tr("New migration"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.runner = runner or TaskRunner()
        self.folder = folder
        self.draft = MigrationDraft()
        self.session: MigrationSession | None = None

        self.source_page = SourcePage(self)
        self.target_page = TargetPage(self)
        self.discover_page = DiscoverPage(self)
        self.strategy_page = StrategyPage(self)
        self.assessment_page = AssessmentPage(self)
        self.plan_page = PlanPage(self)
        self.run_page = RunPage(self)
        self.ports_page = PortsPage(self)
        self.verify_page = VerifyPage(self)
        self.pages = (
            self.source_page,
            self.target_page,
            self.discover_page,
            self.strategy_page,
            self.assessment_page,
            self.plan_page,
            self.run_page,
            self.ports_page,
            self.verify_page,
        )
        for page in self.pages:
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open in workspace"))
        self.resize(1040, 720)
        settings.restore_geometry(self, "wizard")

    def set_session(self, session: MigrationSession) -> None:
        self.session = session
        self.session_created.emit(session)

    def done(self, result: int) -> None:
        settings.save_geometry(self, "wizard")
        super().done(result)
