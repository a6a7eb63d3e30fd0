"""The bulk rules editor: one strategy for many numbers, by country, type, tag or application.

The admin edits a draft (add, remove, move up or down, from the keyboard too: Delete and
Alt+Up/Down on the list) and sees at once how many numbers each rule matches; 'Save rules and
plan' hands the draft to the owner, which stores it with the other decisions and plans again on a
worker thread. A draft is never dropped unasked: a failed save keeps it, and before the migration
is closed or another one opened `ask_unsaved` lets the admin save, discard or stay.

The values offered and the counts come from services.number_groups, computed off the GUI thread
once per inventory; counting a rule is then one test per group of alike numbers, cheap enough to
do as the admin picks values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from migrator.gui.views.common import muted
from migrator.gui.views.strategies import strategy_combo, strategy_name
from migrator.gui.workers import TaskHandle, TaskRunner, bound
from migrator.model.enums import NumberType
from migrator.model.inventory import Inventory
from migrator.model.mapping import Strategy, StrategyRule
from migrator.progress import CancelToken, Progress
from migrator.services.number_groups import NumberGroups

Index = QModelIndex | QPersistentModelIndex


def conditions_text(rule: StrategyRule, app_names: dict[str, str] | None = None) -> str:
    """'country CA and type tollfree', translated; 'every number' when nothing is set."""
    parts = []
    if rule.country:
        parts.append(
            QCoreApplication.translate("BulkRules", "country %1").replace("%1", rule.country)
        )
    if rule.number_type:
        parts.append(
            QCoreApplication.translate("BulkRules", "type %1").replace("%1", rule.number_type.value)
        )
    if rule.tag:
        parts.append(QCoreApplication.translate("BulkRules", "tag %1").replace("%1", rule.tag))
    if rule.app:
        name = (app_names or {}).get(rule.app)
        shown = f"{name} ({rule.app})" if name else rule.app
        parts.append(QCoreApplication.translate("BulkRules", "app %1").replace("%1", shown))
    joiner = QCoreApplication.translate("BulkRules", " and ")
    return joiner.join(parts) or QCoreApplication.translate("BulkRules", "every number")


def rule_text(position: int, rule: StrategyRule, app_names: dict[str, str] | None = None) -> str:
    """'rule 2: country CA -> replace' (position is 1-based, as in the mapping's decided_by)."""
    return (
        QCoreApplication.translate("BulkRules", "rule %1: %2 → %3")
        .replace("%1", str(position))
        .replace("%2", conditions_text(rule, app_names))
        .replace("%3", rule.strategy.value)
    )


class RuleListModel(QAbstractTableModel):
    """The draft rules, in order, with how many numbers each matches and decides."""

    HEADERS = (
        (
            QT_TRANSLATE_NOOP("RuleListModel", "#"),
            QT_TRANSLATE_NOOP(
                "RuleListModel", "Rules apply from top to bottom; a later match wins"
            ),
        ),
        (
            QT_TRANSLATE_NOOP("RuleListModel", "Numbers"),
            QT_TRANSLATE_NOOP(
                "RuleListModel", "The numbers the rule is for: every condition must hold"
            ),
        ),
        (
            QT_TRANSLATE_NOOP("RuleListModel", "Strategy"),
            QT_TRANSLATE_NOOP("RuleListModel", "What those numbers get"),
        ),
        (
            QT_TRANSLATE_NOOP("RuleListModel", "Matches"),
            QT_TRANSLATE_NOOP("RuleListModel", "Numbers matching every condition of the rule"),
        ),
        (
            QT_TRANSLATE_NOOP("RuleListModel", "Decides"),
            QT_TRANSLATE_NOOP(
                "RuleListModel",
                "Numbers that get their strategy from this rule in the saved plan: later rules "
                "and per-number overrides take the rest",
            ),
        ),
    )
    NUMERIC = (0, 3, 4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rules: list[StrategyRule] = []
        self.matches: list[int | None] = []
        self.decides: list[int | None] = []
        self.app_names: dict[str, str] = {}

    def set_rules(
        self,
        rules: Sequence[StrategyRule],
        matches: Sequence[int | None],
        decides: Sequence[int | None],
        app_names: dict[str, str],
    ) -> None:
        self.beginResetModel()
        self.rules = list(rules)
        self.matches = list(matches)
        self.decides = list(decides)
        self.app_names = app_names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rules)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        rule = self.rules[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                rule_text(row + 1, rule, self.app_names)
                + "\n"
                + self.tr("Later rules and strategies set for single numbers win over it.")
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return rule
        return None

    def _cell(self, row: int, column: int) -> str:
        rule = self.rules[row]
        if column == 0:
            return str(row + 1)
        if column == 1:
            return conditions_text(rule, self.app_names)
        if column == 2:
            return strategy_name(rule.strategy)
        count = self.matches[row] if column == 3 else self.decides[row]
        return "–" if count is None else f"{count:,}"

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        title, tip = self.HEADERS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RuleListModel", title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("RuleListModel", tip)
        return None


class BulkRulesEditor(QWidget):
    """A list of strategy rules with add / remove / move, live counts, and save."""

    rules_requested = Signal(object)
    """The draft rules (a tuple of StrategyRule) to store and plan with."""
    groups_ready = Signal(object)
    """The NumberGroups of the inventory shown, once computed."""

    def __init__(self, parent: QWidget | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner()
        self.groups: NumberGroups | None = None
        self.task: TaskHandle | None = None
        self._inventory: Inventory | None = None
        self.saved: tuple[StrategyRule, ...] = ()
        self.rules: list[StrategyRule] = []
        self.decided: dict[str, int] = {}
        self.plannable = False
        self.busy = False

        intro = muted(
            self.tr(
                "Give many numbers one strategy at once. Rules apply from top to bottom and a "
                "later match wins; a strategy set for a single number (on the Numbers tab) wins "
                "over every rule."
            ),
            self,
        )
        self.model = RuleListModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("bulk-rules")
        self.view.setAccessibleName(self.tr("Bulk rules"))
        self.view.setAccessibleDescription(
            self.tr(
                "Rules apply from top to bottom and a later match wins. Delete removes the "
                "selected rule, Alt+Up and Alt+Down move it."
            )
        )
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        # Mnemonics: the mapping page's other controls and the menu bar hold a d e i k o p s w
        # and f h v (English), a b d f h k o p s z (German); moving has Alt+Up/Down instead.
        self.remove_button = self._button(self.tr("Re&move"), "rule-remove", self.remove_current)
        self.up_button = self._button(self.tr("Move up"), "rule-up", lambda: self.move(-1))
        self.down_button = self._button(self.tr("Move down"), "rule-down", lambda: self.move(1))
        self.remove_action = self._view_action(
            self.tr("Remove rule"), "rule-remove-action", QKeySequence.StandardKey.Delete
        )
        self.remove_action.triggered.connect(self.remove_current)
        self.up_action = self._view_action(self.tr("Move up"), "rule-up-action", "Alt+Up")
        self.up_action.triggered.connect(lambda: self.move(-1))
        self.down_action = self._view_action(self.tr("Move down"), "rule-down-action", "Alt+Down")
        self.down_action.triggered.connect(lambda: self.move(1))
        for button, action, tip in (
            (self.remove_button, self.remove_action, self.tr("Remove the selected rule (%1)")),
            (
                self.up_button,
                self.up_action,
                self.tr("Move the selected rule up: later rules win over it (%1)"),
            ),
            (
                self.down_button,
                self.down_action,
                self.tr("Move the selected rule down: it wins over the rules above it (%1)"),
            ),
        ):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(tip.replace("%1", keys))
            action.setToolTip(tip.replace("%1", keys))
        self.revert_button = self._button(self.tr("&Revert"), "rules-revert", self.revert)
        self.revert_button.setToolTip(self.tr("Back to the rules saved in the migration file"))
        self.save_button = self._button(
            self.tr("Save rules and pla&n"), "rules-save", self.request_save
        )
        self.save_action = QAction(self.tr("Save rules and plan"), self)
        self.save_action.setObjectName("rules-save-action")
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.request_save)
        self.addAction(self.save_action)
        self.save_button.setToolTip(
            self.tr(
                "Store these rules in the migration file, then assess and plan again (%1)"
            ).replace(
                "%1", self.save_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.leave_box: QMessageBox | None = None
        """The last 'unsaved rules' question (tests read it)."""
        self.state_label = QLabel(self)
        self.state_label.setObjectName("rules-state")

        self.country_combo = self._combo(
            "rule-country", self.tr("Country of the number"), self.tr("Country of the new rule")
        )
        self.type_combo = self._combo(
            "rule-type", self.tr("Local, mobile, toll-free…"), self.tr("Type of the new rule")
        )
        self.tag_combo = self._combo(
            "rule-tag", self.tr("A tag the number carries"), self.tr("Tag of the new rule")
        )
        self.app_combo = self._combo(
            "rule-app",
            self.tr("The source application that answers its calls or messages"),
            self.tr("Application of the new rule"),
        )
        self.strategy_combo = strategy_combo(self)
        self.strategy_combo.setObjectName("rule-strategy")
        self.strategy_combo.setAccessibleName(self.tr("Strategy of the new rule"))
        self.strategy_combo.setToolTip(self.tr("What the numbers the rule is for get"))
        self.match_label = QLabel(self)
        self.match_label.setObjectName("rule-matches")
        self.match_label.setAccessibleDescription(self.tr("Numbers the new rule matches"))
        self.add_button = self._button(self.tr("Add r&ule"), "rule-add", self.add_draft)
        self.add_button.setToolTip(self.tr("Add the rule at the end of the list (it wins ties)"))

        new_rule = QGroupBox(self.tr("New rule"), self)
        grid = QGridLayout(new_rule)
        for column, (text, widget) in enumerate(
            (
                (self.tr("&Country"), self.country_combo),
                (self.tr("T&ype"), self.type_combo),
                (self.tr("Ta&g"), self.tag_combo),
                (self.tr("App&lication"), self.app_combo),
                (self.tr("→ S&trategy"), self.strategy_combo),
            )
        ):
            label = QLabel(text, new_rule)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.match_label, 1, 5)
        grid.addWidget(self.add_button, 1, 6)
        grid.setColumnStretch(7, 1)

        buttons = QHBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(new_rule)
        self._fill_choices()
        self._refresh()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _view_action(self, text: str, name: str, keys: Any) -> QAction:
        """An action on the rule list: its shortcut works while the list has the focus (so
        Alt+Down still opens a combo box), and it is in the list's context menu."""
        action = QAction(text, self.view)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(action)
        return action

    def _combo(self, name: str, tip: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setToolTip(tip)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _i: self._update_draft_count())
        return combo

    # --- what the owner tells the editor ---------------------------------------------------
    def set_inventory(self, inventory: Inventory | None) -> TaskHandle | None:
        """Offer this inventory's values and count its numbers (grouped on a worker)."""
        if inventory is self._inventory:
            return None
        self._inventory = inventory
        self.groups = None
        self._fill_choices()
        self._refresh()
        if inventory is None:
            return None

        def work(progress: Progress, cancel: CancelToken) -> NumberGroups:
            return NumberGroups.of(inventory)

        self.task = self.runner.start("rule-values", work)
        self.task.succeeded.connect(bound(self, lambda groups: self._grouped(inventory, groups)))
        return self.task

    def show_saved(
        self, rules: Sequence[StrategyRule], decided: dict[str, int], plannable: bool
    ) -> None:
        """The rules stored in the migration file and how many numbers each decided there.
        A draft with unsaved changes is kept."""
        keep_draft = self.dirty
        self.saved = tuple(rules)
        self.decided = decided
        self.plannable = plannable
        if not keep_draft:
            self.rules = list(self.saved)
        self._refresh()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    # --- facts ------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return tuple(self.rules) != self.saved

    @property
    def can_save(self) -> bool:
        """Unsaved changes, a mapping to store them in, and no other work running."""
        return self.dirty and self.plannable and not self.busy

    @property
    def app_names(self) -> dict[str, str]:
        return self.groups.app_names if self.groups else {}

    def draft_rule(self) -> StrategyRule:
        kind = self.type_combo.currentData()
        return StrategyRule(
            Strategy(str(self.strategy_combo.currentData())),
            country=self.country_combo.currentData(),
            number_type=NumberType(kind) if kind else None,
            tag=self.tag_combo.currentData(),
            app=self.app_combo.currentData(),
        )

    def current_row(self) -> int:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    # --- editing ----------------------------------------------------------------------------
    def add_draft(self) -> None:
        rule = self.draft_rule()
        if rule not in self.rules:
            self.rules.append(rule)
            self._refresh()
        self.select(self.rules.index(rule))

    def add_rule(self, rule: StrategyRule) -> None:
        """Append a rule (as if picked in the 'New rule' row)."""
        self.rules.append(rule)
        self._refresh()
        self.select(len(self.rules) - 1)

    def remove_current(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        del self.rules[row]
        self._refresh()
        if self.rules:
            self.select(min(row, len(self.rules) - 1))

    def move(self, step: int) -> None:
        row = self.current_row()
        other = row + step
        if row < 0 or not 0 <= other < len(self.rules):
            return
        self.rules[row], self.rules[other] = self.rules[other], self.rules[row]
        self._refresh()
        self.select(other)

    def revert(self) -> None:
        self.rules = list(self.saved)
        self._refresh()

    def request_save(self) -> None:
        if self.can_save:
            self.rules_requested.emit(tuple(self.rules))

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Before the migration goes away: Save, Discard or Cancel for unsaved rules (Save only
        when they can be saved now); Discard at once when nothing is unsaved."""
        if not self.dirty:
            return QMessageBox.StandardButton.Discard
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved bulk rules"))
        box.setText(
            self.tr("The bulk rules have changes that are not saved in the migration file.")
        )
        buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        if self.can_save:
            box.setInformativeText(self.tr("Save them and plan again, or discard them?"))
            buttons |= QMessageBox.StandardButton.Save
        elif not self.plannable:
            box.setInformativeText(
                self.tr("They cannot be saved before the first plan. Discard them?")
            )
        else:
            box.setInformativeText(
                self.tr("They cannot be saved while other work runs. Discard them?")
            )
        box.setStandardButtons(buttons)
        default = (
            QMessageBox.StandardButton.Save if self.can_save else QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(default)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        self.leave_box = box
        answer = QMessageBox.StandardButton(box.exec())
        if answer not in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard):
            return QMessageBox.StandardButton.Cancel
        return answer

    def select(self, row: int) -> None:
        self.view.selectRow(row)
        self._update_buttons()

    # --- showing ----------------------------------------------------------------------------
    def _grouped(self, inventory: Inventory, groups: NumberGroups) -> None:
        if inventory is not self._inventory:
            return  # another inventory came in meanwhile
        self.groups = groups
        self._fill_choices()
        self._refresh()
        self.groups_ready.emit(groups)

    def _fill_choices(self) -> None:
        groups = self.groups
        choices: list[tuple[QComboBox, str, list[tuple[str, str, str]]]] = [
            (
                self.country_combo,
                self.tr("Any country"),
                [(c, f"{c} ({n:,})", c) for c, n in (groups.countries if groups else {}).items()],
            ),
            (
                self.type_combo,
                self.tr("Any type"),
                [
                    (t.value, f"{t.value} ({n:,})", t.value)
                    for t, n in (groups.types if groups else {}).items()
                ],
            ),
            (
                self.tag_combo,
                self.tr("Any tag"),
                [(t, f"{t} ({n:,})", t) for t, n in (groups.tags if groups else {}).items()],
            ),
            (
                self.app_combo,
                self.tr("Any application"),
                [
                    (a, f"{self.app_names.get(a, a)} ({n:,})", a)
                    for a, n in (groups.apps if groups else {}).items()
                ],
            ),
        ]
        for combo, anything, values in choices:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for value, text, tip in values:
                combo.addItem(text, value)
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            combo.setEnabled(bool(values))
            combo.blockSignals(False)
        self._update_draft_count()

    def _refresh(self) -> None:
        groups = self.groups
        matches: list[int | None] = (
            list(groups.counts(self.rules)) if groups else [None] * len(self.rules)
        )
        if self.dirty:
            decides: list[int | None] = [None] * len(self.rules)
        else:
            decides = [self.decided.get(f"rule {i}", 0) for i in range(1, len(self.rules) + 1)]
        self.model.set_rules(self.rules, matches, decides, self.app_names)
        if self.dirty:
            self.state_label.setText(self.tr("Not saved yet"))
        elif not self.plannable:
            self.state_label.setText(self.tr("Assess and plan once to save rules"))
        else:
            self.state_label.setText("")
        self._update_buttons()

    def _update_draft_count(self) -> None:
        if self.groups is None:
            text = self.tr("counting…") if self._inventory is not None else ""
        else:
            text = self.tr("matches %Ln number(s)", "", self.groups.count(self.draft_rule()))
        self.match_label.setText(text)

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.rules) - 1)
        self.remove_action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < len(self.rules) - 1)
        self.revert_button.setEnabled(self.dirty)
        self.save_button.setEnabled(self.can_save)
        self.save_action.setEnabled(self.can_save)
