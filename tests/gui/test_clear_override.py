"""'Clear override' on the mapping view's numbers table: enabled only for a selection holding
overridden numbers, offered as a button and in the table's context menu; it removes just those
numbers' overrides, so the bulk rule decides them again, and keeps every other override and
rule. Everything runs over a real migration file; planning runs on worker threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from migrator.gui.session import MigrationSession
from migrator.gui.views.mapping import MappingPanel
from migrator.gui.workspace import Workspace
from migrator.model.mapping import NumberMapping, Strategy, StrategyRule
from migrator.services.planning import load_mapping, load_plan
from tests.gui import factories

pytestmark = pytest.mark.gui
WAIT = 30_000
COUNT = 30
CANADA = 5  # factories.inventory: every 7th number is CA
CA_KEEP = StrategyRule(Strategy.KEEP, country="CA")


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[MigrationSession]:
    path = factories.migration_file(tmp_path, factories.inventory(COUNT, apps=3))
    opened = factories.open_session(qtbot, path)
    yield opened
    opened.close()


def _override(qtbot, session, panel: MappingPanel, numbers: list[str], strategy: str) -> None:
    factories.select_numbers(panel, numbers)
    panel.override_combo.setCurrentIndex(panel.override_combo.findData(strategy))
    panel.override_button.click()
    factories.settle(qtbot, session)


def _stored(session: MigrationSession):  # type: ignore[no-untyped-def]
    """The mapping and plan as saved in the migration file."""
    mapping, plan = load_mapping(session.file), load_plan(session.file)
    assert mapping is not None and plan is not None
    return mapping, plan


@pytest.fixture
def overridden(qtbot, session) -> tuple[Workspace, list[NumberMapping]]:
    """Planned with a default (replace), one rule (CA -> keep), and three overrides: two
    Canadian numbers -> port, one US number -> release."""
    workspace = factories.planned_workspace(qtbot, session)
    panel = workspace.mapping
    panel.rules.add_rule(CA_KEEP)
    panel.rules.save_button.click()
    factories.settle(qtbot, session)
    mapping = session.data.mapping
    canadian = [n for n in mapping.numbers if n.decided_by == "rule 1"]
    us = [n for n in mapping.numbers if n.decided_by == "default"]
    assert len(canadian) == CANADA and us
    _override(qtbot, session, panel, [canadian[0].e164, canadian[1].e164], "port")
    _override(qtbot, session, panel, [us[0].e164], "release")
    decisions = session.data.mapping.decisions
    assert decisions.overrides == {
        canadian[0].e164: Strategy.PORT,
        canadian[1].e164: Strategy.PORT,
        us[0].e164: Strategy.RELEASE,
    }
    return workspace, [canadian[0], canadian[1], us[0], us[1]]


def test_enabled_only_when_the_selection_has_overridden_numbers(qtbot, overridden) -> None:
    workspace, (ca_a, _ca_b, us_a, us_b) = overridden
    panel = workspace.mapping
    button, action = panel.clear_override_button, panel.clear_override_action
    assert button.text() == "Clear &override" and action.text() == "Clear override"
    view = panel.numbers.view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert action in view.actions()

    factories.select_numbers(panel, [us_b.e164])  # decided by the default: nothing to clear
    assert not button.isEnabled() and not action.isEnabled()
    factories.select_numbers(panel, [us_b.e164, ca_a.e164])
    assert button.isEnabled() and action.isEnabled()
    panel.set_busy(True)
    assert not button.isEnabled() and not action.isEnabled()
    panel.set_busy(False)
    assert button.isEnabled()
    factories.select_numbers(panel, [us_a.e164])
    assert button.isEnabled()


def test_context_menu_action_puts_the_number_back_under_its_rule(
    qtbot, session, overridden
) -> None:
    workspace, (ca_a, ca_b, us_a, us_b) = overridden
    panel = workspace.mapping
    factories.select_numbers(
        panel, [ca_a.e164, us_b.e164]
    )  # one overridden, one not: only the first changes
    panel.clear_override_action.trigger()
    factories.settle(qtbot, session)

    mapping = session.data.mapping
    assert mapping.number(ca_a.e164).strategy is Strategy.KEEP
    assert mapping.number(ca_a.e164).decided_by == "rule 1"
    assert mapping.decisions.overrides == {ca_b.e164: Strategy.PORT, us_a.e164: Strategy.RELEASE}
    assert mapping.decisions.rules == (CA_KEEP,)
    assert mapping.decisions.default_strategy is Strategy.REPLACE
    stored, plan = _stored(session)  # the migration file on disk says the same
    assert stored.decisions == mapping.decisions
    assert stored.number(ca_a.e164).strategy is Strategy.KEEP
    assert plan.options["strategies"] == {
        "replace": COUNT - CANADA - 1,
        "keep": CANADA - 1,
        "port": 1,
        "release": 1,
    }
    assert not panel.clear_override_button.isEnabled()  # the re-plan cleared the selection
    assert "Strategies set for single numbers: 2." in panel.summary.text()


def test_button_clears_several_and_keeps_the_rule(qtbot, session, overridden) -> None:
    workspace, (ca_a, ca_b, us_a, _us_b) = overridden
    panel = workspace.mapping
    factories.select_numbers(panel, [ca_b.e164, us_a.e164])
    panel.clear_override_button.click()
    factories.settle(qtbot, session)

    stored, plan = _stored(session)
    assert stored.decisions.overrides == {ca_a.e164: Strategy.PORT}
    assert stored.decisions.rules == (CA_KEEP,)
    assert stored.number(ca_b.e164).strategy is Strategy.KEEP  # rule 1 again
    assert stored.number(us_a.e164).strategy is Strategy.REPLACE  # the default again
    assert stored.number(us_a.e164).decided_by == "default"
    assert plan.options["strategies"] == {
        "replace": COUNT - CANADA,
        "keep": CANADA - 1,
        "port": 1,
    }
    assert session.data.mapping.decisions == stored.decisions


def test_clear_override_speaks_german(qtbot, german) -> None:
    panel = MappingPanel()
    qtbot.addWidget(panel)
    assert panel.clear_override_button.text() == "Ein&zelfestlegung aufheben"
    assert panel.clear_override_action.text() == "Einzelfestlegung aufheben"
    assert panel.clear_override_button.toolTip().startswith(
        "Die einzeln festgelegte Strategie jeder ausgewählten Rufnummer entfernen"
    )
    assert not panel.clear_override_button.isEnabled()  # no mapping, nothing selected
