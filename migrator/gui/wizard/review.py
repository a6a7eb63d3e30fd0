"""Wizard pages 4-6: strategy (writes the mapping and plan when asked), assessment, plan review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWizardPage

from migrator.gui.views.assessment import AssessmentPanel
from migrator.gui.views.common import Banner, ProgressStrip
from migrator.gui.views.exports import ExportsPanel
from migrator.gui.views.mapping import MappingPanel
from migrator.gui.views.plan import PlanPanel
from migrator.gui.workers import TaskHandle, bound

if TYPE_CHECKING:
    from migrator.gui.wizard.wizard import MigrationWizard


class _SessionPage(QWizardPage):
    """A page that shows the wizard's session and can re-plan it."""

    def __init__(self, wizard: MigrationWizard, name: str) -> None:
        super().__init__()
        self.owner = wizard
        self.setObjectName(name)
        self.progress = ProgressStrip(self)
        self.banner = Banner(self)
        self.banner.hide()
        self.handle: TaskHandle | None = None

    def start(self, start: Any) -> TaskHandle | None:
        session = self.owner.session
        if session is None:
            return None
        try:
            handle: TaskHandle = start(session)
        except Exception as exc:
            self.banner.show_error(exc)
            return None
        self.handle = handle
        self.banner.hide()
        self.progress.track(handle)
        handle.failed.connect(bound(self, self.banner.show_error))
        handle.succeeded.connect(bound(self, lambda _r: self.show_session()))
        handle.finished.connect(bound(self, self.completeChanged.emit))
        return handle

    def show_session(self) -> None:
        raise NotImplementedError

    def initializePage(self) -> None:
        self.show_session()

    def busy(self) -> bool:
        return self.handle is not None and self.handle.running


class StrategyPage(_SessionPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__(wizard, "page-strategy")
        self.setTitle(self.tr("Choose a strategy for the numbers"))
        self.setSubTitle(
            self.tr(
                "Port keeps each number (days to weeks); replace buys a similar new number at "
                "once. Override single numbers below. 'Assess and plan' saves your choices in "
                "the migration file."
            )
        )
        self.mapping = MappingPanel(self)
        self.mapping.plan_requested.connect(self.plan)
        self.mapping.decisions_requested.connect(
            lambda decisions: self.start(lambda s: s.set_decisions(decisions))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.banner)
        layout.addWidget(self.mapping, 1)

    def plan(self, numbers: str | None = None) -> TaskHandle | None:
        self.owner.draft.numbers = numbers
        return self.start(lambda session: session.build_plan(numbers))

    def show_session(self) -> None:
        session = self.owner.session
        self.mapping.show_inventory(session.data.source if session else None)
        self.mapping.show_mapping(session.data.mapping if session else None)
        if session is not None and session.data.plan is None:
            self.banner.show_text(
                self.tr("Choose the default strategy, then press 'Assess and plan'."), "muted"
            )

    def isComplete(self) -> bool:
        session = self.owner.session
        return session is not None and session.data.plan is not None and not self.busy()


class AssessmentPage(_SessionPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__(wizard, "page-assessment")
        self.setTitle(self.tr("Assessment"))
        self.setSubTitle(
            self.tr(
                "What carries over as is, what needs your attention, and what blocks. Enter the "
                "new home of vendor-hosted logic, change strategies on the previous page, and "
                "tick the checklist as you go."
            )
        )
        self.assessment = AssessmentPanel(self)
        self.assessment.decisions_requested.connect(
            lambda decisions: self.start(lambda s: s.set_decisions(decisions))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.banner)
        layout.addWidget(self.assessment, 1)

    def show_session(self) -> None:
        session = self.owner.session
        if session is None:
            return
        self.assessment.show_assessment(
            session.data.assessment, session.data.mapping, str(session.path)
        )

    def isComplete(self) -> bool:
        return not self.busy()


class PlanPage(_SessionPage):
    def __init__(self, wizard: MigrationWizard) -> None:
        super().__init__(wizard, "page-plan")
        self.setTitle(self.tr("Review the plan"))
        self.setSubTitle(
            self.tr(
                "Every vendor call, stage by stage. Export it for your change-approval board "
                "before running anything."
            )
        )
        self.plan = PlanPanel(self)
        self.exports = ExportsPanel(self)
        self.exports.done.setMaximumHeight(60)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan, 1)
        layout.addWidget(self.exports)

    def show_session(self) -> None:
        session = self.owner.session
        self.exports.set_session(session)
        if session is not None:
            self.plan.show_plan(session.data.plan, session.statuses())
