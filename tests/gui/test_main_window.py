"""The main window: open a migration, recent files, workspace navigation, theme, geometry,
and `run_demo` on the built-in sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from migrator.engine.migration_file import MigrationFile
from migrator.gui import settings, theme
from migrator.gui.credentials import CredentialsDialog
from migrator.gui.main_window import MainWindow
from migrator.gui.workers import TaskRunner
from tests.gui import factories

pytestmark = pytest.mark.gui


def _migration(tmp_path: Path, numbers: int = 25) -> Path:
    path = tmp_path / "office.migration"
    with MigrationFile.create(
        path,
        {
            "source": {"kind": "file", "vendor": "file", "path": str(tmp_path / "export.csv")},
            "target": {"kind": "profile", "vendor": "vonage", "account_id": "key1"},
        },
    ) as file:
        file.save_snapshot("source", factories.inventory(numbers))
    return path


def _open(qtbot, window: MainWindow, path: Path) -> None:
    handle = window.open_path(path)
    assert handle is not None
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)


def test_open_shows_the_workspace_and_remembers_the_file(qtbot, tmp_path: Path) -> None:
    path = _migration(tmp_path)
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.welcome
    _open(qtbot, window, path)
    workspace = window.workspace
    assert window.windowTitle() == "office — migrator"
    assert workspace.inventory.numbers.model.rowCount() == 25
    assert "25 numbers" in workspace.inventory.summary.text()
    assert settings.recent_files()[0] == path.resolve()
    assert "Next: choose a strategy" in workspace.overview.banner.text()
    # the recent list of the welcome page and the File menu both offer it
    window.close_migration()
    assert window.stack.currentWidget() is window.welcome and window.session is None
    assert window.welcome.recent.item(0).data(Qt.ItemDataRole.UserRole) == str(path.resolve())
    window._fill_recent()
    titles = [a.text() for a in window.recent_menu.actions()]
    assert "&1 office.migration" in titles


def test_a_broken_file_is_explained(qtbot, tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "broken.migration"
    bad.write_bytes(b"this is not sqlite" * 100)
    shown = []
    monkeypatch.setattr(
        "migrator.gui.main_window.show_error", lambda parent, title, exc: shown.append(exc)
    )
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    handle = window.open_path(bad)
    with qtbot.waitSignal(handle.finished, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "not a migration file" in str(shown[0])
    assert window.workspace is None


def test_keyboard_moves_between_views_and_into_the_filter(qtbot, tmp_path: Path) -> None:
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _open(qtbot, window, _migration(tmp_path))
    workspace = window.workspace
    window.activateWindow()
    qtbot.keySequence(workspace, QKeySequence("Ctrl+6"))
    assert workspace.current_page() == "run"
    qtbot.keySequence(workspace, QKeySequence("Ctrl+2"))
    assert workspace.current_page() == "inventory"
    table = workspace.inventory.numbers
    table.view.setFocus()
    qtbot.keySequence(table.view, QKeySequence.StandardKey.Find)
    assert table.focusWidget() is table.filter_edit
    for key in range(1, 9):
        tip = workspace.sidebar.item(key - 1).toolTip()
        assert f"Ctrl+{key}" in tip and len(tip) > 12


def test_theme_and_geometry_are_remembered(qtbot, tmp_path: Path) -> None:
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    window.show()
    window.resize(QSize(700, 500))  # within the offscreen screen (800x600)
    window.move(QPoint(30, 40))
    window.set_theme("dark")
    app = QApplication.instance()
    assert theme.current(app) == "dark"
    assert app.palette().window().color().lightness() < 80
    closed_at = window.size()
    assert closed_at != QSize(1200, 780)  # not the default any more
    window.close()
    assert settings.theme_choice() == "dark"
    again = MainWindow(TaskRunner())
    qtbot.addWidget(again)
    assert again.size() == closed_at
    again.set_theme("light")
    assert app.palette().window().color().lightness() > 200


def test_credentials_dialog_tab_order_and_labels(qtbot) -> None:
    dialog = CredentialsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    order = [dialog.name_edit]
    widget = dialog.name_edit
    for _ in range(3):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [dialog.name_edit, dialog.vendor_combo, dialog.key_edit, dialog.secret_edit]
    assert dialog.secret_edit.echoMode() == QLineEdit.EchoMode.Password
    for edit in (dialog.key_edit, dialog.secret_edit, dialog.name_edit):
        assert edit.toolTip() or edit.accessibleName() or edit.placeholderText()


def test_demo_window_opens_the_demo_migration(qtbot, tmp_path: Path) -> None:
    """What `migrator demo` shows (run_demo is this plus app.exec())."""
    from migrator.gui.app import DemoWindow

    demo = DemoWindow(tmp_path, "plivo", "twilio", 6, TaskRunner())
    qtbot.addWidget(demo.window)
    try:
        qtbot.waitUntil(lambda: demo.window.workspace is not None, timeout=60_000)
        url = demo.setup.sandbox.url
        workspace = demo.window.workspace
        assert workspace.inventory.numbers.model.rowCount() == 6
        assert demo.window.session.path.parent == tmp_path
        assert "built-in sandbox" in workspace.banner.text()
        assert not demo.waiting.isVisible()
    finally:
        demo.window.close()
        demo.close()
    with pytest.raises(requests.ConnectionError):  # the sandbox stopped with the demo
        requests.get(f"{url}/_sandbox/accounts", timeout=5)
