"""Where a migration stands, on one page: accounts, inventory, assessment, plan and run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from migrator.gui.session import MigrationSession
from migrator.gui.views.assessment import status_text
from migrator.gui.views.common import Banner, heading
from migrator.gui.views.inventory import summary_text
from migrator.gui.views.plan import stage_name, stage_status_text
from migrator.gui.views.strategies import strategy_counts_text
from migrator.model.plan import Stage


class OverviewPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = Banner(self)
        self.fields: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        for row, (key, title) in enumerate(
            (
                ("source", self.tr("Departing account")),
                ("target", self.tr("Target account")),
                ("inventory", self.tr("Inventory")),
                ("taken", self.tr("Inventory read")),
                ("strategy", self.tr("Numbers")),
                ("assessment", self.tr("Assessment")),
                ("plan", self.tr("Plan")),
                ("run", self.tr("Run")),
            )
        ):
            name = QLabel(f"<b>{title}</b>", self)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label = QLabel(self)
            label.setObjectName(f"overview-{key}")
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(label, row, 1)
            self.fields[key] = label
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Where this migration stands"), self))
        layout.addWidget(self.banner)
        layout.addLayout(grid)
        layout.addStretch(1)

    def show_session(self, session: MigrationSession | None) -> None:
        if session is None:
            for label in self.fields.values():
                label.clear()
            return
        data = session.data
        self.fields["source"].setText(session.account_label("source"))
        self.fields["target"].setText(session.account_label("target"))
        self.fields["inventory"].setText(
            summary_text(data.source, session.summaries.get("source"))
            if data.source
            else self.tr("not read yet")
        )
        self.fields["taken"].setText(data.source.taken_at.replace("T", " ") if data.source else "")
        if data.mapping:
            counts = data.mapping.strategy_counts()
            self.fields["strategy"].setText(strategy_counts_text(counts) or self.tr("none"))
        else:
            self.fields["strategy"].setText(self.tr("no strategy chosen yet"))
        if data.assessment:
            s = data.assessment.summary
            self.fields["assessment"].setText(
                self.tr("%1, score %2/100 (%3 blockers)")
                .replace("%1", status_text(s.status))
                .replace("%2", str(s.score))
                .replace("%3", str(s.counts.get("blocker", 0)))
            )
        else:
            self.fields["assessment"].setText(self.tr("not assessed yet"))
        if data.plan:
            counts = data.plan.counts()
            self.fields["plan"].setText(
                "; ".join(
                    f"{stage_name(Stage(stage))}: {sum(kinds.values()):,}"
                    for stage, kinds in counts.items()
                )
            )
        else:
            self.fields["plan"].setText(self.tr("no plan yet"))
        stages = session.stage_summary()
        if stages:
            self.fields["run"].setText(
                "; ".join(
                    f"{stage_name(stage)}: {stage_status_text(stages[stage.value]['status'])}"
                    for stage in Stage
                    if stage.value in stages
                )
            )
        else:
            self.fields["run"].setText(self.tr("nothing has run"))
        next_step, kind = self._next_step(session)
        self.banner.show_text(next_step, kind)

    def _next_step(self, session: MigrationSession) -> tuple[str, str]:
        data = session.data
        if data.source is None:
            return self.tr("Next: read the inventory (Refresh inventory)."), "warn"
        if data.plan is None:
            return self.tr("Next: choose a strategy and build the plan (Mapping)."), "warn"
        if data.assessment and data.assessment.summary.status == "blocked":
            return (
                self.tr("The assessment has blockers: resolve them on the Assessment page."),
                "bad",
            )
        stages = session.stage_summary()
        for stage in Stage:
            facts = stages.get(stage.value)
            if facts and facts["status"] not in ("done", "empty"):
                return (
                    self.tr("Next: the %1 stage (Run).").replace("%1", stage_name(stage)),
                    "warn" if facts["status"] != "failed" else "bad",
                )
        return self.tr("Every stage is done."), "ok"
