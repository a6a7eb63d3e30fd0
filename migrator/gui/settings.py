"""Remembered window state and preferences (QSettings in an INI file under the config folder).

The file lives in `migrator.paths.config_dir()`, so MIGRATOR_HOME isolates tests and portable use.
It never holds secrets: only geometry, the theme, the UI language, and the list of recently
opened migrations.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

from migrator import paths

MAX_RECENT = 8


def app_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "gui.ini"), QSettings.Format.IniFormat)


def save_geometry(widget: QWidget, key: str) -> None:
    settings = app_settings()
    settings.setValue(f"geometry/{key}", widget.saveGeometry())
    settings.sync()


def restore_geometry(widget: QWidget, key: str) -> bool:
    """Restore the saved size and position; False when there is none (keep the default)."""
    value = app_settings().value(f"geometry/{key}")
    if isinstance(value, QByteArray) and not value.isEmpty():
        return bool(widget.restoreGeometry(value))
    return False


def recent_files() -> list[Path]:
    value = app_settings().value("recent/files", [])
    if isinstance(value, str):
        value = [value]
    return [Path(str(item)) for item in (value or [])]


def add_recent_file(path: Path) -> list[Path]:
    path = path.resolve()
    items = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
    settings = app_settings()
    settings.setValue("recent/files", [str(p) for p in items])
    settings.sync()
    return items


def clear_recent_files() -> None:
    settings = app_settings()
    settings.remove("recent/files")
    settings.sync()


def theme_choice() -> str:
    value = str(app_settings().value("appearance/theme", "system"))
    return value if value in ("system", "light", "dark") else "system"


def set_theme_choice(name: str) -> None:
    settings = app_settings()
    settings.setValue("appearance/theme", name)
    settings.sync()


def language_choice() -> str:
    """The UI language chosen in View > Language ('de', 'en'...); '' follows the system."""
    return str(app_settings().value("appearance/language", "") or "")


def set_language_choice(language: str) -> None:
    settings = app_settings()
    if language:
        settings.setValue("appearance/language", language)
    else:
        settings.remove("appearance/language")
    settings.sync()
