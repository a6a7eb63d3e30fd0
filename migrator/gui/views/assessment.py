"""The assessment: score, every item's verdict, the blockers to resolve, the checklist."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from migrator.gui import settings
from migrator.gui.i18n import translated
from migrator.gui.tables.assessment import AssessedItemsModel
from migrator.gui.tables.view import FilterTable
from migrator.gui.views.common import Banner, muted
from migrator.model.assessment import Assessment, Verdict
from migrator.model.mapping import Mapping
from migrator.model.urls import redact_url

STATUS_KIND = {"ready": "ok", "needs attention": "warn", "blocked": "bad"}
STATUS_TEXT = {
    "ready": QT_TRANSLATE_NOOP("AssessmentPanel", "ready"),
    "needs attention": QT_TRANSLATE_NOOP("AssessmentPanel", "needs attention"),
    "blocked": QT_TRANSLATE_NOOP("AssessmentPanel", "blocked"),
}


def status_text(status: str, title: bool = False) -> str:
    """The assessment's overall status in the admin's language (title: first letter upper)."""
    text = STATUS_TEXT.get(status)
    shown = translated("AssessmentPanel", text) if text else status
    return shown[:1].upper() + shown[1:] if title else shown


class AssessmentPanel(QWidget):
    decisions_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assessment: Assessment | None = None
        self.mapping: Mapping | None = None
        self.checklist_key = ""
        self.banner = Banner(self)
        self.verdict_filter = QComboBox(self)
        self.verdict_filter.setObjectName("verdict-filter")
        self.verdict_filter.addItem(self.tr("Blockers and items needing attention"), "issues")
        self.verdict_filter.addItem(self.tr("Blockers only"), Verdict.BLOCKER.value)
        self.verdict_filter.addItem(self.tr("Needs attention only"), Verdict.ATTENTION.value)
        self.verdict_filter.addItem(self.tr("Everything"), "all")
        self.verdict_filter.setToolTip(self.tr("Which items to list"))
        self.verdict_filter.currentIndexChanged.connect(self._refill)
        self.items = FilterTable(AssessedItemsModel(), name="assessment-items")

        self.urls = QTableWidget(0, 2, self)
        self.urls.setObjectName("rebuilt-urls")
        self.urls.setHorizontalHeaderLabels(
            [self.tr("Vendor-hosted logic (source URL)"), self.tr("Where you host it now")]
        )
        self.urls.verticalHeader().setVisible(False)
        self.urls.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.urls.setToolTip(
            self.tr(
                "TwiML Bins, Studio flows, Functions and PHLOs stop working when the source "
                "account closes. Rebuild each one on your server (the assessment bundle has "
                "translated documents) and enter its new URL here."
            )
        )
        self.save_urls = QPushButton(self.tr("Use these &URLs and plan again"), self)
        self.save_urls.setObjectName("save-urls")
        self.save_urls.clicked.connect(self._save_urls)

        self.checklist = QTreeWidget(self)
        self.checklist.setObjectName("checklist")
        self.checklist.setHeaderLabels([self.tr("Checklist (outside the plan)"), self.tr("Items")])
        self.checklist.setToolTip(
            self.tr("Tick what you have done; the ticks are remembered on this computer")
        )
        self.checklist.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.checklist.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.checklist.header().setStretchLastSection(False)
        self.checklist.setWordWrap(True)
        self.checklist.itemChanged.connect(self._checklist_ticked)

        self.urls.setWordWrap(False)
        self.urls.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.urls.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.urls.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.urls.setColumnWidth(0, 520)

        filter_row = QHBoxLayout()
        show_label = QLabel(self.tr("&Show:"), self)
        show_label.setBuddy(self.verdict_filter)
        filter_row.addWidget(show_label)
        filter_row.addWidget(self.verdict_filter)
        filter_row.addStretch(1)
        items_tab = QWidget(self)
        items_layout = QVBoxLayout(items_tab)
        items_layout.addLayout(filter_row)
        items_layout.addWidget(self.items, 1)
        self.urls_box = QWidget(self)
        urls_layout = QVBoxLayout(self.urls_box)
        urls_layout.addWidget(
            muted(
                self.tr(
                    "These run on the departing vendor and stop working when its account "
                    "closes. Rebuild each on your own server (the call-flow bundle in Exports "
                    "has translated documents) and enter where it now lives."
                ),
                self.urls_box,
            )
        )
        urls_layout.addWidget(self.urls, 1)
        urls_layout.addWidget(self.save_urls, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("assessment-tabs")
        self.tabs.addTab(items_tab, self.tr("Items"))
        self.tabs.addTab(self.checklist, self.tr("Checklist"))
        self.tabs.addTab(self.urls_box, self.tr("Logic to rebuild"))
        self.tabs.setTabToolTip(1, self.tr("What to do outside the plan, and why"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def show_assessment(
        self, assessment: Assessment | None, mapping: Mapping | None, key: str = ""
    ) -> None:
        self.assessment = assessment
        self.mapping = mapping
        self.checklist_key = key
        if assessment is None:
            self.banner.show_text(self.tr("Not assessed yet."), "muted")
            self.items.model.set_rows([])
            self.checklist.clear()
            self.urls.setRowCount(0)
            return
        summary = assessment.summary
        counts = summary.counts
        self.banner.show_text(
            self.tr(
                "<b>%1</b> · score %2/100 · %3 blocker(s), %4 item(s) need attention, "
                "%5 work as is."
            )
            .replace("%1", status_text(summary.status, title=True))
            .replace("%2", str(summary.score))
            .replace("%3", f"{counts.get('blocker', 0):,}")
            .replace("%4", f"{counts.get('attention', 0):,}")
            .replace("%5", f"{counts.get('ok', 0):,}"),
            STATUS_KIND.get(summary.status, "muted"),
        )
        self._refill()
        self._fill_checklist(assessment)
        self._fill_urls(mapping)

    def _refill(self) -> None:
        if self.assessment is None:
            return
        choice = self.verdict_filter.currentData()
        items = self.assessment.items
        if choice == "issues":
            items = tuple(i for i in items if i.verdict is not Verdict.OK)
        elif choice != "all":
            items = tuple(i for i in items if i.verdict.value == choice)
        self.items.model.set_rows(sorted(items, key=lambda i: -i.verdict.rank))
        self.tabs.setTabText(0, self.tr("Items (%1)").replace("%1", f"{len(items):,}"))

    def _fill_checklist(self, assessment: Assessment) -> None:
        ticked = self._ticked()
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for entry in assessment.checklist:
            if not entry.count:
                continue
            top = QTreeWidgetItem([entry.title, f"{entry.count:,}"])
            top.setData(0, Qt.ItemDataRole.UserRole, entry.key)
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            top.setCheckState(
                0, Qt.CheckState.Checked if entry.key in ticked else Qt.CheckState.Unchecked
            )
            top.setToolTip(0, f"{entry.why}\n\n{entry.how}")
            for label, text in ((self.tr("Why"), entry.why), (self.tr("How"), entry.how)):
                child = QTreeWidgetItem([f"{label}: {text}"])
                child.setToolTip(0, text)
                top.addChild(child)
            self.checklist.addTopLevelItem(top)
        self.checklist.blockSignals(False)
        self.tabs.setTabText(
            1, self.tr("Checklist (%1)").replace("%1", str(self.checklist.topLevelItemCount()))
        )

    def _ticked(self) -> set[str]:
        value = settings.app_settings().value(f"checklist/{self.checklist_key}", [])
        if isinstance(value, str):
            value = [value]
        return {str(v) for v in value or []}

    def _checklist_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if not self.checklist_key or item.parent() is not None:
            return
        ticked = {
            str(self.checklist.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole))
            for i in range(self.checklist.topLevelItemCount())
            if self.checklist.topLevelItem(i).checkState(0) == Qt.CheckState.Checked
        }
        store = settings.app_settings()
        store.setValue(f"checklist/{self.checklist_key}", sorted(ticked))
        store.sync()

    def _fill_urls(self, mapping: Mapping | None) -> None:
        placeholders = mapping.placeholders() if mapping else {}
        chosen = mapping.decisions.urls if mapping else {}
        sources = sorted(set(placeholders) | set(chosen))
        self.urls.setRowCount(len(sources))
        for row, source in enumerate(sources):
            shown = QTableWidgetItem(redact_url(source))
            shown.setData(Qt.ItemDataRole.UserRole, source)
            shown.setFlags(shown.flags() & ~Qt.ItemFlag.ItemIsEditable)
            shown.setToolTip(redact_url(source))
            self.urls.setItem(row, 0, shown)
            new = QTableWidgetItem(chosen.get(source, ""))
            new.setToolTip(self.tr("https://… on your own server"))
            self.urls.setItem(row, 1, new)
        self.tabs.setTabText(2, self.tr("Logic to rebuild (%1)").replace("%1", str(len(sources))))
        self.tabs.setTabEnabled(2, bool(sources))

    def entered_urls(self) -> dict[str, str]:
        urls = {}
        for row in range(self.urls.rowCount()):
            source = self.urls.item(row, 0).data(Qt.ItemDataRole.UserRole)
            new = (self.urls.item(row, 1).text() if self.urls.item(row, 1) else "").strip()
            if new:
                urls[str(source)] = new
        return urls

    def _save_urls(self) -> None:
        if self.mapping is None:
            return
        urls = dict(self.mapping.decisions.urls)
        urls.update(self.entered_urls())
        self.decisions_requested.emit(replace(self.mapping.decisions, urls=urls))
