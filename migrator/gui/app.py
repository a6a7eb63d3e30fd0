"""Start the desktop app: `migrator` (run_app) and `migrator demo` (run_demo)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QProgressDialog

from migrator import __version__
from migrator.gui import settings, theme
from migrator.gui.errors import error_box
from migrator.gui.main_window import MainWindow
from migrator.gui.workers import TaskRunner


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
    translator = QTranslator(app)
    if translator.load(
        QLocale.system(),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(translator)
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


def _tr(text: str) -> str:
    return QCoreApplication.translate("Demo", text)


def run_demo(
    workdir: Path,
    source: str = "twilio",
    target: str = "vonage",
    numbers: int = 120,
) -> int:
    """The main window on the built-in sandbox: a realistic departing account, demo profiles
    for both sides, and the demo migration open in the workspace. The sandbox stops on exit."""
    from migrator.services.demo import start_demo

    app = application()
    runner = TaskRunner()
    window = MainWindow(runner, folder=workdir)
    window.show()
    waiting = QProgressDialog(
        _tr("Starting the built-in sandbox and reading the demo account…"),
        _tr("Cancel"),
        0,
        0,
        window,
    )
    waiting.setWindowTitle(_tr("migrator demo"))
    waiting.setMinimumDuration(0)
    handle = runner.start(
        "demo",
        lambda progress, cancel: start_demo(workdir, source, target, numbers, progress, cancel),
    )
    waiting.canceled.connect(lambda: handle.cancel("the demo was cancelled"))
    handle.progress.connect(lambda done, total, message: waiting.setLabelText(message))
    setups = []

    def started(setup) -> None:  # type: ignore[no-untyped-def]
        setups.append(setup)
        waiting.close()
        window.statusBar().showMessage(
            _tr(
                "Rehearsal on the built-in sandbox at %1: profiles %2 and %3. "
                "File > New migration walks the wizard with them."
            )
            .replace("%1", setup.sandbox.url)
            .replace("%2", setup.source.name)
            .replace("%3", setup.target.name)
        )
        window.open_path(setup.migration)

    def failed(exc: BaseException) -> None:
        waiting.close()
        error_box(window, _tr("The demo could not start"), exc).exec()

    handle.succeeded.connect(started)
    handle.failed.connect(failed)
    handle.cancelled.connect(lambda _reason: waiting.close())
    try:
        return int(app.exec())
    finally:
        runner.wait(30_000)
        for setup in setups:
            setup.close()
