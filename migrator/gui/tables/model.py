"""A read-only table model over a list of plain objects, fast at 100,000 rows.

Subclasses declare `COLUMNS` and `cells(row) -> tuple[str, ...]`. Display strings and a
lower-cased search text are computed once when rows are loaded, so `data()` is a list lookup
and filtering is a scan of plain strings (see `proxy.RowFilterProxy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from migrator.gcpause import gc_paused

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""data() with this role returns the row's object."""

Index = QModelIndex | QPersistentModelIndex
# Plain ints: data() is called for every visible cell and role, and comparing Python ints is
# much cheaper than comparing Qt enum members.
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ROW = ROW_ROLE
_DECORATION_ROLES = frozenset(
    int(role.value)
    for role in (
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
    )
)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True)
class Column:
    title: str
    """Untranslated; translated with the model's CONTEXT."""
    tooltip: str = ""
    numeric: bool = False
    """Right-aligned, and sorted by `sort_key` rather than text."""
    width: int = 0
    """Preferred width in characters (0: fit the header)."""


class RowTableModel(QAbstractTableModel, Generic[T]):
    COLUMNS: Sequence[Column] = ()
    CONTEXT = "Table"

    def __init__(self, rows: Iterable[T] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._cells: list[tuple[str, ...]] = []
        self._search: list[str] = []
        if rows:
            self.set_rows(rows)

    # --- what subclasses provide -----------------------------------------------------------
    def cells(self, row: T) -> tuple[str, ...]:
        raise NotImplementedError

    def sort_key(self, row: T, column: int) -> Any:
        """Key for numeric columns (text columns sort by their display string)."""
        return self.cells(row)[column]

    def role_data(self, row: T, column: int, role: int) -> Any:
        """Tooltips, colours or icons per cell; None for the default."""
        return None

    # --- loading ----------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[T]) -> None:
        with gc_paused():  # 100,000 rows of tuples and strings: no cycles to collect
            self._set_rows(rows)

    def _set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        cells = self.cells
        self._cells = [cells(r) for r in self._rows]
        join = "\t".join
        self._search = [join(c).lower() for c in self._cells]
        self.endResetModel()

    def append_rows(self, rows: Iterable[T]) -> None:
        new = list(rows)
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        new_cells = [self.cells(r) for r in new]
        self._cells.extend(new_cells)
        self._search.extend("\t".join(c).lower() for c in new_cells)
        self.endInsertRows()

    def replace_row(self, position: int, row: T) -> None:
        self._rows[position] = row
        self._cells[position] = self.cells(row)
        self._search[position] = "\t".join(self._cells[position]).lower()
        last = len(self.COLUMNS) - 1
        self.dataChanged.emit(self.index(position, 0), self.index(position, last))

    # --- access -----------------------------------------------------------------------------
    @property
    def rows(self) -> list[T]:
        return self._rows

    def row(self, position: int) -> T:
        return self._rows[position]

    def cell(self, position: int, column: int) -> str:
        return self._cells[position][column]

    def search_texts(self) -> list[str]:
        return self._search

    def sort_keys(self, column: int) -> list[Any]:
        if self.COLUMNS[column].numeric:
            return [self.sort_key(r, column) for r in self._rows]
        return [c[column].casefold() for c in self._cells]

    # --- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.value(index.row(), index.column(), role)

    def value(self, position: int, column: int, role: int) -> Any:
        """data() by source row and column (the proxy calls this directly)."""
        role = int(role)
        if role == DISPLAY:
            return self._cells[position][column]
        if role in _DECORATION_ROLES:
            return self.role_data(self._rows[position], column, role)
        if role == ALIGNMENT:
            return _RIGHT if self.COLUMNS[column].numeric else None
        if role == _ROW:
            return self._rows[position]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.CONTEXT, column.title)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return QCoreApplication.translate(self.CONTEXT, column.tooltip)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS
