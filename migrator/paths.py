"""Where migrator keeps its data: platformdirs locations, or everything under $MIGRATOR_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "migrator"


def _home() -> Path | None:
    value = os.environ.get("MIGRATOR_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Profiles, the sandbox's certificate authority, recent files."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings that a person may edit by hand."""
    home = _home()
    path = (
        home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Logs (never holding secrets)."""
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource(relative: str) -> Path | None:
    """A file from the repository's resources/ folder (icons, desktop entry), in a checkout or
    in a PyInstaller bundle; None when this installation does not carry it."""
    import sys

    roots = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "resources")
    roots.append(Path(__file__).resolve().parent.parent / "resources")
    for root in roots:
        candidate = root / relative
        if candidate.exists():
            return candidate
    return None
