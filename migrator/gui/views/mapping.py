"""What every item becomes on the target, and the admin's decisions about numbers."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.i18n import translated
from migrator.gui.tables.assessment import ItemMappingModel, NumberMappingModel
from migrator.gui.tables.view import FilterTable
from migrator.model.mapping import Decisions, Mapping, Strategy

STRATEGY_HELP = {
    Strategy.PORT: QT_TRANSLATE_NOOP(
        "Strategies",
        "Move the same number to the target (takes days to weeks; the number keeps "
        "working on the source meanwhile).",
    ),
    Strategy.REPLACE: QT_TRANSLATE_NOOP(
        "Strategies",
        "Buy a new number of the same country, area, type and capabilities on "
        "the target, then release the old one.",
    ),
    Strategy.KEEP: QT_TRANSLATE_NOOP("Strategies", "Leave the number on the source account."),
    Strategy.RELEASE: QT_TRANSLATE_NOOP(
        "Strategies", "Give the number back to the source vendor, with no replacement."
    ),
}


def strategy_combo(parent: QWidget, with_default: bool = False) -> QComboBox:
    combo = QComboBox(parent)
    if with_default:
        combo.addItem(QCoreApplication.translate("MappingPanel", "Recommended per number"), None)
    for strategy in Strategy:
        combo.addItem(strategy.value.capitalize(), strategy.value)
        combo.setItemData(
            combo.count() - 1,
            translated("Strategies", STRATEGY_HELP[strategy]),
            Qt.ItemDataRole.ToolTipRole,
        )
    return combo


class MappingPanel(QWidget):
    """Numbers (with per-number overrides) and other items (folded or by hand)."""

    decisions_requested = Signal(object)
    """New Decisions the admin asked for (the owner stores them and re-plans)."""
    plan_requested = Signal(object)
    """Build the plan with this default strategy for every number (a str, or None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping: Mapping | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("mapping-summary")
        self.summary.setWordWrap(True)
        self.numbers = FilterTable(NumberMappingModel(), name="mapping-numbers")
        self.items = FilterTable(ItemMappingModel(), name="mapping-items")
        self.override_combo = strategy_combo(self)
        self.override_combo.setObjectName("override-strategy")
        self.override_button = QPushButton(self.tr("Set for &selected numbers"), self)
        self.override_button.setObjectName("override-apply")
        self.override_button.setToolTip(
            self.tr("Override the strategy of the selected numbers, then assess and plan again")
        )
        self.override_button.clicked.connect(self._override_selected)
        self.default_combo = strategy_combo(self, with_default=True)
        self.default_combo.setObjectName("default-strategy")
        self.default_combo.setToolTip(
            self.tr("The strategy for every number; bulk rules and your overrides still win")
        )
        self.plan_button = QPushButton(self.tr("Assess and &plan"), self)
        self.plan_button.setObjectName("plan-button")
        self.plan_button.setToolTip(
            self.tr("Map, assess and plan again and save them in the migration file")
        )
        self.plan_button.clicked.connect(
            lambda: self.plan_requested.emit(self.default_combo.currentData())
        )
        tabs = QTabWidget(self)
        tabs.addTab(self.numbers, self.tr("Numbers"))
        tabs.addTab(self.items, self.tr("Services, trunks and other items"))
        self.tabs = tabs
        top = QHBoxLayout()
        default_label = QLabel(self.tr("&Default strategy:"), self)
        default_label.setBuddy(self.default_combo)
        top.addWidget(default_label)
        top.addWidget(self.default_combo)
        top.addWidget(self.plan_button)
        top.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Strategy for the selected numbers:"), self))
        row.addWidget(self.override_combo)
        row.addWidget(self.override_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        layout.addLayout(row)

    def show_mapping(self, mapping: Mapping | None) -> None:
        self.mapping = mapping
        default = mapping.decisions.default_strategy if mapping else None
        self.default_combo.setCurrentIndex(
            max(0, self.default_combo.findData(default.value if default else None))
        )
        if mapping is None:
            self.summary.setText(self.tr("No mapping yet."))
            self.numbers.model.set_mapping(None)  # type: ignore[attr-defined]
            self.items.model.set_rows([])
            return
        counts = mapping.strategy_counts()
        parts = [f"{count:,} {name}" for name, count in counts.items()]
        manual = sum(1 for i in mapping.items if i.outcome == "manual")
        text = (
            self.tr("Numbers: %1. Applications on the target: %2.")
            .replace("%1", ", ".join(parts) or "none")
            .replace("%2", f"{sum(1 for a in mapping.applications if a.create):,}")
        )
        if manual:
            text += " " + self.tr("%1 item(s) must be re-created by hand.").replace(
                "%1", str(manual)
            )
        self.summary.setText(text)
        self.numbers.model.set_mapping(mapping)  # type: ignore[attr-defined]
        self.items.model.set_rows(mapping.items)

    def _override_selected(self) -> None:
        if self.mapping is None:
            return
        selected = self.numbers.selected_objects() or [
            o for o in [self.numbers.current_object()] if o is not None
        ]
        if not selected:
            return
        strategy = Strategy(str(self.override_combo.currentData()))
        decisions = self.mapping.decisions
        overrides = dict(decisions.overrides)
        overrides.update({number.e164: strategy for number in selected})
        self.decisions_requested.emit(replace(decisions, overrides=overrides))

    def decisions_with_default(self, strategy: Strategy | None) -> Decisions:
        base = self.mapping.decisions if self.mapping else Decisions()
        return replace(base, default_strategy=strategy)
