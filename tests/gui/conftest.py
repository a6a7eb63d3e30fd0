"""GUI tests: every test gets its own MIGRATOR_HOME (profiles, settings, recent files)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def gui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("MIGRATOR_HOME", str(home))
    return home
