"""GUI tests: every test gets its own MIGRATOR_HOME (profiles, settings, recent files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from migrator.gui import i18n


@pytest.fixture(autouse=True)
def gui_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("MIGRATOR_HOME", str(home))
    return home


@pytest.fixture
def german(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QTranslator]]:
    """The German translators installed as View > Language: Deutsch installs them, and removed
    after the test (English again)."""
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    installed = i18n.install_translators(qapp, "de")
    yield installed
    i18n.remove_translators(qapp, installed)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
