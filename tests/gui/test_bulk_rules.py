"""The bulk rules editor on the mapping view: pick values from the inventory, see how many
numbers a rule matches, save it and see the plan change, reorder, remove; overrides still win
and say so. Everything runs over a real migration file; planning runs on worker threads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from migrator.gui.session import MigrationSession
from migrator.gui.views.bulk_rules import BulkRulesEditor
from migrator.gui.workers import TaskRunner
from migrator.model.enums import NumberType
from migrator.model.inventory import Inventory
from migrator.model.mapping import Strategy, StrategyRule
from tests.gui import factories

pytestmark = pytest.mark.gui
WAIT = 30_000
COUNT = 30
CANADA = 5  # factories.inventory: every 7th number is CA
VIP = 3


def _inventory() -> Inventory:
    inventory = factories.inventory(COUNT, apps=3)
    numbers = tuple(
        replace(n, tags=frozenset({"vip"})) if 1 <= i <= VIP else n
        for i, n in enumerate(inventory.numbers)
    )
    return replace(inventory, numbers=numbers)


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[MigrationSession]:
    path = factories.migration_file(tmp_path, _inventory())
    opened = factories.open_session(qtbot, path)
    yield opened
    opened.close()


def _settle(qtbot, session: MigrationSession, editor: BulkRulesEditor) -> None:
    """The session's work done and the editor told so (its busy flag comes a signal later)."""
    factories.settle(qtbot, session)
    qtbot.waitUntil(lambda: not editor.busy, timeout=WAIT)


def _pick(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def _cells(editor: BulkRulesEditor, column: int) -> list[str]:
    model = editor.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_add_a_rule_see_its_count_and_the_plan_change_then_remove_it(qtbot, session) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    panel = workspace.mapping
    editor = panel.rules
    _settle(qtbot, session, editor)
    qtbot.waitUntil(lambda: editor.groups is not None, timeout=WAIT)
    assert panel.tabs.tabText(panel.tabs.indexOf(editor)) == "Bulk rules"
    assert session.data.mapping.strategy_counts() == {"replace": COUNT}

    # the choices come from the inventory, with their counts
    assert editor.country_combo.itemText(editor.country_combo.findData("CA")) == f"CA ({CANADA})"
    assert editor.tag_combo.findData("vip") > 0 and editor.app_combo.count() == 4
    _pick(editor.country_combo, "CA")
    _pick(editor.strategy_combo, "keep")
    assert editor.match_label.text() == f"matches {CANADA} number(s)"
    _pick(editor.type_combo, "tollfree")  # CA and toll-free: only number 0
    assert editor.match_label.text() == "matches 1 number(s)"
    _pick(editor.type_combo, None)
    editor.add_button.click()
    assert editor.dirty and _cells(editor, 1) == ["country CA"]
    assert _cells(editor, 3) == [str(CANADA)] and _cells(editor, 4) == ["–"]
    assert editor.save_button.isEnabled() and editor.state_label.text() == "Not saved yet"

    editor.save_button.click()
    _settle(qtbot, session, editor)
    mapping = session.data.mapping
    assert mapping.decisions.rules == (StrategyRule(Strategy.KEEP, country="CA"),)
    assert mapping.strategy_counts() == {"replace": COUNT - CANADA, "keep": CANADA}
    assert mapping.decisions.default_strategy is Strategy.REPLACE  # kept
    assert not editor.dirty and _cells(editor, 4) == [str(CANADA)]
    assert f"Bulk rules decide {CANADA} number(s)." in panel.summary.text()
    # the numbers table says which rule decided
    canadian = next(n for n in mapping.numbers if n.decided_by == "rule 1")
    model = panel.numbers_model
    row = model.rows.index(canadian)
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("rule 1: country CA → keep")

    # an override on that number wins, and its tooltip names the rule it overrode
    panel.numbers.view.selectRow(panel.numbers.proxy.position_of(row))
    _pick(panel.override_combo, "port")
    panel.override_button.click()
    _settle(qtbot, session, editor)
    assert session.data.mapping.number(canadian.e164).strategy is Strategy.PORT
    model = panel.numbers_model
    row = next(i for i, n in enumerate(model.rows) if n.e164 == canadian.e164)
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Override:") and "Without it: rule 1: country CA → keep" in tip
    assert _cells(editor, 4) == [str(CANADA - 1)]

    # remove the rule: the plan goes back to the default, the override stays
    editor.select(0)
    editor.remove_button.click()
    assert editor.model.rowCount() == 0 and editor.dirty
    editor.save_button.click()
    _settle(qtbot, session, editor)
    mapping = session.data.mapping
    assert mapping.decisions.rules == ()
    assert mapping.strategy_counts() == {"port": 1, "replace": COUNT - 1}
    assert session.data.plan.options["strategies"] == {"port": 1, "replace": COUNT - 1}


def test_order_matters_later_rules_win_and_revert_restores(qtbot) -> None:
    inventory = _inventory()
    editor = BulkRulesEditor(runner=TaskRunner())
    qtbot.addWidget(editor)
    assert not editor.save_button.isEnabled()  # nothing planned yet: nowhere to save
    editor.show_saved((), {}, plannable=True)
    handle = editor.set_inventory(inventory)
    assert handle is not None and editor.match_label.text() == "counting…"
    qtbot.waitUntil(lambda: editor.groups is not None, timeout=WAIT)
    assert editor.set_inventory(inventory) is None  # same inventory: counted once

    us = StrategyRule(Strategy.PORT, country="US")
    vip = StrategyRule(Strategy.RELEASE, tag="vip")
    editor.add_rule(us)
    editor.add_rule(vip)
    assert _cells(editor, 3) == [str(COUNT - CANADA), str(VIP)]
    assert editor.current_row() == 1 and not editor.down_button.isEnabled()
    editor.up_button.click()
    assert editor.rules == [vip, us] and editor.current_row() == 0
    assert _cells(editor, 0) == ["1", "2"] and not editor.up_button.isEnabled()

    saved: list[tuple[StrategyRule, ...]] = []
    editor.rules_requested.connect(saved.append)
    editor.save_button.click()
    assert saved == [(vip, us)]
    # the owner stores them; what the mapping decided comes back (vip numbers are US: the
    # later US rule takes them all)
    editor.show_saved((vip, us), {"rule 2": COUNT - CANADA}, plannable=True)
    assert not editor.dirty and _cells(editor, 4) == ["0", str(COUNT - CANADA)]

    editor.add_rule(StrategyRule(Strategy.KEEP, number_type=NumberType.TOLLFREE))
    editor.show_saved((vip, us), {"rule 2": COUNT - CANADA}, plannable=True)  # a re-plan
    assert editor.dirty and len(editor.rules) == 3, "an unsaved draft survives a refresh"
    editor.revert_button.click()
    assert editor.rules == [vip, us] and not editor.revert_button.isEnabled()
    editor.set_busy(True)
    editor.add_rule(us)
    assert not editor.save_button.isEnabled()
    editor.set_busy(False)
    assert editor.save_button.isEnabled()
