"""Table models for the assessment (a verdict per item) and the mapping (what each becomes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont

from migrator.gui import theme
from migrator.gui.i18n import translated
from migrator.gui.tables.model import Column, RowTableModel
from migrator.gui.tables.words import word
from migrator.gui.views.strategies import strategy_name
from migrator.model.assessment import ItemAssessment, Verdict
from migrator.model.mapping import ItemMapping, Mapping, NumberMapping
from migrator.model.urls import redact_url

VERDICT_TEXT = {
    Verdict.OK: QT_TRANSLATE_NOOP("Tables", "works as is"),
    Verdict.ATTENTION: QT_TRANSLATE_NOOP("Tables", "needs attention"),
    Verdict.BLOCKER: QT_TRANSLATE_NOOP("Tables", "blocker"),
}
DECIDED_BY_TEXT = {
    "table": QT_TRANSLATE_NOOP("Tables", "table"),
    "default": QT_TRANSLATE_NOOP("Tables", "default"),
    "override": QT_TRANSLATE_NOOP("Tables", "override"),
}
VERDICT_COLOUR = {Verdict.OK: "ok", Verdict.ATTENTION: "warn", Verdict.BLOCKER: "bad"}


def decided_by_text(decided_by: str) -> str:
    """'table', 'default', 'rule N' or 'override' in the admin's language."""
    if decided_by.startswith("rule "):
        return translated("Tables", QT_TRANSLATE_NOOP("Tables", "rule %1")).replace(
            "%1", decided_by[5:]
        )
    text = DECIDED_BY_TEXT.get(decided_by)
    return translated("Tables", text) if text else decided_by


class AssessedItemsModel(RowTableModel[ItemAssessment]):
    CONTEXT = "AssessedItemsModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("AssessedItemsModel", "Verdict"),
            QT_TRANSLATE_NOOP("AssessedItemsModel", "works as is, needs attention, or blocker"),
            width=14,
        ),
        Column(QT_TRANSLATE_NOOP("AssessedItemsModel", "Kind"), width=10),
        Column(QT_TRANSLATE_NOOP("AssessedItemsModel", "Item"), width=28),
        Column(
            QT_TRANSLATE_NOOP("AssessedItemsModel", "Why"),
            QT_TRANSLATE_NOOP("AssessedItemsModel", "What the rules found"),
            width=48,
        ),
        Column(
            QT_TRANSLATE_NOOP("AssessedItemsModel", "Fix"),
            QT_TRANSLATE_NOOP("AssessedItemsModel", "What to do about it"),
            width=40,
        ),
    )

    def cells(self, row: ItemAssessment) -> tuple[str, ...]:
        worst = [f for f in row.findings if f.verdict is row.verdict] or list(row.findings)
        return (
            translated("Tables", VERDICT_TEXT[row.verdict]),
            word(row.kind.value),
            redact_url(row.label),
            "; ".join(f.reason for f in worst),
            "; ".join(f.fix for f in worst),
        )

    def sort_key(self, row: ItemAssessment, column: int) -> Any:
        return -row.verdict.rank

    def role_data(self, row: ItemAssessment, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return theme.colour(VERDICT_COLOUR[row.verdict])
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            return "\n".join(
                f"[{f.verdict.value}] {f.rule}: {f.reason}\n  → {f.fix}" for f in row.findings
            )
        return None


class NumberMappingModel(RowTableModel[NumberMapping]):
    CONTEXT = "NumberMappingModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("NumberMappingModel", "Number"), width=16),
        Column(
            QT_TRANSLATE_NOOP("NumberMappingModel", "Strategy"),
            QT_TRANSLATE_NOOP("NumberMappingModel", "port, replace, keep or release"),
            width=9,
        ),
        Column(
            QT_TRANSLATE_NOOP("NumberMappingModel", "Decided by"),
            QT_TRANSLATE_NOOP(
                "NumberMappingModel",
                "default, a bulk rule, your override, or the compatibility table",
            ),
            width=10,
        ),
        Column(QT_TRANSLATE_NOOP("NumberMappingModel", "Why"), width=40),
        Column(QT_TRANSLATE_NOOP("NumberMappingModel", "Answered by on the target"), width=24),
    )

    def __init__(self, parent: Any = None) -> None:
        self._app_names: dict[str, str] = {}
        super().__init__(parent=parent)

    def set_mapping(self, mapping: Mapping | None) -> None:
        self._app_names = {a.key: a.name for a in mapping.applications} if mapping else {}
        self.set_rows(mapping.numbers if mapping else ())

    def cells(self, row: NumberMapping) -> tuple[str, ...]:
        apps = [self._app_names.get(key, key) for key in (row.app, row.sms_app) if key]
        answered = ", ".join(dict.fromkeys(apps))
        if not answered and row.webhooks:
            answered = (
                translated("Tables", QT_TRANSLATE_NOOP("Tables", "its own URLs:"))
                + " "
                + ", ".join(str(p).replace("_", " ") for p in row.webhooks)
            )
        if not row.strategy.moves:
            answered = (
                translated("Tables", QT_TRANSLATE_NOOP("Tables", "stays on the source"))
                if row.strategy.value == "keep"
                else translated("Tables", QT_TRANSLATE_NOOP("Tables", "released"))
            )
        return (
            row.e164,
            strategy_name(row.strategy),
            decided_by_text(row.decided_by),
            row.why,
            answered,
        )

    def role_data(self, row: NumberMapping, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.decided_by == "override":
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ItemMappingModel(RowTableModel[ItemMapping]):
    CONTEXT = "ItemMappingModel"
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ItemMappingModel", "Kind"), width=16),
        Column(QT_TRANSLATE_NOOP("ItemMappingModel", "Item"), width=24),
        Column(
            QT_TRANSLATE_NOOP("ItemMappingModel", "Outcome"),
            QT_TRANSLATE_NOOP(
                "ItemMappingModel", "folded: carried inside the applications; manual: you do it"
            ),
            width=8,
        ),
        Column(QT_TRANSLATE_NOOP("ItemMappingModel", "Becomes"), width=30),
        Column(QT_TRANSLATE_NOOP("ItemMappingModel", "What to do"), width=40),
    )

    def cells(self, row: ItemMapping) -> tuple[str, ...]:
        return (row.kind.replace("_", " "), row.name, row.outcome, row.becomes, row.action)

    def role_data(self, row: ItemMapping, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and row.outcome == "manual":
            return theme.colour("warn")
        return None
