"""Start the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_app(argv: Sequence[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    window = QMainWindow()
    window.setWindowTitle("migrator")
    window.setCentralWidget(
        QLabel("migrator: use the command line while the desktop app is built.")
    )
    window.resize(800, 500)
    window.show()
    return int(app.exec())
