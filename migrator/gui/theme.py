"""Light and dark palettes on the Fusion style, so the app looks the same on every desktop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1d2125",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0f2f5",
    QPalette.ColorRole.ToolTipBase: "#fffbe6",
    QPalette.ColorRole.ToolTipText: "#1d2125",
    QPalette.ColorRole.PlaceholderText: "#6b7480",
    QPalette.ColorRole.Text: "#1d2125",
    QPalette.ColorRole.Button: "#e9ebee",
    QPalette.ColorRole.ButtonText: "#1d2125",
    QPalette.ColorRole.BrightText: "#b3261e",
    QPalette.ColorRole.Highlight: "#2f6fb3",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1f5fa8",
    QPalette.ColorRole.Mid: "#c4c9d0",
}

_DARK = {
    QPalette.ColorRole.Window: "#23272e",
    QPalette.ColorRole.WindowText: "#e6e8eb",
    QPalette.ColorRole.Base: "#1b1e23",
    QPalette.ColorRole.AlternateBase: "#262a31",
    QPalette.ColorRole.ToolTipBase: "#30353d",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#8c95a1",
    QPalette.ColorRole.Text: "#e6e8eb",
    QPalette.ColorRole.Button: "#2d323a",
    QPalette.ColorRole.ButtonText: "#e6e8eb",
    QPalette.ColorRole.BrightText: "#ff8a80",
    QPalette.ColorRole.Highlight: "#3d7fc4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Mid: "#4a505a",
}

# Colours for verdicts and statuses that read well on both palettes.
STATUS_COLOURS = {
    "light": {"ok": "#1e7b34", "warn": "#9a6700", "bad": "#b3261e", "muted": "#6b7480"},
    "dark": {"ok": "#7bd88f", "warn": "#f2c94c", "bad": "#ff8a80", "muted": "#9aa3ad"},
}


def palette(name: str) -> QPalette:
    colours = _DARK if name == "dark" else _LIGHT
    pal = QPalette()
    for role, value in colours.items():
        pal.setColor(role, QColor(value))
    disabled = QColor("#7d848d" if name == "dark" else "#9aa1a9")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def system_prefers_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(app: QApplication, choice: str) -> str:
    """'light' or 'dark' for a choice of system/light/dark."""
    if choice == "system":
        return "dark" if system_prefers_dark(app) else "light"
    return "dark" if choice == "dark" else "light"


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply the Fusion style with the chosen palette; returns the palette used."""
    name = resolve(app, choice)
    app.setStyle("Fusion")
    app.setPalette(palette(name))
    app.setProperty("migrator_theme", name)
    return name


def current(app: QApplication | None = None) -> str:
    app = app or QApplication.instance()  # type: ignore[assignment]
    value = app.property("migrator_theme") if app else None
    return str(value) if value in ("light", "dark") else "light"


_COLOURS: dict[tuple[str, str], QColor] = {}


def colour(kind: str) -> QColor:
    """A status colour (ok, warn, bad, muted) for the current palette (table cells ask for
    it while painting, so the QColor objects are made once)."""
    key = (current(), kind)
    found = _COLOURS.get(key)
    if found is None:
        found = _COLOURS[key] = QColor(STATUS_COLOURS[key[0]][kind])
    return found
