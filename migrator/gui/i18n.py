"""Qt translation helpers for strings that are not a QObject's own (`self.tr` covers those),
and loading the app's translations (resources/translations/*.ts, compiled next to this module).

Literals are marked with QT_TRANSLATE_NOOP(context, text) so pyside6-lupdate extracts them;
`translated(context, text)` translates at use. Table cells call
`tr` for the same few words on every row, so translations are cached per language load.
English is the source language: it needs no translation file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

SOURCE_LANGUAGE = "en"
CATALOGUE = "migrator"
"""Compiled catalogues are translations/migrator_<language>.qm beside this module."""
LANGUAGE_VARIABLE = "MIGRATOR_LANG"
"""Overrides the UI language (e.g. 'de', or 'en' for the source texts) for one run."""

_ENGLISH_PLURAL = re.compile(r"\((e?s)\)")


@lru_cache(maxsize=4096)
def translated(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


_generation = 0


def reset_cache() -> None:
    """Call after installing another QTranslator."""
    global _generation
    translated.cache_clear()
    _generation += 1


def generation() -> int:
    """Changes whenever the translators change: caches of translated texts key on it."""
    return _generation


def english_plural(text: str, n: int) -> str:
    """A numerus message as translated for `n`; when it is the English source (no translation
    loaded), 'word(s)' becomes 'word' or 'words'. Translations carry their own plural forms."""
    return _ENGLISH_PLURAL.sub("" if n == 1 else r"\1", text)


def counted(text: str, n: int, english: bool = True) -> str:
    """A numerus message translated for `n` ('%1 number(s)'), with %1 as n written 1,234.
    `english` False keeps the source's 'word(s)' (sentences whose verb is plural)."""
    return (english_plural(text, n) if english else text).replace("%1", f"{n:,}")


# --- loading ---------------------------------------------------------------------------------
def translations_dir() -> Path:
    """Where the compiled catalogues live: in a checkout, a wheel and a PyInstaller bundle."""
    return Path(__file__).resolve().parent / "translations"


def available_languages() -> list[str]:
    """Languages with a compiled catalogue, e.g. ['de'] (English, the source, is implied)."""
    prefix = CATALOGUE + "_"
    return sorted(p.stem[len(prefix) :] for p in translations_dir().glob(f"{prefix}*.qm"))


def pick_language(wanted: Iterable[str], available: Iterable[str]) -> str | None:
    """The first of `wanted` (BCP 47 names like 'de-DE', most preferred first) that has a
    catalogue; None when English comes first or nothing matches (the source texts)."""
    offered = set(available)
    for name in wanted:
        parts = name.replace("_", "-").split("-")
        language = parts[0].lower()
        if language in (SOURCE_LANGUAGE, "c"):
            return None
        candidates = ["_".join([language, *parts[1:]]), "_".join([language, parts[-1]]), language]
        for candidate in candidates:
            if candidate in offered:
                return candidate
    return None


def wanted_languages(choice: str = "") -> list[str]:
    """The admin's languages, most preferred first: $MIGRATOR_LANG, then the saved choice
    (View > Language), then the system's (LANGUAGE, LC_ALL, LANG through QLocale)."""
    override = os.environ.get(LANGUAGE_VARIABLE, "").strip() or choice.strip()
    if override:
        return [override]
    return list(QLocale.system().uiLanguages())


def install_translators(app: QCoreApplication, choice: str = "") -> list[QTranslator]:
    """Qt's own translation, then the app's, for the admin's language; returns what was
    installed (empty for English) so a caller can remove it again."""
    language = pick_language(wanted_languages(choice), available_languages())
    installed: list[QTranslator] = []
    if language is not None:
        locale = QLocale(language)
        qt = QTranslator(app)
        if qt.load(
            locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            app.installTranslator(qt)
            installed.append(qt)
        ours = QTranslator(app)
        if ours.load(f"{CATALOGUE}_{language}", str(translations_dir())):
            app.installTranslator(ours)
            installed.append(ours)
    reset_cache()
    return installed


def remove_translators(app: QCoreApplication, translators: Iterable[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    reset_cache()
