"""Start the desktop app: `migrator` (run_app) and `migrator demo` (run_demo)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QProgressDialog

from migrator import __version__
from migrator.gui import i18n, settings, theme
from migrator.gui.errors import error_box
from migrator.gui.main_window import MainWindow
from migrator.gui.workers import TaskRunner, bound


def application(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication, created once with the app's names, translations and palette."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "migrator", *argv])
    app.setApplicationName("migrator")
    app.setApplicationDisplayName("migrator")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("migrator")
    app.setDesktopFileName("migrator")
    i18n.install_translators(app, settings.language_choice())
    theme.apply_theme(app, settings.theme_choice())
    return app


def run_app(argv: Sequence[str]) -> int:
    """Open the main window (and the *.migration file given, if any); returns the exit code."""
    app = application()
    window = MainWindow()
    window.show()
    for arg in argv:
        if arg.endswith(".migration") and Path(arg).is_file():
            window.open_path(Path(arg))
            break
    return int(app.exec())


class DemoWindow:
    """The main window on the built-in sandbox, while the sandbox is being set up."""

    def __init__(
        self, workdir: Path, source: str, target: str, numbers: int, runner: TaskRunner
    ) -> None:
        from migrator.services.demo import start_demo

        self.runner = runner
        self.setup: Any = None
        self.window = MainWindow(runner, folder=workdir)
        self.window.show()
        self.waiting = QProgressDialog(
            QCoreApplication.translate(
                "Demo", "Starting the built-in sandbox and reading the demo account…"
            ),
            QCoreApplication.translate("Demo", "Cancel"),
            0,
            0,
            self.window,
        )
        self.waiting.setWindowTitle(QCoreApplication.translate("Demo", "migrator demo"))
        self.waiting.setMinimumDuration(0)
        self.handle = runner.start(
            "demo",
            lambda progress, cancel: start_demo(workdir, source, target, numbers, progress, cancel),
        )
        self.waiting.canceled.connect(lambda: self.handle.cancel("the demo was cancelled"))
        self.handle.progress.connect(bound(self.waiting, self._progress))
        self.handle.succeeded.connect(bound(self.window, self._started))
        self.handle.failed.connect(bound(self.window, self._failed))
        self.handle.cancelled.connect(bound(self.waiting, lambda _reason: self.waiting.close()))

    def _progress(self, done: int, total: object, message: str) -> None:
        self.waiting.setLabelText(message)

    def _started(self, setup: Any) -> None:
        self.setup = setup
        self.waiting.close()
        self.note = (
            QCoreApplication.translate(
                "Demo",
                "A rehearsal on the built-in sandbox (%1): nothing real is touched. The demo "
                "accounts are saved as profiles %2 and %3; File > New migration walks the "
                "wizard with them.",
            )
            .replace("%1", setup.sandbox.url)
            .replace("%2", setup.source.name)
            .replace("%3", setup.target.name)
        )
        for line in setup.notes:
            self.note += " " + line
        self.window.session_opened.connect(bound(self.window, self._opened))
        self.window.open_path(setup.migration)

    def _opened(self, _session: Any) -> None:
        workspace = self.window.workspace
        if workspace is not None and not workspace.banner.isVisible():
            workspace.banner.show_text(self.note, "muted")

    def _failed(self, exc: BaseException) -> None:
        self.waiting.close()
        error_box(
            self.window, QCoreApplication.translate("Demo", "The demo could not start"), exc
        ).exec()

    def close(self) -> None:
        """Stop the sandbox (after the window closed and the work finished)."""
        self.runner.wait(30_000)
        if self.handle.result is not None:
            self.handle.result.close()


def run_demo(
    workdir: Path,
    source: str = "twilio",
    target: str = "vonage",
    numbers: int = 120,
) -> int:
    """`migrator demo`: the main window on the built-in sandbox with a realistic departing
    account, demo profiles for both sides, and the demo migration open in the workspace.
    The sandbox stops when the window closes."""
    app = application()
    demo = DemoWindow(workdir, source, target, numbers, TaskRunner())
    try:
        return int(app.exec())
    finally:
        demo.close()
