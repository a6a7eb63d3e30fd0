"""Table models for the plan (actions with their live status) and the journal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont

from migrator.gui import theme
from migrator.gui.i18n import translated
from migrator.gui.tables.model import Column, RowTableModel
from migrator.gui.tables.words import word
from migrator.model.plan import Action, ActionKind
from migrator.model.urls import redact_url

GLYPH_COLOUR = {"+": "ok", "~": "warn", ">": "ok", "=": "muted", "-": "bad", "!": "warn"}
STATUS_COLOUR = {
    "done": "ok",
    "failed": "bad",
    "running": "warn",
    "undoing": "warn",
    "rolled_back": "muted",
    "skipped": "muted",
}


def kind_text(kind: ActionKind) -> str:
    return word(kind.value)


class ActionsModel(RowTableModel[Action]):
    """Every action of the plan, diff-style, with its journal status."""

    CONTEXT = "ActionsModel"
    COLUMNS = (
        Column(
            "",
            QT_TRANSLATE_NOOP(
                "ActionsModel", "+ create, ~ change, > port, = check, - remove, ! by hand"
            ),
            width=1,
        ),
        Column(
            QT_TRANSLATE_NOOP("ActionsModel", "Stage"),
            QT_TRANSLATE_NOOP("ActionsModel", "prepare, acquire, configure, verify, decommission"),
            width=11,
        ),
        Column(QT_TRANSLATE_NOOP("ActionsModel", "Action"), width=16),
        Column(
            QT_TRANSLATE_NOOP("ActionsModel", "Item"),
            QT_TRANSLATE_NOOP("ActionsModel", "What the action is about"),
            width=22,
        ),
        Column(
            QT_TRANSLATE_NOOP("ActionsModel", "Details"),
            QT_TRANSLATE_NOOP("ActionsModel", "What exactly will be done"),
            width=40,
        ),
        Column(
            QT_TRANSLATE_NOOP("ActionsModel", "Undo"),
            QT_TRANSLATE_NOOP("ActionsModel", "How it is rolled back (or that it cannot be)"),
            width=14,
        ),
        Column(
            QT_TRANSLATE_NOOP("ActionsModel", "Status"),
            QT_TRANSLATE_NOOP("ActionsModel", "From the journal"),
            width=10,
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        self._statuses: dict[str, str] = {}
        super().__init__(parent=parent)

    def set_plan(self, actions: tuple[Action, ...], statuses: dict[str, str]) -> None:
        self._statuses = dict(statuses)
        self.set_rows(actions)

    def set_statuses(self, statuses: dict[str, str]) -> None:
        """Update only the status column (cheap: no reset, views keep their position)."""
        changed = [
            position
            for position, action in enumerate(self._rows)
            if statuses.get(action.id, "pending") != self._statuses.get(action.id, "pending")
        ]
        self._statuses = dict(statuses)
        for position in changed:
            self.replace_row(position, self._rows[position])

    def cells(self, row: Action) -> tuple[str, ...]:
        if row.inverse is not None:
            undo = kind_text(row.inverse)
        elif row.kind in (ActionKind.VERIFY_NUMBER, ActionKind.VERIFY_APPLICATION):
            undo = translated("Tables", QT_TRANSLATE_NOOP("Tables", "nothing to undo"))
        else:
            undo = translated("Tables", QT_TRANSLATE_NOOP("Tables", "irreversible"))
        return (
            row.kind.glyph,
            word(row.stage.value),
            kind_text(row.kind),
            row.item,
            redact_url(row.summary) if "://" in row.summary else row.summary,
            undo,
            word(self._statuses.get(row.id, "pending")),
        )

    def sort_key(self, row: Action, column: int) -> Any:
        return row.stage.order

    def role_data(self, row: Action, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 0:
                return theme.colour(GLYPH_COLOUR[row.kind.glyph])
            if column == 5 and not row.reversible:
                return theme.colour("bad")
            if column == 6:
                kind = STATUS_COLOUR.get(self._statuses.get(row.id, "pending"))
                return theme.colour(kind) if kind else None
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and not row.reversible:
            return QCoreApplication.translate(
                "ActionsModel", "Cannot be undone: needs an explicit confirmation to run"
            )
        return None


class JournalModel(RowTableModel[dict[str, Any]]):
    """The journal's entries, oldest first: intent before every call, outcome after it."""

    CONTEXT = "JournalModel"
    COLUMNS = (
        Column(
            QT_TRANSLATE_NOOP("JournalModel", "#"),
            QT_TRANSLATE_NOOP("JournalModel", "Order of the entries in the journal"),
            numeric=True,
            width=5,
        ),
        Column(QT_TRANSLATE_NOOP("JournalModel", "Time"), width=19),
        Column(QT_TRANSLATE_NOOP("JournalModel", "Stage"), width=11),
        Column(QT_TRANSLATE_NOOP("JournalModel", "Item"), width=22),
        Column(
            QT_TRANSLATE_NOOP("JournalModel", "Event"),
            QT_TRANSLATE_NOOP(
                "JournalModel", "intent: about to call the vendor; outcome: what came of it"
            ),
            width=12,
        ),
        Column(QT_TRANSLATE_NOOP("JournalModel", "Status"), width=10),
        Column(
            QT_TRANSLATE_NOOP("JournalModel", "Message"),
            QT_TRANSLATE_NOOP("JournalModel", "The vendor's message, when there is one"),
            width=36,
        ),
    )

    def cells(self, row: dict[str, Any]) -> tuple[str, ...]:
        at = str(row.get("at") or "")
        return (
            str(row.get("seq", "")),
            at.replace("T", " ")[:19],
            str(row.get("stage") or ""),
            str(row.get("item") or row.get("action_id") or ""),
            str(row.get("event") or "").replace("_", " "),
            str(row.get("status") or "").replace("_", " "),
            redact_url(str(row.get("message") or "")),
        )

    def sort_key(self, row: dict[str, Any], column: int) -> Any:
        return int(row.get("seq") or 0)

    def role_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            kind = STATUS_COLOUR.get(str(row.get("status")))
            return theme.colour(kind) if kind else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.get("message"):
            return redact_url(str(row["message"]))
        return None

    def sync(self, entries: list[dict[str, Any]]) -> None:
        """Show `entries` (the whole journal, oldest first), appending only what is new."""
        known = len(self._rows)
        if len(entries) >= known and (
            not known or entries[known - 1].get("seq") == self._rows[-1].get("seq")
        ):
            self.append_rows(entries[known:])
        else:
            self.set_rows(entries)
