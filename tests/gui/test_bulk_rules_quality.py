"""The Bulk rules tab as a desktop editor: used from the keyboard alone (Delete, Alt+Up/Down,
Ctrl+S, mnemonics that clash with nothing on the page, in English and German), named for screen
readers, saving only on a worker thread and only when something changed, a failed save that
says why once and keeps the draft, and no unsaved draft lost by closing the migration, opening
another one or quitting without being asked."""

from __future__ import annotations

import os
import re
import threading
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget

from migrator.engine.migration_file import MigrationFile
from migrator.gui.main_window import MainWindow
from migrator.gui.session import MigrationSession
from migrator.gui.views.bulk_rules import BulkRulesEditor
from migrator.gui.workers import TaskRunner
from migrator.model.enums import NumberType
from migrator.model.mapping import Strategy, StrategyRule
from migrator.services import planning
from tests.gui import factories

pytestmark = pytest.mark.gui
WAIT = 30_000
COUNT = 20
CANADA = StrategyRule(Strategy.KEEP, country="CA")
TOLLFREE = StrategyRule(Strategy.PORT, number_type=NumberType.TOLLFREE)
Button = QMessageBox.StandardButton


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[MigrationSession]:
    path = factories.migration_file(tmp_path, factories.inventory(COUNT, apps=2))
    opened = factories.open_session(qtbot, path)
    yield opened
    opened.close()


class Answers:
    """Stands in for the admin at the 'unsaved bulk rules' question: records each question
    (the real QMessageBox, built by the editor) and gives the next answer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: Button) -> None:
        self.answers = list(answers)
        self.asked: list[QMessageBox] = []

        def exec_(box: QMessageBox) -> int:
            self.asked.append(box)
            return int(self.answers.pop(0).value)

        monkeypatch.setattr(QMessageBox, "exec", exec_)


def _settle(qtbot, session: MigrationSession, editor: BulkRulesEditor) -> None:
    """The session's work done and the editor told so (its busy flag comes a signal later)."""
    factories.settle(qtbot, session)
    qtbot.waitUntil(lambda: not editor.busy, timeout=WAIT)


def _stored_rules(path: Path) -> tuple[StrategyRule, ...]:
    with MigrationFile.open(path) as file:
        mapping = planning.load_mapping(file)
    assert mapping is not None
    return mapping.decisions.rules


def _focus(qtbot, editor: BulkRulesEditor) -> None:
    window = editor.window()
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    editor.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.view)


def _drop_draft(window: MainWindow) -> None:
    """Let the test's end close the window without asking."""
    if window.workspace is not None:
        window.workspace.mapping.rules.revert()


def _window(qtbot, session: MigrationSession) -> MainWindow:
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window, before_close_func=_drop_draft)
    window.adopt(session)
    factories.settle(qtbot, session)
    window.workspace.build_plan("replace")
    _settle(qtbot, session, window.workspace.mapping.rules)
    window.workspace.show_page("mapping")
    window.workspace.mapping.tabs.setCurrentWidget(window.workspace.mapping.rules)
    return window


# --- keyboard and screen readers -------------------------------------------------------------
def test_the_rule_list_works_from_the_keyboard(qtbot) -> None:
    editor = BulkRulesEditor(runner=TaskRunner())
    qtbot.addWidget(editor)
    editor.show_saved((), {}, plannable=True)
    first, second, third = CANADA, TOLLFREE, StrategyRule(Strategy.RELEASE, tag="vip")
    for rule in (first, second, third):
        editor.add_rule(rule)
    _focus(qtbot, editor)
    editor.select(0)

    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.rules == [second, first, third] and editor.current_row() == 1
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert editor.rules == [second, third, first] and editor.current_row() == 2
    assert not editor.down_action.isEnabled() and not editor.down_button.isEnabled()
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert editor.rules == [second, first, third] and editor.current_row() == 1
    assert QApplication.focusWidget() is editor.view, "the focus stays on the list"

    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.rules == [second, third] and editor.current_row() == 1
    qtbot.keyClick(editor.view, Qt.Key.Key_Up)  # plain arrows still move the selection
    assert editor.current_row() == 0
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.rules == [] and not editor.remove_action.isEnabled()

    # the same commands are in the list's context menu, with their keys
    actions = {a.objectName(): a for a in editor.view.actions()}
    assert set(actions) == {"rule-remove-action", "rule-up-action", "rule-down-action"}
    assert actions["rule-up-action"].shortcut() == QKeySequence("Alt+Up")
    assert editor.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert editor.up_button.toolTip().endswith("(Alt+Up)")
    assert editor.remove_button.toolTip().endswith("(Del)")


