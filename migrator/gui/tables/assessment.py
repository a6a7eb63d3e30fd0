"""Table models for the assessment (a verdict per item) and the mapping (what each becomes)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from migrator.gui import theme
from migrator.gui.tables.model import Column, RowTableModel
from migrator.model.assessment import ItemAssessment, Verdict
from migrator.model.mapping import ItemMapping, Mapping, NumberMapping
from migrator.model.urls import redact_url

VERDICT_TEXT = {
    Verdict.OK: "works as is",
    Verdict.ATTENTION: "needs attention",
    Verdict.BLOCKER: "blocker",
}
VERDICT_COLOUR = {Verdict.OK: "ok", Verdict.ATTENTION: "warn", Verdict.BLOCKER: "bad"}


class AssessedItemsModel(RowTableModel[ItemAssessment]):
    CONTEXT = "AssessedItemsModel"
    COLUMNS = (
        Column("Verdict", "works as is, needs attention, or blocker", width=14),
        Column("Kind", width=10),
        Column("Item", width=28),
        Column("Why", "What the rules found", width=48),
        Column("Fix", "What to do about it", width=40),
    )

    def cells(self, row: ItemAssessment) -> tuple[str, ...]:
        worst = [f for f in row.findings if f.verdict is row.verdict] or list(row.findings)
        return (
            VERDICT_TEXT[row.verdict],
            row.kind.value,
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
        Column("Number", width=16),
        Column("Strategy", "port, replace, keep or release", width=9),
        Column(
            "Decided by",
            "default, a bulk rule, your override, or the compatibility table",
            width=10,
        ),
        Column("Why", width=40),
        Column("Answered by on the target", width=24),
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
            answered = "its own URLs: " + ", ".join(str(p).replace("_", " ") for p in row.webhooks)
        if not row.strategy.moves:
            answered = "stays on the source" if row.strategy.value == "keep" else "released"
        return (row.e164, row.strategy.value, row.decided_by, row.why, answered)

    def role_data(self, row: NumberMapping, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.decided_by == "override":
            font = QFont()
            font.setItalic(True)
            return font
        return None


class ItemMappingModel(RowTableModel[ItemMapping]):
    CONTEXT = "ItemMappingModel"
    COLUMNS = (
        Column("Kind", width=16),
        Column("Item", width=24),
        Column("Outcome", "folded: carried inside the applications; manual: you do it", width=8),
        Column("Becomes", width=30),
        Column("What to do", width=40),
    )

    def cells(self, row: ItemMapping) -> tuple[str, ...]:
        return (row.kind.replace("_", " "), row.name, row.outcome, row.becomes, row.action)

    def role_data(self, row: ItemMapping, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 2 and row.outcome == "manual":
            return theme.colour("warn")
        return None
