"""The main window: menus, the welcome page, and the workspace of the open migration."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from migrator import __version__
from migrator.gui import i18n, settings, theme
from migrator.gui.errors import show_error
from migrator.gui.i18n import translated
from migrator.gui.welcome import WelcomePage
from migrator.gui.workers import TaskHandle, TaskRunner, bound

if TYPE_CHECKING:  # imported when first used: the window must open fast
    from migrator.gui.session import MigrationSession
    from migrator.gui.workspace import Workspace


def language_name(code: str) -> str:
    """A language's own name, as its speakers write it ('Deutsch')."""
    name = QLocale(code).nativeLanguageName()
    return name[:1].upper() + name[1:] if name else code


class MainWindow(QMainWindow):
    session_opened = Signal(object)

    def __init__(self, runner: TaskRunner | None = None, folder: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.runner = runner or TaskRunner()
        self.folder = folder
        self.session: MigrationSession | None = None
        self.workspace: Workspace | None = None
        self.wizard: QWidget | None = None
        self._opening: TaskHandle | None = None
        self.setWindowTitle("migrator")
        self.welcome = WelcomePage(self)
        self.welcome.new_requested.connect(self.new_migration)
        self.welcome.open_requested.connect(self.ask_open)
        self.welcome.accounts_requested.connect(self.manage_accounts)
        self.welcome.recent_requested.connect(self.open_path)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self._build_menus()
        self.statusBar().showMessage(self.tr("Ready"))
        self.resize(1200, 780)
        settings.restore_geometry(self, "main")

    # --- menus ------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("&New migration…"),
            self.new_migration,
            QKeySequence.StandardKey.New,
            self.tr("Start the guided wizard"),
        )
        self.open_action = self._action(
            self.tr("&Open…"),
            self.ask_open,
            QKeySequence.StandardKey.Open,
            self.tr("Open a *.migration file"),
        )
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        self.close_action = self._action(
            self.tr("&Close migration"), self.close_migration, QKeySequence.StandardKey.Close
        )
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )
        accounts = bar.addMenu(self.tr("&Accounts"))
        accounts.addAction(
            self._action(
                self.tr("&Vendor accounts…"),
                self.manage_accounts,
                None,
                self.tr("Add, test or remove vendor credentials"),
            )
        )
        view = bar.addMenu(self.tr("&View"))
        themes = view.addMenu(self.tr("&Theme"))
        group = QActionGroup(self)
        for key, title in (
            ("system", QT_TRANSLATE_NOOP("MainWindow", "Follow the system")),
            ("light", QT_TRANSLATE_NOOP("MainWindow", "Light")),
            ("dark", QT_TRANSLATE_NOOP("MainWindow", "Dark")),
        ):
            action = self._action(
                translated("MainWindow", title), lambda _c=False, k=key: self.set_theme(k)
            )
            action.setCheckable(True)
            action.setChecked(settings.theme_choice() == key)
            group.addAction(action)
            themes.addAction(action)
        self.language_menu = view.addMenu(self.tr("&Language"))
        languages = QActionGroup(self)
        choices = [("", self.tr("Follow the system")), (i18n.SOURCE_LANGUAGE, "English")]
        choices += [(code, language_name(code)) for code in i18n.available_languages()]
        for code, title in choices:
            action = self._action(title, lambda _c=False, c=code: self.set_language(c))
            action.setCheckable(True)
            action.setChecked(settings.language_choice() == code)
            action.setData(code)
            languages.addAction(action)
            self.language_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About migrator"), self.about))
        self.close_action.setEnabled(False)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in settings.recent_files() if p.exists()]
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent migrations"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        settings.clear_recent_files()
        self.welcome.refresh()

    # --- opening and closing ----------------------------------------------------------------
    def ask_open(self) -> None:
        start = str(self.folder or (settings.recent_files() or [Path.home()])[0].parent)
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a migration"), start, self.tr("Migrations (*.migration)")
        )
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> TaskHandle | None:
        if self._opening is not None and self._opening.running:
            return None
        if self.session is not None and self.session.busy:
            self.statusBar().showMessage(self.tr("Pause the running stage first."))
            return None
        from migrator.gui.session import MigrationSession

        self.statusBar().showMessage(self.tr("Opening %1…").replace("%1", path.name))
        handle = MigrationSession.open_task(Path(path), self.runner)
        handle.succeeded.connect(
            bound(
                self, lambda opened: self.adopt(MigrationSession.from_opened(opened, self.runner))
            )
        )
        handle.failed.connect(
            bound(
                self,
                lambda exc: (
                    self.statusBar().showMessage(
                        self.tr("Could not open %1").replace("%1", path.name)
                    ),
                    show_error(self, self.tr("Open a migration"), exc),
                ),
            )
        )
        self._opening = handle
        return handle

    def adopt(self, session: MigrationSession) -> None:
        """Show this session in the workspace (closing the one shown before)."""
        from migrator.gui.workspace import Workspace

        if session is self.session:
            return
        if self.workspace is not None and not self.workspace.settle_unsaved(
            lambda: self.adopt(session), session.close
        ):
            return
        self._drop_session()
        self.session = session
        self.workspace = Workspace(session, self)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.setWindowTitle(f"{session.title} — migrator")
        self.close_action.setEnabled(True)
        settings.add_recent_file(session.path)
        self.welcome.refresh()
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", str(session.path)))
        self.session_opened.emit(session)

    def _drop_session(self) -> None:
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        if self.session is not None:
            self.session.close()
            self.session = None

    def close_migration(self) -> None:
        if self.session is not None and self.session.busy:
            self.statusBar().showMessage(self.tr("Pause the running stage first."))
            return
        if self.workspace is not None and not self.workspace.settle_unsaved(self.close_migration):
            return
        self._drop_session()
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle("migrator")
        self.close_action.setEnabled(False)

    # --- other windows ----------------------------------------------------------------------
    def new_migration(self) -> QWidget:
        from migrator.gui.wizard import MigrationWizard

        wizard = MigrationWizard(self, self.runner, self.folder)
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        self.wizard = wizard
        wizard.open()
        return wizard

    def _wizard_closed(self, wizard) -> None:  # type: ignore[no-untyped-def]
        if wizard.session is not None:
            self.adopt(wizard.session)
        self.wizard = None

    def manage_accounts(self) -> None:
        from migrator.gui.credentials import ProfilesDialog

        ProfilesDialog(self, self.runner).exec()

    def set_theme(self, choice: str) -> None:
        settings.set_theme_choice(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, choice)
        if self.workspace is not None:
            self.workspace.show_all()

    def set_language(self, language: str) -> None:
        """Remember the UI language ('' follows the system); it applies from the next start."""
        settings.set_language_choice(language)
        self.statusBar().showMessage(
            self.tr("The new language applies when migrator starts again.")
        )

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About migrator"),
            self.tr(
                "<b>migrator %1</b><br>Moves a CPaaS account off a departing vendor onto Twilio, "
                "Vonage or Plivo, with a reviewable plan and a way back."
            ).replace("%1", __version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None and not self.workspace.settle_unsaved(self.close):
            event.ignore()
            return
        if self.session is not None and self.session.busy:
            answer = QMessageBox.question(
                self,
                self.tr("A stage is running"),
                self.tr(
                    "Pause the run and quit? The journal keeps track: the next run resumes "
                    "where this one stopped."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.session.pause()
            self.runner.wait(30_000)
        settings.save_geometry(self, "main")
        self._drop_session()
        event.accept()