def test_add_and_save_from_the_keyboard(qtbot, session) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    editor = workspace.mapping.rules
    _settle(qtbot, session, editor)
    workspace.show_page("mapping")
    workspace.mapping.tabs.setCurrentWidget(editor)
    qtbot.waitUntil(lambda: editor.groups is not None, timeout=WAIT)
    _focus(qtbot, editor)
    assert not editor.save_action.isEnabled(), "nothing changed: nothing to save"
    qtbot.keyClick(editor.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not session.busy

    # Alt+C goes to the country (its label's mnemonic), Alt+U adds the rule
    qtbot.keyClick(editor.view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.country_combo
    editor.country_combo.setCurrentIndex(editor.country_combo.findData("CA"))
    editor.strategy_combo.setCurrentIndex(editor.strategy_combo.findData("keep"))
    qtbot.keyClick(editor.country_combo, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.rules == [CANADA])
    assert editor.save_action.isEnabled() and editor.save_button.isEnabled()

    qtbot.keyClick(editor.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert session.busy and not editor.save_button.isEnabled(), "no second save meanwhile"
    assert not editor.save_action.isEnabled()
    factories.settle(qtbot, session)
    assert _stored_rules(session.path) == (CANADA,)
    assert not editor.dirty and not editor.save_button.isEnabled()


def _mnemonic_clashes(window: MainWindow, editor: QWidget, least: int = 8) -> dict[str, list[str]]:
    """Mnemonics (Alt+letter) of the controls inside `editor` that something else visible in
    the window (a button, a label's buddy, a menu) also uses."""
    keys: dict[str, list[tuple[bool, str]]] = defaultdict(list)

    def note(text: str, mine: bool) -> None:
        match = re.search(r"&([^&\s])", text)
        if match:
            keys[match.group(1).lower()].append((mine, text))

    widgets = [*window.findChildren(QAbstractButton), *window.findChildren(QLabel)]
    for widget in widgets:
        if not widget.isVisibleTo(window) or (isinstance(widget, QLabel) and not widget.buddy()):
            continue
        note(widget.text(), editor.isAncestorOf(widget))
    for action in window.menuBar().actions():
        note(action.text(), False)
    assert sum(mine for users in keys.values() for mine, _ in users) >= least
    return {
        key: [text for _, text in users]
        for key, users in keys.items()
        if len(users) > 1 and any(mine for mine, _ in users)
    }


def test_mnemonics_clash_with_nothing_on_the_page(qtbot, session) -> None:
    window = _window(qtbot, session)
    window.show()
    assert _mnemonic_clashes(window, window.workspace.mapping.rules) == {}


def test_mnemonics_clash_with_nothing_on_the_page_in_german(qtbot, session, german) -> None:
    window = _window(qtbot, session)
    window.show()
    editor = window.workspace.mapping.rules
    assert editor.add_button.text() == "&Regel hinzufügen"
    assert _mnemonic_clashes(window, editor) == {}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_numbers_tab_mnemonics_clash_with_nothing(qtbot, request, session, language) -> None:
    """The Numbers tab (override, clear, accept, require-all, default strategy, plan, public
    key) against the menus, in each shipped language."""
    if language == "de":
        request.getfixturevalue("german")
    window = _window(qtbot, session)
    window.show()
    mapping = window.workspace.mapping
    mapping.tabs.setCurrentWidget(mapping.numbers)
    assert mapping.key_button.isVisibleTo(window)  # a Vonage target: applications have keys
    assert _mnemonic_clashes(window, mapping, least=6) == {}


def test_the_controls_have_names_for_screen_readers(qtbot) -> None:
    editor = BulkRulesEditor(runner=TaskRunner())
    qtbot.addWidget(editor)
    names = {
        combo.accessibleName()
        for combo in (
            editor.country_combo,
            editor.type_combo,
            editor.tag_combo,
            editor.app_combo,
            editor.strategy_combo,
        )
    }
    assert names == {
        "Country of the new rule",
        "Type of the new rule",
        "Tag of the new rule",
        "Application of the new rule",
        "Strategy of the new rule",
    }
    assert editor.view.accessibleName() == "Bulk rules"
    assert "Alt+Up" in editor.view.accessibleDescription()
    assert editor.match_label.accessibleDescription() == "Numbers the new rule matches"
    for widget in (editor.strategy_combo, editor.save_button, editor.down_button):
        assert widget.toolTip()


# --- saving ----------------------------------------------------------------------------------
def test_saving_runs_on_a_worker_thread(qtbot, session, monkeypatch) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    editor = workspace.mapping.rules
    _settle(qtbot, session, editor)
    threads = []
    store = planning.set_decisions

    def observed(file, decisions):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return store(file, decisions)

    monkeypatch.setattr(planning, "set_decisions", observed)
    editor.add_rule(CANADA)
    editor.save_button.click()
    assert threads == [], "nothing is written before the event loop hands it to a worker"
    factories.settle(qtbot, session)
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert session.data.mapping.decisions.rules == (CANADA,)


def test_a_read_only_file_says_so_once_and_keeps_the_draft(qtbot, session) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    editor = workspace.mapping.rules
    _settle(qtbot, session, editor)
    editor.add_rule(CANADA)
    editor.add_rule(TOLLFREE)
    os.chmod(session.path, 0o444)
    try:
        editor.save_button.click()
        _settle(qtbot, session, editor)
        assert not workspace.banner.isHidden()
        assert workspace.banner.text() == (
            f"Nothing was saved: {session.path.name} is read-only. Make it writable again, "
            "then save."
        )
        assert editor.rules == [CANADA, TOLLFREE] and editor.dirty
        assert editor.save_button.isEnabled() and editor.state_label.text() == "Not saved yet"
        assert _stored_rules(session.path) == ()
    finally:
        os.chmod(session.path, 0o644)

    editor.save_button.click()  # writable again: the same draft saves
    _settle(qtbot, session, editor)
    assert workspace.banner.isHidden()
    assert _stored_rules(session.path) == (CANADA, TOLLFREE) and not editor.dirty


def test_a_file_replaced_on_disk_is_not_written(qtbot, session) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    editor = workspace.mapping.rules
    _settle(qtbot, session, editor)
    editor.add_rule(CANADA)
    session.path.rename(session.path.with_suffix(".old"))
    session.path.write_bytes(b"a newer copy, put there by hand")
    editor.save_button.click()
    _settle(qtbot, session, editor)
    assert "was replaced, moved or deleted since it was opened" in workspace.banner.text()
    assert editor.rules == [CANADA] and editor.save_button.isEnabled()
    assert session.path.read_bytes() == b"a newer copy, put there by hand"
    assert session.data.mapping.decisions.rules == (), "the shown plan is not pretended saved"


def test_the_failure_reads_in_german(qtbot, session, german) -> None:
    workspace = factories.planned_workspace(qtbot, session)
    editor = workspace.mapping.rules
    _settle(qtbot, session, editor)
    editor.add_rule(CANADA)
    assert editor.state_label.text() == "Noch nicht gespeichert"
    session.path.unlink()
    editor.save_button.click()
    _settle(qtbot, session, editor)
    assert workspace.banner.text().startswith(f"Nichts wurde gespeichert: {session.path.name}")


# --- unsaved drafts --------------------------------------------------------------------------
def test_closing_the_migration_asks_about_unsaved_rules(qtbot, session, monkeypatch) -> None:
    window = _window(qtbot, session)
    answers = Answers(monkeypatch, Button.Cancel, Button.Discard)
    window.close_migration()
    assert answers.asked == [], "nothing unsaved: nothing to ask"
    window.adopt(factories.open_session(qtbot, session.path))
    editor = window.workspace.mapping.rules
    editor.add_rule(CANADA)

    window.close_migration()  # Cancel: the draft and the migration stay
    box = answers.asked[0]
    assert box.windowTitle() == "Unsaved bulk rules"
    assert box.text() == "The bulk rules have changes that are not saved in the migration file."
    assert box.informativeText() == "Save them and plan again, or discard them?"
    assert box.standardButtons() == Button.Save | Button.Discard | Button.Cancel
    assert box.defaultButton() is box.button(Button.Save)
    assert box.escapeButton() is box.button(Button.Cancel)
    assert window.workspace is not None and editor.rules == [CANADA]

    path = window.session.path
    window.close_migration()  # Discard: closed, nothing written
    assert window.workspace is None and window.session is None
    assert len(answers.asked) == 2 and _stored_rules(path) == ()


def test_save_on_close_saves_first_then_closes(qtbot, session, monkeypatch) -> None:
    window = _window(qtbot, session)
    answers = Answers(monkeypatch, Button.Save)
    window.workspace.mapping.rules.add_rule(CANADA)
    window.close_migration()
    assert window.workspace is not None and session.busy, "saving on a worker first"
    qtbot.waitUntil(lambda: window.workspace is None, timeout=WAIT)
    assert len(answers.asked) == 1 and _stored_rules(session.path) == (CANADA,)


def test_a_failed_save_on_close_keeps_the_migration_open(qtbot, session, monkeypatch) -> None:
    window = _window(qtbot, session)
    workspace = window.workspace
    Answers(monkeypatch, Button.Save)
    workspace.mapping.rules.add_rule(CANADA)
    os.chmod(session.path, 0o444)
    try:
        window.close_migration()
        _settle(qtbot, session, workspace.mapping.rules)
        qtbot.wait(20)  # the follow-up runs on the next turn of the event loop
    finally:
        os.chmod(session.path, 0o644)
    assert window.workspace is workspace and not workspace.banner.isHidden()
    assert workspace.mapping.rules.rules == [CANADA]


def test_opening_another_migration_asks_and_can_save_first(
    qtbot, session, tmp_path: Path, monkeypatch
) -> None:
    window = _window(qtbot, session)
    other = factories.migration_file(tmp_path / "other", factories.inventory(5, apps=1))
    answers = Answers(monkeypatch, Button.Cancel, Button.Save)
    window.workspace.mapping.rules.add_rule(CANADA)

    handle = window.open_path(other)  # Cancel: the opened file is closed again
    with qtbot.waitSignal(handle.finished, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: len(answers.asked) == 1, timeout=WAIT)
    assert window.session is session and window.workspace.mapping.rules.rules == [CANADA]

    handle = window.open_path(other)  # Save: stored, then the other migration is shown
    qtbot.waitUntil(lambda: window.session is not session, timeout=WAIT)
    assert window.session.path == other and len(answers.asked) == 2
    assert _stored_rules(session.path) == (CANADA,)


def test_quitting_asks_and_cancel_keeps_the_window(qtbot, session, monkeypatch) -> None:
    window = _window(qtbot, session)
    window.show()
    answers = Answers(monkeypatch, Button.Cancel, Button.Discard)
    window.workspace.mapping.rules.add_rule(CANADA)
    assert not window.close() and window.isVisible() and window.session is session
    assert window.close() and not window.isVisible() and len(answers.asked) == 2
    assert _stored_rules(session.path) == ()


def test_no_save_offered_while_other_work_runs(qtbot) -> None:
    editor = BulkRulesEditor(runner=TaskRunner())
    qtbot.addWidget(editor)
    editor.show_saved((), {}, plannable=True)
    editor.add_rule(CANADA)
    editor.set_busy(True)
    asked: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        asked.append(box)
        return int(Button.Discard.value)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QMessageBox, "exec", exec_)
        assert editor.ask_unsaved() == Button.Discard
    assert asked[0].standardButtons() == Button.Discard | Button.Cancel
    assert asked[0].informativeText() == (
        "They cannot be saved while other work runs. Discard them?"
    )
    assert asked[0].defaultButton() is asked[0].button(Button.Cancel)


def test_the_question_speaks_german(qtbot, german, monkeypatch) -> None:
    editor = BulkRulesEditor(runner=TaskRunner())
    qtbot.addWidget(editor)
    editor.show_saved((), {}, plannable=True)
    editor.add_rule(CANADA)
    answers = Answers(monkeypatch, Button.Cancel)
    assert editor.ask_unsaved() == Button.Cancel
    box = answers.asked[0]
    assert box.windowTitle() == "Ungespeicherte Sammelregeln"
    assert box.button(Button.Discard).text() == QCoreApplication.translate(
        "QPlatformTheme", "Discard"
    )
    assert "Migrationsdatei" in box.text() and box.informativeText().endswith("?")
