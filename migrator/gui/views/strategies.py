"""The four number strategies as the GUI offers them: a combo box with a tooltip per choice."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from migrator.gui.i18n import translated
from migrator.model.mapping import Strategy

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


STRATEGY_NAME = {
    Strategy.PORT: QT_TRANSLATE_NOOP("Strategies", "Port"),
    Strategy.REPLACE: QT_TRANSLATE_NOOP("Strategies", "Replace"),
    Strategy.KEEP: QT_TRANSLATE_NOOP("Strategies", "Keep"),
    Strategy.RELEASE: QT_TRANSLATE_NOOP("Strategies", "Release"),
}


STRATEGY_COUNTED = {
    Strategy.PORT: QT_TRANSLATE_NOOP("Strategies", "%1 port"),
    Strategy.REPLACE: QT_TRANSLATE_NOOP("Strategies", "%1 replace"),
    Strategy.KEEP: QT_TRANSLATE_NOOP("Strategies", "%1 keep"),
    Strategy.RELEASE: QT_TRANSLATE_NOOP("Strategies", "%1 release"),
}


def strategy_name(strategy: Strategy) -> str:
    """'Port', 'Replace'... in the admin's language (the stored value stays the English word)."""
    return translated("Strategies", STRATEGY_NAME[strategy])


def strategy_counts_text(counts: dict[str, int]) -> str:
    """'12 port, 3 replace' (Mapping.strategy_counts) in the admin's language."""
    return ", ".join(
        translated("Strategies", STRATEGY_COUNTED[Strategy(name)]).replace("%1", f"{count:,}")
        for name, count in counts.items()
    )


def strategy_combo(parent: QWidget, with_default: bool = False) -> QComboBox:
    combo = QComboBox(parent)
    if with_default:
        combo.addItem(QCoreApplication.translate("MappingPanel", "Recommended per number"), None)
    for strategy in Strategy:
        combo.addItem(strategy_name(strategy), strategy.value)
        combo.setItemData(
            combo.count() - 1,
            translated("Strategies", STRATEGY_HELP[strategy]),
            Qt.ItemDataRole.ToolTipRole,
        )
    return combo
