"""`migrator --screenshot PATH`: open the main window, save a picture of it, and quit.

Used by the packaging smoke test to prove a frozen build can draw its window (offscreen or under
Xvfb) without anyone looking.
"""

from __future__ import annotations

import time
from pathlib import Path

from migrator.gui.app import application
from migrator.gui.main_window import MainWindow


def save_main_window(path: Path) -> int:
    app = application()
    window = MainWindow()
    window.resize(1100, 720)
    window.show()
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    saved = window.grab().save(str(path))
    window.close()
    return 0 if saved else 1
