"""The CSV template for vendors with no API left: saved from the wizard's first page, the
same as the README shows, and importable as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from migrator.gui.wizard import MigrationWizard
from migrator.vendors.file_import import CSV_COLUMNS, CSV_TEMPLATE, import_inventory

pytestmark = pytest.mark.gui
README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_shows_the_template_the_app_saves() -> None:
    blocks = re.findall(r"```\n(number,.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks == [CSV_TEMPLATE]
    assert CSV_TEMPLATE.splitlines()[0] == ",".join(CSV_COLUMNS)


def test_the_wizard_saves_a_template_that_imports_and_can_be_chosen(qtbot, tmp_path: Path) -> None:
    wizard = MigrationWizard(folder=tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.source_page
    saved = page.save_template(tmp_path / "numbers-template.csv")
    assert saved is not None and saved.read_text(encoding="utf-8") == CSV_TEMPLATE
    assert str(saved) in page.template_note.text() and page.template_note.isVisible()
    inventory = import_inventory(saved)
    assert {n.e164 for n in inventory.numbers} == {"+14155550123", "+12125550143"}
    assert [a.name for a in inventory.applications] == ["Front desk"]
    page.file_edit.setText(str(saved))
    page.use_file.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_template_that_cannot_be_written_says_why(qtbot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("")
    wizard = MigrationWizard(folder=tmp_path)
    qtbot.addWidget(wizard)
    assert wizard.source_page.save_template(not_a_folder / "t.csv") is None
    note = wizard.source_page.template_note.text()
    assert note.startswith("The template could not be saved: ") and "Not a directory" in note
