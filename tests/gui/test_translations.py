"""The German catalogue: complete and current against the sources, faithful to each source's
placeholders, compiled into the shipped .qm, and really shown by the widgets (plural forms too).

Refresh both files with `make translations` after changing a user-visible text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET  # the element type; parsing is defusedxml
from pathlib import Path

import pytest
from defusedxml import ElementTree as defused
from PySide6.QtCore import QCoreApplication

from migrator.gui import i18n, settings
from migrator.gui.main_window import MainWindow
from migrator.gui.views.inventory import summary_text
from migrator.gui.workers import TaskRunner
from tests.gui import factories

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "resources" / "translations").glob("migrator_*.ts"))
TS = ROOT / "resources" / "translations" / "migrator_de.ts"
BIN = Path(sys.executable).parent

Message = tuple[str, str, bool]
"""(context, source, numerus)."""


def _messages(path: Path) -> dict[Message, ET.Element]:
    found = {}
    for context in defused.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.get("numerus") == "yes")
            found[key] = message
    return found


def _lupdate(out: Path) -> None:
    sources = sorted(str(p) for p in (ROOT / "migrator" / "gui").rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", *sources, "-ts", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def _forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_the_catalogue_covers_every_source_text_and_nothing_else(ts: Path, tmp_path: Path) -> None:
    fresh = tmp_path / ts.name
    _lupdate(fresh)
    expected, catalogue = set(_messages(fresh)), _messages(ts)
    assert len(expected) > 500
    assert expected - set(catalogue) == set(), "new texts: run `make translations`"
    assert set(catalogue) - expected == set(), "texts no longer in the sources"
    plural_forms = set()
    for key, message in catalogue.items():
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None, key
        assert all(form.strip() for form in _forms(message)), key
        if key[2]:
            plural_forms.add(len(_forms(message)))
    assert len(plural_forms) == 1  # every plural message has all the language's forms
    if ts == TS:
        assert plural_forms == {2}  # German: singular and plural


PLACEHOLDER = re.compile(r"%L?n|%\d|\{\w+\}|</?\w+>")
MNEMONIC = re.compile(r"&(?![&\s])")


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_translations_keep_placeholders_tags_and_accelerators(ts: Path) -> None:
    for (context, source, _numerus), message in _messages(ts).items():
        wanted = sorted(PLACEHOLDER.findall(source))
        for form in _forms(message):
            where = f"{context}: {source!r} -> {form!r}"
            assert sorted(PLACEHOLDER.findall(form)) == wanted, where
            assert len(MNEMONIC.findall(form)) == len(MNEMONIC.findall(source)), where
            assert form.endswith(":") == source.endswith(":"), where
            assert form.endswith("…") == source.endswith("…"), where


def test_menu_accelerators_are_unique() -> None:
    catalogue = {(c, s): m for (c, s, _n), m in _messages(TS).items()}
    menus = [
        _forms(catalogue["MainWindow", m])[0] for m in ("&File", "&Accounts", "&View", "&Help")
    ]
    keys = {text[match.end()].lower() for text in menus if (match := MNEMONIC.search(text))}
    assert len(keys) == len(menus), menus


@pytest.mark.parametrize("ts", CATALOGUES, ids=lambda p: p.stem)
def test_the_shipped_qm_is_compiled_from_the_catalogue(ts: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{ts.stem}.qm"
    shipped = i18n.translations_dir() / out.name
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    assert shipped.is_file(), "run `make translations`"
    assert out.read_bytes() == shipped.read_bytes(), "the .qm is stale: run `make translations`"
    languages = [p.stem.removeprefix("migrator_") for p in CATALOGUES]
    assert "de" in languages and i18n.available_languages() == languages


def test_the_main_window_speaks_german(qtbot, german) -> None:
    assert len(german) == 2  # Qt's own strings, then migrator's
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Datei", "&Konten", "&Ansicht", "&Hilfe"]
    assert window.welcome.new_button.text() == "&Neue Migration …"
    assert window.statusBar().currentMessage() == "Bereit"
    languages = [action.text() for action in window.language_menu.actions()]
    assert languages == ["Wie das System", "English", "Deutsch"]
    # Qt's own dialogs follow: the standard buttons come from qtbase_de
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"


def test_plural_forms_follow_the_count(german) -> None:
    one = QCoreApplication.translate("BulkRulesEditor", "matches %Ln number(s)", "", 1)
    many = QCoreApplication.translate("BulkRulesEditor", "matches %Ln number(s)", "", 3)
    assert (one, many) == ("trifft auf 1 Rufnummer zu", "trifft auf 3 Rufnummern zu")
    assert summary_text(factories.inventory(1, apps=0)).startswith("1 Rufnummer, 0 Anwendungen")
    assert summary_text(factories.inventory(2, apps=1)).startswith("2 Rufnummern, 1 Anwendung,")


def test_english_is_the_source_and_needs_no_catalogue(qapp) -> None:
    assert summary_text(factories.inventory(1, apps=0)).startswith("1 number, 0 applications")
    assert summary_text(factories.inventory(2, apps=1)).startswith("2 numbers, 1 application,")


@pytest.mark.parametrize(
    ("wanted", "picked"),
    [
        (["de-Latn-DE", "de-DE", "de"], "de"),
        (["fr-FR", "de-AT"], "de"),
        (["en-US", "de-DE"], None),  # English first: the source texts
        (["C"], None),
        (["fr-FR"], None),
    ],
)
def test_the_first_wanted_language_with_a_catalogue_wins(wanted, picked) -> None:
    assert i18n.pick_language(wanted, ["de"]) == picked


def test_the_saved_choice_and_the_variable_override_the_system(monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    settings.set_language_choice("en")
    assert i18n.wanted_languages(settings.language_choice()) == ["en"]
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "de")
    assert i18n.wanted_languages(settings.language_choice()) == ["de"]
    settings.set_language_choice("")
    assert settings.language_choice() == ""


def test_choosing_a_language_in_the_menu_saves_it(qtbot) -> None:
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    deutsch = next(a for a in window.language_menu.actions() if a.data() == "de")
    deutsch.trigger()
    assert settings.language_choice() == "de"
    assert "migrator" in window.statusBar().currentMessage()


def test_the_app_loads_german_for_a_german_system(tmp_path: Path) -> None:
    """`application()` as `migrator` runs it: LANGUAGE=de through QLocale.system()."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE", i18n.LANGUAGE_VARIABLE)
    }
    env.update(
        LANG="C.UTF-8", LANGUAGE="de", QT_QPA_PLATFORM="offscreen", MIGRATOR_HOME=str(tmp_path)
    )
    code = (
        "from migrator.gui.app import application; from migrator.gui.i18n import translated;"
        "application(); print(translated('MainWindow', '&File'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "&Datei"


def test_the_summary_counts_each_vendor_hosted_url_once(qapp) -> None:
    from migrator.services.inventory_summary import summarize
    from tests.samples import hosted_inventory

    inventory = hosted_inventory()  # one Bin set in 7 webhooks, one Function in 1
    text = summary_text(inventory, summarize(inventory))
    assert "9 webhook settings." in text  # and one on a customer server
    assert "2 URL(s) run on the departing vendor and must be rebuilt." in text


def test_every_data_value_a_table_shows_has_a_word() -> None:
    from migrator.engine.journal import Status
    from migrator.gui.tables.words import WORDS
    from migrator.model.assessment import ItemKind
    from migrator.model.enums import Capability, NumberType, OwnerKind, WebhookPurpose
    from migrator.model.plan import ActionKind, Stage
    from migrator.model.porting import PortRoute, PortStatus

    shown = (NumberType, Capability, WebhookPurpose, OwnerKind, ItemKind, Stage, ActionKind)
    shown += (Status, PortStatus, PortRoute)
    values = {member.value.replace("_", " ") for enum in shown for member in enum}
    assert values - set(WORDS) == set()


def test_tables_show_data_values_in_german(qtbot, german) -> None:
    from migrator.gui.tables.inventory import NumbersModel, capabilities_text
    from migrator.gui.tables.words import word

    assert word("rolled_back") == "rückgängig gemacht" and word("foc-confirmed") == "FOC bestätigt"
    model = NumbersModel()
    model.set_inventory(factories.inventory(1, apps=0))
    cells = model.cells(model.row(0))
    assert cells[2] == "gebührenfrei" and cells[3] == capabilities_text(model.row(0).capabilities)
    assert "Sprache" in cells[3]
