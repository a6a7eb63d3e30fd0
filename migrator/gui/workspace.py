"""The workspace: every view of one open migration, for returning to it days later."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.i18n import translated
from migrator.gui.session import MigrationSession
from migrator.gui.views.assessment import AssessmentPanel
from migrator.gui.views.common import Banner, ProgressStrip
from migrator.gui.views.exports import ExportsPanel
from migrator.gui.views.inventory import InventoryPanel
from migrator.gui.views.mapping import MappingPanel
from migrator.gui.views.overview import OverviewPanel
from migrator.gui.views.plan import PlanPanel
from migrator.gui.views.run import RunPanel
from migrator.gui.workers import TaskHandle, bound

PAGES = (
    (
        "overview",
        QT_TRANSLATE_NOOP("Workspace", "Overview"),
        QT_TRANSLATE_NOOP("Workspace", "Where the migration stands and what comes next"),
    ),
    (
        "inventory",
        QT_TRANSLATE_NOOP("Workspace", "Inventory"),
        QT_TRANSLATE_NOOP(
            "Workspace", "Numbers, applications and webhooks of the departing account"
        ),
    ),
    (
        "mapping",
        QT_TRANSLATE_NOOP("Workspace", "Mapping"),
        QT_TRANSLATE_NOOP(
            "Workspace", "What each item becomes on the target; strategies per number"
        ),
    ),
    (
        "assessment",
        QT_TRANSLATE_NOOP("Workspace", "Assessment"),
        QT_TRANSLATE_NOOP("Workspace", "Verdicts, blockers to resolve and the checklist"),
    ),
    (
        "plan",
        QT_TRANSLATE_NOOP("Workspace", "Plan"),
        QT_TRANSLATE_NOOP("Workspace", "Every action, stage by stage"),
    ),
    (
        "run",
        QT_TRANSLATE_NOOP("Workspace", "Run"),
        QT_TRANSLATE_NOOP("Workspace", "Run stages, pause, resume, roll back; the live journal"),
    ),
    (
        "ports",
        QT_TRANSLATE_NOOP("Workspace", "Ports"),
        QT_TRANSLATE_NOOP("Workspace", "Port requests: status, FOC date, days waiting, history"),
    ),
    (
        "exports",
        QT_TRANSLATE_NOOP("Workspace", "Exports"),
        QT_TRANSLATE_NOOP("Workspace", "Plan reports, the rollback log, call-flow documents"),
    ),
)


class Workspace(QWidget):
    """Sidebar of views over one MigrationSession."""

    page_changed = Signal(str)

    def __init__(self, session: MigrationSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.session = session
        self.title = QLabel(self)
        self.title.setObjectName("workspace-title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refresh_button = QPushButton(self.tr("Refresh &inventory"), self)
        self.refresh_button.setObjectName("refresh-inventory")
        self.refresh_button.setToolTip(
            self.tr("Read both accounts again (nothing is changed on them) and save the result")
        )
        self.refresh_button.clicked.connect(self.refresh_inventory)
        self.progress = ProgressStrip(self)
        self.banner = Banner(self)
        self.banner.hide()

        self.overview = OverviewPanel()
        self.inventory = InventoryPanel()
        self.mapping = MappingPanel()
        self.assessment = AssessmentPanel()
        self.plan = PlanPanel()
        self.run = RunPanel()
        self.run.set_session(session)
        self.ports = self._ports_panel()
        self.exports = ExportsPanel()
        self.exports.set_session(session)
        self.mapping.plan_requested.connect(self.build_plan)
        self.mapping.decisions_requested.connect(self.set_decisions)
        self.assessment.decisions_requested.connect(self.set_decisions)

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Views"))
        self.stack = QStackedWidget(self)
        self.pages: dict[str, QWidget] = {}
        widgets = {
            "overview": self.overview,
            "inventory": self.inventory,
            "mapping": self.mapping,
            "assessment": self.assessment,
            "plan": self.plan,
            "run": self.run,
            "ports": self.ports,
            "exports": self.exports,
        }
        for number, (key, title, tip) in enumerate(PAGES, start=1):
            item = QListWidgetItem(translated("Workspace", title))
            item.setToolTip(translated("Workspace", tip) + f"  (Ctrl+{number})")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
            self.stack.addWidget(widgets[key])
            self.pages[key] = widgets[key]
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda k=key: self.show_page(k))
        self.sidebar.currentRowChanged.connect(self._row_changed)
        self.sidebar.setSpacing(3)
        width = max(self.sidebar.sizeHintForColumn(0), 110) + 28
        self.sidebar.setFixedWidth(width)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.refresh_button)
        body = QHBoxLayout()
        body.addWidget(self.sidebar)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.progress)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.setTabOrder(self.sidebar, self.stack)

        session.changed.connect(self._session_changed)
        session.busy_changed.connect(self._busy_changed)
        self.sidebar.setCurrentRow(0)
        self.show_all()

    def _ports_panel(self) -> QWidget:
        try:
            from migrator.gui.views.ports import PortsPanel
        except ImportError:  # the porting service is not in this build
            placeholder = QLabel(self.tr("Port tracking is not available in this build."))
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return placeholder
        panel = PortsPanel()
        panel.set_session(self.session)
        return panel

    # --- navigation -------------------------------------------------------------------------
    def show_page(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                return

    def current_page(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def _row_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.page_changed.emit(self.current_page())

    # --- showing the session ----------------------------------------------------------------
    def show_all(self) -> None:
        session = self.session
        data = session.data
        self.title.setText(
            f"<b>{session.title}</b> &nbsp; {session.account_label('source')} → "
            f"{session.account_label('target')}"
        )
        self.overview.show_session(session)
        self.inventory.show_inventory(data.source, session.summaries.get("source"))
        if data.source is not None and "source" not in session.summaries:
            session.summarize("source")
        self.mapping.show_inventory(data.source)
        self.mapping.show_mapping(data.mapping)
        self.assessment.show_assessment(data.assessment, data.mapping, str(session.path))
        self.plan.show_plan(data.plan, session.statuses())
        self.run.refresh()
        refresh = getattr(self.ports, "refresh", None)
        if refresh is not None:
            refresh()

    def _session_changed(self, what: str) -> None:
        if what == "summary":
            self.inventory.show_facts(
                self.session.data.source, self.session.summaries.get("source")
            )
            self.overview.show_session(self.session)
        elif what == "status":
            self.plan.show_statuses(self.session.statuses())
            self.overview.show_session(self.session)
        else:
            self.show_all()

    def _busy_changed(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        self.mapping.set_busy(busy)
        self.assessment.save_urls.setEnabled(not busy)

    # --- leaving ----------------------------------------------------------------------------
    def settle_unsaved(
        self, proceed: Callable[[], None], give_up: Callable[[], None] | None = None
    ) -> bool:
        """Before this workspace goes away (closing, another migration): unsaved bulk rules
        are saved, discarded or kept, as the admin answers. True: go on now. False: not now;
        after Save, `proceed` runs once the rules are stored, and `give_up` runs instead when
        the admin stays or the save fails (its message is shown and the draft kept)."""
        editor = self.mapping.rules
        answer = editor.ask_unsaved()
        if answer == QMessageBox.StandardButton.Discard:
            return True
        handle = None
        if answer == QMessageBox.StandardButton.Save:
            editor.request_save()
            handle = self.session.operation if self.session.busy else None
        if handle is None:
            if give_up is not None:
                give_up()
            return False

        def finished() -> None:
            saved = handle.error is None and not editor.dirty
            follow = proceed if saved else give_up
            if follow is not None:
                QTimer.singleShot(0, follow)  # after every other slot of this signal

        handle.finished.connect(bound(self, finished))
        return False

    # --- operations -------------------------------------------------------------------------
    def _track(
        self, handle: TaskHandle | None, what: str, failed_note: str = ""
    ) -> TaskHandle | None:
        """Progress and cancel for `handle`; a failure is shown in the banner, with
        `failed_note` (what it left as it was) after it."""
        if handle is None:
            return None
        self.banner.hide()
        self.progress.track(handle)
        handle.failed.connect(bound(self, lambda exc: self.banner.show_error(exc, failed_note)))
        handle.cancelled.connect(
            bound(
                self,
                lambda reason: self.banner.show_text(
                    self.tr("%1 stopped: nothing was saved.").replace("%1", what), "warn"
                ),
            )
        )
        return handle

    def _guard(self, start: Any) -> TaskHandle | None:
        try:
            return start()  # type: ignore[no-any-return]
        except Exception as exc:
            self.banner.show_error(exc)
            return None

    def refresh_inventory(self) -> TaskHandle | None:
        return self._track(
            self._guard(self.session.refresh_inventory),
            self.tr("Discovery"),
            self.tr("Nothing was changed: the migration file keeps the inventories it had."),
        )

    def build_plan(self, numbers: str | None = None) -> TaskHandle | None:
        mapping = self.session.data.mapping
        if numbers is None and mapping is not None and mapping.decisions.default_strategy:
            # back to the recommendation per number: clear the stored default
            return self.set_decisions(replace(mapping.decisions, default_strategy=None))
        return self._track(
            self._guard(lambda: self.session.build_plan(numbers)), self.tr("Planning")
        )

    def set_decisions(self, decisions: Any) -> TaskHandle | None:
        return self._track(
            self._guard(lambda: self.session.set_decisions(decisions)), self.tr("Planning")
        )
