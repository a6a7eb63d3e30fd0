"""A table with a filter box and a row count: the one table widget every view uses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.i18n import counted, english_plural
from migrator.gui.tables.model import RowTableModel
from migrator.gui.tables.proxy import RowFilterProxy


class FilterTable(QWidget):
    """Filter box (Ctrl+F), a sortable table, and 'N of M rows'."""

    current_changed = Signal(object)
    """The row object under the cursor (or None)."""
    activated = Signal(object)
    """Enter or double-click on a row."""

    def __init__(
        self,
        model: RowTableModel[Any],
        *,
        placeholder: str = "",
        name: str = "table",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(model)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName(f"{name}-filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(placeholder or self.tr("Filter (all words must match)"))
        self.filter_edit.setToolTip(
            self.tr("Type to show only rows containing every word (Ctrl+F). Esc clears.")
        )
        self.filter_edit.setAccessibleName(self.tr("Filter"))
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)

        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"{name}-count")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.view = QTableView(self)
        self.view.setObjectName(name)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        self._size_columns()

        self.proxy.filtered.connect(self._update_count)
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.view.activated.connect(self._activated)
        self.setFocusProxy(self.view)

        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_filter)
        self.filter_edit.installEventFilter(self)

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.setTabOrder(self.filter_edit, self.view)
        self._update_count(self.proxy.rowCount(), model.rowCount())

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        header = self.view.horizontalHeader()
        for number, column in enumerate(self.model.COLUMNS):
            title = str(self.model.headerData(number, Qt.Orientation.Horizontal))
            chars = max(column.width, len(title) + 3)
            header.resizeSection(number, metrics.horizontalAdvance("0") * chars + 24)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and self.filter_edit.text():
                self.filter_edit.clear()
                return True
            if event.key() == Qt.Key.Key_Down:
                self.view.setFocus()
                if self.proxy.rowCount() and not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def set_filter(self, text: str) -> None:
        self.filter_edit.setText(text)

    def _update_count(self, shown: int, total: int) -> None:
        if shown == total:
            text = counted(self.tr("%1 row(s)", "", total), total)
        else:
            text = (
                english_plural(self.tr("%1 of %2 row(s)", "", total), total)
                .replace("%1", f"{shown:,}")
                .replace("%2", f"{total:,}")
            )
        self.count_label.setText(text)

    def current_object(self) -> Any:
        index = self.view.currentIndex()
        return self.proxy.row_object(index.row()) if index.isValid() else None

    def selected_objects(self) -> list[Any]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.proxy.row_object(r) for r in rows]

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.current_changed.emit(
            self.proxy.row_object(current.row()) if current.isValid() else None
        )

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.proxy.row_object(index.row()))
