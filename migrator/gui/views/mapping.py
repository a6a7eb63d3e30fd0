"""What every item becomes on the target, and the admin's decisions about numbers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from migrator.errors import MigratorError
from migrator.gui.errors import error_box
from migrator.gui.tables.assessment import ItemMappingModel, NumberMappingModel
from migrator.gui.tables.view import FilterTable
from migrator.gui.views.bulk_rules import BulkRulesEditor, rule_text
from migrator.gui.views.strategies import STRATEGY_HELP, strategy_combo, strategy_counts_text
from migrator.model.enums import Capability
from migrator.model.inventory import Inventory, Number
from migrator.model.mapping import Decisions, Mapping, NumberMapping, Strategy
from migrator.model.public_key import fingerprint, parse_public_key
from migrator.services.decision_changes import DecisionChanges
from migrator.services.number_groups import NumberGroups, decided_by_counts
from migrator.services.replacement_gaps import core_gaps
from migrator.vendors.capabilities import CAPABILITIES

__all__ = ["STRATEGY_HELP", "DecidedNumbersModel", "MappingPanel", "strategy_combo"]


def capability_names(capabilities: frozenset[Capability]) -> str:
    """'voice, SMS': capabilities as the admin reads them, in a fixed order."""
    names = {
        Capability.VOICE: QCoreApplication.translate("MappingPanel", "voice"),
        Capability.SMS: QCoreApplication.translate("MappingPanel", "SMS"),
        Capability.MMS: QCoreApplication.translate("MappingPanel", "MMS"),
        Capability.FAX: QCoreApplication.translate("MappingPanel", "fax"),
    }
    return ", ".join(names[c] for c in Capability if c in capabilities)


class DecidedNumbersModel(NumberMappingModel):
    """The numbers table, whose strategy cells say which decision won and why: an override
    wins over every rule (and names the rule it overrode), a later rule over earlier ones."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.decisions = Decisions()
        self.groups: NumberGroups | None = None

    def set_mapping(self, mapping: Mapping | None) -> None:
        self.decisions = mapping.decisions if mapping else Decisions()
        super().set_mapping(mapping)

    def role_data(self, row: NumberMapping, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            return self.why(row)
        return super().role_data(row, column, role)

    def why(self, row: NumberMapping) -> str:
        text = self.strategy_why(row)
        accepted = self.decisions.accepted(row.e164)
        if accepted and row.strategy is Strategy.REPLACE:
            text += "\n" + QCoreApplication.translate(
                "DecidedNumbersModel",
                "Replaced even without %1: you accepted that its replacement may lack it.",
            ).replace("%1", capability_names(accepted))
        return text

    def strategy_why(self, row: NumberMapping) -> str:
        rules = self.decisions.rules
        names = self.groups.app_names if self.groups else {}
        if row.decided_by == "override":
            text = QCoreApplication.translate(
                "DecidedNumbersModel",
                "Override: set for this number; it wins over the default and every bulk rule.",
            )
            matching = self.groups.matching(row.e164, rules) if self.groups else []
            if matching:
                last = matching[-1]
                text += "\n" + QCoreApplication.translate(
                    "DecidedNumbersModel", "Without it: %1"
                ).replace("%1", rule_text(last + 1, rules[last], names))
            return text
        if row.decided_by.startswith("rule "):
            position = int(row.decided_by.split()[1])
            if 0 < position <= len(rules):
                rule = rules[position - 1]
                return (
                    rule_text(position, rule, names)
                    + "\n"
                    + QCoreApplication.translate(
                        "DecidedNumbersModel",
                        "A later rule or an override set for this number would win over it.",
                    )
                )
        if row.decided_by == "default":
            return QCoreApplication.translate(
                "DecidedNumbersModel",
                "The default strategy for every number; bulk rules and overrides win over it.",
            )
        return QCoreApplication.translate(
            "DecidedNumbersModel", "Recommended for this number: %1"
        ).replace("%1", row.why)


class MappingPanel(QWidget):
    """Numbers (with per-number overrides), bulk rules, and other items (folded or by hand)."""

    decisions_requested = Signal(object)
    """New Decisions the admin asked for (the owner stores them and re-plans)."""
    plan_requested = Signal(object)
    """Build the plan with this default strategy for every number (a str, or None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping: Mapping | None = None
        self.busy = False
        self.summary = QLabel(self)
        self.summary.setObjectName("mapping-summary")
        self.summary.setWordWrap(True)
        self.numbers_model = DecidedNumbersModel()
        self.numbers = FilterTable(self.numbers_model, name="mapping-numbers")
        self.rules = BulkRulesEditor(self)
        self.rules.rules_requested.connect(self._save_rules)
        self.rules.groups_ready.connect(self._grouped)
        self.items = FilterTable(ItemMappingModel(), name="mapping-items")
        self.override_combo = strategy_combo(self)
        self.override_combo.setObjectName("override-strategy")
        self.override_button = QPushButton(self.tr("Set for &selected numbers"), self)
        self.override_button.setObjectName("override-apply")
        self.override_button.setToolTip(
            self.tr("Override the strategy of the selected numbers, then assess and plan again")
        )
        self.override_button.clicked.connect(self._override_selected)
        clear_tip = self.tr(
            "Remove the strategy set for each selected number, so the default and the bulk "
            "rules decide it again; then assess and plan again"
        )
        self.clear_override_button = QPushButton(self.tr("Clear &override"), self)
        self.clear_override_button.setObjectName("override-clear")
        self.clear_override_button.setToolTip(clear_tip)
        self.clear_override_button.clicked.connect(self.clear_selected_overrides)
        self.clear_override_action = QAction(self.tr("Clear override"), self.numbers.view)
        self.clear_override_action.setObjectName("override-clear-action")
        self.clear_override_action.setToolTip(clear_tip)
        self.clear_override_action.triggered.connect(self.clear_selected_overrides)
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("accept-missing")
        self.accept_button.clicked.connect(self.accept_selected_missing)
        self.accept_action = QAction(self.numbers.view)
        self.accept_action.setObjectName("accept-missing-action")
        self.accept_action.triggered.connect(self.accept_selected_missing)
        unaccept_tip = self.tr(
            "Withdraw the acceptance of missing capabilities for each selected number: a "
            "replacement lacking voice or SMS is blocked again; then assess and plan again"
        )
        self.unaccept_button = QPushButton(self.tr("Require &every capability"), self)
        self.unaccept_button.setObjectName("unaccept-missing")
        self.unaccept_button.setToolTip(unaccept_tip)
        self.unaccept_button.clicked.connect(self.unaccept_selected)
        self.unaccept_action = QAction(self.tr("Require every capability"), self.numbers.view)
        self.unaccept_action.setObjectName("unaccept-missing-action")
        self.unaccept_action.setToolTip(unaccept_tip)
        self.unaccept_action.triggered.connect(self.unaccept_selected)
        self.source_numbers: dict[str, Number] = {}
        """The source inventory's numbers by E.164 (what their replacements would lack)."""
        self.numbers.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.numbers.view.addAction(self.clear_override_action)
        self.numbers.view.addAction(self.accept_action)
        self.numbers.view.addAction(self.unaccept_action)
        self.numbers.view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_clear_override()
        )
        self.numbers.view.selectionModel().currentChanged.connect(
            lambda *_: self._update_clear_override()
        )
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
        self.key_button = QPushButton(self.tr("Public &key for new applications…"), self)
        self.key_button.setObjectName("public-key-button")
        self.key_button.setToolTip(
            self.tr(
                "Give the PEM public key of the key pair your servers already use: every "
                "application the plan creates gets it, so your private key signs for them. "
                "Never choose a private key."
            )
        )
        self.key_button.clicked.connect(lambda: self.choose_public_key())
        self.key_label = QLabel(self)
        self.key_label.setObjectName("public-key-label")
        self.key_clear = QPushButton(self.tr("Clear key"), self)
        self.key_clear.setObjectName("public-key-clear")
        self.key_clear.setToolTip(
            self.tr("Let the target make a key pair for each new application instead")
        )
        self.key_clear.clicked.connect(self.clear_public_key)
        self.key_error: Any = None
        """The message box of the last refused key file (tests read it)."""
        tabs = QTabWidget(self)
        tabs.addTab(self.numbers, self.tr("Numbers"))
        tabs.addTab(self.rules, self.tr("Bulk rules"))
        tabs.addTab(self.items, self.tr("Services, trunks and other items"))
        self.tabs = tabs
        top = QHBoxLayout()
        default_label = QLabel(self.tr("&Default strategy:"), self)
        default_label.setBuddy(self.default_combo)
        top.addWidget(default_label)
        top.addWidget(self.default_combo)
        top.addWidget(self.plan_button)
        top.addStretch(1)
        top.addWidget(self.key_label)
        top.addWidget(self.key_button)
        top.addWidget(self.key_clear)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Strategy for the selected numbers:"), self))
        row.addWidget(self.override_combo)
        row.addWidget(self.override_button)
        row.addWidget(self.clear_override_button)
        row.addStretch(1)
        row.addWidget(self.accept_button)
        row.addWidget(self.unaccept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        layout.addLayout(row)
        self._update_clear_override()

    def show_inventory(self, inventory: Inventory | None) -> None:
        """The source inventory: the values bulk rules pick from and the numbers they count."""
        self.rules.set_inventory(inventory)
        self.source_numbers = {n.e164: n for n in inventory.numbers} if inventory else {}
        self._update_clear_override()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_clear_override()
        self.plan_button.setEnabled(not busy)
        self.override_button.setEnabled(not busy)
        self.key_button.setEnabled(not busy)
        self.key_clear.setEnabled(not busy)
        self.rules.set_busy(busy)

    def show_mapping(self, mapping: Mapping | None) -> None:
        self.mapping = mapping
        decided = decided_by_counts(mapping) if mapping else {}
        rules = mapping.decisions.rules if mapping else ()
        self.rules.show_saved(rules, decided, plannable=mapping is not None)
        default = mapping.decisions.default_strategy if mapping else None
        self.default_combo.setCurrentIndex(
            max(0, self.default_combo.findData(default.value if default else None))
        )
        self._show_key(mapping)
        if mapping is None:
            self.summary.setText(self.tr("No mapping yet."))
            self.numbers.model.set_mapping(None)  # type: ignore[attr-defined]
            self.items.model.set_rows([])
            self._update_clear_override()
            return
        counts = mapping.strategy_counts()
        manual = sum(1 for i in mapping.items if i.outcome == "manual")
        text = (
            self.tr("Numbers: %1. Applications on the target: %2.")
            .replace("%1", strategy_counts_text(counts) or self.tr("none"))
            .replace("%2", f"{sum(1 for a in mapping.applications if a.create):,}")
        )
        by_rules = sum(n for key, n in decided.items() if key.startswith("rule "))
        if by_rules:
            text += " " + self.tr("Bulk rules decide %1 number(s).").replace("%1", f"{by_rules:,}")
        if decided.get("override"):
            text += " " + self.tr("Strategies set for single numbers: %1.").replace(
                "%1", f"{decided['override']:,}"
            )
        if mapping.decisions.accepted_missing:
            text += " " + self.tr(
                "Numbers whose replacement may lack a capability, as you accepted: %1."
            ).replace("%1", f"{len(mapping.decisions.accepted_missing):,}")
        if manual:
            text += " " + self.tr("%1 item(s) must be re-created by hand.").replace(
                "%1", str(manual)
            )
        self.summary.setText(text)
        self.numbers.model.set_mapping(mapping)  # type: ignore[attr-defined]
        self.items.model.set_rows(mapping.items)
        self._update_clear_override()

    def _show_key(self, mapping: Mapping | None) -> None:
        """The key controls, only for a target whose applications have key pairs."""
        caps = CAPABILITIES.get(mapping.target_vendor) if mapping else None
        wanted = bool(caps and caps.app_key_pairs)
        key = mapping.decisions.application_public_key if mapping else None
        for widget in (self.key_button, self.key_label):
            widget.setVisible(wanted)
        self.key_clear.setVisible(wanted and key is not None)
        if key:
            self.key_label.setText(
                self.tr("Public key for new applications: %1").replace("%1", fingerprint(key))
            )
        else:
            self.key_label.setText(self.tr("New applications get a key pair from the target"))

    def choose_public_key(self, path: str | None = None) -> None:
        """Ask for a PEM public key file (or take `path`), check it and store it in the
        decisions; a private key or anything else is refused and never stored."""
        if self.mapping is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Public key for new applications"),
                "",
                self.tr("PEM public keys (*.pem *.pub *.key);;All files (*)"),
            )
            if not path:
                return
        try:
            try:
                text = Path(path).read_text(encoding="ascii")
            except (OSError, UnicodeDecodeError):
                raise MigratorError(self.tr("Cannot read %1.").replace("%1", path)) from None
            key = parse_public_key(text)
        except MigratorError as error:
            self.key_error = error_box(self, self.tr("Public key not used"), error)
            self.key_error.setModal(True)
            self.key_error.open()
            return
        self.key_error = None
        self.decisions_requested.emit(replace(self.mapping.decisions, application_public_key=key))

    def clear_public_key(self) -> None:
        if self.mapping is not None:
            self.decisions_requested.emit(
                replace(self.mapping.decisions, application_public_key=None)
            )

    def _grouped(self, groups: NumberGroups) -> None:
        self.numbers_model.groups = groups

    def _save_rules(self, rules: tuple[Any, ...]) -> None:
        """The Bulk rules tab's list in place of the stored one, through DecisionChanges as
        `plan --drop-rule ... --rule ...` would do it (overrides and acceptances stay)."""
        if self.mapping is not None:
            stored = len(self.mapping.decisions.rules)
            changes = DecisionChanges(drop_rules=tuple(range(1, stored + 1)), rules=tuple(rules))
            self.decisions_requested.emit(changes.applied_to(self.mapping.decisions))

    def selected_numbers(self) -> list[NumberMapping]:
        """The selected rows of the numbers table, else the one under the cursor."""
        return self.numbers.selected_objects() or [
            o for o in [self.numbers.current_object()] if o is not None
        ]

    def overridden_selection(self) -> list[str]:
        """The selected numbers that have a strategy set for them alone (E.164)."""
        overrides = self.mapping.decisions.overrides if self.mapping else {}
        return [n.e164 for n in self.selected_numbers() if n.e164 in overrides]

    def blocked_selection(self) -> dict[str, frozenset[Capability]]:
        """The selected numbers whose replace is blocked because the target sells their
        replacement only without voice or SMS not yet accepted: E.164 -> those capabilities."""
        if self.mapping is None:
            return {}
        vendor, decisions = self.mapping.target_vendor, self.mapping.decisions
        blocked: dict[str, frozenset[Capability]] = {}
        for mapped in self.selected_numbers():
            number = self.source_numbers.get(mapped.e164)
            if number is None or mapped.strategy is not Strategy.REPLACE:
                continue
            missing = core_gaps(vendor, number) - decisions.accepted(mapped.e164)
            if missing:
                blocked[mapped.e164] = missing
        return blocked

    def accepted_selection(self) -> list[str]:
        """The selected numbers with capabilities accepted as missing (E.164)."""
        accepted = self.mapping.decisions.accepted_missing if self.mapping else {}
        return [n.e164 for n in self.selected_numbers() if n.e164 in accepted]

    def _update_clear_override(self) -> None:
        """Enable what the selection allows: clear override, accept or withdraw missing
        capabilities (the accept action names the capabilities it gives up)."""
        enabled = not self.busy and bool(self.overridden_selection())
        self.clear_override_button.setEnabled(enabled)
        self.clear_override_action.setEnabled(enabled)
        blocked = self.blocked_selection()
        lacking = frozenset().union(*blocked.values())
        if lacking:
            names = capability_names(lacking)
            button = self.tr("Replace &without %1").replace("%1", names)
            action = self.tr("Replace without %1").replace("%1", names)
        else:
            button = self.tr("Replace &without missing capabilities")
            action = self.tr("Replace without missing capabilities")
        tip = self.tr(
            "The target sells the replacement of each selected number only without a capability "
            "it has (voice or SMS), so its replace is blocked. Replace it anyway, without that "
            "capability (recorded as your decision); then assess and plan again"
        )
        for widget, text in ((self.accept_button, button), (self.accept_action, action)):
            widget.setText(text)
            widget.setToolTip(tip)
            widget.setEnabled(not self.busy and bool(blocked))
        withdraw = not self.busy and bool(self.accepted_selection())
        self.unaccept_button.setEnabled(withdraw)
        self.unaccept_action.setEnabled(withdraw)

    def _override_selected(self) -> None:
        if self.mapping is None:
            return
        selected = self.selected_numbers()
        if not selected:
            return
        strategy = Strategy(str(self.override_combo.currentData()))
        changes = DecisionChanges(overrides={number.e164: strategy for number in selected})
        self.decisions_requested.emit(changes.applied_to(self.mapping.decisions))

    def clear_selected_overrides(self) -> None:
        """Remove the overrides of the selected numbers (the others and every rule stay); the
        owner stores the decisions and plans again on a worker thread."""
        numbers = self.overridden_selection()
        if self.mapping is None or self.busy or not numbers:
            return
        changes = DecisionChanges(unset=tuple(numbers))
        self.decisions_requested.emit(changes.applied_to(self.mapping.decisions))

    def accept_selected_missing(self) -> None:
        """Accept, for each selected number whose replace is blocked for a missing voice or
        SMS, that its replacement lacks it; the owner stores the decisions and plans again on
        a worker thread (the replacement is then bought without it)."""
        blocked = self.blocked_selection()
        if self.mapping is None or self.busy or not blocked:
            return
        changes = DecisionChanges(accept_missing=blocked)
        self.decisions_requested.emit(changes.applied_to(self.mapping.decisions))

    def unaccept_selected(self) -> None:
        """Withdraw the selected numbers' accepted missing capabilities (planned again as
        above: a replacement lacking voice or SMS is blocked again)."""
        numbers = self.accepted_selection()
        if self.mapping is None or self.busy or not numbers:
            return
        changes = DecisionChanges(unaccept=tuple(numbers))
        self.decisions_requested.emit(changes.applied_to(self.mapping.decisions))

    def decisions_with_default(self, strategy: Strategy | None) -> Decisions:
        base = self.mapping.decisions if self.mapping else Decisions()
        return replace(base, default_strategy=strategy)
