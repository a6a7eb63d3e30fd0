"""The staged plan: a summary per stage with counts, and every action diff-style."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.i18n import translated
from migrator.gui.tables.plan import ActionsModel, kind_text
from migrator.gui.tables.view import FilterTable
from migrator.gui.views.common import muted
from migrator.model.plan import ActionKind, Plan, Stage

STAGE_HELP = {
    Stage.PREPARE: QT_TRANSLATE_NOOP("Stages", "Create the applications on the target"),
    Stage.ACQUIRE: QT_TRANSLATE_NOOP("Stages", "Buy replacement numbers and submit port requests"),
    Stage.CONFIGURE: QT_TRANSLATE_NOOP(
        "Stages", "Point the numbers at the new applications and webhooks"
    ),
    Stage.VERIFY: QT_TRANSLATE_NOOP("Stages", "Read everything back and compare"),
    Stage.DECOMMISSION: QT_TRANSLATE_NOOP(
        "Stages", "Release source numbers and delete source applications (irreversible)"
    ),
}


STAGE_NAME = {
    Stage.PREPARE: QT_TRANSLATE_NOOP("Stages", "prepare"),
    Stage.ACQUIRE: QT_TRANSLATE_NOOP("Stages", "acquire"),
    Stage.CONFIGURE: QT_TRANSLATE_NOOP("Stages", "configure"),
    Stage.VERIFY: QT_TRANSLATE_NOOP("Stages", "verify"),
    Stage.DECOMMISSION: QT_TRANSLATE_NOOP("Stages", "decommission"),
}
STAGE_STATUS = {
    "empty": QT_TRANSLATE_NOOP("Stages", "empty"),
    "pending": QT_TRANSLATE_NOOP("Stages", "pending"),
    "partial": QT_TRANSLATE_NOOP("Stages", "partial"),
    "done": QT_TRANSLATE_NOOP("Stages", "done"),
    "failed": QT_TRANSLATE_NOOP("Stages", "failed"),
    "interrupted": QT_TRANSLATE_NOOP("Stages", "interrupted"),
    "rolled_back": QT_TRANSLATE_NOOP("Stages", "rolled back"),
}


def stage_name(stage: Stage, title: bool = False) -> str:
    """The stage's name in the admin's language, for a sentence or (title) a label."""
    name = translated("Stages", STAGE_NAME[stage])
    return name[:1].upper() + name[1:] if title else name


def stage_status_text(status: str) -> str:
    """A stage's one-word status (journal.stage_status) in the admin's language."""
    text = STAGE_STATUS.get(status)
    return translated("Stages", text) if text else status.replace("_", " ")


def counts_text(kinds: dict[str, int]) -> str:
    return ", ".join(
        f"{ActionKind(kind).glyph} {count:,} {kind_text(ActionKind(kind))}"
        for kind, count in kinds.items()
    )


class PlanPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self)
        self.header.setObjectName("plan-header")
        self.header.setWordWrap(True)
        self.stages = QTableWidget(0, 3, self)
        self.stages.setObjectName("plan-stages")
        self.stages.setHorizontalHeaderLabels(
            [self.tr("Stage"), self.tr("Actions"), self.tr("What it does")]
        )
        self.stages.verticalHeader().setVisible(False)
        self.stages.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.stages.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.stages.setWordWrap(False)
        self.stages.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stages.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.stages.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.stages.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.stages.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.stages.horizontalHeader().setStretchLastSection(True)
        self.stages.setColumnWidth(1, 340)
        self.stages.itemSelectionChanged.connect(self._stage_selected)
        self.actions = FilterTable(
            ActionsModel(), name="plan-actions", placeholder=self.tr("Filter actions (Ctrl+F)")
        )
        self.legend = muted(
            self.tr("+ create   ~ change   > port   = check   - remove (irreversible)   ! by hand"),
            self,
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.stages)
        splitter.addWidget(top)
        splitter.addWidget(self.actions)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)

    @property
    def model(self) -> ActionsModel:
        assert isinstance(self.actions.model, ActionsModel)
        return self.actions.model

    def show_plan(self, plan: Plan | None, statuses: dict[str, str]) -> None:
        if plan is None:
            self.header.setText(self.tr("No plan yet: choose a strategy and build the plan."))
            self.stages.setRowCount(0)
            self.model.set_plan((), {})
            return
        counts = plan.counts()
        total = len(plan.actions)
        irreversible = sum(1 for a in plan.actions if not a.reversible)
        self.header.setText(
            self.tr("%1 actions from %2 to %3; %4 cannot be undone and wait for your confirmation.")
            .replace("%1", f"{total:,}")
            .replace("%2", f"{plan.source_vendor.capitalize()} {plan.source_account}")
            .replace("%3", f"{plan.target_vendor.capitalize()} {plan.target_account}")
            .replace("%4", f"{irreversible:,}")
        )
        stages = [s for s in Stage if s.value in counts]
        self.stages.setRowCount(len(stages))
        for row, stage in enumerate(stages):
            name = QTableWidgetItem(stage_name(stage))
            name.setData(Qt.ItemDataRole.UserRole, stage.value)
            detail = QTableWidgetItem(counts_text(counts[stage.value]))
            detail.setToolTip(detail.text())
            self.stages.setItem(row, 0, name)
            self.stages.setItem(row, 1, detail)
            self.stages.setItem(row, 2, QTableWidgetItem(translated("Stages", STAGE_HELP[stage])))
        height = self.stages.verticalHeader().defaultSectionSize() * len(stages)
        header = self.stages.horizontalHeader().sizeHint().height()
        self.stages.setFixedHeight(height + header + 2 * self.stages.frameWidth())
        self.model.set_plan(plan.actions, statuses)

    def show_statuses(self, statuses: dict[str, str]) -> None:
        self.model.set_statuses(statuses)

    def _stage_selected(self) -> None:
        items = self.stages.selectedItems()
        stage = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        self.actions.set_filter(str(stage) if stage else "")
