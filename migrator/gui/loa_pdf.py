"""Draws an HTML document into a PDF with Qt's own classes (QTextDocument into QPdfWriter).

Called by the core (migrator.services.loa_document) only when a PDF is wanted. Works inside the
desktop app and from the command line: without a running Qt application it starts a headless one
(offscreen when there is no display).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

_headless: QGuiApplication | None = None


def _application() -> QGuiApplication:
    global _headless
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if not has_display and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _headless = QGuiApplication(["migrator"])
    return _headless


def render_pdf(html: str, path: Path, title: str) -> Path:
    """Write `html` as a US Letter PDF at `path`, titled `title`."""
    _application()
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("migrator")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"Qt could not write {path}")
    return path
