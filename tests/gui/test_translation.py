"""Strings go through Qt's translation functions: a translator that marks every text it is
asked for shows up in headers, labels, menus, table cells and the texts of the tables of words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QLabel

from migrator.gui import i18n
from migrator.gui.credentials import CredentialsDialog
from migrator.gui.main_window import MainWindow
from migrator.gui.tables.inventory import NumbersModel
from migrator.gui.workers import TaskRunner
from tests.gui import factories

pytestmark = pytest.mark.gui


class Marking(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[override]
        return f"«{source}»" if source else source

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def marking(qapp):
    translator = Marking()
    QCoreApplication.installTranslator(translator)
    i18n.reset_cache()
    yield translator
    QCoreApplication.removeTranslator(translator)
    i18n.reset_cache()


def test_visible_texts_are_translated(qtbot, marking) -> None:
    model = NumbersModel(factories.inventory(2, apps=0))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "«Number»"
    assert model.data(model.index(0, 4)) == "«own URLs»"
    dialog = CredentialsDialog()
    qtbot.addWidget(dialog)
    assert dialog.key_label.text() == "«Account SID»:"
    assert dialog.windowTitle() == "«Add vendor credentials»"
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus and all(text.startswith("«") for text in menus)
    assert window.welcome.new_button.text() == "«&New migration…»"
    labels = [label.text() for label in window.welcome.findChildren(QLabel)]
    assert any("«Connect the departing account" in text for text in labels)
