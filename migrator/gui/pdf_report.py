"""HTML report -> PDF with Qt's own document and PDF classes (no browser needed).

Called lazily by the export service; works without a display (the offscreen platform is chosen
when there is no DISPLAY/WAYLAND_DISPLAY and no QGuiApplication yet).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication


def _application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A widgets application, so that a GUI started later in this process still works.
        app = QApplication(["migrator"])
    return app  # type: ignore[return-value]


def render_pdf(html: str, out: Path, title: str = "migrator report") -> Path:
    _application()
    writer = QPdfWriter(str(out))
    writer.setTitle(title)
    writer.setCreator("migrator")
    writer.setResolution(96)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(html)
    page = writer.pageLayout().paintRectPixels(writer.resolution()).size()
    document.setPageSize(QSizeF(page.width(), page.height()))
    document.print_(writer)
    return out
